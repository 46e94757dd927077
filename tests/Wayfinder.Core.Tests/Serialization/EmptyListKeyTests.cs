namespace Wayfinder.Core.Tests.Serialization;

using System.Collections;
using System.Reflection;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;

/// <summary>
/// A list key with nothing after it (<c>pains:</c>) reads as an empty list, for every list of every document kind: the
/// fixtures in <c>Fixtures/empty-lists</c> write each list key of a kind, at every level, that way.
/// </summary>
public sealed class EmptyListKeyTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "empty-lists", name));

    public static TheoryData<string, Type> Fixtures => new()
    {
        { "journey.yaml", typeof(Journey) },
        { "persona.yaml", typeof(Persona) },
        { "value-gap.yaml", typeof(ValueGapMap) },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void NoListOrMapIsNullAfterReading(string file, Type type)
    {
        var document = DocumentYaml.Read(Fixture(file), type);

        Assert.Empty(NullCollections(document!, ""));
    }

    [Fact]
    public void AJourneysEmptyListKeysReadAsEmptyListsAndAreLeftOutOfItsJson()
    {
        var journey = DocumentYaml.Read<Journey>(Fixture("journey.yaml"));

        Assert.Empty(journey.Tags);
        Assert.Empty(journey.Personas);
        Assert.Empty(journey.Timeline!.Phases[0].Stages);
        Assert.Empty(journey.Stages[0].Steps[0].Next);
        Assert.Empty(journey.Stages[1].Steps);
        Assert.Empty(journey.Lanes[0].Items[0].Events);
        Assert.Empty(journey.Lanes[0].Items[0].Addresses);
        Assert.Empty(journey.Lanes[0].Items[0].Evidence);
        Assert.Empty(journey.Lanes[0].Items[0].Comments);
        Assert.Empty(journey.Lanes[1].Items);
        Assert.Empty(journey.Evidence);
        Assert.Empty(journey.Comments);
        Assert.Equal(
            """
            {
              "kind": "journey",
              "id": "trip",
              "title": "A trip",
              "revision": 0,
              "state": "current",
              "timeline": {
                "span": "6 weeks",
                "phases": [
                  {
                    "name": "Before"
                  }
                ]
              },
              "stages": [
                {
                  "id": "search",
                  "name": "Search",
                  "steps": [
                    {
                      "id": "compare",
                      "name": "Compare"
                    }
                  ]
                },
                {
                  "id": "book",
                  "name": "Book"
                }
              ],
              "lanes": [
                {
                  "id": "touch",
                  "type": "touchpoints",
                  "items": [
                    {
                      "id": "tp-web",
                      "stage": "search"
                    }
                  ]
                },
                {
                  "id": "pains",
                  "type": "pain_points"
                }
              ]
            }
            """.ReplaceLineEndings("\n"),
            DocumentJson.Write(journey).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void APersonasEmptyListKeysReadAsEmptyListsAndAreLeftOutOfItsJson()
    {
        var persona = DocumentYaml.Read<Persona>(Fixture("persona.yaml"));

        Assert.Empty(persona.Tags);
        Assert.Empty(persona.Demographics!.Other);
        Assert.Empty(persona.Goals);
        Assert.Empty(persona.Needs[0].Evidence);
        Assert.Empty(persona.Jobs[0].Evidence);
        Assert.Empty(persona.Motivations);
        Assert.Empty(persona.Pains);
        Assert.Empty(persona.Gains);
        Assert.Empty(persona.Behaviours[0].Evidence);
        Assert.Empty(persona.Channels);
        Assert.Empty(persona.CompetitorAttitudes[0].Evidence);
        Assert.Equal((0, 0, 0, 0), (persona.EmpathyMap!.Says.Count, persona.EmpathyMap.Thinks.Count, persona.EmpathyMap.Does.Count, persona.EmpathyMap.Feels.Count));
        Assert.Empty(persona.Evidence);
        Assert.Empty(persona.Comments);
        Assert.Equal(
            """
            {
              "kind": "persona",
              "id": "maya",
              "title": "Maya",
              "revision": 0,
              "type": "proto",
              "demographics": {},
              "needs": [
                {
                  "id": "need-calm",
                  "text": "Calm",
                  "importance": 3
                }
              ],
              "jobs": [
                {
                  "id": "job-fly",
                  "when": "I travel",
                  "want": "to fly",
                  "so_that": "I arrive"
                }
              ],
              "behaviours": [
                {
                  "id": "behaviour-plan",
                  "text": "Plans ahead"
                }
              ],
              "competitor_attitudes": [
                {
                  "id": "attitude-acme",
                  "competitor": "acme",
                  "attitude": "Likes it"
                }
              ],
              "empathy_map": {}
            }
            """.ReplaceLineEndings("\n"),
            DocumentJson.Write(persona).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void AValueGapMapsEmptyListKeysReadAsEmptyListsAndAreLeftOutOfItsJson()
    {
        var map = DocumentYaml.Read<ValueGapMap>(Fixture("value-gap.yaml"));

        Assert.Empty(map.Tags);
        Assert.Empty(map.Competitors);
        Assert.Empty(map.Needs[0].Ratings);
        Assert.Empty(map.Needs[0].Evidence);
        Assert.Empty(map.Evidence);
        Assert.Empty(map.Comments);
        Assert.Equal(
            """
            {
              "kind": "value_gap",
              "id": "gaps",
              "title": "Gaps",
              "revision": 0,
              "persona": "maya",
              "scale_max": 5,
              "parity_band": 0.5,
              "needs": [
                {
                  "id": "need-price",
                  "text": "Low price",
                  "importance": 3,
                  "ours": 0
                }
              ]
            }
            """.ReplaceLineEndings("\n"),
            DocumentJson.Write(map).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void AnEmptyListKeyWrittenBackToYamlIsLeftOut()
    {
        var persona = DocumentYaml.Read<Persona>("kind: persona\nid: maya\ntitle: Maya\npains:\ngoals: ~\n");

        Assert.Equal("kind: persona\nid: maya\ntitle: Maya\nrevision: 0\ntype: proto\n", DocumentYaml.Write(persona).ReplaceLineEndings("\n"));
    }

    /// <summary>The paths of every collection property left null in an object graph of documents (records, lists, maps).</summary>
    private static List<string> NullCollections(object value, string path)
    {
        var found = new List<string>();
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType == typeof(string) || property.PropertyType.IsValueType)
            {
                continue;
            }

            var child = property.GetValue(value);
            var childPath = $"{path}.{property.Name}";
            if (child is null && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                found.Add(childPath);
            }
            else if (child is IDictionary)
            {
                continue;
            }
            else if (child is IEnumerable items)
            {
                var i = 0;
                foreach (var item in items)
                {
                    if (item is not null && item is not string)
                    {
                        found.AddRange(NullCollections(item, $"{childPath}[{i}]"));
                    }

                    i++;
                }
            }
            else if (child is not null && property.PropertyType.Namespace == typeof(Journey).Namespace)
            {
                found.AddRange(NullCollections(child, childPath));
            }
        }

        return found;
    }
}

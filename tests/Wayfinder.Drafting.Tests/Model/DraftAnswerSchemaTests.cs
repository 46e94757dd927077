namespace Wayfinder.Drafting.Tests.Model;

using System.Text.Json;
using System.Text.Json.Nodes;
using Wayfinder.Drafting.Answers;
using Wayfinder.Drafting.Model;

/// <summary>The draft-answer schema keeps strict structured output's rules, and the recorded answers are what they say.</summary>
public sealed class DraftAnswerSchemaTests
{
    [Fact]
    public void EveryObjectOfTheSchemaIsClosedAndRequiresAllItsProperties()
    {
        var schema = JsonSerializer.SerializeToNode(DraftAnswerSchema.Schema)!;
        var objects = Objects(schema).ToList();

        // DraftAnswer, DraftStage, DraftTouchpoint, DraftText three times (actions, questions, thoughts: references are
        // inlined), DraftEmotion, DraftPain, DraftOpportunity, DraftKpi.
        Assert.Equal(10, objects.Count);
        foreach (var o in objects)
        {
            Assert.False((bool?)o["additionalProperties"]);
            var properties = o["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
            var required = o["required"]!.AsArray().Select(r => (string?)r).Order(StringComparer.Ordinal);
            Assert.Equal(properties, required);
        }
    }

    [Fact]
    public void TheSchemaNamesTheSnakeCasePropertiesAndANullableLoopAsATypeUnion()
    {
        var schema = JsonSerializer.SerializeToNode(DraftAnswerSchema.Schema)!;
        var stage = schema["properties"]!["stages"]!["items"]!;

        Assert.Equal(["title", "summary", "stages"], schema["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["string", "null"], stage["properties"]!["loops_to"]!["type"]!.AsArray().Select(t => (string?)t));
        Assert.Equal("number", (string?)stage["properties"]!["emotion"]!["properties"]!["score"]!["type"]);
        Assert.Contains("pain_points", stage["properties"]!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain("$ref", schema.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("good.completion.json", "good.json")]
    [InlineData("invalid.completion.json", "invalid.json")]
    public void ARecordedCompletionAnswersItsReadableAnswerFile(string completion, string answer)
    {
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(RecordedReply.Folder, completion)))!;
        var content = (string)body["choices"]![0]!["message"]!["content"]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Path.Combine(RecordedReply.Folder, "answers", answer))), JsonNode.Parse(content)));
        Assert.NotNull(DraftAnswerJson.Read(content).Answer);
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["properties"] is not null || (o["type"] is JsonValue v && (string?)v == "object") || (o["type"] is JsonArray t && t.Any(x => (string?)x == "object")))
                {
                    yield return o;
                }

                foreach (var (_, child) in o)
                {
                    foreach (var inner in Objects(child))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    foreach (var inner in Objects(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}

namespace Wayfinder.Core.Tests.Serialization;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;

public sealed class YamlRoundTripTests
{
    [Fact]
    public void TraitWithoutEvidenceIsWrittenAsPlainString()
    {
        var persona = new Persona { Id = "maya", Title = "Maya", Goals = ["Fly cheaply", new Trait { Text = "Arrive rested", Evidence = ["int-1"] }] };

        var yaml = DocumentYaml.Write(persona);

        Assert.Equal(
            """
            kind: persona
            id: maya
            title: Maya
            revision: 0
            type: proto
            goals:
              - Fly cheaply
              - text: Arrive rested
                evidence:
                  - int-1

            """.ReplaceLineEndings("\n"), yaml.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void JourneyReadAndWrittenAgainIsTheSameText()
    {
        var journey = new Journey
        {
            Id = "flight",
            Title = "First flight",
            State = JourneyState.Future,
            CurrentMap = "flight-today",
            Stages = [new Stage { Id = "board", Name = "Board flight", Steps = [new Step { Id = "gate", Name = "Find gate", Next = ["queue", "fast"] }] }],
            Lanes =
            [
                new Lane { Id = "tp", Type = LaneType.Touchpoints, Items = [new LaneItem { Stage = "board", Text = "Boarding pass", Channel = "app", Events = ["boarding_pass_*", new EventMatcher { Name = "scan", Where = "gate = \"A1\"" }] }] },
                new Lane { Id = "emo", Type = LaneType.Emotion, Items = [new LaneItem { Stage = "board", Score = -1.5 }] },
                new Lane { Id = "kpi", Type = LaneType.Kpis, Items = [new LaneItem { Stage = "board", Metric = "conversion(board)", Target = ">= 80%", Status = KpiStatus.DoesNotMeet }] },
            ],
            Review = new Review { LastReviewed = new DateOnly(2026, 10, 1), CadenceDays = 30 },
        };

        var yaml = DocumentYaml.Write(journey);
        var again = DocumentYaml.Write(DocumentYaml.Read<Journey>(yaml));

        Assert.Equal(yaml, again);
        Assert.Contains("status: does_not_meet", yaml, StringComparison.Ordinal);
        Assert.Contains("last_reviewed: 2026-10-01", yaml, StringComparison.Ordinal);
    }
}

namespace Wayfinder.Core.Tests.Schema;

using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Workspaces;

public sealed class SchemaValidationTests
{
    private static JsonSchema Schema(string file) =>
        JsonSchema.FromText(DocumentSchemas.All()[file], new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private static bool IsValid(string file, JsonNode instance)
    {
        using var document = JsonDocument.Parse(instance.ToJsonString());
        return Schema(file).Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid;
    }

    private static Journey SampleJourney() => new()
    {
        Id = "flight",
        Title = "First flight",
        Personas = ["maya"],
        State = JourneyState.Future,
        CurrentMap = "flight-today",
        Timeline = new Timeline { Span = "6 weeks", Phases = [new Phase { Name = "Before", Stages = ["board"] }] },
        Subject = new Subject { Kind = SubjectKind.Competitor, Competitor = "jetfast" },
        Stages = [new Stage { Id = "board", Name = "Board flight", Steps = [new Step { Id = "gate", Name = "Find gate", Next = ["queue"] }, new Step { Id = "queue", Name = "Queue" }] }],
        Lanes =
        [
            new Lane { Id = "tp", Type = LaneType.Touchpoints, Items = [new LaneItem { Stage = "board", Channel = "app", Events = ["boarding_pass_*", new EventMatcher { Name = "scan", Where = "gate = \"A1\"" }] }] },
            new Lane { Id = "emo", Type = LaneType.Emotion, Items = [new LaneItem { Stage = "board", Score = -1.5 }] },
            new Lane { Id = "kpi", Type = LaneType.Kpis, Items = [new LaneItem { Stage = "board", Metric = "conversion(board)", Target = ">= 80%", Status = KpiStatus.DoesNotMeet }] },
            new Lane { Id = "opp", Type = LaneType.Opportunities, Items = [new LaneItem { Stage = "board", OpportunityStatus = OpportunityStatus.InProgress, CustomerValue = 5, BusinessValue = 1, Effort = 3 }] },
        ],
        Evidence = [new EvidenceLink { Id = "int-1", Kind = EvidenceKind.SupportTicket, Date = new DateOnly(2026, 10, 1) }],
        Review = new Review { LastReviewed = new DateOnly(2026, 10, 1), CadenceDays = 30 },
        Comments = [new Comment { Author = "ana", Text = "Looks right" }],
    };

    private static JsonNode JourneyJson() => JsonNode.Parse(DocumentJson.Write(SampleJourney()))!;

    [Fact]
    public void JourneyWrittenAsJsonValidatesAgainstTheJourneySchema()
    {
        Assert.True(IsValid("journey.schema.json", JourneyJson()));
    }

    [Fact]
    public void JourneyWithAnUnknownFieldDoesNotValidate()
    {
        var json = JourneyJson();
        json["stages"]![0]!["descripton"] = "typo";

        Assert.False(IsValid("journey.schema.json", json));
    }

    [Fact]
    public void JourneyWithAnEmotionScoreOfThreeDoesNotValidate()
    {
        var json = JourneyJson();
        json["lanes"]![1]!["items"]![0]!["score"] = 3;

        Assert.False(IsValid("journey.schema.json", json));
    }

    [Fact]
    public void StageIdThatIsNotASlugDoesNotValidate()
    {
        var json = JourneyJson();
        json["stages"]![0]!["id"] = "Board Flight";

        Assert.False(IsValid("journey.schema.json", json));
    }

    [Fact]
    public void JourneyWithAWrongEnumValueOrKindDoesNotValidate()
    {
        var state = JourneyJson();
        state["state"] = "futur";
        var kind = JourneyJson();
        kind["kind"] = "persona";

        Assert.False(IsValid("journey.schema.json", state));
        Assert.False(IsValid("journey.schema.json", kind));
    }

    [Fact]
    public void EventMatcherMayBeAStringOrANameWithWhereButNothingElse()
    {
        var json = JourneyJson();
        json["lanes"]![0]!["items"]![0]!["events"]![1]!["were"] = "x = 1";

        Assert.False(IsValid("journey.schema.json", json));
    }

    [Fact]
    public void PersonaWithTraitsAsStringsAndObjectsValidates()
    {
        var persona = new Persona
        {
            Id = "maya",
            Title = "Maya",
            Type = PersonaType.Qualitative,
            Goals = ["Fly cheaply", new Trait { Text = "Arrive rested", Evidence = ["int-1"] }],
            Needs = [new Need { Id = "price", Text = "Clear prices", Importance = 5 }],
            Jobs = [new JobToBeDone { When = "I book", Want = "to see the price", SoThat = "I can budget" }],
            CompetitorAttitudes = [new CompetitorAttitude { Competitor = "jetfast", Attitude = "Cheap" }],
            EmpathyMap = new EmpathyMap { Says = ["Too many fees"] },
            Demographics = new Demographics { AgeRange = "25-34", Other = new() { ["pets"] = "cat" } },
            Segment = "plan = \"starter\"",
        };
        var json = JsonNode.Parse(DocumentJson.Write(persona))!;
        var tooImportant = json.DeepClone();
        tooImportant["needs"]![0]!["importance"] = 6;

        Assert.True(IsValid("persona.schema.json", json));
        Assert.False(IsValid("persona.schema.json", tooImportant));
    }

    [Fact]
    public void ValueGapMapValidatesAndRejectsARatingBelowOne()
    {
        var map = new ValueGapMap
        {
            Id = "gaps",
            Title = "Gaps",
            Persona = "maya",
            Competitors = ["jetfast"],
            Needs = [new ValueNeed { Id = "price", Text = "Price", Importance = 4, Ours = 2, Ratings = new() { ["jetfast"] = 4 } }],
        };
        var json = JsonNode.Parse(DocumentJson.Write(map))!;
        var low = json.DeepClone();
        low["needs"]![0]!["ratings"]!["jetfast"] = 0;

        Assert.True(IsValid("value-gap.schema.json", json));
        Assert.False(IsValid("value-gap.schema.json", low));
    }

    [Fact]
    public void WorkspaceConfigValidatesAndRejectsAnUnknownField()
    {
        var config = new WorkspaceConfig
        {
            Name = "Skyways",
            Channels = [new Channel { Id = "web", Name = "Website", Kind = ChannelKind.Digital, Glyph = "web" }],
            Competitors = [new Competitor { Id = "jetfast", Name = "JetFast" }],
            DataSources = [new DataSource { Id = "events", Path = "data/events.csv", Mapping = new() { ["customer_id"] = "user" } }],
        };
        var json = JsonNode.Parse(DocumentJson.Write(config))!;
        var typo = json.DeepClone();
        typo["chanels"] = new JsonArray();

        Assert.True(IsValid("workspace.schema.json", json));
        Assert.False(IsValid("workspace.schema.json", typo));
    }

    [Fact]
    public void SchemasDeclareDraftIdTitleAndKind()
    {
        var journey = JsonNode.Parse(DocumentSchemas.All()["journey.schema.json"])!;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)journey["$schema"]);
        Assert.Equal("https://wayfinder.dev/schemas/journey.schema.json", (string?)journey["$id"]);
        Assert.Equal("Wayfinder journey map", (string?)journey["title"]);
        Assert.Equal("journey", (string?)journey["properties"]!["kind"]!["const"]);
        Assert.False((bool)journey["additionalProperties"]!);
        Assert.Equal("value_gap", (string?)JsonNode.Parse(DocumentSchemas.All()["value-gap.schema.json"])!["properties"]!["kind"]!["const"]);
    }
}

namespace Wayfinder.Core.Tests.Documents;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;

public sealed class ElementIdsTests
{
    private static readonly HashSet<string> s_none = [];

    private static Journey Trip() => new()
    {
        Id = "trip",
        Title = "Trip",
        Stages =
        [
            new Stage { Id = "book", Name = "Book", Steps = [new Step { Id = "pay", Name = "Pay" }] },
            new Stage { Id = "fly", Name = "Fly" },
        ],
        Lanes =
        [
            new Lane
            {
                Id = "pains",
                Type = LaneType.PainPoints,
                Items =
                [
                    new LaneItem { Stage = "book", Text = "Hidden fees at the checkout" },
                    new LaneItem { Id = "queue", Stage = "fly", Text = "Long queue" },
                    new LaneItem { Stage = "book", Text = "Hidden fees at the checkout!" },
                ],
            },
            new Lane { Id = "feel", Type = LaneType.Emotion, Items = [new LaneItem { Stage = "book", Score = -1 }, new LaneItem { Stage = "fly", Score = 1 }] },
            new Lane { Id = "kpi", Type = LaneType.Kpis, Items = [new LaneItem { Stage = "book", Metric = "conversion(book)", Target = ">= 40%" }] },
        ],
    };

    private static Persona Maya() => new()
    {
        Id = "maya",
        Title = "Maya",
        Goals = ["Visit my family twice a year", new Trait { Id = "cheap", Text = "Fly cheaply" }],
        Pains = ["Café queues at Zürich airport"],
        Jobs = [new JobToBeDone { When = "I book", Want = "to see the full price", SoThat = "I can compare" }],
        CompetitorAttitudes = [new CompetitorAttitude { Competitor = "jetfast", Attitude = "Cheap but stressful" }],
        EmpathyMap = new EmpathyMap { Feels = ["Anxious"] },
    };

    [Fact]
    public void MissingIdsAreFilledWithReadableSlugsAndExistingOnesKept()
    {
        var journey = ElementIds.Assign(Trip(), s_none);

        // Kind word + stage + up to four words of the text, stop words left out; a text that gives the same id gets -2.
        Assert.Equal(
            [
                new ElementRef("book", "stages[0]"),
                new ElementRef("pay", "stages[0].steps[0]"),
                new ElementRef("fly", "stages[1]"),
                new ElementRef("pains", "lanes[0]"),
                new ElementRef("pain-book-hidden-fees-checkout", "lanes[0].items[0]"),
                new ElementRef("queue", "lanes[0].items[1]"),
                new ElementRef("pain-book-hidden-fees-checkout-2", "lanes[0].items[2]"),
                new ElementRef("feel", "lanes[1]"),
                new ElementRef("emotion-book", "lanes[1].items[0]"),
                new ElementRef("emotion-fly", "lanes[1].items[1]"),
                new ElementRef("kpi", "lanes[2]"),
                new ElementRef("kpi-book-conversion-book", "lanes[2].items[0]"),
            ],
            ElementIds.List(journey));
    }

    [Fact]
    public void PersonaTraitsJobsAndAttitudesGetIdsInAsciiWithAccentsDropped()
    {
        var persona = ElementIds.Assign(Maya(), s_none);

        Assert.Equal(
            [
                new ElementRef("goal-visit-family-twice-year", "goals[0]"),
                new ElementRef("cheap", "goals[1]"),
                new ElementRef("job-see-full-price", "jobs[0]"),
                new ElementRef("pain-cafe-queues-zurich-airport", "pains[0]"),
                new ElementRef("attitude-jetfast-cheap-but-stressful", "competitor_attitudes[0]"),
                new ElementRef("feels-anxious", "empathy_map.feels[0]"),
            ],
            ElementIds.List(persona));
    }

    [Fact]
    public void IdsAreAssignedOnceAndKeptWhenAssignedAgain()
    {
        var once = ElementIds.Assign(Trip(), s_none);
        var used = ElementIds.List(once).Select(e => e.Id).ToHashSet();

        var twice = ElementIds.Assign(once, used);

        Assert.Equal(DocumentYaml.Write(once), DocumentYaml.Write(twice));
    }

    [Fact]
    public void AnIdUsedByAnEarlierRevisionIsNeverGivenAgain()
    {
        // Earlier revisions had pain points with these ids that were since deleted: a new item with the same text must
        // not take over their comments, so it gets the next number nobody ever had.
        HashSet<string> used = ["pain-book-hidden-fees-checkout", "pain-book-hidden-fees-checkout-2"];

        var journey = ElementIds.Assign(Trip(), used);

        Assert.Equal("pain-book-hidden-fees-checkout-3", journey.Lanes[0].Items[0].Id);
        Assert.Equal("pain-book-hidden-fees-checkout-4", journey.Lanes[0].Items[2].Id);
    }

    [Fact]
    public void GeneratedIdsAvoidEveryIdInTheDocumentWhateverItsKind()
    {
        // A stage already has the id the first emotion item would get, so the item gets "-2".
        var trip = Trip();
        var journey = ElementIds.Assign(trip with { Stages = [.. trip.Stages, new Stage { Id = "emotion-book", Name = "Extra" }] }, s_none);

        Assert.Equal("emotion-book-2", journey.Lanes[1].Items[0].Id);
        Assert.Equal("emotion-fly", journey.Lanes[1].Items[1].Id);
    }

    [Fact]
    public void LongTextsAreCutAtAWord()
    {
        var journey = new Journey
        {
            Id = "j",
            Title = "J",
            Lanes = [new Lane { Id = "ideas", Type = LaneType.Ideas, Items = [new LaneItem { Stage = "onboarding-and-first-steps", Text = "Personalised recommendations everywhere immediately" }] }],
        };

        var id = ElementIds.Assign(journey, s_none).Lanes[0].Items[0].Id;

        // "idea-onboarding-and-first-steps-personalised" is 44 characters; adding "-recommendations" would pass 48.
        Assert.Equal("idea-onboarding-and-first-steps-personalised", id);
    }

    [Fact]
    public void AFileWithoutIdsStillLoadsAndListsOnlyTheIdsItHas()
    {
        const string Yaml = """
            kind: persona
            id: maya
            title: Maya
            goals:
              - Fly cheaply
            pains:
              - id: fees
                text: Hidden fees

            """;

        var persona = DocumentYaml.Read<Persona>(Yaml);

        Assert.Equal([new ElementRef("fees", "pains[0]")], ElementIds.List(persona));
        Assert.Null(persona.Goals[0].Id);
    }

    [Fact]
    public void ADocumentWithIdsRoundTripsByteIdentical()
    {
        var persona = ElementIds.Assign(Maya() with { Goals = [.. Maya().Goals, new Trait { Text = "Stay in touch", Evidence = ["int-1"] }] }, s_none);

        var written = DocumentYaml.Write(persona);
        var again = DocumentYaml.Write(DocumentYaml.Read<Persona>(written));

        Assert.Equal(written, again);
        Assert.Contains("goals:\n  - id: goal-visit-family-twice-year\n    text: Visit my family twice a year\n  - id: cheap\n    text: Fly cheaply\n  - id: goal-stay-touch\n    text: Stay in touch\n    evidence:\n      - int-1\n", written.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        var journey = ElementIds.Assign(Trip(), s_none);
        var journeyText = DocumentYaml.Write(journey);
        Assert.Equal(journeyText, DocumentYaml.Write(DocumentYaml.Read<Journey>(journeyText)));
    }
}

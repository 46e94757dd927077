namespace Wayfinder.Web.Components.Tests.Home;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Web.Components.Home;

/// <summary>The home page's small figures: evidence coverage per document, times in plain words, the coverage bar.</summary>
public sealed class OverviewFiguresTests : BunitContext
{
    private static readonly Workspace s_workspace = new()
    {
        Root = "t",
        Config = new WorkspaceConfig { Name = "t", Evidence = [new EvidenceLink { Id = "survey", Kind = EvidenceKind.Survey }] },
    };

    [Fact]
    public void A_journey_is_covered_by_its_cards_that_cite_evidence_that_resolves()
    {
        var journey = new Journey
        {
            Id = "j",
            Title = "J",
            Evidence = [new EvidenceLink { Id = "int", Kind = EvidenceKind.Interview }],
            Lanes =
            [
                new Lane
                {
                    Id = "pains",
                    Type = LaneType.PainPoints,
                    Items = [new LaneItem { Stage = "s", Evidence = ["int"] }, new LaneItem { Stage = "s", Evidence = ["nowhere"] }, new LaneItem { Stage = "s" }],
                },
                new Lane { Id = "kpis", Type = LaneType.Kpis, Items = [new LaneItem { Stage = "s", Evidence = ["survey"] }] },
                new Lane { Id = "feel", Type = LaneType.Emotion, Items = [new LaneItem { Stage = "s", Score = 1 }] },
            ],
        };

        // Cards: "int" (document evidence) and "survey" (workspace evidence) resolve; "nowhere" does not; the emotion point is no card.
        var coverage = EvidenceCoverage.Of(journey, s_workspace);

        Assert.Equal(new Coverage(2, 4), coverage);
        Assert.Equal(50, coverage.Percent);
    }

    [Fact]
    public void A_persona_is_covered_by_its_traits_needs_and_jobs_that_cite_evidence()
    {
        var persona = new Persona
        {
            Id = "p",
            Title = "P",
            Goals = [new Trait { Text = "g", Evidence = ["survey"] }],
            Pains = ["p1", "p2"],
            Needs = [new Need { Id = "n", Text = "n", Evidence = ["survey"] }],
        };

        Assert.Equal(new Coverage(2, 4), EvidenceCoverage.Of(persona, s_workspace));
    }

    [Fact]
    public void Coverage_rounds_to_whole_percent_and_is_zero_without_items()
    {
        Assert.Equal(67, new Coverage(2, 3).Percent);
        Assert.Equal(0, new Coverage(0, 0).Percent);
        Assert.Equal(new Coverage(3, 7), EvidenceCoverage.Sum([new Coverage(2, 3), new Coverage(1, 4)]));
    }

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(5, "5 min ago")]
    [InlineData(3 * 60 + 10, "3 h ago")]
    [InlineData(30 * 60, "yesterday")]
    [InlineData(4 * 24 * 60, "4 days ago")]
    [InlineData(10 * 24 * 60, "23 Nov 2026")]
    public void Times_read_in_plain_words(int minutesAgo, string expected)
    {
        var now = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, When.Ago(now.AddMinutes(-minutesAgo), now));
    }

    [Fact]
    public void The_coverage_bar_shows_the_figure_and_says_the_counts()
    {
        var cut = Render<CoverageBar>(p => p.Add(c => c.Value, new Coverage(1, 4)));

        Assert.Equal("25%", cut.Find(".coverage-figure").TextContent);
        Assert.Equal("width: 25%", cut.Find(".coverage-fill").GetAttribute("style"));
        Assert.Contains("coverage-low", cut.Find(".coverage-fill").ClassList);
        Assert.Equal("evidence coverage: 1 of 4 items cite evidence", cut.Find(".visually-hidden").TextContent);
    }
}

namespace Wayfinder.Rendering.Tests.DataCharts;

using Wayfinder.Core.Metrics;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;

public sealed class MapDataMarksTests
{
    /// <summary>
    /// TestJourneys.Map(3)'s touchpoints have no ids, so the data names them by lane and position: touchpoints-1 (s1),
    /// touchpoints-2 (s2), touchpoints-3 (s3), touchpoints-4 (s3, the desk terminal), touchpoints-5 (s1, word of mouth).
    /// </summary>
    internal static JourneyReport Report() => DataOverlayTests.Report() with
    {
        Metrics = DataOverlayTests.Report().Metrics with
        {
            Stranded =
            [
                new StrandedRow("touchpoints-1", "s1", 651, 1938, 0.336),
                new StrandedRow("touchpoints-2", "s2", 40, 800, 0.05),
                new StrandedRow("touchpoints-3", "s3", 0, 500, 0),
                new StrandedRow("touchpoints-4", "s3", 20, 200, 0.1),
                new StrandedRow("touchpoints-5", "s1", 10, 500, 0.02),
            ],
        },
        Gaps =
        [
            new KnowledgeGap("stage-without-surveys", "map-3", "s2", "stage 's2' has no survey answers: its emotion is a guess"),
            new KnowledgeGap("touchpoint-without-events", "map-3", "touchpoints-3", "touchpoint 'x' names events but none occur in the data"),
            new KnowledgeGap("trait-without-evidence", "maya", "goals", "goals: \"Visit family\" cites no evidence (an assumption)"),
        ],
    };

    private static string Render(JourneyReport? report)
    {
        var journey = TestJourneys.Map(3);
        return JourneyMapRenderer.RenderSvg(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today, 1, report));
    }

    [Fact]
    public void TouchpointsWithStrandedCustomersCarryABadgeAndTheWorstThreeAreSolid()
    {
        var texts = Svg.Parse(Render(Report())).Descendants(Svg.Ns + "text").ToList();

        // A badge may wrap its n onto a second line: it is found by its first.
        string? Fill(string value) => (string?)texts.Single(t => t.Value.StartsWith(value, StringComparison.Ordinal)).Attribute("fill");
        Assert.Equal(Palette.Paper, Fill("⊥ 651 stranded · 33.6% exit"));
        Assert.Equal(Palette.Paper, Fill("⊥ 40 stranded · 5% exit"));
        Assert.Equal(Palette.Paper, Fill("⊥ 20 stranded · 10% exit"));
        Assert.Equal(Palette.VermillionText, Fill("⊥ 10 stranded · 2% exit"));
        Assert.DoesNotContain(texts, t => t.Value.StartsWith("⊥ 0 ", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Value == "FROM THE DATA");
    }

    [Fact]
    public void StageHeadersShowTheDropOffUnderTheFunnelBar()
    {
        var text = Svg.AllText(Render(Report()));

        // 400 of 1,000 and 100 of 600 did not reach the next stage; the last stage has no drop-off.
        Assert.Contains("−400 (40%) drop-off", text, StringComparison.Ordinal);
        Assert.Contains("−100 (17%) drop-off", text, StringComparison.Ordinal);
        Assert.DoesNotContain("−0 (0%)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void KnowledgeGapsAreMarkedOnTheirStageAndTouchpointAndExplainedInTheLegend()
    {
        var texts = Svg.Parse(Render(Report())).Descendants(Svg.Ns + "text").Select(t => t.Value).ToList();

        Assert.Equal(3, texts.Count(t => t == "?")); // the s2 header, the touchpoints-3 card, the legend
        Assert.Contains("no surveys", texts);
        Assert.Contains("gap: no events", texts);
        Assert.Contains("knowledge gap: no events or no survey answers yet", texts);
    }

    [Fact]
    public void WithoutStrandedCustomersOrGapsTheMapCarriesNoSuchMarks()
    {
        var text = Svg.AllText(Render(DataOverlayTests.Report()));

        Assert.DoesNotContain("stranded", text, StringComparison.Ordinal);
        Assert.DoesNotContain("?", text.Split(' '));
        Assert.Contains("reached the stage but not the next one", text, StringComparison.Ordinal);
        Assert.DoesNotContain("FROM THE DATA", Svg.AllText(Render(null)), StringComparison.Ordinal);
    }

    [Fact]
    public void DataBarsSitBelowALongStageNameWhenAnotherStageHasAMarker()
    {
        // Stage 2's name wraps to four lines; stage 1 opens a sub-journey, so every data bar sits above a marker's height.
        // The header is painted first, so the first text of the goal is the header's (the goals lane repeats it).
        var journey = TestJourneys.Map(3, longTexts: true);
        var svg = JourneyMapRenderer.RenderSvg(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today, 1, Report()));
        var texts = Svg.Parse(svg).Descendants(Svg.Ns + "text").ToList();
        float Y(string value) => float.Parse((string)texts.First(t => t.Value == value).Attribute("y")!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(Y("600 reached · 60% of 1,000 at start") - Y("I want to see who others trust") >= 14);
    }

    [Fact]
    public void TheBadgeTextReadsCountExitRateAndItsNMarkedWhenSmall()
    {
        Assert.Equal("⊥ 1,651 stranded · 33.6% exit of 4,914", MapLayoutBuilder.StrandedText(new StrandedRow("t", "s", 1651, 4914, 0.336)));
        Assert.Equal("⊥ 3 stranded · 15% exit of 20 · small sample", MapLayoutBuilder.StrandedText(new StrandedRow("t", "s", 3, 20, 0.15) { SmallSample = true }));
    }
}

namespace Wayfinder.Rendering.Tests;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Reports;

public sealed class DataOverlayTests
{
    internal static JourneyReport Report() => new()
    {
        JourneyId = "map-3",
        Metrics = new JourneyMetrics
        {
            JourneyId = "map-3",
            Funnel =
            [
                new FunnelStep("s1", "Notice a need", 1000, 1, 1, 400),
                new FunnelStep("s2", "Look around", 600, 0.6, 0.6, 100),
                new FunnelStep("s3", "Compare options", 500, 0.8333, 0.5, 0),
            ],
        },
        MeasuredEmotion = [new("s1", 1, 40), new("s2", -0.5, 35), new("s3", null, 0)],
        Kpis = [new KpiResult("s1", "conversion(purchase)", "45%", 51.2, "51.2%", KpiStatus.Exceeds, null), new KpiResult("s2", "conversion(purchase)", "45%", null, "", null, "no events mapped")],
    };

    [Fact]
    public void StageHeadersCarryADataBarWhenDataExists()
    {
        var journey = TestJourneys.Map(3);
        var text = Svg.AllText(JourneyMapRenderer.RenderSvg(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today, 1, Report())));

        Assert.Contains("1,000 reached", text, StringComparison.Ordinal);
        // The share of the start shows its n (the 1,000 at the start), which is no small sample.
        Assert.Contains("600 reached · 60% of 1,000 at start", text, StringComparison.Ordinal);
        Assert.Contains("500 reached · 50% of 1,000 at start", text, StringComparison.Ordinal);
        Assert.DoesNotContain("small sample", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLegendExplainsTheSmallSampleMarkOnlyWhenTheMapHasOne()
    {
        var journey = TestJourneys.Map(3);
        var report = Report();
        var small = report with { MeasuredEmotion = [new("s1", 1, 12) { SmallSample = true }, .. report.MeasuredEmotion.Skip(1)] };

        string Legend(JourneyReport r) => Svg.AllText(JourneyMapRenderer.RenderSvg(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today, 1, r)));

        Assert.Contains("n: customers or answers a number rests on; below 30 read it as a hint", Legend(small), StringComparison.Ordinal);
        Assert.DoesNotContain("read it as a hint", Legend(report), StringComparison.Ordinal);
    }

    [Fact]
    public void TheMeasuredEmotionCurveIsDrawnBesideTheDesignedOneWithItsSampleSizes()
    {
        var journey = TestJourneys.Map(3);
        var layout = JourneyMapRenderer.Layout(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today, 1, Report()));
        var row = layout.Lanes.Single(l => l.Type == LaneType.Emotion);

        var measured = layout.EmotionPoints.Where(p => p.Measured).ToList();
        Assert.Equal(["s1", "s2"], measured.Select(p => p.StageId));
        Assert.Equal([40, 35], measured.Select(p => p.SampleSize));
        Assert.Equal(row.Y + 34 + 84, measured[0].Y); // +1: a quarter of the 336-unit plot below the +2 line
        Assert.Equal(row.Y + 34 + 210, measured[1].Y); // −0.5: 2.5 / 4 of the plot
        Assert.Equal(3, layout.EmotionPoints.Count(p => !p.Measured));

        var text = Svg.AllText(layout.Scene.ToSvg(journey.Title));
        Assert.Contains("+1 · n=40", text, StringComparison.Ordinal);
        Assert.Contains("−0.5 · n=35", text, StringComparison.Ordinal);
        Assert.Contains("measured (surveys), n = answers", text, StringComparison.Ordinal);
    }

    [Fact]
    public void KpisTakeTheirActualFromTheDataOrSayWhyNot()
    {
        var journey = TestJourneys.Map(3);
        var workspace = TestJourneys.Workspace(journey);
        var text = Svg.AllText(JourneyMapRenderer.RenderSvg(journey, workspace, new MapRenderOptions(TestJourneys.Today, 1, Report())));

        Assert.Contains("51.2%", text, StringComparison.Ordinal);
        Assert.Contains("exceeds from data", text, StringComparison.Ordinal);
        Assert.Contains("no data: no events mapped", text, StringComparison.Ordinal);

        var html = HtmlReport.Render(journey, workspace, TestJourneys.Today, Report());
        Assert.Contains("51.2%", html, StringComparison.Ordinal);
        Assert.Contains("1,000 reached", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutDataNothingIsOverlaid()
    {
        var journey = TestJourneys.Map(3);
        var layout = JourneyMapRenderer.Layout(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today));

        Assert.DoesNotContain(layout.EmotionPoints, p => p.Measured);
        Assert.DoesNotContain("reached", Svg.AllText(layout.Scene.ToSvg(journey.Title)), StringComparison.Ordinal);
    }
}

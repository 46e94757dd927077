namespace Wayfinder.Rendering.Tests.DataCharts;

using Wayfinder.Core.Metrics;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.JourneyMaps;

/// <summary>Renders the data charts and a map with data marks and checks each file; with $WAYFINDER_RENDER_OUT set they stay there for a person to look at.</summary>
public sealed class DataSamplesTests
{
    [Fact]
    public void DataSamplesRenderToWellFormedFiles()
    {
        using var folder = new SampleFolder();
        var dir = folder.Path;
        void Write(string name, string svg)
        {
            File.WriteAllText(Path.Combine(dir, name + ".svg"), svg);
            File.WriteAllBytes(Path.Combine(dir, name + ".png"), Rasterizer.SvgToPng(svg, 1f));
        }

        var map = TestJourneys.Map(3);
        Write("data-map-3", JourneyMapRenderer.RenderSvg(map, TestJourneys.Workspace(map), new MapRenderOptions(TestJourneys.Today, 1, MapDataMarksTests.Report())));
        var map15 = TestJourneys.Map(15, longTexts: true);
        var funnel = Enumerable.Range(0, 15).Select(i => new FunnelStep($"s{i + 1}", "", 20_000 - (i * 1_200), i == 0 ? 1 : 0.9, 1 - (i * 0.06), i == 14 ? 0 : 1_200)).ToList();
        var report15 = new JourneyReport
        {
            JourneyId = map15.Id,
            Metrics = new JourneyMetrics
            {
                JourneyId = map15.Id,
                Funnel = funnel,
                Stranded = Enumerable.Range(1, 17).Select(i => new StrandedRow($"touchpoints-{i}", "", i * 97, 10_000, i * 0.021)).ToList(),
            },
            Gaps =
            [
                new KnowledgeGap("stage-without-events", map15.Id, "s3", "m"),
                new KnowledgeGap("stage-without-surveys", map15.Id, "s3", "m"),
                new KnowledgeGap("stage-without-surveys", map15.Id, "s7", "m"),
                new KnowledgeGap("touchpoint-without-surveys", map15.Id, "touchpoints-2", "m"),
                new KnowledgeGap("touchpoint-without-events", map15.Id, "touchpoints-2", "m"),
            ],
        };
        Write("data-map-15", JourneyMapRenderer.RenderSvg(map15, TestJourneys.Workspace(map15), new MapRenderOptions(TestJourneys.Today, 1, report15)));
        var journey = DataFixtures.Journey();
        var report = DataFixtures.Report([new PathVariant(["tp-a", "tp-b"], 30, 0.3), new PathVariant(["tp-a", "tp-c"], 10, 0.1), new PathVariant(["tp-c", "tp-a", "tp-b"], 6, 0.06)]);
        Write("data-funnel", DataCharts.FunnelSvg(report, journey));
        Write("data-paths", DataCharts.SankeySvg(report, journey));
        Write("data-trend", DataCharts.TrendSvg(report, journey));
        var (wide, wideReport) = DataChartsTests.TwentyTouchpoints();
        Write("data-paths-20", DataCharts.SankeySvg(wideReport, wide));
        Write("data-trend-one", DataCharts.TrendSvg(DataFixtures.Report(trend: [new("2026-07", "s1", 50, 1, null), new("2026-07", "s2", 32, 0.64, null)]), journey));
        Write("data-trend-none", DataCharts.TrendSvg(DataFixtures.Report(trend: []), journey));
        folder.AssertAllWellFormed();
    }
}

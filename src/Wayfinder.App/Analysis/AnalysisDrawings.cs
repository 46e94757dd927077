namespace Wayfinder.App.Analysis;

using Wayfinder.App.Rendering;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Reports;

/// <summary>One drawing of an analysis: its file name and bytes.</summary>
public sealed record AnalysisDrawing(string Name, byte[] Bytes);

/// <summary>The drawings of an analysis: the map with data overlays, the funnel, the paths, the trend and the HTML report.</summary>
public static class AnalysisDrawings
{
    /// <summary>The names of the drawings, in the order <see cref="Render"/> gives them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["map.svg", "map.png", "funnel.svg", "paths.svg", "trend.svg", "report.html"];

    /// <summary>
    /// map.svg, map.png (the map with data overlays), funnel.svg, paths.svg (stage-level flow chart with the top variants), trend.svg and report.html, in that
    /// order; <paramref name="today"/> is the day against which reviews are stale (null: today).
    /// </summary>
    public static IEnumerable<AnalysisDrawing> Render(Journey journey, Workspace workspace, JourneyReport report, DateOnly? today = null)
    {
        var svg = JourneyMapRenderer.RenderSvg(journey, workspace, new MapRenderOptions(today, 1f, report));
        yield return new("map.svg", RenderFormats.Utf8(svg));
        yield return new("map.png", Rasterizer.SvgToPng(svg, 1f));
        yield return new("funnel.svg", RenderFormats.Utf8(DataCharts.FunnelSvg(report, journey, BrandStyle.Of(workspace))));
        yield return new("paths.svg", RenderFormats.Utf8(DataCharts.FlowSvg(report, journey, BrandStyle.Of(workspace))));
        yield return new("trend.svg", RenderFormats.Utf8(DataCharts.TrendSvg(report, journey, BrandStyle.Of(workspace))));
        yield return new("report.html", RenderFormats.Utf8(HtmlReport.Render(journey, workspace, today, report)));
    }
}

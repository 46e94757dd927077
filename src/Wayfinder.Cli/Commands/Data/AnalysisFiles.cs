namespace Wayfinder.Cli.Commands.Data;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Reports;

/// <summary>The drawings of an analysis (map with data overlays, funnel, paths, trend, HTML report), written beside report.json.</summary>
internal static class AnalysisFiles
{
    /// <summary>
    /// Writes map.svg, map.png (the map with data overlays), funnel.svg, paths.svg (Sankey), trend.svg and report.html into
    /// <paramref name="folder"/> and returns their paths in that order.
    /// </summary>
    /// <param name="today">The day against which reviews are stale (the CLI's clock); null for today.</param>
    public static IEnumerable<string> Write(Journey journey, Workspace workspace, JourneyReport report, string folder, DateOnly? today = null)
    {
        var options = new MapRenderOptions(today, 1f, report);
        var svg = JourneyMapRenderer.RenderSvg(journey, workspace, options);
        var files = new (string Name, Action<string> Write)[]
        {
            ("map.svg", path => File.WriteAllText(path, svg)),
            ("map.png", path => File.WriteAllBytes(path, Wayfinder.Rendering.Rasterizer.SvgToPng(svg, 1f))),
            ("funnel.svg", path => File.WriteAllText(path, DataCharts.FunnelSvg(report, journey))),
            ("paths.svg", path => File.WriteAllText(path, DataCharts.SankeySvg(report, journey))),
            ("trend.svg", path => File.WriteAllText(path, DataCharts.TrendSvg(report, journey))),
            ("report.html", path => File.WriteAllText(path, HtmlReport.Render(journey, workspace, today, report))),
        };
        var written = new List<string>(files.Length);
        foreach (var (name, write) in files)
        {
            var path = Path.Combine(folder, name);
            write(path);
            written.Add(path);
        }

        return written;
    }
}

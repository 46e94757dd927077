namespace Wayfinder.Web.Evidence;

using System.Text;
using Wayfinder.App.Rendering;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Reports;
using Wayfinder.Web.Storage;

/// <summary>What the data says about a journey on one cut, for its map's overlays: the report, or why there is none.</summary>
/// <param name="Report">The analysis; null when no events were imported or the cut cannot be made.</param>
/// <param name="HasEvents">Whether the workspace holds any imported events.</param>
/// <param name="Problem">Why the cut cannot be made, in plain words (an unknown persona, a malformed period).</param>
/// <param name="Stamp">What the analysis was made from (documents, settings, evidence, day), for cache keys.</param>
/// <param name="Warnings">What to know about the cut, in plain words (a persona not on the journey, a period without data).</param>
public sealed record JourneyData(JourneyReport? Report, bool HasEvents, string? Problem, string Stamp, IReadOnlyList<string> Warnings);

/// <summary>
/// A document rendered as <c>wayfinder render</c> writes it, and a journey's map, poster and report with the data's overlays
/// once evidence is imported (as <c>wayfinder analyze</c> draws its map.svg): one way for the render downloads
/// (<see cref="RendersApi"/>) and the web app's map page.
/// </summary>
public static class JourneyRenders
{
    /// <summary>The formats that carry the data's overlays.</summary>
    public static bool DrawsData(RenderFormat format) => format is RenderFormat.Svg or RenderFormat.Png or RenderFormat.Pdf or RenderFormat.Html;

    /// <summary>The journey's analysis on <paramref name="cut"/> (cached until the next save or import).</summary>
    public static async Task<JourneyData> DataAsync(WayfinderDbContext db, WorkspaceStores stores, AnalysisCache cache, string workspace, string journeyId, AnalysisRequest cut, CancellationToken cancellationToken)
    {
        if (!(await stores.Events.SummaryAsync(cancellationToken)).Imported)
        {
            return new JourneyData(null, false, null, "", []);
        }

        var analysis = await cache.AnalyzeAsync(db, stores, workspace, journeyId, cut, cancellationToken);
        return new JourneyData(analysis.Result.Report, true, analysis.Result.Problem, analysis.Stamp, analysis.Result.Warnings);
    }

    /// <summary>The document in <paramref name="format"/>; a journey's images and report with <paramref name="report"/>'s overlays when given.</summary>
    public static byte[] Render(IDocument document, RenderFormat format, Workspace loaded, JourneyReport? report, DateOnly today)
    {
        if (document is not Journey journey || report is null || !DrawsData(format))
        {
            return RenderFormats.Render(document, format, loaded);
        }

        var options = new MapRenderOptions(today, 1f, report);
        return format switch
        {
            RenderFormat.Svg => RenderFormats.RenderImage(JourneyMapRenderer.RenderSvg(journey, loaded, options), RenderFormat.Svg),
            RenderFormat.Png => JourneyMapRenderer.RenderPng(journey, loaded, options),
            RenderFormat.Pdf => JourneyMapRenderer.RenderPdf(journey, loaded, options),
            _ => Encoding.UTF8.GetBytes(HtmlReport.Render(journey, loaded, today, report)),
        };
    }
}

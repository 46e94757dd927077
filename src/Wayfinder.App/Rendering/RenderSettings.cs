namespace Wayfinder.App.Rendering;

using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Tables;

/// <summary>
/// How a rendering is laid out, beyond its format: the paper, the lanes and stages shown, faces on the emotion curve and
/// the CSV layout. The CLI's <c>render</c> options and the web app's download links both fill it; <see cref="Default"/>
/// is what a plain <c>wayfinder render</c> draws.
/// </summary>
public sealed record RenderSettings
{
    public static RenderSettings Default { get; } = new();

    /// <summary>The paper the PDF is laid out on; null is each kind's own default (A3 landscape for maps).</summary>
    public PageSpec? Page { get; init; }

    /// <summary>The lanes to draw, in this order; null is every lane.</summary>
    public IReadOnlyList<string>? Lanes { get; init; }

    /// <summary>A stage range, <c>FROM..TO</c>, or one stage id; null is every stage.</summary>
    public string? Stages { get; init; }

    /// <summary>Draw lanes with nothing in them too.</summary>
    public bool ShowEmptyLanes { get; init; }

    /// <summary>A face on each emotion point.</summary>
    public bool Faces { get; init; }

    public CsvLayout CsvLayout { get; init; } = CsvLayout.Tidy;

    /// <summary>These settings as a journey map's options, with the date staleness is judged on and the data drawn over it.</summary>
    public MapRenderOptions MapOptions(DateOnly? today = null, Core.Metrics.JourneyReport? data = null) =>
        new(today, 1f, data, Page, Lanes, Stages, ShowEmptyLanes, Faces);
}

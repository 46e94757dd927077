namespace Wayfinder.Rendering.JourneyMaps;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>Lays a journey map out once and writes it as SVG, PNG or PDF.</summary>
public static class JourneyMapRenderer
{
    /// <summary>The map as a standalone SVG poster.</summary>
    public static string RenderSvg(Journey journey, Workspace workspace) => RenderSvg(journey, workspace, default);

    public static string RenderSvg(Journey journey, Workspace workspace, MapRenderOptions options) =>
        Layout(journey, workspace, options).Scene.ToSvg(journey.Title);

    /// <summary>The map as a PNG at one pixel per SVG unit.</summary>
    public static byte[] RenderPng(Journey journey, Workspace workspace) => RenderPng(journey, workspace, default);

    public static byte[] RenderPng(Journey journey, Workspace workspace, MapRenderOptions options)
    {
        return Rasterizer.SceneToPng(Layout(journey, workspace, options).Scene, options.PngScale <= 0 ? 1f : options.PngScale);
    }

    /// <summary>The map on the paper <see cref="MapRenderOptions.Page"/> names (A3 landscape by default): one page, or tiles at one scale (<see cref="MapPaging"/>).</summary>
    public static byte[] RenderPdf(Journey journey, Workspace workspace) => RenderPdf(journey, workspace, default);

    public static byte[] RenderPdf(Journey journey, Workspace workspace, MapRenderOptions options)
    {
        var layout = Layout(journey, workspace, options);
        return Rasterizer.SceneToPdfPages(layout.Scene, layout.Pages);
    }

    /// <summary>The layout every output is written from: shapes plus the geometry of columns, rows, cards and pages.</summary>
    public static MapLayout Layout(Journey journey, Workspace workspace, MapRenderOptions options = default) =>
        MapLayoutBuilder.Build(journey, workspace, options);
}

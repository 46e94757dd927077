namespace Wayfinder.Rendering.JourneyMaps;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>Lays a journey map out once and writes it as SVG, PNG or PDF.</summary>
public static class JourneyMapRenderer
{
    public static string RenderSvg(Journey journey, Workspace workspace) => throw new NotImplementedException("contract stub");

    public static byte[] RenderPng(Journey journey, Workspace workspace) => throw new NotImplementedException("contract stub");

    public static byte[] RenderPdf(Journey journey, Workspace workspace) => throw new NotImplementedException("contract stub");
}

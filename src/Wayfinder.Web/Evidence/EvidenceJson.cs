namespace Wayfinder.Web.Evidence;

using System.Text.Json;
using System.Text.Json.Serialization;
using Wayfinder.Evidence.Import;

/// <summary>
/// The JSON of analyses and knowledge gaps: the shape <c>wayfinder analyze --json</c> and <c>wayfinder gaps --json</c> print
/// (snake_case, enums as snake_case text, nulls written), not indented, with the default escaping for HTML safety.
/// </summary>
internal static class EvidenceJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>An import's report as <c>wayfinder import events --json</c> prints it, the file named as uploaded.</summary>
public sealed record UploadReport(
    string File,
    string Format,
    long RowsRead,
    long RowsAdded,
    long Duplicates,
    long BadRows,
    long MaxBadRows,
    IReadOnlyList<RowProblem> Problems,
    string? Error,
    bool Succeeded)
{
    public static UploadReport From(ImportReport report, string file) =>
        new(file, report.Format, report.RowsRead, report.RowsAdded, report.Duplicates, report.BadRows, report.MaxBadRows, report.Problems, report.Error, report.Succeeded);
}

/// <summary>What a workspace's stores hold: events, customers and their period; survey answers and insights.</summary>
public sealed record EvidenceSummary(
    long Events,
    int Customers,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int Surveys,
    int Insights,
    IReadOnlyList<Wayfinder.Evidence.Store.EventNameCount> EventNames);

namespace Wayfinder.Evidence.Surveys;

using System.Text.Json;
using System.Text.Json.Serialization;
using Wayfinder.Evidence.Import;

/// <summary>
/// Survey answers and insights of a workspace, kept as JSON lines in <c>.wayfinder/feedback/</c>. Imports append
/// only answers not already there (so the same file twice adds nothing) and replace the file atomically.
/// </summary>
public sealed class SurveyStore
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly string _folder;

    public SurveyStore(string folder) => _folder = Path.GetFullPath(folder);

    public static SurveyStore ForWorkspace(string workspaceRoot) => new(Path.Combine(workspaceRoot, ".wayfinder", "feedback"));

    private string SurveysFile => Path.Combine(_folder, "surveys.ndjson");

    private string InsightsFile => Path.Combine(_folder, "insights.ndjson");

    public IReadOnlyList<SurveyResponse> Surveys() => Read<SurveyResponse>(SurveysFile);

    public IReadOnlyList<Insight> Insights() => Read<Insight>(InsightsFile);

    public ImportReport ImportSurveys(string path)
    {
        var (responses, report) = SurveyImporter.ReadSurveys(path);
        if (!report.Succeeded)
        {
            return report;
        }

        var (added, duplicates) = Append(SurveysFile, Surveys(), responses);
        return report with { RowsAdded = added, Duplicates = duplicates };
    }

    public ImportReport ImportInsights(string path)
    {
        var (insights, report) = SurveyImporter.ReadInsights(path);
        if (!report.Succeeded)
        {
            return report;
        }

        var (added, duplicates) = Append(InsightsFile, Insights(), insights);
        return report with { RowsAdded = added, Duplicates = duplicates };
    }

    private (long Added, long Duplicates) Append<T>(string file, IReadOnlyList<T> existing, IReadOnlyList<T> incoming)
        where T : notnull
    {
        var seen = new HashSet<string>(existing.Select(e => JsonSerializer.Serialize(e, s_json)), StringComparer.Ordinal);
        var fresh = new List<T>();
        foreach (var item in incoming)
        {
            if (seen.Add(JsonSerializer.Serialize(item, s_json)))
            {
                fresh.Add(item);
            }
        }

        if (fresh.Count > 0)
        {
            Directory.CreateDirectory(_folder);
            var staging = file + ".new";
            File.WriteAllLines(staging, existing.Concat(fresh).Select(e => JsonSerializer.Serialize(e, s_json)));
            File.Move(staging, file, overwrite: true);
        }

        return (fresh.Count, incoming.Count - fresh.Count);
    }

    private static List<T> Read<T>(string file) =>
        File.Exists(file)
            ? [.. File.ReadLines(file).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<T>(l, s_json)!)]
            : [];
}

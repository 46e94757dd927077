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
    // Source-generated metadata (FeedbackJson): no reflection to warm up in each short CLI process.
    private static readonly JsonSerializerOptions s_json = FeedbackJson.Default.Options;

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

    /// <summary>
    /// Every line's item, in file order. Lines are read from the UTF-8 bytes in parallel chunks: analyses read the
    /// answers each time, and 229k answers as a string and a document per line took a fifth of an analysis.
    /// </summary>
    private static List<T> Read<T>(string file)
    {
        if (!File.Exists(file))
        {
            return [];
        }

        var bytes = File.ReadAllBytes(file);
        var starts = new List<int>();
        var ends = new List<int>();
        for (var at = 0; at < bytes.Length;)
        {
            var newline = bytes.AsSpan(at).IndexOf((byte)'\n');
            var end = newline < 0 ? bytes.Length : at + newline;
            if (end > at && !bytes.AsSpan(at, end - at).Trim("\r \t"u8).IsEmpty)
            {
                starts.Add(at);
                ends.Add(end);
            }

            at = end + 1;
        }

        var items = new T[starts.Count];
        Parallel.For(0, Environment.ProcessorCount, chunk =>
        {
            var (from, to) = (items.Length * chunk / Environment.ProcessorCount, items.Length * (chunk + 1) / Environment.ProcessorCount);
            for (var i = from; i < to; i++)
            {
                items[i] = JsonSerializer.Deserialize<T>(bytes.AsSpan(starts[i], ends[i] - starts[i]), s_json)!;
            }
        });
        return [.. items];
    }
}

/// <summary>The stored answers' and insights' JSON: snake_case names and enum values, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SnakeCaseEnumConverter<SurveyMetric>)])]
[JsonSerializable(typeof(SurveyResponse))]
[JsonSerializable(typeof(Insight))]
internal sealed partial class FeedbackJson : JsonSerializerContext;

/// <summary>Enum values as snake_case strings (nps, csat…).</summary>
internal sealed class SnakeCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseLower)
    where T : struct, Enum;

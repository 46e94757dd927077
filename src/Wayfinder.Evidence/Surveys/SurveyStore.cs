namespace Wayfinder.Evidence.Surveys;

using System.Text.Json;
using System.Text.Json.Serialization;
using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Store;

/// <summary>
/// Survey answers and insights of a workspace, kept as JSON lines in <c>.wayfinder/feedback/</c>. They are read once
/// and shared by readers; imports run one at a time, append only answers not already there (so the same file twice
/// adds nothing), replace the file atomically and then publish the new lists (readers in flight keep theirs).
/// </summary>
public sealed class SurveyStore : IFeedbackStore
{
    // Source-generated metadata (FeedbackJson): no reflection to warm up in each short CLI process.
    private static readonly JsonSerializerOptions s_json = FeedbackJson.Default.Options;

    private readonly string? _folder;
    private readonly EngineOptions _engine;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private bool _closed;
    private readonly Lock _opening = new();
    private IReadOnlyList<SurveyResponse>? _surveys;
    private IReadOnlyList<Insight>? _insights;

    public SurveyStore(string folder, EngineOptions? engine = null)
    {
        _folder = Path.GetFullPath(folder);
        _engine = engine ?? EngineOptions.Default;
    }

    private SurveyStore(IReadOnlyList<SurveyResponse> surveys, IReadOnlyList<Insight> insights)
    {
        (_surveys, _insights) = (surveys, insights);
        _engine = EngineOptions.Default;
    }

    public static SurveyStore ForWorkspace(string workspaceRoot, EngineOptions? engine = null) => new(Path.Combine(workspaceRoot, ".wayfinder", "feedback"), engine);

    /// <summary>A store kept in memory only (tests, workspaces held in memory).</summary>
    public static SurveyStore InMemory(IReadOnlyList<SurveyResponse> surveys, IReadOnlyList<Insight>? insights = null) => new(surveys, insights ?? []);

    private string SurveysFile => Path.Combine(_folder!, "surveys.ndjson");

    private string InsightsFile => Path.Combine(_folder!, "insights.ndjson");

    /// <summary>Every stored answer, in stored order (read once, then shared).</summary>
    public IReadOnlyList<SurveyResponse> Surveys() => Snapshot(ref _surveys, () => Read<SurveyResponse>(SurveysFile));

    /// <summary>Every stored insight, in stored order (read once, then shared).</summary>
    public IReadOnlyList<Insight> Insights() => Snapshot(ref _insights, () => Read<Insight>(InsightsFile));

    /// <inheritdoc/>
    public Task<ImportReport> ImportSurveysAsync(string path, FeedbackImportOptions? options = null, CancellationToken cancellationToken = default) =>
        ImportAsync(path, options ?? new(), SurveyImporter.ReadSurveys, Surveys, SurveysFile, list => Volatile.Write(ref _surveys, list), cancellationToken);

    /// <inheritdoc/>
    public Task<ImportReport> ImportInsightsAsync(string path, FeedbackImportOptions? options = null, CancellationToken cancellationToken = default) =>
        ImportAsync(path, options ?? new(), SurveyImporter.ReadInsights, Insights, InsightsFile, list => Volatile.Write(ref _insights, list), cancellationToken);

    /// <inheritdoc/>
    public Task<SurveyMetrics> SatisfactionAsync(Journey journey, SurveyQuery query, CancellationToken cancellationToken = default)
    {
        var mapping = JourneyMapping.Build(journey, EventLog.Empty);
        var onChannel = query.Channel is { } channel
            ? mapping.Touchpoints.Where(t => string.Equals(t.Channel, channel, StringComparison.Ordinal)).Select(t => t.Id).ToHashSet(StringComparer.Ordinal)
            : null;
        var (from, to) = (query.FromMicros ?? long.MinValue, query.ToMicros ?? long.MaxValue);
        var (touchpoints, stages, curve) = SatisfactionAnalyzer.Analyze(mapping, Surveys(), r =>
            r.TimestampMicros >= from && r.TimestampMicros < to
            && (query.Customers is null || (r.CustomerId is { } id && query.Customers.Contains(id)))
            && (onChannel is null || (r.Touchpoint is { } tp && onChannel.Contains(tp))));
        return Task.FromResult(new SurveyMetrics(touchpoints, stages, curve));
    }

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, double>> EmotionByCustomerAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyDictionary<string, double> emotion = Surveys().Where(s => s.CustomerId is not null).GroupBy(s => s.CustomerId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(s => s.AsEmotion()), StringComparer.Ordinal);
        return Task.FromResult(emotion);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Insight>> InsightsAsync(InsightQuery query, CancellationToken cancellationToken = default)
    {
        static bool Tagged(IReadOnlyList<string> tags, string? wanted) => wanted is null || tags.Contains(wanted, StringComparer.Ordinal);
        IReadOnlyList<Insight> insights = [.. Insights().Where(i => Tagged(i.Personas, query.PersonaId) && Tagged(i.Stages, query.StageId) && Tagged(i.Touchpoints, query.TouchpointId))];
        return Task.FromResult(insights);
    }

    private IReadOnlyList<T> Snapshot<T>(ref IReadOnlyList<T>? field, Func<List<T>> read)
    {
        if (Volatile.Read(ref field) is { } list)
        {
            return list;
        }

        lock (_opening)
        {
            field ??= read();
            return field;
        }
    }

    /// <summary>
    /// Closes the store for good (its workspace is deleted): waits for an import in progress, and refuses every later one
    /// of this instance, so nothing is written into its folder again.
    /// </summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _closed = true;
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task<ImportReport> ImportAsync<T>(
        string path,
        FeedbackImportOptions options,
        Func<string, FeedbackImportOptions?, (List<T> Items, ImportReport Report)> readFile,
        Func<IReadOnlyList<T>> stored,
        string file,
        Action<IReadOnlyList<T>> publish,
        CancellationToken cancellationToken)
        where T : notnull
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return new ImportReport { File = path, Format = "csv", Error = EventStore.ClosedMessage };
            }

            var (items, read) = readFile(path, options);
            var report = read.Judge(options.MaxBadRows);
            if (!report.Succeeded)
            {
                return report;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var (all, added, duplicates) = Append(file, stored(), items);
            publish(all);
            return report with { RowsAdded = added, Duplicates = duplicates };
        }
        finally
        {
            _writes.Release();
        }
    }

    private (IReadOnlyList<T> All, long Added, long Duplicates) Append<T>(string file, IReadOnlyList<T> existing, IReadOnlyList<T> incoming)
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

        if (fresh.Count == 0)
        {
            return (existing, 0, incoming.Count);
        }

        List<T> all = [.. existing, .. fresh];
        if (_folder is not null)
        {
            Directory.CreateDirectory(_folder);
            var staging = file + ".new";
            File.WriteAllLines(staging, all.Select(e => JsonSerializer.Serialize(e, s_json)));
            File.Move(staging, file, overwrite: true);
        }

        return (all, fresh.Count, incoming.Count - fresh.Count);
    }

    /// <summary>
    /// Every line's item, in file order. Lines are read from the UTF-8 bytes in parallel chunks: analyses read the
    /// answers each time, and 229k answers as a string and a document per line took a fifth of an analysis.
    /// </summary>
    private List<T> Read<T>(string file)
    {
        if (_folder is null || !File.Exists(file))
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
        var chunks = _engine.DegreeOfParallelism;
        Parallel.For(0, chunks, _engine.Parallel(), chunk =>
        {
            var (from, to) = (items.Length * chunk / chunks, items.Length * (chunk + 1) / chunks);
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

namespace Wayfinder.Evidence.ClickHouse;

using System.Text.Json;
using Wayfinder.Evidence.Surveys;
using static ClickHouseTables;

/// <summary>
/// A workspace's survey answers and insights in ClickHouse, behind the same seam as the embedded
/// <see cref="SurveyStore"/> and with identical results: the metrics are computed by SQL and only small results come
/// back. Tables are created on first use.
/// </summary>
/// <remarks>
/// The tables live on the first host only, even with a cluster: answers and insights are a small fraction of the
/// events (one answer per hundreds of events), so one server holds them easily and no query over them has to merge
/// shards. A row is visible only once its import batch has a row in <see cref="FeedbackBatches"/> (ClickHouse has no
/// transactions), so an interrupted import leaves nothing visible. Stored order is (batch, seq): batches are numbered
/// by the time they start, increasing, and seq is the row's place in its file. The importer never keeps a blank text
/// (it trims and turns blanks into none), so '' stands for none in text columns.
/// </remarks>
public sealed partial class ClickHouseFeedbackStore : IFeedbackStore, IDisposable
{
    private readonly SemaphoreSlim _ready = new(1, 1);
    private readonly SemaphoreSlim _writes = new(1, 1);
    private bool _isReady;

    public ClickHouseFeedbackStore(ClickHouseSettings settings)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Client = new ClickHouseClient(settings.Hosts[0], settings);
        Tables = new ClickHouseTables(settings.Table, settings.Cluster is not null);
    }

    public ClickHouseSettings Settings { get; }

    public ClickHouseTables Tables { get; }

    /// <summary>The committed feedback imports: batch, kind (surveys or insights), file, rows, committed.</summary>
    public string FeedbackBatches => Tables.Prefix + "_feedback_batches";

    /// <summary>The client of the first host, where the feedback tables live.</summary>
    internal ClickHouseClient Client { get; }

    /// <summary>The condition that keeps only rows of committed feedback imports.</summary>
    private string Visible => $"batch IN (SELECT batch FROM {Q(FeedbackBatches)})";

    /// <summary>How many answers and insights are stored (what the embedded store's <c>Surveys().Count</c> and <c>Insights().Count</c> give).</summary>
    public async Task<(long Answers, long Insights)> CountsAsync(CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Client.QueryAsync(
            $"SELECT (SELECT count() FROM {Q(Tables.Surveys)} WHERE {Visible}) AS answers, (SELECT count() FROM {Q(Tables.Insights)} WHERE {Visible}) AS insights",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return (rows[0].GetProperty("answers").GetInt64(), rows[0].GetProperty("insights").GetInt64());
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, double>> EmotionByCustomerAsync(CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);

        // The sum is taken in stored order (arrayCumSum adds one by one), as the embedded Average does, so the mean is
        // the same double.
        var rows = await Client.QueryAsync(
            $"""
            SELECT customer, count() AS n,
                arrayMap(x -> x.3, arraySort(x -> (x.1, x.2), groupArray((batch, seq, {Emotion})))) AS emotions,
                arrayCumSum(emotions)[-1] AS total
            FROM {Q(Tables.Surveys)}
            WHERE customer != '' AND {Visible}
            GROUP BY customer
            """,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var emotion = new Dictionary<string, double>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            emotion[row.GetProperty("customer").GetString()!] = row.GetProperty("total").GetDouble() / row.GetProperty("n").GetInt64();
        }

        return emotion;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Insight>> InsightsAsync(InsightQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var where = new List<string> { Visible };
        foreach (var (column, wanted) in new[] { ("personas", query.PersonaId), ("stages", query.StageId), ("touchpoints", query.TouchpointId) })
        {
            if (wanted is not null)
            {
                where.Add($"has({column}, {Sql.String(wanted)})");
            }
        }

        var rows = await Client.QueryAsync(
            $"""
            SELECT id, date, kind, text, personas, stages, touchpoints, source
            FROM {Q(Tables.Insights)}
            WHERE {string.Join(" AND ", where)}
            ORDER BY batch, seq
            """,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ReadInsight)];
    }

    /// <summary>Drops this workspace's survey, insight and feedback batch tables (tests, and a workspace deleted).</summary>
    public async Task DropAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in new[] { Tables.Surveys, Tables.Insights, FeedbackBatches })
        {
            await Client.ExecuteAsync($"DROP TABLE IF EXISTS {Q(name)}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        Volatile.Write(ref _isReady, false);
    }

    public void Dispose()
    {
        Client.Dispose();
        _ready.Dispose();
        _writes.Dispose();
    }

    /// <summary>An answer's score on the emotion scale, as <see cref="SurveyResponse.AsEmotion"/> computes it (the same double operations).</summary>
    private const string Emotion = "multiIf(metric = 'csat', score - 3, metric = 'nps', (score - 5) / 2.5, metric = 'ces', (4 - score) / 1.5, score)";

    private static Insight ReadInsight(JsonElement row)
    {
        static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
        var date = row.GetProperty("date");
        var source = row.GetProperty("source").GetString()!;
        return new Insight(
            row.GetProperty("id").GetString()!,
            date.ValueKind == JsonValueKind.Null ? null : DateOnly.FromDayNumber(date.GetInt32()),
            row.GetProperty("kind").GetString()!,
            row.GetProperty("text").GetString()!,
            Strings(row.GetProperty("personas")),
            Strings(row.GetProperty("stages")),
            Strings(row.GetProperty("touchpoints")),
            source.Length == 0 ? null : source);
    }

    /// <summary>Connects (checking the server is new enough) and creates the database and tables when missing; once per store.</summary>
    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _isReady))
        {
            return;
        }

        await _ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_isReady)
            {
                await Client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                await CreateTablesAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _isReady, true);
            }
        }
        finally
        {
            _ready.Release();
        }
    }

    private async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        string[] statements =
        [
            $"CREATE DATABASE IF NOT EXISTS {Q(Settings.Database)}",
            $"""
            CREATE TABLE IF NOT EXISTS {Q(Tables.Surveys)} (
                batch UInt64, seq UInt64, hash String, ts Int64, customer String, touchpoint String, stage String,
                metric String, score Float64, comment String, has_sentiment UInt8, sentiment Float64
            ) ENGINE = MergeTree() ORDER BY (batch, seq)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS {Q(Tables.Insights)} (
                batch UInt64, seq UInt64, hash String, id String, date Nullable(Int32), kind String, text String,
                personas Array(String), stages Array(String), touchpoints Array(String), source String
            ) ENGINE = MergeTree() ORDER BY (batch, seq)
            """,
            $"CREATE TABLE IF NOT EXISTS {Q(FeedbackBatches)} (batch UInt64, kind String, file String, rows UInt64, committed DateTime) ENGINE = MergeTree() ORDER BY batch",
        ];
        for (var i = 0; i < statements.Length; i++)
        {
            await Client.ExecuteAsync(statements[i], useDatabase: i > 0, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}

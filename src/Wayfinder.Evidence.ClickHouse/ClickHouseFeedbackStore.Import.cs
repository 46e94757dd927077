namespace Wayfinder.Evidence.ClickHouse;

using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Surveys;
using static ClickHouseTables;

public sealed partial class ClickHouseFeedbackStore
{
    private long _lastBatch;

    /// <summary>Runs after an import's rows are in and before its commit row (tests stop a server here).</summary>
    internal Func<Task>? BeforeCommit { get; set; }

    /// <inheritdoc/>
    public Task<ImportReport> ImportSurveysAsync(string path, FeedbackImportOptions? options = null, CancellationToken cancellationToken = default) =>
        ImportAsync(path, options ?? new(), SurveyImporter.ReadSurveys, SurveysTable, cancellationToken);

    /// <inheritdoc/>
    public Task<ImportReport> ImportInsightsAsync(string path, FeedbackImportOptions? options = null, CancellationToken cancellationToken = default) =>
        ImportAsync(path, options ?? new(), SurveyImporter.ReadInsights, InsightsTable, cancellationToken);

    /// <summary>
    /// Floats travel as their IEEE bits: ClickHouse 18.16 reads decimal float text to the nearest double only most of the
    /// time (0.731794 came back one unit off), and a score must be stored as the very double the importer read.
    /// </summary>
    private static string FromBits(string column) => $"reinterpretAsFloat64(reinterpretAsString({column}))";

    private FeedbackTable<SurveyResponse> SurveysTable => new(
        "surveys",
        Tables.Surveys,
        "ts Int64, customer String, touchpoint String, stage String, metric String, score_bits UInt64, comment String, has_sentiment UInt8, sentiment_bits UInt64",
        "ts, customer, touchpoint, stage, metric, score, comment, has_sentiment, sentiment",
        $"ts, customer, touchpoint, stage, metric, {FromBits("score_bits")}, comment, has_sentiment, {FromBits("sentiment_bits")}",
        (json, r) =>
        {
            // The comment's sentiment is scored here, by the one lexicon scorer, and stored with the answer.
            var sentiment = r.Comment is null ? null : Sentiment.Score(r.Comment);
            json.WriteNumber("ts", r.TimestampMicros);
            json.WriteString("customer", r.CustomerId ?? "");
            json.WriteString("touchpoint", r.Touchpoint ?? "");
            json.WriteString("stage", r.Stage ?? "");
            json.WriteString("metric", MetricName(r.Metric));
            json.WriteNumber("score_bits", BitConverter.DoubleToUInt64Bits(r.Score));
            json.WriteString("comment", r.Comment ?? "");
            json.WriteNumber("has_sentiment", sentiment is null ? 0 : 1);
            json.WriteNumber("sentiment_bits", BitConverter.DoubleToUInt64Bits(sentiment ?? 0));
        },
        (key, r) =>
        {
            key.Write(r.TimestampMicros);
            Text(key, r.CustomerId);
            Text(key, r.Touchpoint);
            Text(key, r.Stage);
            key.Write((int)r.Metric);
            key.Write(BitConverter.DoubleToUInt64Bits(r.Score));
            Text(key, r.Comment);
        });

    private FeedbackTable<Insight> InsightsTable => new(
        "insights",
        Tables.Insights,
        "id String, date Nullable(Int32), kind String, text String, personas Array(String), stages Array(String), touchpoints Array(String), source String",
        "id, date, kind, text, personas, stages, touchpoints, source",
        "id, date, kind, text, personas, stages, touchpoints, source",
        (json, i) =>
        {
            json.WriteString("id", i.Id);
            if (i.Date is { } date)
            {
                json.WriteNumber("date", date.DayNumber);
            }
            else
            {
                json.WriteNull("date");
            }

            json.WriteString("kind", i.Kind);
            json.WriteString("text", i.Text);
            foreach (var (name, list) in new[] { ("personas", i.Personas), ("stages", i.Stages), ("touchpoints", i.Touchpoints) })
            {
                json.WriteStartArray(name);
                foreach (var item in list)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
            }

            json.WriteString("source", i.Source ?? "");
        },
        (key, i) =>
        {
            Text(key, i.Id);
            key.Write(i.Date?.DayNumber ?? -1);
            Text(key, i.Kind);
            Text(key, i.Text);
            foreach (var list in new[] { i.Personas, i.Stages, i.Touchpoints })
            {
                key.Write(list.Count);
                foreach (var item in list)
                {
                    Text(key, item);
                }
            }

            Text(key, i.Source);
        });

    internal static string MetricName(SurveyMetric metric) => metric.ToString().ToLowerInvariant();

    /// <summary>
    /// Reads the file, judges it by the same rule as every store, and stores the answers not already stored: rows go
    /// with a new batch id into a staging table, from there those whose content hash is not yet visible go into the
    /// table, and a commit row makes them visible at once. Duplicates within the file are left out here, first kept.
    /// </summary>
    private async Task<ImportReport> ImportAsync<T>(
        string path,
        FeedbackImportOptions options,
        Func<string, FeedbackImportOptions?, (List<T> Items, ImportReport Report)> readFile,
        FeedbackTable<T> table,
        CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (items, read) = readFile(path, options);
            var report = read.Judge(options.MaxBadRows);
            if (!report.Succeeded)
            {
                return report;
            }

            await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var rows = new List<(long Seq, string Hash, T Item)>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var hash = Hash(table.Key, items[i]);
                if (seen.Add(hash))
                {
                    rows.Add((i, hash, items[i]));
                }
            }

            var added = rows.Count == 0 ? 0 : await StoreAsync(path, table, rows, cancellationToken).ConfigureAwait(false);
            return report with { RowsAdded = added, Duplicates = items.Count - added };
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task<long> StoreAsync<T>(string path, FeedbackTable<T> table, List<(long Seq, string Hash, T Item)> rows, CancellationToken cancellationToken)
    {
        var batch = await NextBatchAsync(cancellationToken).ConfigureAwait(false);
        var staging = $"{Tables.Prefix}_{table.Kind}_staging_{Sql.Number(batch)}";
        await Client.ExecuteAsync($"CREATE TABLE {Q(staging)} (seq UInt64, hash String, {table.StagingColumns}) ENGINE = Memory", cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await Client.InsertJsonAsync(
                staging,
                rows,
                (json, row) =>
                {
                    json.WriteNumber("seq", row.Seq);
                    json.WriteString("hash", row.Hash);
                    table.Write(json, row.Item);
                },
                cancellationToken).ConfigureAwait(false);
            await Client.ExecuteAsync(
                $"""
                INSERT INTO {Q(table.Table)} (batch, seq, hash, {table.Columns})
                SELECT {Sql.Number(batch)}, seq, hash, {table.FromStaging}
                FROM {Q(staging)}
                WHERE hash NOT IN (SELECT hash FROM {Q(table.Table)} WHERE {Visible})
                """,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            var counted = await Client.QueryAsync($"SELECT count() AS n FROM {Q(table.Table)} WHERE batch = {Sql.Number(batch)}", cancellationToken: cancellationToken).ConfigureAwait(false);
            var added = counted[0].GetProperty("n").GetInt64();
            if (added > 0)
            {
                if (BeforeCommit is { } beforeCommit)
                {
                    await beforeCommit().ConfigureAwait(false);
                }

                await Client.ExecuteAsync(
                    $"INSERT INTO {Q(FeedbackBatches)} (batch, kind, file, rows, committed) SELECT {Sql.Number(batch)}, {Sql.String(table.Kind)}, {Sql.String(path)}, {Sql.Number(added)}, now()",
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return added;
        }
        finally
        {
            await DropQuietlyAsync(staging).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Drops a table of one import or query, not cancelled with it. When the server is gone the first error is the one
    /// to report; the table (a Memory table, empty after a restart) is left behind, harmless.
    /// </summary>
    private async Task DropQuietlyAsync(string table)
    {
        try
        {
            await Client.ExecuteAsync($"DROP TABLE IF EXISTS {Q(table)}", cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (ClickHouseException ex) when (ex.Unreachable)
        {
        }
    }

    /// <summary>A batch id after every committed one and every one this store used: the time in microseconds, or one more.</summary>
    private async Task<long> NextBatchAsync(CancellationToken cancellationToken)
    {
        var rows = await Client.QueryAsync($"SELECT max(batch) AS last FROM {Q(FeedbackBatches)}", cancellationToken: cancellationToken).ConfigureAwait(false);
        var committed = rows[0].GetProperty("last").GetInt64();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        _lastBatch = Math.Max(now, Math.Max(committed, _lastBatch) + 1);
        return _lastBatch;
    }

    /// <summary>
    /// The content hash that finds an item already stored: 128 bits of SHA-256 over every field (null told from empty,
    /// doubles by their bits), so two items share it exactly when the embedded store's JSON of them is the same.
    /// </summary>
    private static string Hash<T>(Action<BinaryWriter, T> key, T item)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            key(writer, item);
        }

        return Convert.ToHexString(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))[..16]);
    }

    private static void Text(BinaryWriter key, string? value)
    {
        key.Write(value is not null);
        key.Write(value ?? "");
    }

    /// <summary>
    /// One feedback table: its kind, its name, the staging table's columns (floats as bits), the table's columns and the
    /// staging expressions that fill them, how an item is written as a JSON row and how its content hash is keyed.
    /// </summary>
    private sealed record FeedbackTable<T>(
        string Kind,
        string Table,
        string StagingColumns,
        string Columns,
        string FromStaging,
        Action<Utf8JsonWriter, T> Write,
        Action<BinaryWriter, T> Key);
}

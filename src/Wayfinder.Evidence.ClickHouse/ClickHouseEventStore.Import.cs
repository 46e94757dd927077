namespace Wayfinder.Evidence.ClickHouse;

using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;
using static ClickHouseTables;

public sealed partial class ClickHouseEventStore
{
    private readonly SemaphoreSlim _imports = new(1, 1);

    /// <summary>Rows sent to ClickHouse per request while importing (small in tests that stop a server between two).</summary>
    internal int RowsPerInsert { get; set; } = 250_000;

    /// <summary>
    /// Imports one file with the embedded store's reader and rules (the same report, bad rows and all-or-nothing
    /// judgement), then sends its rows in batches tagged with a new batch id; rows already stored are dropped inside
    /// ClickHouse by content hash, and the rows become visible together when the batch is committed (<see cref="ImportBatch"/>).
    /// A missing server or one stopped midway throws <see cref="ClickHouseException"/>; nothing of the file is visible then,
    /// and importing it again completes it. Imports through one store run one at a time.
    /// </summary>
    public async Task<ImportReport> ImportAsync(string path, EventImportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await _imports.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ImportLockedAsync(path, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _imports.Release();
        }
    }

    private async Task<ImportReport> ImportLockedAsync(string path, EventImportOptions options, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var (parts, report) = await EventImporter.ReadForStoreAsync(path, options, cancellationToken).ConfigureAwait(false);
        if (!report.Succeeded)
        {
            return report;
        }

        var batch = new ImportBatch(this, path, options.Progress, report.RowsRead, new FileInfo(path).Length);
        var (added, duplicates) = await batch.RunAsync(parts, cancellationToken).ConfigureAwait(false);
        return report with { RowsAdded = added, Duplicates = duplicates };
    }

    /// <inheritdoc/>
    public async Task<EventSummary> SummaryAsync(CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var totals = (await Client.QueryAsync(
            $"SELECT count() AS events, min(ts) AS first, max(ts) AS last FROM {Q(Tables.Events)} WHERE {Tables.Visible}",
            cancellationToken: cancellationToken).ConfigureAwait(false))[0];
        var events = totals.GetProperty("events").GetInt64();
        if (events == 0)
        {
            return EventSummary.Empty;
        }

        var customers = (await Client.QueryAsync(
            $"SELECT uniqExact(customer) AS customers FROM {Q(Tables.Customers)} WHERE {Tables.Visible}",
            cancellationToken: cancellationToken).ConfigureAwait(false))[0].GetProperty("customers").GetInt32();
        // ClickHouse orders strings by their bytes: the ordinal order the embedded store uses.
        var names = await Client.QueryAsync(
            $"SELECT event, count() AS events FROM {Q(Tables.Events)} WHERE {Tables.Visible} GROUP BY event ORDER BY events DESC, event",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return new EventSummary(
            events,
            customers,
            totals.GetProperty("first").GetInt64(),
            totals.GetProperty("last").GetInt64(),
            [.. names.Select(n => new EventNameCount(n.GetProperty("event").GetString()!, n.GetProperty("events").GetInt64()))]);
    }

    /// <summary>
    /// Settings for writes through the Distributed tables: an insert returns once every shard has its rows, and a shard
    /// busy for a moment is given a second to accept the connection (a stopped one still fails the import at once).
    /// </summary>
    internal IReadOnlyDictionary<string, string>? DistributedInsertSettings =>
        Settings.Cluster is null ? null : new Dictionary<string, string> { ["insert_distributed_sync"] = "1", ["connect_timeout_with_failover_ms"] = "1000" };
}

namespace Wayfinder.Evidence.ClickHouse;

using System.Buffers;
using System.Globalization;
using System.Text;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;
using static ClickHouseTables;

/// <summary>
/// One import into ClickHouse, after the file was read and judged. ClickHouse has no transactions, so every row of the
/// import carries a new batch id and stays invisible (<see cref="ClickHouseTables.Visible"/>) until the batch's row is
/// written to the batches table, last of all. In order:
/// <list type="number">
/// <item>Leftovers of imports that never committed (and rows still kept under an id stitched to another) are deleted, best effort.</item>
/// <item>The file's rows are combined as the embedded store does (<see cref="EventLogBuilder.Combine"/>: customer and time
/// order with input order for ties, in-file duplicates dropped, ids stitched with the stored identities first).</item>
/// <item>Stored rows of an id this import stitches to another customer are copied under that customer in this batch (the
/// embedded store re-keys them too, so later reads see them under the known customer); the old copies are deleted after
/// the commit. Between the commit and that deletion both copies are visible for a moment; if the process dies there,
/// the next import deletes the old copies first (rows under an id that is stitched are never read as its own). Moved
/// rows are not checked against the known customer's rows for duplicates, as the embedded store would.</item>
/// <item>The rows go to a staging table sharded like the events; each shard then moves those that equal no stored row
/// (same customer, time and content hash) into its events table, so duplicates are found inside ClickHouse.</item>
/// <item>Each customer's attribute values of the file are staged too, and each shard keeps those that win against the
/// stored value as the embedded store weighs them (the stored value as of the customer's last stored event, the file's as
/// of its row). Attribute rows moved from a stitched id keep their own ts and seq, where the embedded store would weigh
/// them as of that id's last event.</item>
/// <item>Customers and new identities are written; then the batch row commits everything at once.</item>
/// </list>
/// </summary>
internal sealed class ImportBatch(ClickHouseEventStore store, string path, IProgress<ImportProgress>? progress, long rowsRead, long bytes)
{
    private readonly ClickHouseTables _tables = store.Tables;

    /// <returns>Rows that became visible, and rows dropped as duplicates (in the file, or of stored rows).</returns>
    public async Task<(long Added, long Duplicates)> RunAsync(IReadOnlyList<EventLogBuilder> parts, CancellationToken cancellationToken)
    {
        var committed = await CommittedBatchesAsync(cancellationToken).ConfigureAwait(false);
        var identities = await IdentitiesAsync(committed, cancellationToken).ConfigureAwait(false);
        await ImportCleanup.RemoveLeftoversAsync(store, Batches(committed), identities.Keys, cancellationToken).ConfigureAwait(false);

        Report("ordering by customer and time", rowsRead);
        // The stored identities go first, as the embedded store's stored log does, so an id keeps its first link and this
        // file's rows of a stitched id go to the customer it was stitched to.
        var links = new EventLogBuilder(16);
        foreach (var (alias, target) in identities)
        {
            links.Link(alias, target);
        }

        var attributeTimes = parts.SelectMany(p => p.AttributeTimes()).ToList();
        var log = EventLogBuilder.Combine([links, .. parts], out var inFile);
        cancellationToken.ThrowIfCancellationRequested();

        var batch = NewBatch(committed);
        var seqBase = await FirstFreeSeqAsync(cancellationToken).ConfigureAwait(false);
        var moved = log.Identities.Where(i => !identities.TryGetValue(i.Key, out var known) || known != i.Value).ToList();
        await MoveStitchedAsync(moved, batch, cancellationToken).ConfigureAwait(false);

        var rows = new ImportRows(log);
        await ClickHouseSchema.CreateStagingAsync(store, cancellationToken).ConfigureAwait(false);
        await SendRowsAsync(rows, seqBase, batch, cancellationToken).ConfigureAwait(false);

        var added = await KeepNewRowsAsync(committed, batch, cancellationToken).ConfigureAwait(false);
        await SendAttributesAsync(log, WinningTimes(log, attributeTimes), batch, seqBase, cancellationToken).ConfigureAwait(false);
        await KeepWinningAttributesAsync(committed, batch, cancellationToken).ConfigureAwait(false);
        await SendCustomersAsync(log, identities.Values.ToHashSet(StringComparer.Ordinal), batch, cancellationToken).ConfigureAwait(false);
        await SendIdentitiesAsync(moved, batch, cancellationToken).ConfigureAwait(false);

        Report("committing", rows.Count);
        await store.Client.ExecuteAsync(
            $"INSERT INTO {Q(_tables.Batches)} (batch, file, rows, committed) VALUES ({Number(batch)}, {Sql.String(path)}, {Sql.Number(added)}, now())",
            cancellationToken: cancellationToken).ConfigureAwait(false);

        // Committed: what follows only tidies up, and the next import does it again when it fails here (a shard stopped
        // just now), so the import is reported as done.
        try
        {
            await ImportCleanup.DeleteAsync(store, [_tables.EventsLocal, _tables.AttributesLocal, _tables.CustomersLocal], $"customer IN {Strings(moved.Select(m => m.Key))}", moved.Count > 0, cancellationToken).ConfigureAwait(false);
            await ClickHouseSchema.DropStagingAsync(store, cancellationToken).ConfigureAwait(false);
        }
        catch (ClickHouseException)
        {
        }

        return (added, inFile + (rows.Count - added));
    }

    /// <summary>Sends the rows to the staging table, <see cref="ClickHouseEventStore.RowsPerInsert"/> per request, reporting each.</summary>
    private async Task SendRowsAsync(ImportRows rows, ulong seqBase, ulong batch, CancellationToken cancellationToken)
    {
        Report("sending to ClickHouse", 0);
        // The next request's rows are encoded while the current one is sent.
        var step = store.RowsPerInsert;
        Task<ArrayBufferWriter<byte>> Encode(int from) => Task.Run(
            () =>
            {
                var to = Math.Min(rows.Count, from + step);
                var buffer = new ArrayBufferWriter<byte>(Math.Max(1024, (to - from) * 96));
                rows.Write(buffer, from, to, seqBase, batch);
                return buffer;
            },
            cancellationToken);
        var next = Encode(0);
        for (var from = 0; from < rows.Count; from += step)
        {
            var buffer = await next.ConfigureAwait(false);
            if (from + step < rows.Count)
            {
                next = Encode(from + step);
            }

            await SendAsync(_tables.Staging, buffer, cancellationToken).ConfigureAwait(false);
            Report("sending to ClickHouse", Math.Min(rows.Count, from + step));
        }
    }

    private void Report(string stage, long rows) => progress?.Report(new ImportProgress(rows, bytes, bytes, stage));

    private async Task<List<ulong>> CommittedBatchesAsync(CancellationToken cancellationToken)
    {
        var rows = await store.Client.QueryAsync($"SELECT batch FROM {Q(_tables.Batches)} ORDER BY batch", cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => r.GetProperty("batch").GetUInt64())];
    }

    /// <summary>Every stitched id with the customer it resolves to, as the last committed import left them.</summary>
    private async Task<SortedDictionary<string, string>> IdentitiesAsync(List<ulong> committed, CancellationToken cancellationToken)
    {
        var rows = await store.Client.QueryAsync(
            $"SELECT alias, argMax(target, batch) AS target FROM {Q(_tables.Identities)} WHERE batch IN {Batches(committed)} GROUP BY alias ORDER BY alias",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var identities = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            identities[row.GetProperty("alias").GetString()!] = row.GetProperty("target").GetString()!;
        }

        return identities;
    }

    /// <summary>A batch id above every committed one, from the clock (microseconds) so ids grow with time.</summary>
    private static ulong NewBatch(List<ulong> committed) =>
        Math.Max((ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, committed.Count == 0 ? 1 : committed[^1] + 1);

    /// <summary>
    /// The first seq above every stored event's and attribute's (leftovers too), so this import's rows follow stored rows
    /// of equal time (attribute values of customers without events are numbered after a file's events).
    /// </summary>
    private async Task<ulong> FirstFreeSeqAsync(CancellationToken cancellationToken)
    {
        var next = 0UL;
        foreach (var table in new[] { _tables.Events, _tables.Attributes })
        {
            var rows = await store.Client.QueryAsync($"SELECT max(seq) + 1 AS next FROM {Q(table)}", cancellationToken: cancellationToken).ConfigureAwait(false);
            next = Math.Max(next, rows[0].GetProperty("next").GetUInt64());
        }

        return next;
    }

    /// <summary>
    /// Copies the stored rows (events, attributes, customer) of every id this import stitches to another customer under
    /// that customer, in this batch; they keep their time, seq and hash. The embedded store re-keys them the same way.
    /// </summary>
    private async Task MoveStitchedAsync(List<KeyValuePair<string, string>> moved, ulong batch, CancellationToken cancellationToken)
    {
        if (moved.Count == 0)
        {
            return;
        }

        var aliases = Strings(moved.Select(m => m.Key));
        var target = $"transform(customer, {Sql.Strings(moved.Select(m => m.Key))}, {Sql.Strings(moved.Select(m => m.Value))}, customer) AS moved_customer";
        var where = $"customer IN {aliases} AND {_tables.Visible}";
        foreach (var (table, columns) in new[]
        {
            (_tables.Events, "ts, seq, event, channel, prop_keys, prop_values"),
            (_tables.Attributes, "name, value, ts, seq"),
            (_tables.Customers, ""),
        })
        {
            var rest = columns.Length > 0 ? columns + ", " : "";
            var hash = table == _tables.Events ? ", hash" : "";
            await store.Client.ExecuteAsync(
                $"INSERT INTO {Q(table)} SELECT {target}, {rest}toUInt64({Number(batch)}) AS new_batch{hash} FROM {Q(table)} WHERE {where}",
                store.DistributedInsertSettings,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>On every shard, moves the staged rows equal to no stored row (nor to a row moved in by this batch) into the events; returns how many.</summary>
    private async Task<long> KeepNewRowsAsync(List<ulong> committed, ulong batch, CancellationToken cancellationToken)
    {
        var before = await CountAsync(batch, cancellationToken).ConfigureAwait(false);
        var known = Batches([.. committed, batch]);
        foreach (var client in store.Clients)
        {
            await client.ExecuteAsync(
                $"""
                INSERT INTO {Q(_tables.EventsLocal)}
                SELECT customer, ts, seq, event, channel, prop_keys, prop_values, batch, hash FROM {Q(_tables.StagingLocal)}
                WHERE batch = {Number(batch)} AND (customer, ts, hash) NOT IN (SELECT customer, ts, hash FROM {Q(_tables.EventsLocal)} WHERE batch IN {known})
                """,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return await CountAsync(batch, cancellationToken).ConfigureAwait(false) - before;
    }

    private async Task<long> CountAsync(ulong batch, CancellationToken cancellationToken)
    {
        var rows = await store.Client.QueryAsync($"SELECT count() AS n FROM {Q(_tables.Events)} WHERE batch = {Number(batch)}", cancellationToken: cancellationToken).ConfigureAwait(false);
        return rows[0].GetProperty("n").GetInt64();
    }

    /// <summary>
    /// The time of the row each customer's value of each attribute came from in this file (ids stitched to the customer
    /// included: the latest wins, as in <see cref="EventLogBuilder.Combine"/>).
    /// </summary>
    private static Dictionary<(string Attribute, string Customer), long> WinningTimes(EventLog log, List<(string Attribute, string Customer, long Time)> times)
    {
        var result = new Dictionary<(string, string), long>();
        foreach (var (attribute, customer, time) in times)
        {
            var key = (attribute, log.Identities.TryGetValue(customer, out var root) ? root : customer);
            result[key] = result.TryGetValue(key, out var known) ? Math.Max(known, time) : time;
        }

        return result;
    }

    /// <summary>
    /// Each customer's value of each attribute after this file, as the embedded store resolves it within the file
    /// (latest row in time wins, ties: the later row), with the time of its row and a seq after this file's rows; staged
    /// until <see cref="KeepWinningAttributesAsync"/> weighs it against the stored value.
    /// </summary>
    private async Task SendAttributesAsync(EventLog log, Dictionary<(string Attribute, string Customer), long> times, ulong batch, ulong seqBase, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var customers = log.CustomerIds.Select(Encoding.UTF8.GetBytes).ToArray();
        foreach (var (name, column) in log.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var nameBytes = Encoding.UTF8.GetBytes(name);
            var values = column.Values.Select(Encoding.UTF8.GetBytes).ToArray();
            for (var c = 0; c < log.CustomerCount && c < column.Codes.Length; c++)
            {
                if (column.Codes[c] < 0)
                {
                    continue;
                }

                var (start, end) = (log.CustomerStart[c], log.CustomerStart[c + 1]);
                ImportRows.String(buffer, customers[c]);
                ImportRows.String(buffer, nameBytes);
                ImportRows.String(buffer, values[column.Codes[c]]);
                ImportRows.Int64(buffer, times.TryGetValue((name, log.CustomerIds[c]), out var time) ? time : end > start ? log.Timestamps[end - 1] : 0);
                ImportRows.UInt64(buffer, end > start ? seqBase + (ulong)(end - 1) : seqBase + (ulong)log.EventCount + (ulong)c);
                ImportRows.UInt64(buffer, batch);
                buffer = await FlushWhenFullAsync(_tables.AttributeStaging, buffer, cancellationToken).ConfigureAwait(false);
            }
        }

        if (buffer.WrittenCount > 0)
        {
            await SendAsync(_tables.AttributeStaging, buffer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// On every shard, keeps the staged values that win over the stored ones as the embedded store decides: a stored value
    /// counts as of its customer's last stored event (0 without events), and a value of this file wins when its row is
    /// not older. A kept value's ts is raised to the stored values' latest, so <c>argMax(value, (ts, seq))</c> picks it.
    /// </summary>
    private async Task KeepWinningAttributesAsync(List<ulong> committed, ulong batch, CancellationToken cancellationToken)
    {
        var known = Batches(committed);
        foreach (var client in store.Clients)
        {
            await client.ExecuteAsync(
                $"""
                INSERT INTO {Q(_tables.AttributesLocal)}
                SELECT customer, name, value, greatest(ts, stored_ts) AS kept_ts, seq, batch FROM (
                    SELECT customer, name, value, ts, seq, batch, stored, stored_ts FROM {Q(_tables.AttributeStagingLocal)}
                    ANY LEFT JOIN (
                        SELECT customer, name, toUInt8(1) AS stored, max(ts) AS stored_ts FROM {Q(_tables.AttributesLocal)} WHERE batch IN {known} GROUP BY customer, name
                    ) USING (customer, name)
                    WHERE batch = {Number(batch)}
                )
                ANY LEFT JOIN (SELECT customer, max(ts) AS last FROM {Q(_tables.EventsLocal)} WHERE batch IN {known} GROUP BY customer) USING customer
                WHERE stored = 0 OR ts >= last
                """,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Every customer of this file, with or without events (a customer known only from an identify call counts as the
    /// embedded store counts it). The customers that stored identities point to are in the log because their links were
    /// fed to it; they are stored customers already, so they are sent only when this file has rows of theirs.
    /// </summary>
    private async Task SendCustomersAsync(EventLog log, HashSet<string> storedTargets, ulong batch, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        for (var c = 0; c < log.CustomerCount; c++)
        {
            var id = log.CustomerIds[c];
            if (storedTargets.Contains(id) && log.CustomerStart[c + 1] == log.CustomerStart[c] && !log.Attributes.Values.Any(a => c < a.Codes.Length && a.Codes[c] >= 0))
            {
                continue;
            }

            ImportRows.String(buffer, Encoding.UTF8.GetBytes(id));
            ImportRows.UInt64(buffer, batch);
            buffer = await FlushWhenFullAsync(_tables.Customers, buffer, cancellationToken).ConfigureAwait(false);
        }

        if (buffer.WrittenCount > 0)
        {
            await SendAsync(_tables.Customers, buffer, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendIdentitiesAsync(List<KeyValuePair<string, string>> moved, ulong batch, CancellationToken cancellationToken)
    {
        if (moved.Count == 0)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        foreach (var (alias, target) in moved)
        {
            ImportRows.String(buffer, Encoding.UTF8.GetBytes(alias));
            ImportRows.String(buffer, Encoding.UTF8.GetBytes(target));
            ImportRows.UInt64(buffer, batch);
        }

        await store.Client.InsertAsync(_tables.Identities, "RowBinary", stream => stream.WriteAsync(buffer.WrittenMemory, cancellationToken).AsTask(), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the rows written so far once they pass 32 MB, and gives an empty buffer back then.</summary>
    private async Task<ArrayBufferWriter<byte>> FlushWhenFullAsync(string table, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.WrittenCount < 32 << 20)
        {
            return buffer;
        }

        await SendAsync(table, buffer, cancellationToken).ConfigureAwait(false);
        return new ArrayBufferWriter<byte>(4096);
    }

    private Task SendAsync(string table, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken) =>
        store.Client.InsertAsync(table, "RowBinary", stream => stream.WriteAsync(buffer.WrittenMemory, cancellationToken).AsTask(), store.DistributedInsertSettings, cancellationToken);

    /// <summary>A list of batch ids for <c>IN</c>; 0 (never a batch id) keeps it non-empty.</summary>
    internal static string Batches(IEnumerable<ulong> batches) => "(" + string.Join(", ", batches.Prepend(0UL).Select(Number)) + ")";

    internal static string Strings(IEnumerable<string> values) => "(" + string.Join(", ", values.Select(Sql.String)) + ")";

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}

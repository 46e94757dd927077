namespace Wayfinder.Evidence.ClickHouse;

using static ClickHouseTables;

/// <summary>
/// Deleting rows an import no longer wants: leftovers of imports that never committed, and rows kept under an id that
/// was stitched to another customer. ClickHouse deletes through mutations that run in the background; these wait for them.
/// </summary>
internal static class ImportCleanup
{
    private static readonly TimeSpan MutationWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Deletes rows of batches that never committed (an import stopped midway) and rows still under an id stitched to
    /// another customer (an import stopped after its commit, before it deleted them). Both are invisible or obsolete, so
    /// this is best effort: it runs again before every import.
    /// </summary>
    public static async Task RemoveLeftoversAsync(ClickHouseEventStore store, string committed, IEnumerable<string> aliases, CancellationToken cancellationToken)
    {
        var names = aliases.ToList();
        var condition = $"batch NOT IN {committed}" + (names.Count > 0 ? $" OR customer IN {ImportBatch.Strings(names)}" : "");
        await DeleteAsync(store, [store.Tables.EventsLocal, store.Tables.AttributesLocal, store.Tables.CustomersLocal], condition, true, cancellationToken).ConfigureAwait(false);
        await DeleteOnAsync(store, store.Client, store.Tables.Identities, $"batch NOT IN {committed}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the rows matching <paramref name="condition"/> from local tables on every shard, waiting until done.</summary>
    public static async Task DeleteAsync(ClickHouseEventStore store, string[] tables, string condition, bool any, CancellationToken cancellationToken)
    {
        if (!any)
        {
            return;
        }

        foreach (var client in store.Clients)
        {
            foreach (var table in tables)
            {
                await DeleteOnAsync(store, client, table, condition, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task DeleteOnAsync(ClickHouseEventStore store, ClickHouseClient client, string table, string condition, CancellationToken cancellationToken)
    {
        var found = await client.QueryAsync($"SELECT count() AS n FROM {Q(table)} WHERE {condition}", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (found[0].GetProperty("n").GetInt64() == 0)
        {
            return;
        }

        // A mutation (ALTER … DELETE) runs in the background: wait for it, so what follows sees the table without the rows.
        await client.ExecuteAsync($"ALTER TABLE {Q(table)} DELETE WHERE {condition}", cancellationToken: cancellationToken).ConfigureAwait(false);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < MutationWait)
        {
            var running = await client.QueryAsync(
                $"SELECT count() AS n FROM system.mutations WHERE database = {Sql.String(store.Settings.Database)} AND table = {Sql.String(table)} AND is_done = 0",
                useDatabase: false,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (running[0].GetProperty("n").GetInt64() == 0)
            {
                return;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }
}

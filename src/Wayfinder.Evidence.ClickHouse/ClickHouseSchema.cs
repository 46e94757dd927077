namespace Wayfinder.Evidence.ClickHouse;

using static ClickHouseTables;

/// <summary>The tables of a workspace, created when missing (on every shard with a cluster).</summary>
internal static class ClickHouseSchema
{
    public static async Task CreateAsync(ClickHouseEventStore store, CancellationToken cancellationToken)
    {
        var tables = store.Tables;
        var database = Q(store.Settings.Database);
        foreach (var client in store.Clients)
        {
            await client.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS {database}", useDatabase: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            await client.ExecuteAsync(
                $"""
                CREATE TABLE IF NOT EXISTS {Q(tables.EventsLocal)} (
                    customer String, ts Int64, seq UInt64, event String, channel String,
                    prop_keys Array(String), prop_values Array(String), batch UInt64, hash UInt64
                ) ENGINE = MergeTree() ORDER BY (customer, ts, seq)
                """,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            await client.ExecuteAsync(
                $"""
                CREATE TABLE IF NOT EXISTS {Q(tables.AttributesLocal)} (
                    customer String, name String, value String, ts Int64, seq UInt64, batch UInt64
                ) ENGINE = MergeTree() ORDER BY (customer, name, ts, seq)
                """,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            await client.ExecuteAsync(
                $"CREATE TABLE IF NOT EXISTS {Q(tables.CustomersLocal)} (customer String, batch UInt64) ENGINE = MergeTree() ORDER BY customer",
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (store.Settings.Cluster is { } cluster)
            {
                foreach (var (distributed, local) in new[] { (tables.Events, tables.EventsLocal), (tables.Attributes, tables.AttributesLocal), (tables.Customers, tables.CustomersLocal) })
                {
                    await client.ExecuteAsync(
                        $"CREATE TABLE IF NOT EXISTS {Q(distributed)} AS {Q(local)} ENGINE = Distributed({Q(cluster)}, {database}, {Q(local)}, cityHash64(customer))",
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await store.Client.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS {Q(tables.Batches)} (batch UInt64, file String, rows UInt64, committed DateTime) ENGINE = MergeTree() ORDER BY batch",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        await store.Client.ExecuteAsync(
            $"CREATE TABLE IF NOT EXISTS {Q(tables.Identities)} (alias String, target String, batch UInt64) ENGINE = MergeTree() ORDER BY alias",
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>(Re)creates the empty staging table of an import (local on every shard, Distributed by customer like the events).</summary>
    public static async Task CreateStagingAsync(ClickHouseEventStore store, CancellationToken cancellationToken)
    {
        await DropStagingAsync(store, cancellationToken).ConfigureAwait(false);
        var tables = store.Tables;
        foreach (var client in store.Clients)
        {
            await client.ExecuteAsync($"CREATE TABLE {Q(tables.StagingLocal)} AS {Q(tables.EventsLocal)} ENGINE = MergeTree() ORDER BY (customer, ts, seq)", cancellationToken: cancellationToken).ConfigureAwait(false);
            await client.ExecuteAsync($"CREATE TABLE {Q(tables.AttributeStagingLocal)} AS {Q(tables.AttributesLocal)} ENGINE = MergeTree() ORDER BY (customer, name)", cancellationToken: cancellationToken).ConfigureAwait(false);
            if (store.Settings.Cluster is { } cluster)
            {
                foreach (var (distributed, local) in new[] { (tables.Staging, tables.StagingLocal), (tables.AttributeStaging, tables.AttributeStagingLocal) })
                {
                    await client.ExecuteAsync(
                        $"CREATE TABLE {Q(distributed)} AS {Q(local)} ENGINE = Distributed({Q(cluster)}, {Q(store.Settings.Database)}, {Q(local)}, cityHash64(customer))",
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    public static async Task DropStagingAsync(ClickHouseEventStore store, CancellationToken cancellationToken)
    {
        foreach (var client in store.Clients)
        {
            foreach (var name in new[] { store.Tables.Staging, store.Tables.StagingLocal, store.Tables.AttributeStaging, store.Tables.AttributeStagingLocal }.Distinct())
            {
                await client.ExecuteAsync($"DROP TABLE IF EXISTS {Q(name)}", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static async Task DropAsync(ClickHouseEventStore store, ClickHouseClient client, CancellationToken cancellationToken)
    {
        var tables = store.Tables;
        var exists = await client.QueryAsync($"SELECT name FROM system.databases WHERE name = {Sql.String(store.Settings.Database)}", useDatabase: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (exists.Count == 0)
        {
            return;
        }

        foreach (var name in new[] { tables.Events, tables.EventsLocal, tables.Attributes, tables.AttributesLocal, tables.Customers, tables.CustomersLocal, tables.Staging, tables.StagingLocal, tables.AttributeStaging, tables.AttributeStagingLocal, tables.Batches, tables.Identities, tables.Surveys, tables.Insights, tables.Prefix + "_feedback_batches" }.Distinct())
        {
            await client.ExecuteAsync($"DROP TABLE IF EXISTS {Q(name)}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}

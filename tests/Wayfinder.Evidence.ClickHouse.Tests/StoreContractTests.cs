namespace Wayfinder.Evidence.ClickHouse.Tests;

using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;
using Wayfinder.Evidence.Tests.Store;
using Wayfinder.Evidence.Tests.Surveys;

/// <summary>The event store contract on one ClickHouse server: the same tests, the same expected values, as the embedded store.</summary>
[Collection(ClickHouseCollection.Name)]
public sealed class SingleServerEventStoreContractTests(ClickHouseServers servers) : EventStoreContractTests
{
    // One prefix per folder of a test: a store opened again on the same folder sees the same tables (xunit makes an instance per test).
    private readonly Dictionary<string, string> _prefixes = [];

    protected override IEventStore CreateStore(string folder) =>
        new ClickHouseEventStore(servers.Single.ForTable(_prefixes.TryGetValue(folder, out var prefix) ? prefix : _prefixes[folder] = ClickHouseServers.NewPrefix()));
}

/// <summary>The event store contract on the two-shard cluster.</summary>
[Collection(ClickHouseCollection.Name)]
public sealed class ClusterEventStoreContractTests(ClickHouseServers servers) : EventStoreContractTests
{
    // One prefix per folder of a test: a store opened again on the same folder sees the same tables (xunit makes an instance per test).
    private readonly Dictionary<string, string> _prefixes = [];

    protected override IEventStore CreateStore(string folder) =>
        new ClickHouseEventStore(servers.Cluster.ForTable(_prefixes.TryGetValue(folder, out var prefix) ? prefix : _prefixes[folder] = ClickHouseServers.NewPrefix()));
}

namespace Wayfinder.Evidence.ClickHouse.Tests;

using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;
using Wayfinder.Evidence.Tests.Store;
using Wayfinder.Evidence.Tests.Surveys;

/// <summary>The event store contract on one ClickHouse server: the same tests, the same expected values, as the embedded store.</summary>
[Collection(ClickHouseCollection.Name)]
public sealed class SingleServerEventStoreContractTests(ClickHouseServers servers) : EventStoreContractTests
{
    protected override IEventStore CreateStore(string folder) => new ClickHouseEventStore(servers.Single.ForTable(StorePrefixes.For(folder)));
}

/// <summary>The event store contract on the two-shard cluster.</summary>
[Collection(ClickHouseCollection.Name)]
public sealed class ClusterEventStoreContractTests(ClickHouseServers servers) : EventStoreContractTests
{
    protected override IEventStore CreateStore(string folder) => new ClickHouseEventStore(servers.Cluster.ForTable(StorePrefixes.For(folder)));
}

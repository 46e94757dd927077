namespace Wayfinder.Evidence.Tests.Store;

using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Tests.Import;
using Wayfinder.Evidence.Tests.Metrics;

/// <summary>
/// What every event store must do, through <see cref="IEventStore"/> only. A ClickHouse store subclasses this with
/// its own <see cref="CreateStore"/> and must pass the same tests.
/// </summary>
public abstract class EventStoreContractTests : IDisposable
{
    private readonly TempFolder _temp = new();

    protected abstract IEventStore CreateStore(string folder);

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<IEventStore> StoreWith(string csv)
    {
        var store = CreateStore(Path.Combine(_temp.Path, "store"));
        var report = await store.ImportAsync(_temp.Write("events.csv", csv), new EventImportOptions());
        Assert.True(report.Succeeded, report.Error);
        return store;
    }

    [Fact]
    public async Task TheOrderedFunnelCountsStagesReachedInOrderWithinTheWindow()
    {
        var store = await StoreWith("""
            customer_id,timestamp,event,customer.plan
            u1,2026-01-01T00:00:00Z,a,pro
            u1,2026-01-02T00:00:00Z,b,pro
            u1,2026-01-03T00:00:00Z,c,pro
            u2,2026-01-01T00:00:00Z,b,free
            u2,2026-01-02T00:00:00Z,a,free
            u3,2026-01-01T00:00:00Z,a,free
            u3,2026-02-01T00:00:00Z,b,free
            u4,2026-01-01T00:00:00Z,a,free
            u4,2026-01-01T00:00:00Z,b,free
            """);

        var all = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery());
        var pro = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery { Segment = "plan = \"pro\"" });

        // u3's b is 31 days after a (window 30); u4's a and b share a timestamp.
        Assert.Equal([4, 1, 1], all.Funnel.Select(f => f.Customers));
        Assert.Equal([1, 1, 1], pro.Funnel.Select(f => f.Customers));
    }

    [Fact]
    public async Task PathsAndTheFlowGraphFollowTheInputOrderForEqualTimes()
    {
        var store = await StoreWith("""
            customer_id,timestamp,event
            u1,2026-01-01T00:00:00Z,a
            u1,2026-01-01T00:00:00Z,a
            u1,2026-01-01T00:00:00Z,b
            u2,2026-01-01T00:00:00Z,b
            u2,2026-01-01T01:00:00Z,a
            """);

        var metrics = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery { CollapseRepeats = false });

        // u1's two a rows at the same time are one event repeated: the duplicate is dropped on import.
        Assert.Equal([("a>b", 1), ("b>a", 1)], metrics.Variants.Select(v => (string.Join('>', v.Touchpoints), v.Customers)));
        Assert.Equal([("a", "b", 1, 0d), ("b", "a", 1, 3600d)], metrics.Flow.Select(e => (e.From, e.To, e.Count, e.MedianSeconds)));
    }
}

public sealed class EmbeddedEventStoreContractTests : EventStoreContractTests
{
    protected override IEventStore CreateStore(string folder) => new EventStore(folder);
}

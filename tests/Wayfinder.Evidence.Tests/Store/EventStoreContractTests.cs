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

    [Fact]
    public async Task TheBestStartCountsWhereTheNewestChainCannotAdvance()
    {
        // a@0 b@2 a@3 b@4 c@4: the chain from 0 reaches B at 2, so C at 4 completes it; the chain from 3 reaches B at
        // 4 and cannot take C at the same time. ClickHouse's windowFunnel alone would say 2.
        var store = await StoreWith("""
            customer_id,timestamp,event
            u1,2026-01-01T00:00:00Z,a
            u1,2026-01-01T02:00:00Z,b
            u1,2026-01-01T03:00:00Z,a
            u1,2026-01-01T04:00:00Z,b
            u1,2026-01-01T04:00:00Z,c
            """);

        var metrics = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery());

        Assert.Equal([1, 1, 1], metrics.Funnel.Select(f => f.Customers));
    }

    [Fact]
    public async Task TimingsAreMedianAndP90OfFirstReachesAmongConverted()
    {
        // A→B among u1..u4: 1 h, 2 h, 3 h, 10 h: median 2.5 h = 9000 s, p90 = 3 + 0.7 × 7 = 7.9 h = 28440 s.
        // B→C: u1 alone, 5 h. A→C: u1, 6 h.
        var store = await StoreWith("""
            customer_id,timestamp,event
            u1,2026-01-01T00:00:00Z,a
            u1,2026-01-01T01:00:00Z,b
            u1,2026-01-01T06:00:00Z,c
            u2,2026-01-01T00:00:00Z,a
            u2,2026-01-01T02:00:00Z,b
            u3,2026-01-01T00:00:00Z,a
            u3,2026-01-01T01:00:00Z,a
            u3,2026-01-01T03:00:00Z,b
            u4,2026-01-01T00:00:00Z,a
            u4,2026-01-01T10:00:00Z,b
            u5,2026-01-01T00:00:00Z,a
            """);

        var metrics = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery());

        Assert.Equal(
            [("A", "B", 4, 9000d, 28440d), ("B", "C", 1, 18000d, 18000d)],
            metrics.Timings.Select(t => (t.FromStage, t.ToStage, t.Customers, t.MedianSeconds!.Value, t.P90Seconds!.Value)));
        Assert.Equal([("A", "C", 1, (double?)21600)], metrics.SpanTimings.Select(t => (t.FromStage, t.ToStage, t.Customers, t.MedianSeconds)));
    }

    [Fact]
    public async Task StrandedCustomersAreCountedAtTheirLastTouchpoint()
    {
        // The data ends on Jan 31. u1 (last seen Jan 1 at b) and u2 (Jan 2 at a) are inactive for more than 14 days
        // before the last stage; u3 reached C; u4 was seen Jan 31. Exit rate = stranded ÷ customers who reached it.
        var store = await StoreWith("""
            customer_id,timestamp,event
            u1,2026-01-01T00:00:00Z,a
            u1,2026-01-01T01:00:00Z,b
            u2,2026-01-02T00:00:00Z,a
            u3,2026-01-01T00:00:00Z,a
            u3,2026-01-02T00:00:00Z,c
            u4,2026-01-31T00:00:00Z,a
            """);

        var metrics = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery());

        Assert.Equal(
            [("a", 1, 4, 0.25), ("b", 1, 1, 1d), ("c", 0, 1, 0d)],
            metrics.Stranded.Select(s => (s.TouchpointId, s.Stranded, s.Reached, s.ExitRate)));
    }

    [Fact]
    public async Task ChannelAndPeriodCutsCountOnlyTheirEvents()
    {
        var store = await StoreWith("""
            customer_id,timestamp,event,channel
            u1,2026-01-01T00:00:00Z,a,web
            u1,2026-01-02T00:00:00Z,b,app
            u2,2026-02-01T00:00:00Z,a,web
            u2,2026-02-02T00:00:00Z,b,web
            """);
        var february = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

        var web = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery { Channel = "web" });
        var feb = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery { FromMicros = february });

        // On web, u1 only has a; in February only u2 is there.
        Assert.Equal([2, 1, 0], web.Funnel.Select(f => f.Customers));
        Assert.Equal((2, 3), (web.Customers, web.MappedEvents));
        Assert.Equal([1, 1, 0], feb.Funnel.Select(f => f.Customers));
        Assert.Equal((1, 2), (feb.Customers, feb.MappedEvents));
    }
}

public sealed class EmbeddedEventStoreContractTests : EventStoreContractTests
{
    protected override IEventStore CreateStore(string folder) => new EventStore(folder);
}

namespace Wayfinder.Evidence.Tests.Store;

using Wayfinder.Core.Documents;
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

    // Seven events of three customers, two customer attributes (one numeric) and an unmapped event x. With
    // ThreeStages (a→A, b→B on web; c→C on app): u1 a a b (x), u2 a c, u3 b.
    private const string Mixed = """
        customer_id,timestamp,event,channel,customer.plan,customer.age
        u1,2026-01-01T00:00:00Z,a,web,pro,34
        u1,2026-01-01T01:00:00Z,a,web,pro,34
        u1,2026-01-01T02:00:00Z,b,app,pro,34
        u1,2026-01-01T03:00:00Z,x,web,pro,34
        u2,2026-01-02T00:00:00Z,a,app,free,19
        u2,2026-01-02T01:00:00Z,c,,free,19
        u3,2026-01-03T00:00:00Z,b,web,free,100
        """;

    private static long Micros(int month, int day, int hour = 0) => new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    [Fact]
    public async Task AnEmptyStoreSummarisesAsNothingImported()
    {
        var store = CreateStore(Path.Combine(_temp.Path, "store"));

        var summary = await store.SummaryAsync();

        Assert.False(summary.Imported);
        Assert.Equal((0L, 0, (long?)null, (long?)null), (summary.Events, summary.Customers, summary.FromMicros, summary.ToMicros));
        Assert.Empty(summary.EventNames);
    }

    [Fact]
    public async Task TheSummaryCountsEventsCustomersTheTimeSpanAndEachEventName()
    {
        var store = await StoreWith(Mixed);

        var summary = await store.SummaryAsync();

        Assert.True(summary.Imported);
        Assert.Equal((7L, 3, (long?)Micros(1, 1), (long?)Micros(1, 3)), (summary.Events, summary.Customers, summary.FromMicros, summary.ToMicros));
        // Most frequent first; c and x tie at 1 and go by name.
        Assert.Equal([("a", 3L), ("b", 2L), ("c", 1L), ("x", 1L)], summary.EventNames.Select(n => (n.Event, n.Events)));
    }

    [Fact]
    public async Task ReachCountsCustomersAndEventsPerStageAndTouchpointAndUnmappedEventsApart()
    {
        var store = await StoreWith(Mixed);

        var metrics = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery());

        // A: u1 twice, u2 once; B: u1, u3; C: u2. x is nobody's touchpoint.
        Assert.Equal((3, 6, 1), (metrics.Customers, metrics.MappedEvents, metrics.UnmappedEvents));
        Assert.Equal([("A", 2, 3), ("B", 2, 2), ("C", 1, 1)], metrics.StageReach.Select(r => (r.Id, r.Customers, r.Events)));
        Assert.Equal([("a", "A", 2, 3), ("b", "B", 2, 2), ("c", "C", 1, 1)], metrics.TouchpointReach.Select(r => (r.Id, r.StageId, r.Customers, r.Events)));
    }

    [Fact]
    public async Task VariantsCollapseRepeatsByDefaultAndKeepThemOnRequestWithTiesInPathOrder()
    {
        var store = await StoreWith(Mixed);

        var collapsed = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery());
        var raw = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery { CollapseRepeats = false });
        var top2 = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery { TopVariants = 2 });

        // One customer each (share 1/3): ties go by the touchpoint ids in order, so a>b before a>c before b.
        Assert.Equal([("a>b", 1, 0.333333), ("a>c", 1, 0.333333), ("b", 1, 0.333333)], collapsed.Variants.Select(v => (string.Join('>', v.Touchpoints), v.Customers, v.Share)));
        Assert.Equal(["a>a>b", "a>c", "b"], raw.Variants.Select(v => string.Join('>', v.Touchpoints)));
        Assert.Equal(["a>b", "a>c"], top2.Variants.Select(v => string.Join('>', v.Touchpoints)));
    }

    [Fact]
    public async Task StartAndEndTouchpointsCountEachCustomersFirstAndLastMappedEvent()
    {
        var store = await StoreWith(Mixed);

        var metrics = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery());

        // Starts: u1 a, u2 a, u3 b. Ends (x is unmapped): u1 b, u2 c, u3 b.
        Assert.Equal([("a", 2, 0), ("b", 1, 2), ("c", 0, 1)], metrics.Endpoints.Select(e => (e.TouchpointId, e.Starts, e.Ends)));
    }

    [Fact]
    public async Task TheChannelMixOfAStageUsesTheEventsChannelElseTheTouchpointsWithTiesByName()
    {
        var store = await StoreWith(Mixed);

        var metrics = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery());

        // A: web, web, app. B: app, web (a tie). C: u2's c has no channel, so the touchpoint's (app) counts.
        Assert.Equal(
            [("A", "web", 2, 0.666667), ("A", "app", 1, 0.333333), ("B", "app", 1, 0.5), ("B", "web", 1, 0.5), ("C", "app", 1, 1d)],
            metrics.ChannelMix.Select(c => (c.StageId, c.Channel, c.Events, c.Share)));
    }

    [Fact]
    public async Task ANumericSegmentComparesAttributesAsNumbers()
    {
        var store = await StoreWith(Mixed);

        var metrics = await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery { Segment = "age >= 30" });

        // u1 (34) a→b and u3 (100, although "100" < "30" as text), who has b without a; u2 (19) is out.
        Assert.Equal(2, metrics.Customers);
        Assert.Equal([1, 1, 0], metrics.Funnel.Select(f => f.Customers));
    }

    [Fact]
    public async Task WildcardAndWhereMatchersMapEventsByNamePatternAndByProperty()
    {
        var store = await StoreWith("""
            customer_id,timestamp,event,properties.device
            u1,2026-01-01T00:00:00Z,search_flights,ios
            u1,2026-01-01T01:00:00Z,book,ios
            u2,2026-01-01T00:00:00Z,search_hotels,web
            u2,2026-01-01T01:00:00Z,book,web
            u3,2026-01-01T00:00:00Z,searching,web
            """);
        var journey = LogFixture.ThreeStages() with
        {
            Lanes =
            [
                new Lane
                {
                    Id = "tp",
                    Type = LaneType.Touchpoints,
                    Items =
                    [
                        new LaneItem { Id = "search", Stage = "A", Events = ["search_*"] },
                        new LaneItem { Id = "book-ios", Stage = "B", Events = [new EventMatcher { Name = "book", Where = "device = \"ios\"" }] },
                        new LaneItem { Id = "book", Stage = "B", Events = ["b??k"] },
                    ],
                },
            ],
        };

        var metrics = await store.AnalyzeAsync(journey, new MetricsQuery());

        // "searching" has no underscore, so no touchpoint claims it; u1's book is on iOS, u2's is not.
        Assert.Equal([("search", 2), ("book-ios", 1), ("book", 1)], metrics.TouchpointReach.Select(t => (t.Id, t.Customers)));
        Assert.Equal((4, 1), (metrics.MappedEvents, metrics.UnmappedEvents));
    }

    [Fact]
    public async Task ImportingTheSameFileTwiceAddsNothing()
    {
        var store = await StoreWith(Mixed);

        var again = await store.ImportAsync(Path.Combine(_temp.Path, "events.csv"), new EventImportOptions());
        var summary = await store.SummaryAsync();

        Assert.Equal((7L, 0L, 7L), (again.RowsRead, again.RowsAdded, again.Duplicates));
        Assert.Equal(7L, summary.Events);
    }

    private const string TwoBadRows = """
        customer_id,timestamp,event
        u1,2026-01-01T00:00:00Z,a
        u1,yesterday,b
        ,2026-01-01T02:00:00Z,c
        u2,2026-01-01T00:00:00Z,a
        """;

    [Fact]
    public async Task AnIdStitchedInALaterImportMovesItsStoredEventsAndLaterEventsToTheKnownCustomer()
    {
        var folder = Path.Combine(_temp.Path, "store");
        var store = CreateStore(folder);
        var ga4 = new EventImportOptions { Preset = "ga4" };
        // p1 browses anonymously; a later export has p1 logging in as u1; a third has p1 again, signed out.
        await store.ImportAsync(_temp.Write("day1.ndjson", """
            {"event_timestamp":"1772359200000000","event_name":"page_view","user_pseudo_id":"p1","platform":"WEB","user_properties":[{"key":"k","value":{"string_value":"x"}}]}
            {"event_timestamp":"1772359200000000","event_name":"page_view","user_pseudo_id":"p2","platform":"WEB","user_properties":[{"key":"k","value":{"string_value":"x"}}]}
            """), ga4);
        await store.ImportAsync(_temp.Write("day2.ndjson", """
            {"event_timestamp":"1772445600000000","event_name":"login","user_id":"u1","user_pseudo_id":"p1","platform":"WEB","user_properties":[{"key":"k","value":{"string_value":"x"}}]}
            """), ga4);
        await store.ImportAsync(_temp.Write("day3.ndjson", """
            {"event_timestamp":"1772532000000000","event_name":"page_view","user_pseudo_id":"p1","platform":"WEB","user_properties":[{"key":"k","value":{"string_value":"x"}}]}
            """), ga4);

        // A store opened afresh on the same data knows the stitch too.
        var reopened = CreateStore(folder);
        var customers = await reopened.CustomersAsync("k = \"x\"");
        var summary = await reopened.SummaryAsync();

        Assert.Equal([("p2", 1), ("u1", 3)], customers.Select(c => (c.CustomerId, c.Events)));
        Assert.Equal((4L, 2), (summary.Events, summary.Customers));
    }

    [Fact]
    public async Task AnAnonymousIdSeenWithTwoUserIdsStaysWithTheFirst()
    {
        var store = CreateStore(Path.Combine(_temp.Path, "store"));
        await store.ImportAsync(_temp.Write("shared.ndjson", """
            {"type":"track","event":"Viewed","anonymousId":"kiosk","timestamp":"2026-03-01T10:00:00Z"}
            {"type":"identify","userId":"u1","anonymousId":"kiosk","timestamp":"2026-03-01T10:01:00Z","traits":{"k":"x"}}
            {"type":"identify","userId":"u2","anonymousId":"kiosk","timestamp":"2026-03-01T10:02:00Z","traits":{"k":"x"}}
            {"type":"track","event":"Bought","userId":"u2","anonymousId":"kiosk","timestamp":"2026-03-01T10:03:00Z"}
            """), new EventImportOptions { Preset = "segment" });

        var customers = await store.CustomersAsync("k = \"x\"");

        Assert.Equal([("u1", 1), ("u2", 1)], customers.Select(c => (c.CustomerId, c.Events)));
    }

    [Fact]
    public async Task RowsWithTheSameInsertIdEventCustomerAndTimeAreOneEventAcrossImports()
    {
        var store = CreateStore(Path.Combine(_temp.Path, "store"));
        var mixpanel = new EventImportOptions { Preset = "mixpanel" };
        await store.ImportAsync(_temp.Write("a.ndjson", """
            {"event":"Purchase","properties":{"time":1772359200,"distinct_id":"u1","$insert_id":"i-1","$city":"Lisbon"}}
            """), mixpanel);

        // A retry with another $city is the same event; another $insert_id or another time is another event.
        var again = await store.ImportAsync(_temp.Write("b.ndjson", """
            {"event":"Purchase","properties":{"time":1772359200,"distinct_id":"u1","$insert_id":"i-1","$city":"Porto"}}
            {"event":"Purchase","properties":{"time":1772359200,"distinct_id":"u1","$insert_id":"i-2","$city":"Porto"}}
            {"event":"Purchase","properties":{"time":1772359201,"distinct_id":"u1","$insert_id":"i-1","$city":"Porto"}}
            """), mixpanel);

        Assert.Equal((3L, 2L, 1L), (again.RowsRead, again.RowsAdded, again.Duplicates));
        Assert.Equal(3L, (await store.SummaryAsync()).Events);
    }

    [Fact]
    public async Task AFileWithABadRowStoresNothingAndListsEveryBadRow()
    {
        var store = await StoreWith(Mixed);
        var before = await store.SummaryAsync();

        var report = await store.ImportAsync(_temp.Write("bad.csv", TwoBadRows), new EventImportOptions());

        Assert.False(report.Succeeded);
        Assert.Equal((4L, 0L, 2L, 0L), (report.RowsRead, report.RowsAdded, report.BadRows, report.MaxBadRows));
        Assert.Equal([(3L, "timestamp"), (4L, "customer_id")], report.Problems.Select(p => (p.Line, p.Field)));
        Assert.Equal(
            "2 bad rows, and none is accepted by default; fix the rows listed, or store the good rows and leave up to N bad ones out with --max-bad-rows N (max_bad_rows: N in the data source)",
            report.Error);
        AssertSame(before, await store.SummaryAsync());
    }

    private static void AssertSame(EventSummary before, EventSummary after)
    {
        Assert.Equal((before.Events, before.Customers, before.FromMicros, before.ToMicros), (after.Events, after.Customers, after.FromMicros, after.ToMicros));
        Assert.Equal(before.EventNames, after.EventNames);
    }

    [Fact]
    public async Task AFileWithMoreBadRowsThanTheLimitStoresNothing()
    {
        var store = CreateStore(Path.Combine(_temp.Path, "store"));

        var report = await store.ImportAsync(_temp.Write("bad.csv", TwoBadRows), new EventImportOptions { MaxBadRows = 1 });

        Assert.False(report.Succeeded);
        Assert.Equal((0L, 2L, 1L), (report.RowsAdded, report.BadRows, report.MaxBadRows));
        Assert.StartsWith("2 bad rows, and at most 1 is accepted;", report.Error, StringComparison.Ordinal);
        Assert.Equal(0L, (await store.SummaryAsync()).Events);
    }

    [Fact]
    public async Task BadRowsWithinTheLimitAreLeftOutAndTheGoodRowsStored()
    {
        var store = CreateStore(Path.Combine(_temp.Path, "store"));

        var report = await store.ImportAsync(_temp.Write("bad.csv", TwoBadRows), new EventImportOptions { MaxBadRows = 2 });

        Assert.True(report.Succeeded, report.Error);
        Assert.Equal((4L, 2L, 2L, 2L), (report.RowsRead, report.RowsAdded, report.BadRows, report.MaxBadRows));
        Assert.Equal([(3L, "timestamp"), (4L, "customer_id")], report.Problems.Select(p => (p.Line, p.Field)));
        Assert.Equal(2L, (await store.SummaryAsync()).Events);
    }

    [Fact]
    public async Task AnUnterminatedQuoteStoresNothingAndSwallowsNoLine()
    {
        var store = await StoreWith(Mixed);
        var before = await store.SummaryAsync();
        var file = _temp.Write("quote.csv", "customer_id,timestamp,event\nu8,2026-01-01T00:00:00Z,\"a\nu8,2026-01-02T00:00:00Z,b\nu9,2026-01-03T00:00:00Z,c\n");

        var refused = await store.ImportAsync(file, new EventImportOptions());
        var kept = await store.ImportAsync(file, new EventImportOptions { MaxBadRows = 1 });

        // Line 2 opens a quote that never closes; lines 3 and 4 are rows of their own, not part of it.
        Assert.Equal((3L, 1L, false), (refused.RowsRead, refused.BadRows, refused.Succeeded));
        Assert.Equal(
            "line 2: a quoted field opened on line 2 is never closed: the file ends inside it (a file cut off, or a missing closing quote)",
            refused.Problems.Single().ToString());
        Assert.Equal(before.Events, (await store.SummaryAsync()).Events - kept.RowsAdded);
        Assert.Equal(2L, kept.RowsAdded);
    }

    [Fact]
    public async Task AFileThatCannotBeReadLeavesTheStoreAsItWas()
    {
        var store = await StoreWith(Mixed);

        var report = await store.ImportAsync(Path.Combine(_temp.Path, "missing.csv"), new EventImportOptions());

        Assert.Equal("no such file", report.Error);
        Assert.Equal(7L, (await store.SummaryAsync()).Events);
    }

    [Fact]
    public async Task TheTrendGivesEachPeriodsFunnelAndTheChangeFromThePeriodBefore()
    {
        var store = await StoreWith("""
            customer_id,timestamp,event
            u1,2026-01-01T00:00:00Z,a
            u1,2026-01-02T00:00:00Z,b
            u2,2026-01-05T00:00:00Z,a
            u3,2026-02-10T00:00:00Z,a
            u3,2026-02-11T00:00:00Z,b
            u3,2026-02-12T00:00:00Z,c
            """);

        var months = await store.TrendAsync(LogFixture.ThreeStages(), new MetricsQuery(), "month");
        var quarters = await store.TrendAsync(LogFixture.ThreeStages(), new MetricsQuery(), "quarter");

        // January: u1 a→b, u2 a: A 2, B 1 (0.5 of A), C 0. February: u3 a→b→c. The quarter holds all three.
        Assert.Equal(
            [
                ("2026-01", "A", 2, 1d, (double?)null), ("2026-01", "B", 1, 0.5, null), ("2026-01", "C", 0, 0, null),
                ("2026-02", "A", 1, 1, 0), ("2026-02", "B", 1, 1, 0.5), ("2026-02", "C", 1, 1, 1),
            ],
            months.Select(t => (t.Period, t.StageId, t.Customers, t.Conversion, t.Change)));
        Assert.Equal([("2026-Q1", "A", 3), ("2026-Q1", "B", 2), ("2026-Q1", "C", 1)], quarters.Select(t => (t.Period, t.StageId, t.Customers)));
    }

    [Fact]
    public async Task MetricsWithTheTrendAreWhatEachGivesAloneOnEveryCut()
    {
        // u1 starts in January and goes on in February: in January it reaches A; in February b and c come without an a,
        // so it counts there reaching no stage. u2 reaches B in January, u3 all three in February.
        var store = await StoreWith("""
            customer_id,timestamp,event,channel,customer.plan
            u1,2026-01-30T00:00:00Z,a,web,pro
            u1,2026-02-02T00:00:00Z,b,app,pro
            u1,2026-02-03T00:00:00Z,c,web,pro
            u2,2026-01-05T00:00:00Z,a,web,free
            u2,2026-01-06T00:00:00Z,b,web,free
            u3,2026-02-10T00:00:00Z,a,app,pro
            u3,2026-02-11T00:00:00Z,b,app,pro
            u3,2026-02-12T00:00:00Z,c,app,pro
            """);
        var journey = LogFixture.ThreeStages();

        var (metrics, trend) = await store.AnalyzeWithTrendAsync(journey, new MetricsQuery(), "month");

        Assert.Equal([3, 3, 2], metrics.Funnel.Select(f => f.Customers));
        Assert.Equal(
            [
                ("2026-01", "A", 2, 1d, (double?)null), ("2026-01", "B", 1, 0.5, null), ("2026-01", "C", 0, 0, null),
                ("2026-02", "A", 1, 1, 0), ("2026-02", "B", 1, 1, 0.5), ("2026-02", "C", 1, 1, 1),
            ],
            trend.Select(t => (t.Period, t.StageId, t.Customers, t.Conversion, t.Change)));

        // Every cut the analysis offers, and a period that starts and ends inside months.
        MetricsQuery[] cuts =
        [
            new(),
            new() { Segment = "plan = \"pro\"" },
            new() { Channel = "web" },
            new() { FromMicros = LogFixture.Days(28), ToMicros = LogFixture.Days(40) },
            new() { Segment = "plan = \"pro\"", FromMicros = LogFixture.Days(31), ToMicros = LogFixture.Days(60), Channel = "app" },
        ];
        foreach (var query in cuts)
        {
            foreach (var grain in new[] { "month", "quarter" })
            {
                var together = await store.AnalyzeWithTrendAsync(journey, query, grain);
                var alone = (await store.AnalyzeAsync(journey, query), await store.TrendAsync(journey, query, grain));
                Assert.Equal(System.Text.Json.JsonSerializer.Serialize(alone.Item1), System.Text.Json.JsonSerializer.Serialize(together.Metrics));
                Assert.Equal(alone.Item2, together.Trend);
            }
        }
    }

    [Fact]
    public async Task TheCustomersOfASegmentComeWithTheirEventCounts()
    {
        var store = await StoreWith(Mixed);

        var free = await store.CustomersAsync("plan = \"free\"");
        // Numbers compare as numbers: 100 > 30 although "100" < "30" as text.
        var older = await store.CustomersAsync("customer.age > 30");
        var nobody = await store.CustomersAsync("plan = \"gold\"");

        Assert.Equal([("u2", 2), ("u3", 1)], free.Select(c => (c.CustomerId, c.Events)));
        Assert.Equal([("u1", 4), ("u3", 1)], older.Select(c => (c.CustomerId, c.Events)));
        Assert.Empty(nobody);
    }

    [Fact]
    public async Task AnInvalidSegmentIsRefusedWithAPlainMessage()
    {
        var store = await StoreWith(Mixed);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.CustomersAsync("plan = "));

        Assert.StartsWith("'plan = ' is not a valid filter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChannelMixOfASegmentCountsItsEventsPerChannel()
    {
        var store = await StoreWith(Mixed);

        var everyone = await store.ChannelMixAsync(null);
        var free = await store.ChannelMixAsync("plan = \"free\"");
        var nobody = await store.ChannelMixAsync("plan = \"gold\"");

        // Everyone: web u1 ×3 + u3; app u1 + u2; u2's c has no channel. Free: u2's a (app), u3's b (web).
        Assert.Equal((3, 6), (everyone.Customers, everyone.Events));
        Assert.Equal([("app", 2), ("web", 4)], everyone.Channels.Select(c => (c.Channel, c.Events)).OrderBy(c => c.Channel, StringComparer.Ordinal));
        Assert.Equal([("app", 1), ("web", 1)], free.Channels.Select(c => (c.Channel, c.Events)).OrderBy(c => c.Channel, StringComparer.Ordinal));
        Assert.Equal((2, 0), (free.Customers, nobody.Customers));
        Assert.Empty(nobody.Channels);
    }

    [Fact]
    public async Task BehaviourGivesEachMappedCustomerTheirTouchpointsChannelsFurthestStageLastTimeAndAttributes()
    {
        var store = await StoreWith(Mixed);

        var behaviour = await store.BehaviourAsync(LogFixture.ThreeStages());

        Assert.Equal(["a", "b", "c"], behaviour.Touchpoints);
        Assert.Equal((3, Micros(1, 3)), (behaviour.Stages, behaviour.DataEndMicros));
        Assert.Equal(["age", "plan"], behaviour.Attributes.Select(a => a.Name));
        string? Value(CustomerBehaviour c, int a) => c.Attributes[a] < 0 ? null : behaviour.Attributes[a].Values[c.Attributes[a]];
        int Channel(CustomerBehaviour c, string name) => behaviour.Channels.ToList().IndexOf(name) is var i and >= 0 ? c.ChannelEvents[i] : 0;
        // Mapped events only: u1's x is left out (so u1 ends at b, 02:00). u2's c has no channel of its own.
        Assert.Equal(
            [
                ("u1", "2,1,0", 2, 1, 1, Micros(1, 1, 2), "34", "pro"),
                ("u2", "1,0,1", 0, 1, 2, Micros(1, 2, 1), "19", "free"),
                ("u3", "0,1,0", 1, 0, 1, Micros(1, 3), "100", "free"),
            ],
            behaviour.Customers.Select(c => (c.CustomerId, string.Join(',', c.TouchpointEvents), Channel(c, "web"), Channel(c, "app"), c.FurthestStage, c.LastMicros, Value(c, 0), Value(c, 1))));
    }
}

public sealed class EmbeddedEventStoreContractTests : EventStoreContractTests
{
    protected override IEventStore CreateStore(string folder) => new EventStore(folder);
}

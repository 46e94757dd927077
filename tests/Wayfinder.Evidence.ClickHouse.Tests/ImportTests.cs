namespace Wayfinder.Evidence.ClickHouse.Tests;

using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;
using static ClickHouseTables;

/// <summary>Importing into ClickHouse (one server, and the two-shard cluster): reports, duplicates, order, attributes, identities, faults.</summary>
[Collection(ClickHouseCollection.Name)]
public sealed class ImportTests(ClickHouseServers servers) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wayfinder-ch-import-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // u1's third row repeats its first (an in-file duplicate); u1's buy is its latest row, so its plan is pro.
    private const string First = """
        customer_id,timestamp,event,channel,page,customer.plan
        u1,2026-01-01T00:00:00Z,open,web,home,free
        u1,2026-01-01T00:00:00Z,view,web,home,free
        u1,2026-01-01T00:00:00Z,open,web,home,free
        u2,2026-01-02T00:00:00Z,open,app,,pro
        u1,2026-01-01T01:00:00Z,buy,,cart,pro
        u3,2026-01-03T00:00:00Z,view,web,pricing,
        """;

    // Row 1 and row 3 equal stored rows (the plan is an attribute, not part of the event); row 2 differs in its page.
    private const string Second = """
        customer_id,timestamp,event,channel,page,customer.plan
        u1,2026-01-01T00:00:00Z,view,web,home,gold
        u1,2026-01-01T00:00:00Z,view,web,other,gold
        u2,2026-01-02T00:00:00Z,open,app,,gold
        u4,2026-01-04T00:00:00Z,open,web,home,
        """;

    private static long Micros(int month, int day, int hour = 0) => new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    private ClickHouseEventStore NewStore(bool cluster) => new((cluster ? servers.Cluster : servers.Single).ForTable(ClickHouseServers.NewPrefix()));

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnImportReportsRowsAddedAndInFileDuplicatesAndTheSummaryCountsWhatIsVisible(bool cluster)
    {
        using var store = NewStore(cluster);

        var report = await store.ImportAsync(Write("first.csv", First), new EventImportOptions());
        var summary = await store.SummaryAsync();

        Assert.True(report.Succeeded, report.Error);
        Assert.Equal((6L, 5L, 1L, 0L), (report.RowsRead, report.RowsAdded, report.Duplicates, report.BadRows));
        Assert.Equal((5L, 3, (long?)Micros(1, 1), (long?)Micros(1, 3)), (summary.Events, summary.Customers, summary.FromMicros, summary.ToMicros));
        // open and view tie at 2 and go by name.
        Assert.Equal([("open", 2L), ("view", 2L), ("buy", 1L)], summary.EventNames.Select(n => (n.Event, n.Events)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ASecondImportSkipsStoredRowsAndPutsItsRowsAfterStoredRowsOfEqualTime(bool cluster)
    {
        using var store = NewStore(cluster);
        await store.ImportAsync(Write("first.csv", First), new EventImportOptions());

        var report = await store.ImportAsync(Write("second.csv", Second), new EventImportOptions());
        var summary = await store.SummaryAsync();
        var u1 = await store.Client.QueryAsync(
            $"SELECT event, prop_values[indexOf(prop_keys, 'page')] AS page FROM {Q(store.Tables.Events)} WHERE customer = 'u1' AND {store.Tables.Visible} ORDER BY ts, seq");

        Assert.Equal((4L, 2L, 2L), (report.RowsRead, report.RowsAdded, report.Duplicates));
        Assert.Equal((7L, 4, (long?)Micros(1, 1), (long?)Micros(1, 4)), (summary.Events, summary.Customers, summary.FromMicros, summary.ToMicros));
        Assert.Equal([("open", 3L), ("view", 3L), ("buy", 1L)], summary.EventNames.Select(n => (n.Event, n.Events)));
        // Input order within the first file at 00:00, then the second file's new row at 00:00, then 01:00.
        Assert.Equal(
            [("open", "home"), ("view", "home"), ("view", "other"), ("buy", "cart")],
            u1.Select(r => (r.GetProperty("event").GetString(), r.GetProperty("page").GetString())));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportingTheSameFileTwiceAddsNothing(bool cluster)
    {
        using var store = NewStore(cluster);
        var path = Write("first.csv", First);
        await store.ImportAsync(path, new EventImportOptions());

        var again = await store.ImportAsync(path, new EventImportOptions());

        // 6 rows read: the in-file duplicate and the 5 stored rows.
        Assert.Equal((6L, 0L, 6L), (again.RowsRead, again.RowsAdded, again.Duplicates));
        Assert.Equal(5L, (await store.SummaryAsync()).Events);
        Assert.Equal(5L, await AllRowsAsync(store));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AttributesTakeTheLatestRowsValueAndAnOlderFileDoesNotOverwriteIt(bool cluster)
    {
        using var store = NewStore(cluster);
        await store.ImportAsync(Write("first.csv", First), new EventImportOptions());
        await store.ImportAsync(Write("second.csv", Second), new EventImportOptions());

        var plans = await store.Client.QueryAsync(
            $"SELECT customer, argMax(value, (ts, seq)) AS plan FROM {Q(store.Tables.Attributes)} WHERE name = 'plan' AND {store.Tables.Visible} GROUP BY customer ORDER BY customer");

        // u1: the second file's rows (00:00) are older than u1's last stored event (01:00), so pro stays, as in the
        // embedded store; u2's second-file row is as new as its last stored event, so gold wins; u3 and u4 have none.
        Assert.Equal([("u1", "pro"), ("u2", "gold")], plans.Select(r => (r.GetProperty("customer").GetString(), r.GetProperty("plan").GetString())));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ACustomerKnownOnlyFromAnIdentifyCallCountsAsACustomerWithItsAttributes(bool cluster)
    {
        using var store = NewStore(cluster);

        var report = await store.ImportAsync(Write("calls.ndjson", """
            {"type":"identify","userId":"u9","timestamp":"2026-03-01T10:00:00Z","traits":{"plan":"pro"}}
            {"type":"track","event":"Viewed","userId":"u8","timestamp":"2026-03-01T10:01:00Z"}
            """), new EventImportOptions { Preset = "segment" });
        var summary = await store.SummaryAsync();
        var plans = await store.Client.QueryAsync(
            $"SELECT customer, argMax(value, (ts, seq)) AS plan FROM {Q(store.Tables.Attributes)} WHERE name = 'plan' AND {store.Tables.Visible} GROUP BY customer");

        Assert.Equal((2L, 1L, 0L), (report.RowsRead, report.RowsAdded, report.Duplicates));
        Assert.Equal((1L, 2), (summary.Events, summary.Customers));
        Assert.Equal([("u9", "pro")], plans.Select(r => (r.GetProperty("customer").GetString(), r.GetProperty("plan").GetString())));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnIdStitchedInALaterImportMovesItsStoredRowsToTheKnownCustomer(bool cluster)
    {
        using var store = NewStore(cluster);
        var ga4 = new EventImportOptions { Preset = "ga4" };
        await store.ImportAsync(Write("day1.ndjson", """
            {"event_timestamp":"1772359200000000","event_name":"page_view","user_pseudo_id":"p1","platform":"WEB"}
            {"event_timestamp":"1772359200000000","event_name":"page_view","user_pseudo_id":"p2","platform":"WEB"}
            """), ga4);
        await store.ImportAsync(Write("day2.ndjson", """
            {"event_timestamp":"1772445600000000","event_name":"login","user_id":"u1","user_pseudo_id":"p1","platform":"WEB"}
            """), ga4);
        await store.ImportAsync(Write("day3.ndjson", """
            {"event_timestamp":"1772532000000000","event_name":"page_view","user_pseudo_id":"p1","platform":"WEB"}
            """), ga4);

        var perCustomer = await store.Client.QueryAsync(
            $"SELECT customer, count() AS events FROM {Q(store.Tables.Events)} WHERE {store.Tables.Visible} GROUP BY customer ORDER BY customer");
        var summary = await store.SummaryAsync();
        var underAlias = await store.Client.QueryAsync($"SELECT count() AS n FROM {Q(store.Tables.Events)} WHERE customer = 'p1'");

        Assert.Equal([("p2", 1L), ("u1", 3L)], perCustomer.Select(r => (r.GetProperty("customer").GetString(), r.GetProperty("events").GetInt64())));
        Assert.Equal((4L, 2), (summary.Events, summary.Customers));
        Assert.Equal(0L, underAlias[0].GetProperty("n").GetInt64());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AFileWithABadRowStoresNothingAndSaysWhere(bool cluster)
    {
        using var store = NewStore(cluster);
        await store.ImportAsync(Write("first.csv", First), new EventImportOptions());

        var report = await store.ImportAsync(Write("bad.csv", """
            customer_id,timestamp,event
            u7,2026-02-01T00:00:00Z,open
            u7,soon,view
            """), new EventImportOptions());

        Assert.False(report.Succeeded);
        Assert.Equal((2L, 0L, 1L), (report.RowsRead, report.RowsAdded, report.BadRows));
        Assert.Equal([(3L, "timestamp")], report.Problems.Select(p => (p.Line, p.Field)));
        Assert.StartsWith("1 bad row, and none is accepted by default;", report.Error, StringComparison.Ordinal);
        Assert.Equal(5L, (await store.SummaryAsync()).Events);
        Assert.Equal(5L, await AllRowsAsync(store));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReportsSummaryAndAttributesEqualTheEmbeddedStoresAfterTheSameImports(bool cluster)
    {
        using var store = NewStore(cluster);
        var embedded = new EventStore(Path.Combine(_folder, "embedded"));
        var files = new[] { ("first.csv", First, new EventImportOptions()), ("second.csv", Second, new EventImportOptions()), ("first.csv", First, new EventImportOptions()) }
            .Select(f => (Write(f.Item1, f.Item2), f.Item3)).Append((Write("calls.ndjson", """
                {"type":"identify","userId":"u9","timestamp":"2026-03-01T10:00:00Z","traits":{"plan":"pro"}}
                {"type":"identify","userId":"u2","anonymousId":"a2","timestamp":"2026-01-05T00:00:00Z","traits":{"plan":"team"}}
                {"type":"track","event":"open","anonymousId":"a2","timestamp":"2026-01-06T00:00:00Z"}
                """), new EventImportOptions { Preset = "segment" }))
            // u5's value comes from an identify call after its last event; a later file's older identify call still wins,
            // since the embedded store weighs a stored value as of the customer's last event.
            .Append((Write("u5-first.ndjson", """
                {"type":"track","event":"open","userId":"u5","timestamp":"2026-03-01T00:00:00Z"}
                {"type":"identify","userId":"u5","timestamp":"2026-03-10T00:00:00Z","traits":{"plan":"a"}}
                {"type":"identify","userId":"u6","timestamp":"2026-03-10T00:00:00Z","traits":{"plan":"a"}}
                """), new EventImportOptions { Preset = "segment" }))
            .Append((Write("u5-second.ndjson", """
                {"type":"identify","userId":"u5","timestamp":"2026-03-05T00:00:00Z","traits":{"plan":"b"}}
                {"type":"identify","userId":"u6","timestamp":"2026-03-05T00:00:00Z","traits":{"plan":"b"}}
                {"type":"track","event":"open","userId":"u6","timestamp":"2026-03-11T00:00:00Z"}
                {"type":"identify","userId":"u1","timestamp":"2025-12-01T00:00:00Z","traits":{"plan":"old"}}
                """), new EventImportOptions { Preset = "segment" }));

        foreach (var (path, options) in files)
        {
            var expected = await embedded.ImportAsync(path, options);
            var actual = await store.ImportAsync(path, options);
            Assert.Equal((expected.RowsRead, expected.RowsAdded, expected.Duplicates, expected.BadRows), (actual.RowsRead, actual.RowsAdded, actual.Duplicates, actual.BadRows));
        }

        var (want, got) = (await embedded.SummaryAsync(), await store.SummaryAsync());
        var log = embedded.Open();
        var plan = log.Attributes["plan"];
        var wantPlans = Enumerable.Range(0, log.CustomerCount).Where(c => plan[c] is not null).Select(c => (log.CustomerIds[c], plan[c])).OrderBy(p => p.Item1, StringComparer.Ordinal);
        var gotPlans = await store.Client.QueryAsync(
            $"SELECT customer, argMax(value, (ts, seq)) AS plan FROM {Q(store.Tables.Attributes)} WHERE name = 'plan' AND {store.Tables.Visible} GROUP BY customer ORDER BY customer");

        Assert.Equal((want.Events, want.Customers, want.FromMicros, want.ToMicros), (got.Events, got.Customers, got.FromMicros, got.ToMicros));
        Assert.Equal(want.EventNames, got.EventNames);
        Assert.Equal(wantPlans, gotPlans.Select(r => (r.GetProperty("customer").GetString()!, r.GetProperty("plan").GetString())));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StitchedIdsGiveTheEmbeddedStoresCustomersEventsAndAttributes(bool cluster)
    {
        using var store = NewStore(cluster);
        var embedded = new EventStore(Path.Combine(_folder, "embedded"));
        var ga4 = new EventImportOptions { Preset = "ga4" };
        // p1 browses with k=x, logs in as u1 (k=y) a day later, comes back signed out; p3 is stitched to u1 too, later.
        string[] days =
        [
            """
            {"event_timestamp":"1772359200000000","event_name":"page_view","user_pseudo_id":"p1","platform":"WEB","user_properties":[{"key":"k","value":{"string_value":"x"}}]}
            {"event_timestamp":"1772359200000000","event_name":"page_view","user_pseudo_id":"p2","platform":"WEB","user_properties":[{"key":"k","value":{"string_value":"x"}}]}
            {"event_timestamp":"1772359300000000","event_name":"scroll","user_pseudo_id":"p3","platform":"APP"}
            """,
            """
            {"event_timestamp":"1772445600000000","event_name":"login","user_id":"u1","user_pseudo_id":"p1","platform":"WEB","user_properties":[{"key":"k","value":{"string_value":"y"}}]}
            """,
            """
            {"event_timestamp":"1772532000000000","event_name":"page_view","user_pseudo_id":"p1","platform":"WEB"}
            {"event_timestamp":"1772532000000000","event_name":"login","user_id":"u1","user_pseudo_id":"p3","platform":"APP"}
            """,
        ];

        for (var d = 0; d < days.Length; d++)
        {
            var path = Write($"day{d + 1}.ndjson", days[d]);
            var expected = await embedded.ImportAsync(path, ga4);
            var actual = await store.ImportAsync(path, ga4);
            Assert.Equal((expected.RowsRead, expected.RowsAdded, expected.Duplicates), (actual.RowsRead, actual.RowsAdded, actual.Duplicates));
        }

        var log = embedded.Open();
        var k = log.Attributes["k"];
        var want = Enumerable.Range(0, log.CustomerCount)
            .Select(c => (log.CustomerIds[c], (long)(log.CustomerStart[c + 1] - log.CustomerStart[c]), k[c]))
            .Where(c => c.Item2 > 0).OrderBy(c => c.Item1, StringComparer.Ordinal).ToList();
        var got = await store.Client.QueryAsync(
            $"""
            SELECT customer, count() AS events, any(k) AS k FROM {Q(store.Tables.Events)}
            GLOBAL ANY LEFT JOIN (SELECT customer, argMax(value, (ts, seq)) AS k FROM {Q(store.Tables.Attributes)} WHERE name = 'k' AND {store.Tables.Visible} GROUP BY customer) USING customer
            WHERE {store.Tables.Visible} GROUP BY customer ORDER BY customer
            """);

        Assert.Equal(want, got.Select(r => (r.GetProperty("customer").GetString()!, r.GetProperty("events").GetInt64(), r.GetProperty("k").GetString() is { Length: > 0 } v ? v : null)));
        Assert.Equal((log.EventCount, log.CustomerCount), ((int)(await store.SummaryAsync()).Events, (await store.SummaryAsync()).Customers));
    }

    [Fact]
    public async Task AMissingFileOrAFolderIsRefusedInPlainWords()
    {
        using var store = NewStore(cluster: false);

        var missing = await store.ImportAsync(Path.Combine(_folder, "missing.csv"), new EventImportOptions());
        var folder = await store.ImportAsync(_folder, new EventImportOptions { Format = "csv" });

        Assert.Equal("no such file", missing.Error);
        Assert.Equal("a folder, not a file; name an events file (CSV, NDJSON or Parquet)", folder.Error);
        Assert.False((await store.SummaryAsync()).Imported);
    }

    [Theory]
    [InlineData(false, 0, "sending to ClickHouse")]
    [InlineData(false, 0, "committing")]
    [InlineData(true, 1, "sending to ClickHouse")]
    [InlineData(true, 0, "committing")]
    public async Task AnImportCutOffByAStoppedServerLeavesNothingVisibleAndRunsAgainWhole(bool cluster, int server, string stopAt)
    {
        using var store = NewStore(cluster);
        store.RowsPerInsert = 2;
        var path = Write("first.csv", First);
        var stopped = false;
        // Stops a server once the first 2 rows are sent (on the cluster: the second shard, which holds some of them), or
        // the first server (which holds the batches) just before the commit.
        var progress = new Synchronous(p =>
        {
            if (!stopped && p.Stage == stopAt && (stopAt == "committing" || p.Rows == 2))
            {
                stopped = true;
                servers.Stop(server);
            }
        });

        ClickHouseException error;
        try
        {
            error = await Assert.ThrowsAsync<ClickHouseException>(() => store.ImportAsync(path, new EventImportOptions { Progress = progress }));
        }
        finally
        {
            servers.Start(server);
        }

        var after = await store.SummaryAsync();
        var again = await store.ImportAsync(path, new EventImportOptions());

        Assert.True(stopped);
        Assert.True(error.Unreachable, error.Message);
        // Server 1 itself stopped cannot be reached; the second shard stopped is reported by server 1.
        Assert.StartsWith(
            server == 0 ? $"could not reach ClickHouse at 127.0.0.1:{servers.HttpPort(0)}" : $"a ClickHouse shard behind 127.0.0.1:{servers.HttpPort(0)} could not be reached",
            error.Message,
            StringComparison.Ordinal);
        Assert.False(after.Imported);
        Assert.Equal((6L, 5L, 1L), (again.RowsRead, again.RowsAdded, again.Duplicates));
        Assert.Equal(5L, (await store.SummaryAsync()).Events);
        // The cut-off import's rows were removed before the second one ran.
        Assert.Equal(5L, await AllRowsAsync(store));
    }

    /// <summary>Every row of the events table, committed or not.</summary>
    private static async Task<long> AllRowsAsync(ClickHouseEventStore store) =>
        (await store.Client.QueryAsync($"SELECT count() AS n FROM {Q(store.Tables.Events)}"))[0].GetProperty("n").GetInt64();

    /// <summary>Progress reported on the importing thread (<see cref="Progress{T}"/> would post it elsewhere, too late).</summary>
    private sealed class Synchronous(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

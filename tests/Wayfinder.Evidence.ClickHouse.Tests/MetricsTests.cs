namespace Wayfinder.Evidence.ClickHouse.Tests;

using System.Text.Json;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Store;

/// <summary>
/// Journey metrics computed as SQL in ClickHouse against the embedded engine on the same events: every field, on one
/// server and on the two-shard cluster. The events are written straight into the tables (<see cref="MetricsData"/>), so
/// these tests do not depend on the import.
/// </summary>
[Collection(ClickHouseCollection.Name)]
public sealed class MetricsTests(ClickHouseServers servers)
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    public static TheoryData<int, bool> Logs => new() { { 1, false }, { 1, true }, { 2, false }, { 2, true }, { 3, true } };

    [Theory]
    [MemberData(nameof(Logs))]
    public async Task EveryMetricEqualsTheEmbeddedEnginesOnRandomLogs(int seed, bool cluster)
    {
        var log = MetricsData.RandomLog(seed);
        var journey = MetricsData.FourStages();
        var embedded = EventStore.InMemory(log);
        using var store = await MetricsData.LoadAsync(Settings(cluster), log);
        var february = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        MetricsQuery[] queries =
        [
            new MetricsQuery(),
            new MetricsQuery { CollapseRepeats = false, TopVariants = 5 },
            new MetricsQuery { TopVariants = 2, Window = TimeSpan.FromDays(2), Inactivity = TimeSpan.FromDays(3) },
            new MetricsQuery { Window = TimeSpan.FromHours(5) },
            new MetricsQuery { Segment = "plan = \"pro\"" },
            new MetricsQuery { Segment = "age >= 30", Channel = "web" },
            new MetricsQuery { Channel = "nowhere" },
            new MetricsQuery { FromMicros = february, ToMicros = february + (40L * 86_400_000_000) },
            new MetricsQuery { FunnelOnly = true, TopVariants = 0, FromMicros = february },
        ];
        foreach (var query in queries)
        {
            var expected = await embedded.AnalyzeAsync(journey, query);
            var actual = await store.AnalyzeAsync(journey, query);
            Assert.True(expected.Customers > 0 || query.Channel == "nowhere", $"the log of seed {seed} gives no customers for {query}");
            Assert.Equal(Json(expected), Json(actual));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ConditionalMappingsAndSegmentsEqualTheEmbeddedEngines(bool cluster)
    {
        var log = MetricsData.RandomLog(7);
        var journey = MetricsData.Conditional();
        var embedded = EventStore.InMemory(log);
        using var store = await MetricsData.LoadAsync(Settings(cluster), log);
        foreach (var query in new[] { new MetricsQuery(), new MetricsQuery { Segment = "age < 40 and plan != \"free\"", CollapseRepeats = false } })
        {
            var expected = await embedded.AnalyzeAsync(journey, query);
            Assert.Contains(expected.TouchpointReach, r => r.Id == "pricing" && r.Events > 0);
            Assert.Contains(expected.TouchpointReach, r => r.Id == "pro-demo" && r.Events > 0);
            Assert.Equal(Json(expected), Json(await store.AnalyzeAsync(journey, query)));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OneStageJourneysJourneysWithoutTouchpointsAndAnEmptyStoreEqualTheEmbeddedEngines(bool cluster)
    {
        var four = MetricsData.FourStages();
        var oneStage = four with { Stages = [four.Stages[0]] };
        var noTouchpoints = four with { Lanes = [] };
        using var empty = await MetricsData.LoadAsync(Settings(cluster), EventLog.Empty);
        var log = MetricsData.RandomLog(8);
        using var store = await MetricsData.LoadAsync(Settings(cluster), log);
        foreach (var journey in new[] { oneStage, noTouchpoints, four })
        {
            Assert.Equal(Json(await EventStore.InMemory(EventLog.Empty).AnalyzeAsync(journey, new MetricsQuery())), Json(await empty.AnalyzeAsync(journey, new MetricsQuery())));
            Assert.Empty(await empty.TrendAsync(journey, new MetricsQuery(), "month"));
            Assert.Equal(Json(await EventStore.InMemory(log).AnalyzeAsync(journey, new MetricsQuery())), Json(await store.AnalyzeAsync(journey, new MetricsQuery())));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheTrendEqualsTheEmbeddedEnginesByMonthAndQuarter(bool cluster)
    {
        var log = MetricsData.RandomLog(4);
        var journey = MetricsData.FourStages();
        var embedded = EventStore.InMemory(log);
        using var store = await MetricsData.LoadAsync(Settings(cluster), log);
        foreach (var grain in new[] { "month", "quarter" })
        {
            var from = new DateTimeOffset(2026, 2, 10, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
            MetricsQuery[] queries =
            [
                new MetricsQuery(),
                new MetricsQuery { Segment = "plan = \"free\"", Window = TimeSpan.FromDays(3) },
                new MetricsQuery { FromMicros = from, ToMicros = from + (60L * 86_400_000_000), Channel = "web" },
            ];
            foreach (var query in queries)
            {
                var expected = await embedded.TrendAsync(journey, query, grain);
                Assert.True(expected.Count >= journey.Stages.Count * 2);
                Assert.Equal(Json(expected), Json(await store.TrendAsync(journey, query, grain)));
            }
        }
    }

    [Fact]
    public async Task TheBestStartCountsOnTheClusterWhereTheNewestChainCannotAdvance()
    {
        // u1: a(0h) b(1h) a(2h) c(3h): the chain from the first a reaches c (a < b < c); a chain from the newest a
        // cannot (no b after it). u2: b(0h) a(1h) c(2h): only stage A. u3: a(0h) b(40 days) c(41 days): the window
        // (30 days) ends the chain at A. So the funnel is 3, 1, 1 customers at A, B, C.
        var log = MetricsData.Log(
            ("u1", 0, "a"), ("u1", 1, "b"), ("u1", 2, "a"), ("u1", 3, "c"),
            ("u2", 0, "b"), ("u2", 1, "a"), ("u2", 2, "c"),
            ("u3", 0, "a"), ("u3", 40 * 24, "b"), ("u3", 41 * 24, "c"));
        using var store = await MetricsData.LoadAsync(Settings(cluster: true), log);
        var metrics = await store.AnalyzeAsync(MetricsData.ThreeStages(), new MetricsQuery());
        Assert.Equal([3, 1, 1], metrics.Funnel.Select(f => f.Customers));
        Assert.Equal([0.333333, 1], metrics.Funnel.Skip(1).Select(f => f.Conversion));
        // A → B for u1 only: 1 h; B → C for u1: from b (1h) to c (3h) = 2 h.
        Assert.Equal([(1, 3600d), (1, 7200d)], metrics.Timings.Select(t => (t.Customers, t.MedianSeconds!.Value)));
    }

    [Fact]
    public async Task AShardStoppedBeforeTheQueryGivesAPlainErrorAndNoNumbers()
    {
        var log = MetricsData.RandomLog(5);
        using var store = await MetricsData.LoadAsync(Settings(cluster: true), log);
        var journey = MetricsData.FourStages();
        var before = await store.AnalyzeAsync(journey, new MetricsQuery());
        servers.Stop(1);
        try
        {
            var error = await Assert.ThrowsAsync<ClickHouseException>(() => store.AnalyzeAsync(journey, new MetricsQuery()));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
        }
        finally
        {
            servers.Start(1);
        }

        Assert.Equal(Json(before), Json(await store.AnalyzeAsync(journey, new MetricsQuery())));
    }

    [Fact]
    public async Task AShardStoppedDuringTheAnalysisGivesAPlainErrorOrTheWholeResultNeverPartialNumbers()
    {
        var log = MetricsData.RandomLog(9, customerCount: 4000);
        using var store = await MetricsData.LoadAsync(Settings(cluster: true), log);
        var journey = MetricsData.FourStages();
        var expected = Json(await EventStore.InMemory(log).AnalyzeAsync(journey, new MetricsQuery()));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(expected, Json(await store.AnalyzeAsync(journey, new MetricsQuery())));
        var whole = clock.Elapsed;
        var outcomes = new List<string>();
        var stopped = false;
        try
        {
            // Stop the second shard at several points of the analysis (its four queries).
            foreach (var fraction in new[] { 0.1, 0.4, 0.7 })
            {
                var analysis = store.AnalyzeAsync(journey, new MetricsQuery());
                await Task.Delay(whole * fraction);
                servers.Stop(1);
                stopped = true;
                try
                {
                    Assert.Equal(expected, Json(await analysis));
                    outcomes.Add("whole");
                }
                catch (ClickHouseException error)
                {
                    Assert.False(string.IsNullOrWhiteSpace(error.Message));
                    outcomes.Add("error");
                }

                servers.Start(1);
                stopped = false;
            }
        }
        finally
        {
            if (stopped)
            {
                servers.Start(1);
            }
        }

        Assert.Contains("error", outcomes);
        Assert.Equal(expected, Json(await store.AnalyzeAsync(journey, new MetricsQuery())));
    }

    [Fact]
    public async Task AnAnalysisAfterTheServerRestartedGivesTheSameNumbers()
    {
        var log = MetricsData.RandomLog(6);
        using var store = await MetricsData.LoadAsync(Settings(cluster: false), log);
        var journey = MetricsData.FourStages();
        var before = await store.AnalyzeAsync(journey, new MetricsQuery());
        servers.Stop(0);
        var restart = Task.Run(async () =>
        {
            await Task.Delay(300);
            servers.Start(0);
        });
        var after = await store.AnalyzeAsync(journey, new MetricsQuery());
        await restart;
        Assert.Equal(Json(before), Json(after));
        Assert.Equal(Json(await EventStore.InMemory(log).AnalyzeAsync(journey, new MetricsQuery())), Json(after));
    }

    private ClickHouseSettings Settings(bool cluster) => (cluster ? servers.Cluster : servers.Single).ForTable(ClickHouseServers.NewPrefix());

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, s_json);
}

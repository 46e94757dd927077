namespace Wayfinder.Evidence.Tests.Store;

using System.Text;
using System.Text.Json;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Metrics;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;
using Wayfinder.Evidence.Tests.Import;
using Wayfinder.Evidence.Tests.Metrics;

/// <summary>The embedded store as a server uses it: shared by concurrent readers, bounded in threads, cancellable.</summary>
public sealed class EmbeddedEventStoreTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>
    /// Customers <paramref name="first"/>.. with a, b and c (every third customer stops after a), a day apart: enough
    /// customers (over 2 × 20,000) that an analysis runs in several partitions.
    /// </summary>
    private string Csv(string name, int first, int count)
    {
        var text = new StringBuilder("customer_id,timestamp,event,channel\n");
        for (var i = first; i < first + count; i++)
        {
            var day = 1 + (i % 27);
            text.Append($"c{i:D6},2026-01-{day:D2}T00:00:00Z,a,web\n");
            if (i % 3 != 0)
            {
                text.Append($"c{i:D6},2026-01-{day:D2}T05:00:00Z,b,{(i % 2 == 0 ? "app" : "web")}\n");
                text.Append($"c{i:D6},2026-01-{day + 1:D2}T00:00:00Z,c,app\n");
            }
        }

        return _temp.Write(name, text.ToString());
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>What one thread computes on a snapshot of the log.</summary>
    private static string SingleThreaded(EventLog log) =>
        Json(JourneyAnalyzer.Analyze("j", log, JourneyMapping.Build(LogFixture.ThreeStages(), log), new MetricsQuery(), threads: 1));

    [Fact]
    public async Task ConcurrentAnalysesDuringAnImportEachSeeTheSnapshotBeforeOrAfterIt()
    {
        var store = new EventStore(Path.Combine(_temp.Path, "store"), new EngineOptions { DegreeOfParallelism = 2 });
        Assert.True((await store.ImportAsync(Csv("first.csv", 0, 45_000), new EventImportOptions())).Succeeded);
        var before = SingleThreaded(store.Open());
        var more = Csv("more.csv", 45_000, 5_000);

        // Eight readers start with the import and keep analysing until it is done; each result is compared later.
        var import = store.ImportAsync(more, new EventImportOptions());
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var results = new List<string>();
            do
            {
                results.Add(Json(await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery())));
            }
            while (!import.IsCompleted);

            return results;
        })).ToList();
        var report = await import;
        var seen = (await Task.WhenAll(readers)).SelectMany(r => r).ToList();
        var after = SingleThreaded(store.Open());

        Assert.Equal(5_000 + (2 * 5_000 * 2 / 3), report.RowsAdded);
        Assert.NotEqual(before, after);
        Assert.All(seen, result => Assert.True(result == before || result == after, "a result matched neither snapshot"));
        Assert.Equal(after, Json(await store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery())));
        // A new reader of the same folder sees what the import saved.
        Assert.Equal(after, SingleThreaded(new EventStore(store.Folder!).Open()));
    }

    [Fact]
    public async Task TheDegreeOfParallelismChangesNoResult()
    {
        var file = Csv("events.csv", 0, 45_000);
        var one = new EventStore(Path.Combine(_temp.Path, "one"), new EngineOptions { DegreeOfParallelism = 1 });
        var four = new EventStore(Path.Combine(_temp.Path, "four"), new EngineOptions { DegreeOfParallelism = 4 });
        await one.ImportAsync(file, new EventImportOptions { ParallelThresholdBytes = 1 });
        await four.ImportAsync(file, new EventImportOptions { ParallelThresholdBytes = 1 });
        var query = new MetricsQuery { Segment = null, CollapseRepeats = false };

        Assert.Equal(Json(await one.SummaryAsync()), Json(await four.SummaryAsync()));
        Assert.Equal(Json(await one.AnalyzeAsync(LogFixture.ThreeStages(), query)), Json(await four.AnalyzeAsync(LogFixture.ThreeStages(), query)));
        Assert.Equal(Json(await one.TrendAsync(LogFixture.ThreeStages(), query, "month")), Json(await four.TrendAsync(LogFixture.ThreeStages(), query, "month")));
    }

    [Fact]
    public async Task ACancelledAnalysisOrClusteringThrowsOperationCanceled()
    {
        var store = new EventStore(Path.Combine(_temp.Path, "store"));
        await store.ImportAsync(Csv("events.csv", 0, 45_000), new EventImportOptions());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var log = store.Open();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AnalyzeAsync(LogFixture.ThreeStages(), new MetricsQuery(), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.TrendAsync(LogFixture.ThreeStages(), new MetricsQuery(), "month", cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => JourneyAnalyzer.Analyze("j", log, JourneyMapping.Build(LogFixture.ThreeStages(), log), cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Wayfinder.Evidence.Clustering.BehaviourClustering.ClusterAsync(store, SurveyStore.InMemory([]), LogFixture.ThreeStages(), cancellationToken: cancelled.Token));
    }
}

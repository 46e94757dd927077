namespace Wayfinder.EvidenceBench;

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.ClickHouse;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;

/// <summary>
/// The same file imported and analysed on one ClickHouse server and on a two-shard cluster (servers started by
/// <c>scripts/clickhouse.sh</c>), in the same run as the embedded store, with each time, the ratios, whether the numbers
/// agree, and the servers' peak memory per query from <c>system.query_log</c>.
/// </summary>
internal static class ClickHouseBench
{
    public static async Task RunAsync(string csv, Journey journey, MetricsQuery query, JourneyMetrics embedded, double embeddedImportSeconds, double embeddedMetricsSeconds, string hosts)
    {
        var list = hosts.Split(',');
        var runs = new (string Name, string Address)[]
        {
            ("clickhouse, 1 server", $"clickhouse://{list[0]}/wayfinder_bench?table=single"),
            ($"clickhouse, {list.Length} shards", $"clickhouse://{hosts}/wayfinder_bench?table=sharded&cluster=wayfinder"),
        };
        var expected = JsonSerializer.Serialize(embedded);
        foreach (var (name, address) in runs)
        {
            var settings = ClickHouseSettings.Parse(address);
            using var store = new ClickHouseEventStore(settings);
            await store.DropAsync();
            var started = DateTime.UtcNow.AddSeconds(-1);
            var import = Stopwatch.StartNew();
            var report = await store.ImportAsync(csv, new EventImportOptions());
            import.Stop();
            if (!report.Succeeded)
            {
                Console.WriteLine($"{name}: import failed: {report.Error}");
                continue;
            }

            var analysed = DateTime.UtcNow;
            var times = new List<double>();
            JourneyMetrics? metrics = null;
            for (var run = 0; run < 3; run++)
            {
                var watch = Stopwatch.StartNew();
                metrics = await store.AnalyzeAsync(journey, query);
                times.Add(watch.Elapsed.TotalSeconds);
            }

            var best = times.Min();
            var same = JsonSerializer.Serialize(metrics) == expected;
            Console.WriteLine($"{name}: import {import.Elapsed.TotalSeconds:F2} s ({report.RowsAdded:N0} rows added), all metrics {times[0]:F2} s first, best of 3 {best:F2} s; results identical to the embedded store: {(same ? "yes" : "NO")}");
            Console.WriteLine($"{name}: ratio (clickhouse ÷ embedded): import {import.Elapsed.TotalSeconds / embeddedImportSeconds:F1}x, metrics {best / embeddedMetricsSeconds:F1}x");
            foreach (var (host, index) in settings.Hosts.Select((h, i) => (h, i)))
            {
                Console.WriteLine($"{name}: server {index + 1} ({host.Authority}): {await PeakMemoryAsync(settings, host, started, analysed)}");
            }
        }
    }

    /// <summary>The largest memory use of an import query and of an analysis query on one server, from its query log.</summary>
    private static async Task<string> PeakMemoryAsync(ClickHouseSettings settings, Uri host, DateTime importFrom, DateTime analyseFrom)
    {
        using var client = new ClickHouseClient(host, settings);
        await client.ExecuteAsync("SYSTEM FLUSH LOGS", useDatabase: false);
        var rows = await client.QueryAsync(
            $"""
            SELECT event_time >= toDateTime({Sql.Number(new DateTimeOffset(analyseFrom).ToUnixTimeSeconds())}) AS analysis,
                   max(memory_usage) AS peak, count() AS queries, sum(query_duration_ms) AS ms
            FROM system.query_log
            WHERE type = 2 AND event_time >= toDateTime({Sql.Number(new DateTimeOffset(importFrom).ToUnixTimeSeconds())}) AND query NOT LIKE '%query_log%'
            GROUP BY analysis ORDER BY analysis
            """,
            useDatabase: false);
        return string.Join("; ", rows.Select(r => string.Create(
            CultureInfo.InvariantCulture,
            $"{(r.GetProperty("analysis").GetInt32() == 1 ? "analysis" : "import")}: peak {r.GetProperty("peak").GetInt64() / 1e6:F0} MB in one query, {r.GetProperty("queries").GetInt64()} queries, {r.GetProperty("ms").GetInt64() / 1e3:F2} s server time")));
    }
}

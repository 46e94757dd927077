namespace Wayfinder.EvidenceBench;

using System.Diagnostics;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Wayfinder.Core.Documents;

/// <summary>What a baseline measured and found: load and metrics time, and the numbers to compare.</summary>
internal sealed record BaselineResult(double LoadSeconds, double MetricsSeconds, long[] Funnel, long TopVariantCount, long Edges, long Stranded, IReadOnlyList<(string Name, double Seconds)> Parts);

/// <summary>The same journey metrics written as plain DuckDB SQL: the baseline.</summary>
internal static class DuckDbBaseline
{
    public static BaselineResult Run(string csv, Journey journey, long windowMicros, long inactivityMicros)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, "SET threads TO 2");
        var load = Stopwatch.StartNew();
        Execute(connection, $$"""
            CREATE TABLE ev AS
            SELECT customer_id, epoch_us(CAST("timestamp" AS TIMESTAMP)) AS ts, event, row_number() OVER () AS rn
            FROM read_csv('{{csv}}', header = true, columns = {'customer_id': 'VARCHAR', 'timestamp': 'VARCHAR', 'event': 'VARCHAR', 'channel': 'VARCHAR', 'device': 'VARCHAR', 'customer.plan': 'VARCHAR', 'customer.country': 'VARCHAR'})
            """);
        load.Stop();

        var map = new StringBuilder("CREATE TABLE m AS SELECT * FROM (VALUES ");
        var stageIndex = journey.Stages.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i + 1);
        var first = true;
        foreach (var item in journey.Lanes.SelectMany(l => l.Items))
        {
            foreach (var e in item.Events)
            {
                map.Append(first ? "" : ", ").Append(CultureInfo.InvariantCulture, $"('{e.Name}', '{item.Id}', {stageIndex[item.Stage]})");
                first = false;
            }
        }

        map.Append(") t(event, tp, stage)");
        var parts = new List<(string, double)>();
        var metrics = Stopwatch.StartNew();
        Time(parts, "map", () => Execute(connection, map.ToString()));
        Time(parts, "join", () => Execute(connection, "CREATE TABLE me AS SELECT e.customer_id, e.ts, e.rn, m.tp, m.stage FROM ev e JOIN m USING (event)"));
        long topVariant = 0, edges = 0, stranded = 0;
        Time(parts, "variants", () => topVariant = Scalar(connection, """
            WITH s AS (SELECT customer_id, tp, ts, rn, lag(tp) OVER (PARTITION BY customer_id ORDER BY ts, rn) AS prev FROM me),
                 p AS (SELECT customer_id, string_agg(tp, '>' ORDER BY ts, rn) AS path FROM s WHERE prev IS NULL OR prev <> tp GROUP BY customer_id)
            SELECT max(c) FROM (SELECT path, count(*) AS c FROM p GROUP BY path ORDER BY c DESC LIMIT 20)
            """));
        Time(parts, "flow graph", () => edges = Scalar(connection, """
            WITH s AS (SELECT tp, lead(tp) OVER w AS nxt, lead(ts) OVER w - ts AS dt FROM me WINDOW w AS (PARTITION BY customer_id ORDER BY ts, rn))
            SELECT count(*) FROM (SELECT tp, nxt, count(*), median(dt) FROM s WHERE nxt IS NOT NULL GROUP BY tp, nxt)
            """));
        var stages = journey.Stages.Count;
        var funnelSql = new StringBuilder($"WITH s1 AS (SELECT DISTINCT customer_id, ts AS t1, ts AS tl FROM me WHERE stage = 1)");
        for (var k = 2; k <= stages; k++)
        {
            // For a fixed start the earliest next-stage event is always the best choice, so min() per start is exact.
            funnelSql.Append(CultureInfo.InvariantCulture, $", s{k} AS (SELECT a.customer_id, a.t1, min(b.ts) AS tl FROM s{k - 1} a JOIN me b ON b.customer_id = a.customer_id AND b.stage = {k} AND b.ts > a.tl AND b.ts <= a.t1 + {windowMicros} GROUP BY a.customer_id, a.t1)");
        }

        funnelSql.Append(" SELECT ");
        funnelSql.Append(string.Join(", ", Enumerable.Range(1, stages).Select(k => $"(SELECT count(DISTINCT customer_id) FROM s{k})")));
        var funnel = new long[stages];
        Time(parts, "funnel", () =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = funnelSql.ToString();
            using var reader = command.ExecuteReader();
            reader.Read();
            for (var k = 0; k < stages; k++)
            {
                funnel[k] = reader.GetInt64(k);
            }
        });
        Time(parts, "exits", () => stranded = Scalar(connection, $"""
            WITH last AS (SELECT customer_id, arg_max(tp, (ts, rn)) AS tp, max(ts) AS ts, max(stage) = {stages} AS done FROM me GROUP BY customer_id),
                 e AS (SELECT max(ts) AS end_ts FROM ev)
            SELECT count(*) FROM last, e WHERE NOT done AND e.end_ts - last.ts > {inactivityMicros}
            """));
        metrics.Stop();
        return new BaselineResult(load.Elapsed.TotalSeconds, metrics.Elapsed.TotalSeconds, funnel, topVariant, edges, stranded, parts);
    }

    private static void Time(List<(string, double)> parts, string name, Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        parts.Add((name, watch.Elapsed.TotalSeconds));
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}

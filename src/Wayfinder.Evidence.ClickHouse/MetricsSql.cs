namespace Wayfinder.Evidence.ClickHouse;

using System.Text;
using Wayfinder.Evidence.Store;

/// <summary>
/// The SQL of a journey's metrics on one cut. Every query reads <see cref="PerCustomer"/>: one row per customer with
/// events in the cut, computed where the customer's events live (on their shard, with <c>distributed_group_by_no_merge</c>):
/// their mapped events as arrays sorted by (ts, seq) (<c>tt</c> times, <c>tps</c> touchpoints, <c>st</c> stages,
/// <c>chs</c> channels), and from them, with array functions, the level of their best-start funnel, first reaches,
/// path and transitions. The outer queries only add these small rows up, so no event leaves ClickHouse.
/// </summary>
internal sealed class MetricsSql
{
    private readonly ClickHouseTables _tables;
    private readonly MappingSql _mapping;
    private readonly MetricsQuery _query;
    private readonly string? _segment;

    /// <param name="segment">The segment as a SQL condition over attr_keys/attr_values; null for everyone.</param>
    public MetricsSql(ClickHouseTables tables, MappingSql mapping, MetricsQuery query, string? segment)
    {
        _tables = tables;
        _mapping = mapping;
        _query = query;
        _segment = segment;
        Stages = mapping.Stages.Count;
        Touchpoints = mapping.Touchpoints.Count;
    }

    public MetricsQuery Query => _query;

    public MappingSql Mapping => _mapping;

    public int Stages { get; }

    public int Touchpoints { get; }

    private long Window => _query.Window.Ticks / 10;

    /// <summary>
    /// The per-customer SELECT with <paramref name="columns"/> as its output (only these leave the shard). Aliases
    /// usable in them: <c>tp</c> (a row's touchpoint), <c>tt</c>, <c>tps</c>, <c>st</c>, <c>chs</c>, <c>n</c> (mapped
    /// events), <c>level</c>, <c>ft{k}</c> (first time of stage k), <c>path</c>.
    /// </summary>
    /// <param name="periodEnds">For a trend: the ends of consecutive periods; rows are then per customer and period
    /// (<c>period</c>: the index of the first period ending after the event), events outside them left out.</param>
    public string PerCustomer(string columns, IReadOnlyList<long>? periodEnds = null)
    {
        var with = new List<string>
        {
            $"toInt32({_mapping.Touchpoint}) AS tp",
            "arraySort(x -> (x.1, x.2), groupArrayIf((ts, seq, tp, channel), tp >= 0)) AS ev",
            "arrayMap(x -> x.1, ev) AS tt",
            "arrayMap(x -> x.3, ev) AS tps",
            "arrayMap(x -> x.4, ev) AS chs",
            $"arrayMap(x -> {IntArray(_mapping.StageOf)}[x + 1], tps) AS st",
            "length(tps) AS n",
        };
        with.AddRange(Level());
        for (var k = 0; k < Stages; k++)
        {
            with.Add($"arrayFirst((t, s) -> s = {k}, tt, st) AS ft{k}");
        }

        with.Add(_query.CollapseRepeats ? "arrayFilter((x, i) -> i = 1 OR x != tps[i - 1], tps, arrayEnumerate(tps)) AS path" : "tps AS path");

        if (periodEnds is not null)
        {
            with.Add($"{Period(periodEnds)} AS period");
        }

        var join = NeedsAttributes ? $"GLOBAL ANY LEFT JOIN ({MappingSql.CustomerAttributes(_tables)}) USING customer" : "";
        return $"""
            WITH {string.Join(",\n", with)}
            SELECT {columns}
            FROM {Sql.Identifier(_tables.Events)} {join}
            WHERE {Where()}{(periodEnds is null ? "" : $" AND ts < {Sql.Number(periodEnds[^1])}")}
            GROUP BY customer{(periodEnds is null ? "" : ", period")}
            """;
    }

    private bool NeedsAttributes => _segment is not null || _mapping.NeedsAttributes;

    private string Where()
    {
        var conditions = new List<string> { _tables.Visible };
        if (_query.FromMicros is { } from)
        {
            conditions.Add($"ts >= {Sql.Number(from)}");
        }

        if (_query.ToMicros is { } to)
        {
            conditions.Add($"ts < {Sql.Number(to)}");
        }

        if (_query.Channel is { } channel)
        {
            // The embedded store matches no row for a channel it does not know, and '' is no channel's name.
            conditions.Add(channel.Length == 0 ? "0" : $"channel = {Sql.String(channel)}");
        }

        if (_segment is not null)
        {
            conditions.Add($"({_segment})");
        }

        return string.Join(" AND ", conditions);
    }

    /// <summary>
    /// The best-start ordered funnel: from every stage-0 event, the chain taking at each next stage the earliest event
    /// strictly later than the previous one and within the window of the start; a customer's level is the longest.
    /// </summary>
    private List<string> Level()
    {
        if (Stages == 0)
        {
            return ["toUInt32(0) AS level"];
        }

        var lines = new List<string> { "arrayFilter((i, s) -> s = 0, arrayEnumerate(st), st) AS i0s" };
        if (Stages == 1)
        {
            lines.Add("toUInt32(length(i0s) > 0) AS level");
            return lines;
        }

        var window = Sql.Number(Window);
        lines.Add($"arrayMap(i0 -> arrayFirstIndex((t, s) -> s = 1 AND t > tt[i0] AND t - tt[i0] <= {window}, tt, st), i0s) AS l1");
        for (var k = 2; k < Stages; k++)
        {
            lines.Add($"arrayMap((i0, ip) -> if(ip = 0, 0, arrayFirstIndex((t, s) -> s = {k} AND t > tt[ip] AND t - tt[i0] <= {window}, tt, st)), i0s, l{k - 1}) AS l{k}");
        }

        var names = Enumerable.Range(1, Stages - 1).Select(k => $"l{k}").ToList();
        var args = Enumerable.Range(1, Stages - 1).Select(k => $"a{k}");
        var sum = string.Join(" + ", args.Select(a => $"toUInt32({a} > 0)"));
        lines.Add($"arrayReduce('max', arrayMap(({string.Join(", ", args)}) -> 1 + {sum}, {string.Join(", ", names)})) AS level");
        return lines;
    }

    /// <summary>Counts, reach, the funnel and (unless funnel only) timings, stranded customers and endpoints, in one row.</summary>
    public string Summary(long dataEnd)
    {
        var full = !_query.FunnelOnly;
        var inner = new List<string>
        {
            "n AS mapped",
            "countIf(tp < 0) AS unmapped",
            "level",
            $"arrayMap(k -> arrayCount(s -> s = k, st), range({Stages})) AS sev",
            $"arrayMap(k -> arrayCount(x -> x = k, tps), range({Touchpoints})) AS tev",
            $"arrayMap(k -> toUInt64(n > 0 AND level = k), range({Stages + 1})) AS fv",
        };
        var outer = new List<string>
        {
            "countIf(mapped > 0) AS customers",
            "sum(mapped) AS mapped_events",
            "sum(unmapped) AS unmapped_events",
            "sumForEach(sev) AS stage_events",
            "sumForEach(arrayMap(x -> toUInt64(x > 0), sev)) AS stage_customers",
            "sumForEach(tev) AS tp_events",
            "sumForEach(arrayMap(x -> toUInt64(x > 0), tev)) AS tp_customers",
            "sumForEach(fv) AS funnel_at",
        };
        var with = new List<string>();
        if (full)
        {
            var last = Sql.Number(Stages - 1);
            // Per customer, one-hot vectors over the touchpoints (a lambda of the outer query could not read the columns).
            var stranded = $"n > 0 AND NOT has(st, {last}) AND {Sql.Number(dataEnd)} - tt[-1] > {Sql.Number(_query.Inactivity.Ticks / 10)}";
            inner.Add($"arrayMap(k -> toUInt64(({stranded}) AND toInt64(k) = tps[-1]), range({Touchpoints})) AS strandedv");
            inner.Add($"arrayMap(k -> toUInt64(n > 0 AND toInt64(k) = tps[1]), range({Touchpoints})) AS startv");
            inner.Add($"arrayMap(k -> toUInt64(n > 0 AND toInt64(k) = tps[-1]), range({Touchpoints})) AS endv");
            outer.Add("sumForEach(strandedv) AS stranded_at");
            outer.Add("sumForEach(startv) AS starts");
            outer.Add("sumForEach(endv) AS ends");
            for (var k = 0; k + 1 < Stages; k++)
            {
                // Counted where the funnel got past stage k + 1: then a stage k + 1 event after the first reach of k exists.
                inner.Add($"if(level >= {k + 2}, arrayFirst((t, s) -> s = {k + 1} AND t > ft{k}, tt, st) - ft{k}, 0) AS tim{k}");
                with.Add($"arraySort(groupArrayIf(tim{k}, level >= {k + 2})) AS tl{k}");
                outer.Add($"{Ranked($"tl{k}")} AS timing{k}");
            }

            foreach (var (a, b) in SpanPairs())
            {
                inner.Add($"if(level >= {b + 1}, arrayFirst((t, s) -> s = {b} AND t > ft{a}, tt, st) - ft{a}, 0) AS sp{a}_{b}");
                with.Add($"arraySort(groupArrayIf(sp{a}_{b}, level >= {b + 1})) AS sl{a}_{b}");
                outer.Add($"{Ranked($"sl{a}_{b}")} AS span{a}_{b}");
            }
        }

        var withText = with.Count == 0 ? "" : "WITH " + string.Join(",\n", with) + "\n";
        return $"{withText}SELECT {string.Join(",\n", outer)}\nFROM ({PerCustomer(string.Join(",\n", inner))})";
    }

    /// <summary>
    /// A trend's funnels in one query: per period (index into <paramref name="periodEnds"/>), how many customers reached
    /// exactly k stages. The caller's query starts at the first period's start.
    /// </summary>
    public string Trend(IReadOnlyList<long> periodEnds) => $"""
        SELECT period, sumForEach(fv) AS funnel_at
        FROM ({PerCustomer($"period, arrayMap(k -> toUInt64(n > 0 AND level = k), range({Stages + 1})) AS fv", periodEnds)})
        GROUP BY period
        """;

    private static string Period(IReadOnlyList<long> ends)
    {
        if (ends.Count == 1)
        {
            return "toInt32(0)";
        }

        var arms = ends.Take(ends.Count - 1).Select((end, i) => $"ts < {Sql.Number(end)}, {Sql.Number(i)}");
        return $"toInt32(multiIf({string.Join(", ", arms)}, {Sql.Number(ends.Count - 1)}))";
    }

    /// <summary>Pairs of stages further apart (a, b ≥ a + 2), in the embedded engine's order (by a, then b).</summary>
    public IEnumerable<(int A, int B)> SpanPairs()
    {
        for (var a = 0; a < Stages; a++)
        {
            for (var b = a + 2; b < Stages; b++)
            {
                yield return (a, b);
            }
        }
    }

    /// <summary>The path variants with the most customers, ties by their touchpoint ids joined (byte order).</summary>
    public string Variants(int top)
    {
        var ids = Sql.Strings(_mapping.Touchpoints.Select(t => t.Id));
        return $"""
            SELECT path, count() AS c, arrayStringConcat(arrayMap(x -> {ids}[x + 1], path), {Sql.String("\u001f")}) AS k
            FROM ({PerCustomer("path, n AS mapped")})
            WHERE mapped > 0
            GROUP BY path
            ORDER BY c DESC, k
            LIMIT {Sql.Number(top)}
            """;
    }

    /// <summary>The directly-follows graph: per edge (from · touchpoints + to) its count and the ranks of its median.</summary>
    public string Flow()
    {
        var inner = $"""
            arrayMap(i -> tps[i - 1] * {Sql.Number(Touchpoints)} + tps[i], arraySlice(arrayEnumerate(tps), 2)) AS edges,
            arrayMap(i -> tt[i] - tt[i - 1], arraySlice(arrayEnumerate(tps), 2)) AS durations
            """;
        return $"""
            WITH arraySort(groupArray(d)) AS ds
            SELECT e, {Ranked("ds")} AS median
            FROM ({PerCustomer(inner)})
            ARRAY JOIN edges AS e, durations AS d
            GROUP BY e
            """;
    }

    /// <summary>Mapped events per stage and channel (the event's own, else its touchpoint's).</summary>
    public string ChannelMix()
    {
        var channels = Sql.Strings(_mapping.Touchpoints.Select(t => t.Channel ?? ""));
        return $"""
            SELECT s, c, count() AS events
            FROM ({PerCustomer($"st AS sts, arrayMap((c, x) -> if(c != '', c, {channels}[x + 1]), chs, tps) AS chans")})
            ARRAY JOIN sts AS s, chans AS c
            WHERE c != ''
            GROUP BY s, c
            """;
    }

    /// <summary>
    /// A sorted array's size and the values at the ranks the median and the 90th percentile interpolate between
    /// (R type 7: lower = floor(p·(n − 1)), taken exactly as intDiv(n − 1, 2) and intDiv(9·(n − 1), 10), and the next):
    /// <c>[n, x50, x50next, x90, x90next]</c>, 0 beyond the end.
    /// </summary>
    private static string Ranked(string sorted)
    {
        var size = $"toInt64(length({sorted}))";
        var half = $"intDiv({size} - 1, 2)";
        var ninety = $"intDiv(9 * ({size} - 1), 10)";
        var text = new StringBuilder();
        text.Append('[').Append(size)
            .Append($", {sorted}[{half} + 1], {sorted}[{half} + 2]")
            .Append($", {sorted}[{ninety} + 1], {sorted}[{ninety} + 2]")
            .Append(']');
        return text.ToString();
    }

    private static string IntArray(IEnumerable<int> values) => $"CAST([{string.Join(", ", values.Select(Sql.Number))}] AS Array(Int32))";
}

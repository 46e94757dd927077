namespace Wayfinder.Evidence.ClickHouse;

using System.Text.Json;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Metrics;

/// <summary>
/// The rows of <see cref="MetricsSql"/>'s queries as <see cref="JourneyMetrics"/>: ratios, rounding, percentile
/// interpolation and orders computed here from integer counts, with the embedded engine's own functions, so the
/// numbers are bit-identical to <see cref="JourneyAnalyzer"/>'s.
/// </summary>
internal static class MetricsResults
{
    public static JourneyMetrics FromSummary(string journeyId, MetricsSql sql, JsonElement row)
    {
        var (mapping, query) = (sql.Mapping, sql.Query);
        var full = !query.FunnelOnly;
        var stageEvents = Counts(row, "stage_events", sql.Stages);
        var stageCustomers = Counts(row, "stage_customers", sql.Stages);
        var tpEvents = Counts(row, "tp_events", sql.Touchpoints);
        var tpCustomers = Counts(row, "tp_customers", sql.Touchpoints);
        var funnelAt = Counts(row, "funnel_at", sql.Stages + 1);
        var stages = mapping.Stages;
        var touchpoints = mapping.Touchpoints;
        var metrics = new JourneyMetrics
        {
            JourneyId = journeyId,
            Cut = query.Cut,
            Customers = Int(row.GetProperty("customers")),
            MappedEvents = Int(row.GetProperty("mapped_events")),
            UnmappedEvents = Int(row.GetProperty("unmapped_events")),
            StageReach = [.. stages.Select((s, i) => new ReachRow(s.Id, s.Name, s.Id, stageCustomers[i], stageEvents[i]))],
            TouchpointReach = [.. touchpoints.Select((t, i) => new ReachRow(t.Id, t.Name, stages[t.Stage].Id, tpCustomers[i], tpEvents[i]))],
            Funnel = JourneyAnalyzer.Funnel(stages, funnelAt),
        };
        if (!full)
        {
            return metrics;
        }

        var stranded = Counts(row, "stranded_at", sql.Touchpoints);
        var starts = Counts(row, "starts", sql.Touchpoints);
        var ends = Counts(row, "ends", sql.Touchpoints);
        var timings = Enumerable.Range(0, Math.Max(0, sql.Stages - 1))
            .Select(k => Timing(stages[k].Id, stages[k + 1].Id, row.GetProperty($"timing{k}")))
            .ToList();
        var spans = sql.SpanPairs()
            .Select(p => (p, Ranked: row.GetProperty($"span{p.A}_{p.B}")))
            .Where(x => x.Ranked[0].GetInt64() > 0)
            .Select(x => Timing(stages[x.p.A].Id, stages[x.p.B].Id, x.Ranked))
            .ToList();
        return metrics with
        {
            Timings = timings,
            SpanTimings = spans,
            Stranded = [.. touchpoints.Select((t, i) => new StrandedRow(t.Id, stages[t.Stage].Id, stranded[i], tpCustomers[i], JourneyAnalyzer.Ratio(stranded[i], tpCustomers[i])))],
            Endpoints = [.. touchpoints.Select((t, i) => new EndpointRow(t.Id, starts[i], ends[i])).Where(e => e.Starts + e.Ends > 0)],
        };
    }

    /// <summary>The top variants in the embedded order: customers descending, then the ids joined, ordinal.</summary>
    public static List<PathVariant> Variants(MetricsSql sql, IReadOnlyList<JsonElement> rows, int customers) =>
        [.. rows
            .Select(r => (Ids: r.GetProperty("path").EnumerateArray().Select(x => sql.Mapping.Touchpoints[x.GetInt32()].Id).ToArray(), Count: Int(r.GetProperty("c"))))
            .OrderByDescending(v => v.Count)
            .ThenBy(v => string.Join('\u001f', v.Ids), StringComparer.Ordinal)
            .Take(sql.Query.TopVariants)
            .Select(v => new PathVariant(v.Ids, v.Count, JourneyAnalyzer.Ratio(v.Count, customers)))];

    public static List<FlowEdge> Flow(MetricsSql sql, IReadOnlyList<JsonElement> rows)
    {
        var touchpoints = sql.Mapping.Touchpoints;
        var edges = rows.Select(r =>
        {
            var edge = r.GetProperty("e").GetInt64();
            var ranked = r.GetProperty("median");
            var count = (int)ranked[0].GetInt64();
            return new FlowEdge(touchpoints[(int)(edge / sql.Touchpoints)].Id, touchpoints[(int)(edge % sql.Touchpoints)].Id, count, JourneyAnalyzer.Seconds(Percentile(ranked, 1, 0.5)) ?? 0);
        });
        return [.. edges.OrderByDescending(e => e.Count).ThenBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)];
    }

    /// <summary>Per stage (in order), its channels by events descending then name (ordinal), each with its share of the stage.</summary>
    public static List<ChannelShare> ChannelMix(MetricsSql sql, IReadOnlyList<JsonElement> rows)
    {
        var counts = rows.Select(r => (Stage: r.GetProperty("s").GetInt32(), Channel: r.GetProperty("c").GetString()!, Events: Int(r.GetProperty("events")))).ToList();
        var result = new List<ChannelShare>();
        for (var s = 0; s < sql.Stages; s++)
        {
            var stage = counts.Where(c => c.Stage == s).ToList();
            var total = stage.Sum(c => c.Events);
            result.AddRange(stage
                .OrderByDescending(c => c.Events)
                .ThenBy(c => c.Channel, StringComparer.Ordinal)
                .Select(c => new ChannelShare(sql.Mapping.Stages[s].Id, c.Channel, c.Events, JourneyAnalyzer.Ratio(c.Events, total))));
        }

        return result;
    }

    private static StageTiming Timing(string from, string to, JsonElement ranked)
    {
        var count = (int)ranked[0].GetInt64();
        return new StageTiming(from, to, count, JourneyAnalyzer.Seconds(Percentile(ranked, 1, 0.5)), JourneyAnalyzer.Seconds(Percentile(ranked, 3, 0.9)));
    }

    /// <summary>
    /// A percentile from <c>[n, …, x_lower, x_lower+1, …]</c> (values at <paramref name="at"/>): R type 7 with the
    /// embedded engine's arithmetic (<see cref="Wayfinder.Evidence.Metrics.Percentile"/>), null when there are no values.
    /// </summary>
    private static double? Percentile(JsonElement ranked, int at, double p)
    {
        var count = (int)ranked[0].GetInt64();
        if (count == 0)
        {
            return null;
        }

        var (lower, upper, fraction) = Evidence.Metrics.Percentile.Ranks(count, p);
        var low = ranked[at].GetInt64();
        if (upper == lower)
        {
            return low;
        }

        var high = ranked[at + 1].GetInt64();
        return low + ((high - low) * fraction);
    }

    /// <summary>An array of counts of the expected length (an aggregate over no customers gives an empty one).</summary>
    private static int[] Counts(JsonElement row, string name, int length)
    {
        var counts = new int[length];
        var i = 0;
        foreach (var value in row.GetProperty(name).EnumerateArray())
        {
            if (i < length)
            {
                counts[i] = Int(value);
            }

            i++;
        }

        return counts;
    }

    private static int Int(JsonElement value) => checked((int)value.GetInt64());
}

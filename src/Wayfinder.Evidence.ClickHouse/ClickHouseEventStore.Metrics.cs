namespace Wayfinder.Evidence.ClickHouse;

using System.Text.Json;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Evidence.Metrics;
using Wayfinder.Evidence.Store;

public sealed partial class ClickHouseEventStore
{
    /// <inheritdoc/>
    public async Task<JourneyMetrics> AnalyzeAsync(Journey journey, MetricsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(query);
        var segment = query.Segment is { } text ? FilterSql.Segment(text) : null;
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var sql = new MetricsSql(Tables, await MappingAsync(journey, cancellationToken).ConfigureAwait(false), query, segment);
        var span = await SpanAsync(cancellationToken).ConfigureAwait(false);
        return await AnalyzeAsync(journey.Id, sql, span, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(Journey journey, MetricsQuery query, string grain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(query);
        var segment = query.Segment is { } text ? FilterSql.Segment(text) : null;
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var mapping = await MappingAsync(journey, cancellationToken).ConfigureAwait(false);
        var span = await SpanAsync(cancellationToken).ConfigureAwait(false);
        var points = new List<TrendPoint>();
        if (span.Events == 0)
        {
            return points;
        }

        // The periods of the whole store's span (as the embedded store), each a funnel-only cut, all in one query.
        var start = Math.Max(span.Min, query.FromMicros ?? long.MinValue);
        var end = Math.Min(span.Max, (query.ToMicros ?? long.MaxValue) - 1);
        var periods = Periods.Covering(start, end, grain);
        if (periods.Count == 0)
        {
            return points;
        }

        var ranges = periods.Select(p => Periods.Parse(p, out _)!.Value).ToList();
        var cut = query with
        {
            FromMicros = Math.Max(ranges[0].From, query.FromMicros ?? long.MinValue),
            TopVariants = 0,
            FunnelOnly = true,
        };
        var sql = new MetricsSql(Tables, mapping, cut, segment);
        var rows = await QueryMetricsAsync(sql.Trend([.. ranges.Select(r => r.To)]), cancellationToken).ConfigureAwait(false);
        var funnels = rows.ToDictionary(r => r.GetProperty("period").GetInt32(), r => r.GetProperty("funnel_at"));
        var previous = new double?[journey.Stages.Count];
        for (var i = 0; i < periods.Count; i++)
        {
            var funnelAt = new int[sql.Stages + 1];
            if (funnels.TryGetValue(i, out var counts))
            {
                var k = 0;
                foreach (var count in counts.EnumerateArray())
                {
                    funnelAt[k++] = checked((int)count.GetInt64());
                }
            }

            var funnel = JourneyAnalyzer.Funnel(mapping.Stages, funnelAt);
            for (var s = 0; s < funnel.Count; s++)
            {
                var step = funnel[s];
                points.Add(new TrendPoint(periods[i], step.StageId, step.Customers, step.Conversion, previous[s] is { } p ? Math.Round(step.Conversion - p, 6) : null));
                previous[s] = step.Conversion;
            }
        }

        return points;
    }

    /// <summary>How many events the store holds and their first and last time (the embedded log's MinTimestamp/MaxTimestamp: 0 when empty).</summary>
    private async Task<(long Events, long Min, long Max)> SpanAsync(CancellationToken cancellationToken)
    {
        var rows = await Client.QueryAsync(
            $"SELECT count() AS n, if(n = 0, 0, min(ts)) AS lo, if(n = 0, 0, max(ts)) AS hi FROM {Sql.Identifier(Tables.Events)} WHERE {Tables.Visible}",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var row = rows[0];
        return (row.GetProperty("n").GetInt64(), row.GetProperty("lo").GetInt64(), row.GetProperty("hi").GetInt64());
    }

    private async Task<JourneyMetrics> AnalyzeAsync(string journeyId, MetricsSql sql, (long Events, long Min, long Max) span, CancellationToken cancellationToken)
    {
        var query = sql.Query;
        var dataEnd = Math.Min(span.Max, query.ToMicros is { } to ? to - 1 : long.MaxValue);
        var summary = (await QueryMetricsAsync(sql.Summary(dataEnd), cancellationToken).ConfigureAwait(false))[0];
        var metrics = MetricsResults.FromSummary(journeyId, sql, summary);
        if (query.FunnelOnly || sql.Touchpoints == 0)
        {
            return metrics;
        }

        var variants = query.TopVariants <= 0 ? [] : await QueryMetricsAsync(sql.Variants(query.TopVariants), cancellationToken).ConfigureAwait(false);
        var flow = await QueryMetricsAsync(sql.Flow(), cancellationToken).ConfigureAwait(false);
        var channels = await QueryMetricsAsync(sql.ChannelMix(), cancellationToken).ConfigureAwait(false);
        return metrics with
        {
            Variants = MetricsResults.Variants(sql, variants, metrics.Customers),
            Flow = MetricsResults.Flow(sql, flow),
            ChannelMix = MetricsResults.ChannelMix(sql, channels),
        };
    }

    /// <summary>A metrics query; on a cluster each shard finishes the per-customer GROUP BY itself (a customer lives on one shard).</summary>
    private Task<IReadOnlyList<JsonElement>> QueryMetricsAsync(string sql, CancellationToken cancellationToken) =>
        Client.QueryAsync(sql, Tables.Clustered ? s_shardLocal : null, cancellationToken: cancellationToken);

    private static readonly Dictionary<string, string> s_shardLocal = new() { ["distributed_group_by_no_merge"] = "1" };
}

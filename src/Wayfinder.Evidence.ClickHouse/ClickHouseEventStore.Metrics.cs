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
        var sql = MetricsFor(journey, query);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var span = await SpanAsync(cancellationToken).ConfigureAwait(false);
        return await AnalyzeAsync(journey.Id, sql, span, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(Journey journey, MetricsQuery query, string grain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(query);
        var mapping = MappingSql.Build(journey);
        var segment = query.Segment is { } text ? FilterSql.Segment(text) : null;
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var span = await SpanAsync(cancellationToken).ConfigureAwait(false);
        var points = new List<TrendPoint>();
        if (span.Events == 0)
        {
            return points;
        }

        // The periods of the whole store's span (as the embedded store), each analysed as a funnel-only cut.
        var start = Math.Max(span.Min, query.FromMicros ?? long.MinValue);
        var end = Math.Min(span.Max, (query.ToMicros ?? long.MaxValue) - 1);
        var previous = new double?[journey.Stages.Count];
        foreach (var period in Periods.Covering(start, end, grain))
        {
            var range = Periods.Parse(period, out _)!.Value;
            var cut = query with
            {
                FromMicros = Math.Max(range.From, query.FromMicros ?? long.MinValue),
                ToMicros = Math.Min(range.To, query.ToMicros ?? long.MaxValue),
                TopVariants = 0,
                FunnelOnly = true,
            };
            var metrics = await AnalyzeAsync(journey.Id, new MetricsSql(Tables, mapping, cut, segment), span, cancellationToken).ConfigureAwait(false);
            for (var s = 0; s < metrics.Funnel.Count; s++)
            {
                var step = metrics.Funnel[s];
                points.Add(new TrendPoint(period, step.StageId, step.Customers, step.Conversion, previous[s] is { } p ? Math.Round(step.Conversion - p, 6) : null));
                previous[s] = step.Conversion;
            }
        }

        return points;
    }

    private MetricsSql MetricsFor(Journey journey, MetricsQuery query) =>
        new(Tables, MappingSql.Build(journey), query, query.Segment is { } segment ? FilterSql.Segment(segment) : null);

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

namespace Wayfinder.Evidence.Store;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Metrics;

/// <summary>What the embedded store answers: every question of <see cref="IEventStore"/> on the log it holds.</summary>
public sealed partial class EventStore
{
    /// <inheritdoc/>
    public Task<EventSummary> SummaryAsync(CancellationToken cancellationToken = default)
    {
        // Counting every event's name reads the whole log: kept with the log it was counted on (a log never changes;
        // a write makes a new one). Every analysis asks for it, for the time of the last event.
        var log = Open();
        if (Volatile.Read(ref _summary) is not { } summary || summary.Log != log)
        {
            summary = new CountedSummary(log, Summary(log));
            Volatile.Write(ref _summary, summary);
        }

        return Task.FromResult(summary.Summary);
    }

    /// <inheritdoc/>
    public Task<JourneyMetrics> AnalyzeAsync(Journey journey, MetricsQuery query, CancellationToken cancellationToken = default) =>
        Task.Run(() => Analyze(Open(), journey, query, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<TrendPoint>> TrendAsync(Journey journey, MetricsQuery query, string grain, CancellationToken cancellationToken = default) =>
        Task.Run(() => Trend(Open(), journey, query, grain, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<(JourneyMetrics Metrics, IReadOnlyList<TrendPoint> Trend)> AnalyzeWithTrendAsync(Journey journey, MetricsQuery query, string grain, CancellationToken cancellationToken = default) =>
        Task.Run(() => AnalyzeWithTrend(Open(), journey, query, grain, cancellationToken), cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<CustomerEvents>> CustomersAsync(string segment, CancellationToken cancellationToken = default)
    {
        var log = Open();
        var selected = Segments.Customers(log, segment);
        IReadOnlyList<CustomerEvents> customers = [.. Enumerable.Range(0, log.CustomerCount).Where(c => selected[c])
            .Select(c => new CustomerEvents(log.CustomerIds[c], log.CustomerStart[c + 1] - log.CustomerStart[c]))];
        return Task.FromResult(customers);
    }

    /// <inheritdoc/>
    public Task<SegmentChannels> ChannelMixAsync(string? segment, CancellationToken cancellationToken = default)
    {
        var log = Open();
        return Task.FromResult(EventQueries.ChannelMix(log, segment is null ? null : Segments.Customers(log, segment)));
    }

    /// <inheritdoc/>
    public Task<BehaviourFeatures> BehaviourAsync(Journey journey, CancellationToken cancellationToken = default)
    {
        var log = Open();
        return Task.Run(() => EventQueries.Behaviour(log, Mapping(journey, log), cancellationToken), cancellationToken);
    }

    private JourneyMetrics Analyze(EventLog log, Journey journey, MetricsQuery query, CancellationToken cancellationToken)
    {
        return JourneyAnalyzer.Analyze(journey.Id, log, Mapping(journey, log), query, Selected(log, query), _engine.DegreeOfParallelism, cancellationToken);
    }

    private IReadOnlyList<TrendPoint> Trend(EventLog log, Journey journey, MetricsQuery query, string grain, CancellationToken cancellationToken)
    {
        if (log.EventCount == 0)
        {
            return [];
        }

        var (periods, ranges) = TrendPeriods(log, query, grain);
        // Every period's funnel in one pass over the log (as if analysed one by one with the query cut to the period).
        var funnels = JourneyAnalyzer.FunnelByPeriod(log, Mapping(journey, log), query with { TopVariants = 0, FunnelOnly = true }, Selected(log, query), ranges, _engine.DegreeOfParallelism, cancellationToken);
        return TrendPoints(journey, periods, funnels);
    }

    private (JourneyMetrics Metrics, IReadOnlyList<TrendPoint> Trend) AnalyzeWithTrend(EventLog log, Journey journey, MetricsQuery query, string grain, CancellationToken cancellationToken)
    {
        var (periods, ranges) = log.EventCount == 0 ? ([], []) : TrendPeriods(log, query, grain);
        var (metrics, funnels) = JourneyAnalyzer.Analyze(journey.Id, log, Mapping(journey, log), query, Selected(log, query), ranges, _engine.DegreeOfParallelism, cancellationToken);
        return (metrics, TrendPoints(journey, periods, funnels));
    }

    /// <summary>The trend's periods from the first to the last event of the cut, with each one's range cut to the query.</summary>
    private static (IReadOnlyList<string> Periods, List<(long From, long To)> Ranges) TrendPeriods(EventLog log, MetricsQuery query, string grain)
    {
        var start = Math.Max(log.MinTimestamp, query.FromMicros ?? long.MinValue);
        var end = Math.Min(log.MaxTimestamp, (query.ToMicros ?? long.MaxValue) - 1);
        var periods = Periods.Covering(start, end, grain);
        var ranges = periods.Select(period => Periods.Parse(period, out _)!.Value)
            .Select(range => (Math.Max(range.From, query.FromMicros ?? long.MinValue), Math.Min(range.To, query.ToMicros ?? long.MaxValue)))
            .ToList();
        return (periods, ranges);
    }

    /// <summary>Each period's funnel as trend points, each stage with its change in conversion from the period before.</summary>
    private static List<TrendPoint> TrendPoints(Journey journey, IReadOnlyList<string> periods, List<FunnelStep>[] funnels)
    {
        var points = new List<TrendPoint>();
        var previous = new double?[journey.Stages.Count];
        for (var p = 0; p < periods.Count; p++)
        {
            var funnel = funnels[p];
            for (var s = 0; s < funnel.Count; s++)
            {
                var step = funnel[s];
                points.Add(new TrendPoint(periods[p], step.StageId, step.Customers, step.Conversion, previous[s] is { } before ? Math.Round(step.Conversion - before, 6) : null));
                previous[s] = step.Conversion;
            }
        }

        return points;
    }

    /// <summary>The customers of the query's segment (null: every customer).</summary>
    private static bool[]? Selected(EventLog log, MetricsQuery query) => query.Segment is { } segment ? Segments.Customers(log, segment) : null;

    private static JourneyMapping Mapping(Journey journey, EventLog log) => JourneyMapping.Build(journey, log, Segments.RowCondition(log));

    /// <summary>A log's summary with the log it was counted on.</summary>
    private sealed record CountedSummary(EventLog Log, EventSummary Summary);

    private static EventSummary Summary(EventLog log)
    {
        if (log.EventCount == 0)
        {
            return EventSummary.Empty;
        }

        var counts = new long[log.EventNames.Count];
        foreach (var code in log.EventCodes)
        {
            counts[code]++;
        }

        var names = log.EventNames.Select((name, i) => new EventNameCount(name, counts[i])).Where(n => n.Events > 0)
            .OrderByDescending(n => n.Events).ThenBy(n => n.Event, StringComparer.Ordinal).ToList();
        return new EventSummary(log.EventCount, log.CustomerCount, log.MinTimestamp, log.MaxTimestamp, names);
    }
}

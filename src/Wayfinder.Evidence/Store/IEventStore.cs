namespace Wayfinder.Evidence.Store;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Import;

/// <summary>
/// Where events live and where everything the product asks of them is computed. Every method answers with a small
/// result (counts, rates, one row per customer at most), so a SQL store can answer each with one query. A segment is
/// filter-language text over customer attributes; an invalid one throws <see cref="ArgumentException"/> with a plain
/// message. Every implementation passes the same contract tests.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Imports one file: completes, or leaves the store as it was. A file with more bad rows than
    /// <see cref="EventImportOptions.MaxBadRows"/> (by default any) stores nothing (<see cref="ImportReport.Judge"/>);
    /// rows already stored are skipped.
    /// </summary>
    Task<ImportReport> ImportAsync(string path, EventImportOptions options, CancellationToken cancellationToken = default);

    /// <summary>What is stored: whether anything was imported, counts, the time span, and every event name with its count.</summary>
    Task<EventSummary> SummaryAsync(CancellationToken cancellationToken = default);

    /// <summary>All metrics of a journey on one cut of the data.</summary>
    Task<JourneyMetrics> AnalyzeAsync(Journey journey, MetricsQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ordered funnel of every period (<paramref name="grain"/>: month or quarter) from the first to the last event
    /// of the cut, with each stage's change in conversion from the period before.
    /// </summary>
    Task<IReadOnlyList<TrendPoint>> TrendAsync(Journey journey, MetricsQuery query, string grain, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="AnalyzeAsync"/> and <see cref="TrendAsync"/> of the same cut, equal to what each gives alone; a store
    /// may compute both at once (the embedded store does, in one pass over the events).
    /// </summary>
    async Task<(JourneyMetrics Metrics, IReadOnlyList<TrendPoint> Trend)> AnalyzeWithTrendAsync(Journey journey, MetricsQuery query, string grain, CancellationToken cancellationToken = default) =>
        (await AnalyzeAsync(journey, query, cancellationToken).ConfigureAwait(false), await TrendAsync(journey, query, grain, cancellationToken).ConfigureAwait(false));

    /// <summary>The customers a segment selects, each with their number of events, in ordinal order of id.</summary>
    Task<IReadOnlyList<CustomerEvents>> CustomersAsync(string segment, CancellationToken cancellationToken = default);

    /// <summary>
    /// The events of a segment's customers (null: everyone) per channel of the event itself (events without a channel
    /// are left out), with the number of customers the segment selects.
    /// </summary>
    Task<SegmentChannels> ChannelMixAsync(string? segment, CancellationToken cancellationToken = default);

    /// <summary>
    /// Per customer with at least one event mapped to the journey: their mapped events per touchpoint and per channel,
    /// the furthest stage reached, the time of the last mapped event, and their attributes (clustering's input).
    /// </summary>
    Task<BehaviourFeatures> BehaviourAsync(Journey journey, CancellationToken cancellationToken = default);
}

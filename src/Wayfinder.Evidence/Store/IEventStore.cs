namespace Wayfinder.Evidence.Store;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Import;

/// <summary>
/// A cut of the data and how to compute a journey's metrics on it, in terms any store can run: the embedded engine
/// here, or SQL on ClickHouse (a persona's segment travels as filter-language text).
/// </summary>
public sealed record MetricsQuery
{
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(30);
    public TimeSpan Inactivity { get; init; } = TimeSpan.FromDays(14);
    public bool CollapseRepeats { get; init; } = true;
    public int TopVariants { get; init; } = 20;

    /// <summary>A filter over customer attributes (a persona's segment); null for every customer.</summary>
    public string? Segment { get; init; }
    public long? FromMicros { get; init; }
    public long? ToMicros { get; init; }
    public string? Channel { get; init; }
    public string Cut { get; init; } = "";

    /// <summary>The query as the embedded engine's options; <paramref name="selected"/> is the segment's customers (null: all).</summary>
    public Metrics.AnalysisOptions ToOptions(bool[]? selected) => new()
    {
        Window = Window,
        Inactivity = Inactivity,
        CollapseRepeats = CollapseRepeats,
        TopVariants = TopVariants,
        CustomerFilter = selected is null ? null : c => selected[c],
        FromMicros = FromMicros,
        ToMicros = ToMicros,
        Channel = Channel,
        Cut = Cut,
    };
}

/// <summary>Where events live and where a journey's metrics are computed. Every implementation passes the same metric tests.</summary>
public interface IEventStore
{
    /// <summary>Imports one file: completes, or leaves the store as it was; rows already stored are skipped.</summary>
    Task<ImportReport> ImportAsync(string path, EventImportOptions options, CancellationToken cancellationToken = default);

    /// <summary>All metrics of a journey on one cut of the data.</summary>
    Task<JourneyMetrics> AnalyzeAsync(Journey journey, MetricsQuery query, CancellationToken cancellationToken = default);
}

namespace Wayfinder.Evidence.Store;

/// <summary>
/// A cut of the data and how to compute a journey's metrics on it, in terms any store can run: the embedded engine,
/// or SQL on ClickHouse (a persona's segment travels as filter-language text).
/// </summary>
public sealed record MetricsQuery
{
    /// <summary>The ordered funnel's window, measured from the stage-1 event that starts a chain.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(30);

    /// <summary>A customer whose last mapped event is older than this (relative to the end of the data) is inactive.</summary>
    public TimeSpan Inactivity { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Collapse consecutive repeats of a touchpoint in path variants (the directly-follows graph never collapses).</summary>
    public bool CollapseRepeats { get; init; } = true;

    /// <summary>How many path variants to keep (the most frequent).</summary>
    public int TopVariants { get; init; } = 20;

    /// <summary>A filter over customer attributes (a persona's segment) in the filter language; null for every customer.</summary>
    public string? Segment { get; init; }

    /// <summary>Only events at or after this time (microseconds since the epoch).</summary>
    public long? FromMicros { get; init; }

    /// <summary>Only events before this time (microseconds since the epoch).</summary>
    public long? ToMicros { get; init; }

    /// <summary>Only events on this channel.</summary>
    public string? Channel { get; init; }

    /// <summary>Only reach and the ordered funnel (a trend's periods): no timings, stranded customers, paths, flow or channel mix.</summary>
    public bool FunnelOnly { get; init; }

    /// <summary>A description of the cut for the result.</summary>
    public string Cut { get; init; } = "";
}

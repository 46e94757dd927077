namespace Wayfinder.Drafting.Discovery;

using Wayfinder.Core.Metrics;

/// <summary>Which customers and which part of their paths to discover a journey in.</summary>
public sealed record DiscoveryRequest
{
    /// <summary>A persona's segment (filter language); null for every customer.</summary>
    public string? Segment { get; init; }

    /// <summary>Only what happens from a customer's first event of this name on.</summary>
    public string? StartEvent { get; init; }

    /// <summary>Only what happens up to a customer's first event of this name after the start.</summary>
    public string? GoalEvent { get; init; }

    /// <summary>At most this many stages.</summary>
    public int MaxStages { get; init; } = 8;

    /// <summary>Event names seen by fewer than this share of the customers are left out as noise.</summary>
    public double MinCustomerShare { get; init; } = 0.02;
}

/// <summary>How a discovery ended.</summary>
public enum DiscoveryOutcome
{
    Discovered,

    /// <summary>No events are imported (or the segment selects no customer with events).</summary>
    NoEvents,

    /// <summary>The start or goal event is not in the data; <see cref="DiscoveryResult.Known"/> lists the event names.</summary>
    UnknownEvent,
}

public sealed record DiscoveryResult(DiscoveryOutcome Outcome, DiscoveredJourney? Journey)
{
    /// <summary>The event names of the data, most frequent first (to suggest from on <see cref="DiscoveryOutcome.UnknownEvent"/>).</summary>
    public IReadOnlyList<string> Known { get; init; } = [];
}

/// <summary>
/// The most likely journey in the events: stages in the order customers go through them, each with touchpoints (event
/// names grouped), the dominant paths, the loops customers go round and the main branches.
/// </summary>
/// <param name="Customers">Customers in the cut with at least one event of the discovered touchpoints.</param>
/// <param name="Events">Their events of the discovered touchpoints.</param>
/// <param name="Paths">The dominant ordered paths over touchpoint ids, most frequent first.</param>
public sealed record DiscoveredJourney(
    int Customers,
    long Events,
    IReadOnlyList<DiscoveredStage> Stages,
    IReadOnlyList<PathVariant> Paths,
    IReadOnlyList<DiscoveredLoop> Loops,
    IReadOnlyList<DiscoveredBranch> Branches)
{
    /// <summary>Event names left out (too rare, or outside the start and goal), with their event counts.</summary>
    public IReadOnlyList<EventNameShare> LeftOut { get; init; } = [];
}

/// <summary>A discovered stage: touchpoints customers go through close together, before a longer pause.</summary>
/// <param name="Id">A slug from its first touchpoint, e.g. "search".</param>
/// <param name="Name">Its touchpoints' names, e.g. "Search, compare".</param>
/// <param name="Customers">Customers who reached the stage (any of its touchpoints).</param>
/// <param name="DropOff">Customers of the ordered funnel over the discovered stages who did not reach the next one.</param>
/// <param name="MedianSecondsToNext">Median time to the next stage among those who went on; null at the last.</param>
public sealed record DiscoveredStage(
    string Id,
    string Name,
    IReadOnlyList<DiscoveredTouchpoint> Touchpoints,
    int Customers,
    int DropOff,
    double? MedianSecondsToNext)
{
    /// <summary>What customers said about the stage in surveys (null: no answers).</summary>
    public SatisfactionRow? Satisfaction { get; init; }
}

/// <summary>A discovered touchpoint: event names that happen together, as one thing the customer does.</summary>
/// <param name="Id">A slug from its first event name.</param>
/// <param name="Name">A readable name from the event names, e.g. "Search flights".</param>
/// <param name="Events">The event names that count as it (its event mapping).</param>
/// <param name="Channel">The channel most of its events happen on; null when its events have none.</param>
/// <param name="Channels">Its events per channel, most first.</param>
/// <param name="Customers">Customers who reached it.</param>
/// <param name="Stranded">Customers whose last event was here, longer ago than the inactivity threshold, before the last stage.</param>
/// <param name="ExitRate">Stranded ÷ customers.</param>
/// <param name="Branch">When it is one of a stage's alternatives, the branch's name; else null.</param>
public sealed record DiscoveredTouchpoint(
    string Id,
    string Name,
    IReadOnlyList<string> Events,
    string? Channel,
    IReadOnlyList<ChannelCount> Channels,
    int Customers,
    long EventCount,
    int Stranded,
    double ExitRate,
    string? Branch)
{
    /// <summary>What customers said about the touchpoint in surveys (null: no answers).</summary>
    public SatisfactionRow? Satisfaction { get; init; }
}

public sealed record ChannelCount(string Channel, long Events, double Share);

/// <summary>Customers going back from one touchpoint to an earlier one.</summary>
/// <param name="Count">Directly-follows count of the back edge.</param>
/// <param name="Share">The back edge's count ÷ all edges out of its touchpoint.</param>
public sealed record DiscoveredLoop(string FromTouchpoint, string ToTouchpoint, string FromStage, string ToStage, int Count, double Share)
{
    /// <summary>A name in plain words, e.g. "back from compare to search".</summary>
    public string Name => $"back from {FromTouchpoint} to {ToTouchpoint}";
}

/// <summary>A point where customers take one of several alternative touchpoints and rejoin after them.</summary>
/// <param name="Stage">The stage holding the alternatives.</param>
/// <param name="Alternatives">Touchpoint ids, most customers first.</param>
/// <param name="Customers">Customers per alternative, in the same order.</param>
public sealed record DiscoveredBranch(string Stage, IReadOnlyList<string> Alternatives, IReadOnlyList<int> Customers);

public sealed record EventNameShare(string Event, long Events, string Reason);

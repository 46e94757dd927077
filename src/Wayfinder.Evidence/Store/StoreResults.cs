namespace Wayfinder.Evidence.Store;

/// <summary>What an event store holds.</summary>
/// <param name="FromMicros">The first event's time (microseconds since the epoch); null when the store is empty.</param>
/// <param name="ToMicros">The last event's time; null when the store is empty.</param>
/// <param name="EventNames">Every event name with its number of events, most frequent first, then by name (ordinal).</param>
public sealed record EventSummary(long Events, int Customers, long? FromMicros, long? ToMicros, IReadOnlyList<EventNameCount> EventNames)
{
    public static EventSummary Empty { get; } = new(0, 0, null, null, []);

    /// <summary>Whether anything was imported.</summary>
    public bool Imported => Events > 0;
}

public sealed record EventNameCount(string Event, long Events);

/// <summary>A customer of a segment and their number of events.</summary>
public sealed record CustomerEvents(string CustomerId, int Events);

/// <summary>A segment's events per channel, in the order the store keeps its channels.</summary>
/// <param name="Customers">How many customers the segment selects.</param>
public sealed record SegmentChannels(int Customers, IReadOnlyList<ChannelEvents> Channels)
{
    /// <summary>Events with a channel.</summary>
    public int Events => Channels.Sum(c => c.Events);
}

public sealed record ChannelEvents(string Channel, int Events);

/// <summary>Per-customer behaviour on one journey, the input of behavioural clustering.</summary>
/// <param name="Touchpoints">The journey's touchpoint ids, in lane order: the index of <see cref="CustomerBehaviour.TouchpointEvents"/>.</param>
/// <param name="Channels">Every channel of the data, in the store's order: the index of <see cref="CustomerBehaviour.ChannelEvents"/>.</param>
/// <param name="Stages">How many stages the journey has.</param>
/// <param name="DataEndMicros">The time of the last event in the store (mapped or not).</param>
/// <param name="Attributes">Customer attributes by name (ordinal order), each with its values in the store's order.</param>
/// <param name="Customers">Customers with at least one mapped event, in ordinal order of id.</param>
public sealed record BehaviourFeatures(
    IReadOnlyList<string> Touchpoints,
    IReadOnlyList<string> Channels,
    int Stages,
    long DataEndMicros,
    IReadOnlyList<AttributeValues> Attributes,
    IReadOnlyList<CustomerBehaviour> Customers);

public sealed record AttributeValues(string Name, IReadOnlyList<string> Values);

/// <param name="TouchpointEvents">Mapped events per touchpoint.</param>
/// <param name="ChannelEvents">Mapped events per channel of the event itself.</param>
/// <param name="FurthestStage">The index of the furthest stage reached.</param>
/// <param name="Attributes">Per attribute of <see cref="BehaviourFeatures.Attributes"/>, the index of the customer's value; -1 for none.</param>
public sealed record CustomerBehaviour(string CustomerId, int[] TouchpointEvents, int[] ChannelEvents, int FurthestStage, long LastMicros, int[] Attributes)
{
    public int MappedEvents => TouchpointEvents.Sum();
}

namespace Wayfinder.Web.Components.Evidence;

using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Store;

/// <summary>A touchpoint of a journey as the mapping editor shows it: where it sits in its lane, and the events it claims.</summary>
/// <param name="Id">The id the data names it by: the item's id, else "{lane id}-{position from 1}" (as the engine names it).</param>
public sealed record MappedTouchpoint(string Id, string Name, string StageName, string? Channel, string LaneId, int Index, IReadOnlyList<EventMatcher> Events);

/// <summary>How many events and customers a touchpoint claims in the store right now.</summary>
public sealed record TouchpointCount(long Events, int Customers);

/// <summary>
/// The live counts of a journey's mapping: per touchpoint, the events and customers it claims (counted by the engine:
/// <see cref="IEventStore.BehaviourAsync"/> maps every row with <see cref="JourneyMapping"/>, the first claiming
/// touchpoint winning, <c>where</c> conditions included), and the event names no touchpoint names, most frequent first.
/// </summary>
public sealed record MappingCounts(IReadOnlyDictionary<string, TouchpointCount> Touchpoints, IReadOnlyList<EventNameCount> Unmapped, long Events)
{
    public static MappingCounts Empty { get; } = new(new Dictionary<string, TouchpointCount>(), [], 0);

    /// <summary>The counts of <paramref name="journey"/> (saved or not) on what <paramref name="events"/> holds.</summary>
    public static async Task<MappingCounts> CountAsync(IEventStore events, Journey journey, CancellationToken cancellationToken = default)
    {
        var summary = await events.SummaryAsync(cancellationToken);
        if (!summary.Imported)
        {
            return Empty;
        }

        return From(journey, await events.BehaviourAsync(journey, cancellationToken), summary);
    }

    /// <summary>The counts from the engine's per-customer behaviour and the store's event names.</summary>
    public static MappingCounts From(Journey journey, BehaviourFeatures behaviour, EventSummary summary)
    {
        var touchpoints = new Dictionary<string, TouchpointCount>(StringComparer.Ordinal);
        for (var t = 0; t < behaviour.Touchpoints.Count; t++)
        {
            long events = 0;
            var customers = 0;
            foreach (var customer in behaviour.Customers)
            {
                events += customer.TouchpointEvents[t];
                customers += customer.TouchpointEvents[t] > 0 ? 1 : 0;
            }

            touchpoints.TryAdd(behaviour.Touchpoints[t], new TouchpointCount(events, customers));
        }

        var patterns = MappingEdits.Touchpoints(journey).SelectMany(t => t.Events).Select(e => e.Name).ToList();
        var unmapped = summary.EventNames.Where(n => !patterns.Any(p => Wildcard.IsMatch(p, n.Event))).ToList();
        return new MappingCounts(touchpoints, unmapped, summary.Events);
    }

    /// <summary>The counts of a touchpoint; none for one the engine does not know (its stage is missing).</summary>
    public TouchpointCount Of(string touchpointId) => Touchpoints.TryGetValue(touchpointId, out var count) ? count : new TouchpointCount(0, 0);
}

/// <summary>The mapping editor's changes to a journey: the touchpoints it lists, and a touchpoint's events replaced.</summary>
public static class MappingEdits
{
    /// <summary>The journey's touchpoints in lane order, as the engine counts them (items whose stage exists).</summary>
    public static IReadOnlyList<MappedTouchpoint> Touchpoints(Journey journey)
    {
        var stages = journey.Stages.GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var list = new List<MappedTouchpoint>();
        foreach (var lane in journey.Lanes.Where(l => l.Type == LaneType.Touchpoints))
        {
            for (var i = 0; i < lane.Items.Count; i++)
            {
                var item = lane.Items[i];
                if (stages.TryGetValue(item.Stage, out var stage))
                {
                    var id = item.Id ?? $"{lane.Id}-{i + 1}";
                    list.Add(new MappedTouchpoint(id, item.Text ?? id, stage, item.Channel, lane.Id, i, item.Events));
                }
            }
        }

        return list;
    }

    /// <summary>The journey with the events of the touchpoint at <paramref name="index"/> of lane <paramref name="laneId"/> replaced.</summary>
    public static Journey WithEvents(Journey journey, string laneId, int index, IReadOnlyList<EventMatcher> events) => journey with
    {
        Lanes = [.. journey.Lanes.Select(lane => lane.Id != laneId ? lane : lane with
        {
            Items = [.. lane.Items.Select((item, i) => i != index ? item : item with { Events = [.. events] })],
        })],
    };

    /// <summary>The journey with <paramref name="matcher"/> added to a touchpoint (nothing changes when it already names it).</summary>
    public static Journey Add(Journey journey, MappedTouchpoint touchpoint, EventMatcher matcher) =>
        touchpoint.Events.Any(e => e.Name == matcher.Name && e.Where == matcher.Where)
            ? journey
            : WithEvents(journey, touchpoint.LaneId, touchpoint.Index, [.. touchpoint.Events, matcher]);

    /// <summary>The journey without the touchpoint's matcher at <paramref name="position"/>.</summary>
    public static Journey Remove(Journey journey, MappedTouchpoint touchpoint, int position) =>
        WithEvents(journey, touchpoint.LaneId, touchpoint.Index, [.. touchpoint.Events.Where((_, i) => i != position)]);
}

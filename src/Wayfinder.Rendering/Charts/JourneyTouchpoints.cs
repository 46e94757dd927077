namespace Wayfinder.Rendering.Charts;

using Wayfinder.Core.Documents;

/// <summary>A touchpoint of a journey as the data names it, in map order.</summary>
internal sealed record TouchpointRef(string Id, string Name, string StageId, int StageIndex, int Order, Lane Lane, LaneItem Item);

/// <summary>
/// The touchpoints of a journey with the ids the data uses for them: the item's own id, else "{lane id}-{position in the
/// lane, from 1}" (as the event mapping names them), in map order (stage, then lane, then item).
/// </summary>
internal static class JourneyTouchpoints
{
    public static IReadOnlyList<TouchpointRef> Of(Journey journey)
    {
        var stageIndex = journey.Stages.Select((s, i) => (s.Id, i)).GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var list = new List<TouchpointRef>();
        foreach (var lane in journey.Lanes.Where(l => l.Type == LaneType.Touchpoints))
        {
            for (var i = 0; i < lane.Items.Count; i++)
            {
                var item = lane.Items[i];
                if (stageIndex.TryGetValue(item.Stage, out var stage))
                {
                    var id = IdOf(lane, i);
                    list.Add(new TouchpointRef(id, item.Text ?? id, item.Stage, stage, 0, lane, item));
                }
            }
        }

        return list.OrderBy(t => t.StageIndex).Select((t, i) => t with { Order = i }).ToList();
    }

    /// <summary>The data's id of the item at <paramref name="index"/> in a touchpoint lane.</summary>
    public static string IdOf(Lane lane, int index) => lane.Items[index].Id ?? $"{lane.Id}-{index + 1}";

    /// <summary>The data's id of <paramref name="item"/> (found by reference) in a touchpoint lane, or null.</summary>
    public static string? IdOf(Lane lane, LaneItem item)
    {
        for (var i = 0; i < lane.Items.Count; i++)
        {
            if (ReferenceEquals(lane.Items[i], item))
            {
                return IdOf(lane, i);
            }
        }

        return null;
    }
}

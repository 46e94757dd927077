namespace Wayfinder.Drafting.Enrich;

using Wayfinder.Core.Documents;

/// <summary>Proposals written into a copy of a journey; the journey itself is left as it was.</summary>
internal static class ProposalApplier
{
    /// <summary>
    /// The journey with each proposal's item in the first lane of its type (a lane of that type is created, in the
    /// lane kinds' map order, when there is none), after the lane's items of the same or an earlier stage; and each
    /// cited evidence link once.
    /// </summary>
    public static Journey Apply(Journey journey, IReadOnlyList<Proposal> proposals)
    {
        var lanes = journey.Lanes.Select(l => l with { Items = [.. l.Items] }).ToList();
        var evidence = journey.Evidence.ToList();
        var stageOrder = journey.Stages.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        foreach (var proposal in proposals)
        {
            var lane = lanes.Find(l => l.Type == proposal.Lane) ?? AddLane(lanes, proposal.Lane);
            var at = stageOrder.GetValueOrDefault(proposal.StageId, int.MaxValue);
            var index = lane.Items.FindLastIndex(i => stageOrder.GetValueOrDefault(i.Stage, int.MaxValue) <= at);
            lane.Items.Insert(index + 1, proposal.Item);
            if (proposal.Evidence is { } link && !evidence.Exists(e => e.Id == link.Id))
            {
                evidence.Add(link);
            }
        }

        return journey with { Lanes = lanes, Evidence = evidence };
    }

    /// <summary>A new lane of the type, before the first lane that comes later in map order, with the kind's lane id (made unique).</summary>
    private static Lane AddLane(List<Lane> lanes, LaneType type)
    {
        var kind = LaneKinds.Of(type);
        var id = kind.DefaultLaneId;
        for (var n = 2; lanes.Exists(l => l.Id == id); n++)
        {
            id = $"{kind.DefaultLaneId}-{n}";
        }

        var lane = new Lane { Id = id, Type = type };
        var before = lanes.FindIndex(l => l.KindOf().Order > kind.Order);
        lanes.Insert(before < 0 ? lanes.Count : before, lane);
        return lane;
    }
}

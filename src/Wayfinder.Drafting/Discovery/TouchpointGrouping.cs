namespace Wayfinder.Drafting.Discovery;

/// <summary>
/// Which event names make one touchpoint, and which touchpoints are background rather than steps (docs/drafting.md,
/// "Discovered from data").
/// </summary>
internal static class TouchpointGrouping
{
    /// <summary>Share of both names' occurrences an edge must carry for the two names to be one touchpoint.</summary>
    public const double GroupShare = 0.9;

    /// <summary>Names of one touchpoint follow each other within this (a page and its follow-up, a form and its submit).</summary>
    public const double GroupSeconds = 300;

    /// <summary>The event names grouped into touchpoints, and the flow between the touchpoints.</summary>
    public static (List<TouchpointNode> Touchpoints, FlowMatrix Flow) Touchpoints(IReadOnlyList<EventNode> events, FlowMatrix eventFlow) =>
        Collapse(events, eventFlow, Group(events, eventFlow));

    /// <summary>
    /// Touchpoints that happen between any others (a heartbeat, a page ping): each follows at least half of the other
    /// touchpoints and precedes at least half (each with ≥ 5% of its transitions in or out). A step of the journey has a
    /// few neighbours; background has all. When more than a quarter of the touchpoints look so, the data has no order to
    /// tell them from, and none is taken for background.
    /// </summary>
    /// <returns>Per background touchpoint: its event names (indexes), how many touchpoints it follows and precedes, of how many.</returns>
    public static IReadOnlyList<(IReadOnlyList<int> Events, int Follows, int Precedes, int Of)> Background(IReadOnlyList<EventNode> events, FlowMatrix eventFlow)
    {
        var (touchpoints, flow) = Touchpoints(events, eventFlow);
        var others = touchpoints.Count - 1;
        var need = Math.Max(3, (others + 1) / 2);
        var found = new List<(IReadOnlyList<int>, int, int, int)>();
        for (var t = 0; t < touchpoints.Count; t++)
        {
            long into = 0;
            for (var x = 0; x < touchpoints.Count; x++)
            {
                into += x == t ? 0 : flow.Count(x, t);
            }

            var outOf = flow.Out(t);
            var follows = Enumerable.Range(0, touchpoints.Count).Count(x => x != t && into > 0 && flow.Count(x, t) >= DiscoveryGraph.EdgeShare * into);
            var precedes = Enumerable.Range(0, touchpoints.Count).Count(y => y != t && outOf > 0 && flow.Count(t, y) >= DiscoveryGraph.EdgeShare * outOf);
            if (follows >= need && precedes >= need)
            {
                found.Add((touchpoints[t].Events, follows, precedes, others));
            }
        }

        return found.Count * 4 > touchpoints.Count ? [] : found;
    }

    /// <summary>
    /// Chains of names where one almost always directly follows the other (≥ 90% of both names' occurrences), quickly,
    /// on the same channel: one thing the customer does (a page view and its click, a form and its submit).
    /// </summary>
    private static List<List<int>> Group(IReadOnlyList<EventNode> events, FlowMatrix flow)
    {
        var n = events.Count;
        var next = Enumerable.Repeat(-1, n).ToArray();
        var previous = Enumerable.Repeat(-1, n).ToArray();
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                var count = flow.Count(a, b);
                if (a != b && next[a] < 0 && previous[b] < 0 && count > 0
                    && count >= GroupShare * events[a].Events && count >= GroupShare * events[b].Events
                    && flow.Median(a, b) <= GroupSeconds && events[a].Channel == events[b].Channel)
                {
                    (next[a], previous[b]) = (b, a);
                }
            }
        }

        var groups = new List<List<int>>();
        var placed = new bool[n];
        // Chains start where no name leads in; what is left is a cycle of names, cut at its first name.
        foreach (var start in Enumerable.Range(0, n).Where(i => previous[i] < 0).Concat(Enumerable.Range(0, n)))
        {
            if (placed[start])
            {
                continue;
            }

            var group = new List<int>();
            for (var at = start; at >= 0 && !placed[at]; at = next[at])
            {
                placed[at] = true;
                group.Add(at);
            }

            groups.Add(group);
        }

        return groups;
    }

    /// <summary>The groups as touchpoints, and the flow between them (the median of the busiest name-to-name edge).</summary>
    private static (List<TouchpointNode> Touchpoints, FlowMatrix Flow) Collapse(IReadOnlyList<EventNode> events, FlowMatrix eventFlow, List<List<int>> groups)
    {
        var groupOf = new int[events.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            groups[g].ForEach(e => groupOf[e] = g);
        }

        var touchpoints = groups.Select(g =>
        {
            var channels = g.SelectMany(e => events[e].Channels).GroupBy(c => c.Channel, StringComparer.Ordinal)
                .Select(c => (Channel: c.Key, Events: c.Sum(x => x.Events))).ToList();
            var total = channels.Sum(c => c.Events);
            return new TouchpointNode(
                g,
                g.Max(e => events[e].Customers),
                g.Sum(e => events[e].Events),
                g.Sum(e => events[e].Starts),
                [.. channels.OrderByDescending(c => c.Events).ThenBy(c => c.Channel, StringComparer.Ordinal)
                    .Select(c => new ChannelCount(c.Channel, c.Events, Math.Round((double)c.Events / total, 6)))]);
        }).ToList();

        var counts = new long[groups.Count, groups.Count];
        var busiest = new (long Count, double Median)[groups.Count, groups.Count];
        for (var a = 0; a < events.Count; a++)
        {
            for (var b = 0; b < events.Count; b++)
            {
                var (ga, gb, count) = (groupOf[a], groupOf[b], eventFlow.Count(a, b));
                // Inside a group only the repeat of the whole touchpoint (its last name back to its first) counts.
                if (count == 0 || (ga == gb && !(groups[ga][^1] == a && groups[ga][0] == b)))
                {
                    continue;
                }

                counts[ga, gb] += count;
                if (count > busiest[ga, gb].Count)
                {
                    busiest[ga, gb] = (count, eventFlow.Median(a, b));
                }
            }
        }

        var flow = new FlowMatrix(groups.Count);
        for (var a = 0; a < groups.Count; a++)
        {
            for (var b = 0; b < groups.Count; b++)
            {
                flow.Set(a, b, counts[a, b], busiest[a, b].Median);
            }
        }

        return (touchpoints, flow);
    }
}

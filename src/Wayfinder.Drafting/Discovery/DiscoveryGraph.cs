namespace Wayfinder.Drafting.Discovery;

/// <summary>An event name as the first pass sees it: its reach, its count, how often it starts a path, its channels.</summary>
internal sealed record EventNode(string Name, int Customers, long Events, int Starts, IReadOnlyList<ChannelCount> Channels)
{
    public string? Channel => Channels.Count > 0 ? Channels[0].Channel : null;
}

/// <summary>A directly-follows graph over n nodes: counts and median seconds per ordered pair.</summary>
internal sealed class FlowMatrix(int size)
{
    private readonly long[] _counts = new long[size * size];
    private readonly double[] _medians = new double[size * size];

    public int Size => size;

    public long Count(int from, int to) => _counts[(from * size) + to];

    public double Median(int from, int to) => _medians[(from * size) + to];

    public void Set(int from, int to, long count, double medianSeconds)
    {
        _counts[(from * size) + to] = count;
        _medians[(from * size) + to] = medianSeconds;
    }

    /// <summary>Transitions out of a node to another node (repeats of itself left out).</summary>
    public long Out(int from)
    {
        long total = 0;
        for (var to = 0; to < size; to++)
        {
            total += to == from ? 0 : Count(from, to);
        }

        return total;
    }
}

/// <summary>A group of event names that make one touchpoint, in the order customers do them.</summary>
internal sealed record TouchpointNode(IReadOnlyList<int> Events, int Customers, long EventCount, int Starts, IReadOnlyList<ChannelCount> Channels);

/// <summary>The structure found in the first pass: touchpoints in order, the loops, the branches, the pause before each.</summary>
/// <param name="EntrySeconds">Per touchpoint in order: the median time from its strongest earlier predecessor; null for the first.</param>
/// <param name="Branches">Groups of positions in <paramref name="Order"/> that are alternatives, most customers first.</param>
internal sealed record DiscoveredOrder(
    IReadOnlyList<TouchpointNode> Order,
    FlowMatrix Flow,
    IReadOnlyList<(int From, int To, long Count, double Share)> Loops,
    IReadOnlyList<IReadOnlyList<int>> Branches,
    IReadOnlyList<double?> EntrySeconds);

/// <summary>
/// The decisions of discovery on the small graph of touchpoints (docs/drafting.md, "Discovered from data"): the order of
/// the touchpoints (<see cref="TouchpointGrouping"/> makes them), which back edges are loops, which touchpoints are alternatives.
/// </summary>
internal static class DiscoveryGraph
{
    /// <summary>Share of a touchpoint's transitions out an edge needs to order two touchpoints.</summary>
    public const double EdgeShare = 0.05;

    /// <summary>Share of a touchpoint's transitions out a back edge needs to be a loop.</summary>
    public const double LoopShare = 0.1;

    /// <summary>Alternatives: customers going between them, at most this share of the smaller one's events.</summary>
    public const double BranchOverlap = 0.1;

    public static DiscoveredOrder Discover(IReadOnlyList<EventNode> events, FlowMatrix eventFlow)
    {
        var (touchpoints, flow) = TouchpointGrouping.Touchpoints(events, eventFlow);
        var order = Order(touchpoints, flow);
        var ordered = order.Select(i => touchpoints[i]).ToList();
        var orderedFlow = Reorder(flow, order);
        var keptOrdered = KeptEdges(ordered, orderedFlow);
        var branches = Branches(ordered, orderedFlow, keptOrdered);
        return new DiscoveredOrder(ordered, orderedFlow, Loops(orderedFlow), branches, EntrySeconds(orderedFlow, keptOrdered));
    }

    /// <summary>
    /// Edges that order two touchpoints: more traffic this way than back (a positive heuristics-miner dependency
    /// (|a&gt;b| − |b&gt;a|) ÷ (|a&gt;b| + |b&gt;a| + 1)) and at least <see cref="EdgeShare"/> of the transitions out.
    /// </summary>
    private static bool[,] KeptEdges(IReadOnlyList<TouchpointNode> touchpoints, FlowMatrix flow)
    {
        var n = touchpoints.Count;
        var kept = new bool[n, n];
        for (var a = 0; a < n; a++)
        {
            var outgoing = flow.Out(a);
            for (var b = 0; b < n; b++)
            {
                var (forward, back) = (flow.Count(a, b), flow.Count(b, a));
                kept[a, b] = a != b && forward > back && forward >= EdgeShare * outgoing;
            }
        }

        return kept;
    }

    /// <summary>
    /// The order with the least traffic going backwards, by Eades, Lin and Smyth's greedy heuristic for the weighted
    /// minimum feedback arc set: touchpoints nothing else follows go to the end, touchpoints nothing else precedes to
    /// the front, and otherwise the one with the most transitions out minus in (among those left) comes next. It weighs
    /// every transition, so a few customers going the other way (noise, loops) cannot reorder a journey the way a
    /// single edge can in a plain topological sort, and two journeys mixed in one log each keep their own order.
    /// Ties go to the most reached touchpoint.
    /// </summary>
    private static List<int> Order(IReadOnlyList<TouchpointNode> touchpoints, FlowMatrix flow)
    {
        var n = touchpoints.Count;
        var left = Enumerable.Range(0, n).ToList();
        var head = new List<int>();
        var tail = new List<int>();
        long Weight(int a, int b) => a == b ? 0 : flow.Count(a, b);
        long In(int node) => left.Sum(o => Weight(o, node));
        long Out(int node) => left.Sum(o => Weight(node, o));
        int Pick(IEnumerable<int> nodes, bool last) => last
            ? nodes.OrderBy(i => touchpoints[i].Customers).ThenBy(i => touchpoints[i].EventCount).ThenByDescending(i => i).First()
            : nodes.OrderByDescending(i => touchpoints[i].Customers).ThenByDescending(i => touchpoints[i].EventCount).ThenBy(i => i).First();

        while (left.Count > 0)
        {
            var sinks = left.Where(i => Out(i) == 0 && In(i) > 0).ToList();
            if (sinks.Count > 0)
            {
                var sink = Pick(sinks, last: true);
                tail.Insert(0, sink);
                left.Remove(sink);
                continue;
            }

            var sources = left.Where(i => In(i) == 0).ToList();
            var next = sources.Count > 0
                ? Pick(sources, last: false)
                : left.OrderByDescending(i => Out(i) - In(i)).ThenByDescending(i => touchpoints[i].Customers).ThenByDescending(i => touchpoints[i].EventCount).ThenBy(i => i).First();
            head.Add(next);
            left.Remove(next);
        }

        return [.. head, .. tail];
    }

    private static FlowMatrix Reorder(FlowMatrix flow, List<int> order)
    {
        var result = new FlowMatrix(order.Count);
        for (var a = 0; a < order.Count; a++)
        {
            for (var b = 0; b < order.Count; b++)
            {
                result.Set(a, b, flow.Count(order[a], order[b]), flow.Median(order[a], order[b]));
            }
        }

        return result;
    }

    /// <summary>Edges back to an earlier touchpoint carrying at least <see cref="LoopShare"/> of the transitions out.</summary>
    private static List<(int From, int To, long Count, double Share)> Loops(FlowMatrix flow)
    {
        var loops = new List<(int, int, long, double)>();
        for (var from = 0; from < flow.Size; from++)
        {
            var outgoing = flow.Out(from);
            for (var to = 0; to < from; to++)
            {
                var share = outgoing == 0 ? 0 : (double)flow.Count(from, to) / outgoing;
                if (share >= LoopShare)
                {
                    loops.Add((from, to, flow.Count(from, to), Math.Round(share, 6)));
                }
            }
        }

        return [.. loops.OrderByDescending(l => l.Item3).ThenBy(l => l.Item1).ThenBy(l => l.Item2)];
    }

    /// <summary>
    /// Touchpoints with the same strongest predecessor and successor and next to no traffic between them: customers
    /// take one or the other, then rejoin.
    /// </summary>
    private static List<IReadOnlyList<int>> Branches(IReadOnlyList<TouchpointNode> touchpoints, FlowMatrix flow, bool[,] kept)
    {
        var n = touchpoints.Count;
        int Strongest(int node, bool incoming) => Enumerable.Range(0, n)
            .Where(o => incoming ? kept[o, node] : kept[node, o])
            .OrderByDescending(o => incoming ? flow.Count(o, node) : flow.Count(node, o)).ThenBy(o => o)
            .DefaultIfEmpty(-1).First();

        var ends = Enumerable.Range(0, n).Select(i => (Before: Strongest(i, true), After: Strongest(i, false))).ToList();
        var branches = new List<IReadOnlyList<int>>();
        var inBranch = new bool[n];
        for (var a = 0; a < n; a++)
        {
            if (inBranch[a] || ends[a].Before < 0 || ends[a].After < 0)
            {
                continue;
            }

            var alternatives = new List<int> { a };
            for (var b = a + 1; b < n; b++)
            {
                var between = flow.Count(a, b) + flow.Count(b, a);
                if (!inBranch[b] && ends[b] == ends[a]
                    && between <= BranchOverlap * Math.Min(touchpoints[a].EventCount, touchpoints[b].EventCount))
                {
                    alternatives.Add(b);
                }
            }

            if (alternatives.Count > 1)
            {
                alternatives.ForEach(x => inBranch[x] = true);
                branches.Add(alternatives);
            }
        }

        return branches;
    }

    /// <summary>Per touchpoint, the median time from its strongest kept predecessor earlier in the order.</summary>
    private static List<double?> EntrySeconds(FlowMatrix flow, bool[,] kept)
    {
        var entries = new List<double?>();
        for (var b = 0; b < flow.Size; b++)
        {
            var from = Enumerable.Range(0, b).Where(a => kept[a, b]).OrderByDescending(a => flow.Count(a, b)).ThenBy(a => a).DefaultIfEmpty(-1).First();
            entries.Add(from < 0 ? null : flow.Median(from, b));
        }

        return entries;
    }
}

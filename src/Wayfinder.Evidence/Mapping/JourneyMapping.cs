namespace Wayfinder.Evidence.Mapping;

using System.Runtime.CompilerServices;
using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Store;

/// <summary>A journey's touchpoint as the metrics see it.</summary>
public sealed record TouchpointInfo(string Id, string Name, int Stage, string? Channel);

/// <summary>
/// A journey compiled against an event log: its stages, its touchpoints, and for every row the touchpoint it
/// counts as (-1 when no touchpoint claims it). Only mapped events count in any metric. When no matcher has a
/// condition the touchpoint depends on the event name alone (<see cref="TouchpointOfCode"/>), and the per-row array
/// is made only if asked for.
/// </summary>
public sealed class JourneyMapping
{
    private readonly int[] _eventCodes;
    private int[]? _touchpointOfRow;

    private JourneyMapping(IReadOnlyList<(string Id, string Name)> stages, IReadOnlyList<TouchpointInfo> touchpoints, int[]? touchpointOfRow, int[]? touchpointOfCode, int[] eventCodes)
    {
        Stages = stages;
        Touchpoints = touchpoints;
        _touchpointOfRow = touchpointOfRow;
        TouchpointOfCode = touchpointOfCode;
        _eventCodes = eventCodes;
    }

    public IReadOnlyList<(string Id, string Name)> Stages { get; }
    public IReadOnlyList<TouchpointInfo> Touchpoints { get; }

    /// <summary>Per event-name code, its touchpoint (-1: none); null when conditions make it depend on the row.</summary>
    public int[]? TouchpointOfCode { get; }

    /// <summary>Per row, its touchpoint (-1: none).</summary>
    public int[] TouchpointOfRow => _touchpointOfRow ??= Expand(TouchpointOfCode!, _eventCodes);

    private static int[] Expand(int[] touchpointOfCode, int[] eventCodes)
    {
        var rows = new int[eventCodes.Length];
        const int Chunk = 1 << 20;
        Parallel.For(0, (rows.Length + Chunk - 1) / Chunk, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (chunk) =>
        {
            var end = Math.Min(rows.Length, (chunk + 1) * Chunk);
            for (var r = chunk * Chunk; r < end; r++)
            {
                rows[r] = touchpointOfCode[eventCodes[r]];
            }
        });
        return rows;
    }

    /// <summary>
    /// A journey's touchpoints in lane and item order, each with its lane item; items on a stage the journey does not
    /// have are left out. An item without an id is <c>LANE-N</c> (N its place in the lane, from 1). Every store maps
    /// events to these, in this order.
    /// </summary>
    public static IReadOnlyList<(TouchpointInfo Touchpoint, LaneItem Item)> TouchpointsOf(Journey journey)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var stageIndex = journey.Stages.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var touchpoints = new List<(TouchpointInfo, LaneItem)>();
        foreach (var lane in journey.Lanes.Where(l => l.Type == LaneType.Touchpoints))
        {
            for (var i = 0; i < lane.Items.Count; i++)
            {
                var item = lane.Items[i];
                if (stageIndex.TryGetValue(item.Stage, out var stage))
                {
                    var id = item.Id ?? $"{lane.Id}-{i + 1}";
                    touchpoints.Add((new TouchpointInfo(id, item.Text ?? id, stage, item.Channel), item));
                }
            }
        }

        return touchpoints;
    }

    /// <summary>
    /// Maps each row of <paramref name="log"/> to the first touchpoint (in lane and item order) whose event
    /// patterns match its event name (exact, or <c>*</c>/<c>?</c> wildcards) and whose condition, if any, holds.
    /// </summary>
    /// <param name="condition">Evaluates a matcher's <c>where</c> text on a row; null treats conditions as unmet.</param>
    public static JourneyMapping Build(Journey journey, EventLog log, Func<string, int, bool>? condition = null)
    {
        var stages = journey.Stages.Select(s => (s.Id, s.Name)).ToList();
        var items = TouchpointsOf(journey);
        var touchpoints = items.Select(t => t.Touchpoint).ToList();
        var matchers = items.SelectMany((t, index) => t.Item.Events.Select(e => (index, e))).ToList();

        // Per event name: the matchers that claim it, in order. Unconditional ones resolve by name alone.
        var byCode = new List<(int Touchpoint, string? Where)>[log.EventNames.Count];
        for (var code = 0; code < log.EventNames.Count; code++)
        {
            var name = log.EventNames[code];
            foreach (var (touchpoint, matcher) in matchers)
            {
                if (Wildcard.IsMatch(matcher.Name, name))
                {
                    (byCode[code] ??= []).Add((touchpoint, matcher.Where));
                }
            }
        }

        // Per event name: the touchpoint when its first claimant has no condition, -1 when none claims it,
        // -2 when a condition must be evaluated row by row.
        var direct = new int[byCode.Length];
        for (var code = 0; code < byCode.Length; code++)
        {
            direct[code] = byCode[code] is not { } list ? -1 : list[0].Where is null ? list[0].Touchpoint : -2;
        }

        var codes = log.EventCodes;
        if (!direct.Contains(-2))
        {
            return new JourneyMapping(stages, touchpoints, null, direct, codes);
        }

        // Conditions run on one thread: the evaluator caches parsed filters.
        var rows = Expand(direct, codes);
        for (var r = 0; r < rows.Length; r++)
        {
            if (rows[r] != -2)
            {
                continue;
            }

            rows[r] = -1;
            foreach (var (touchpoint, where) in byCode[codes[r]]!)
            {
                if (where is null || (condition?.Invoke(where, r) ?? false))
                {
                    rows[r] = touchpoint;
                    break;
                }
            }
        }

        return new JourneyMapping(stages, touchpoints, rows, null, codes);
    }
}

/// <summary>Event-name patterns: <c>*</c> any run of characters, <c>?</c> one character; otherwise exact and case-sensitive.</summary>
public static class Wildcard
{
    public static bool IsMatch(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}

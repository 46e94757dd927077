namespace Wayfinder.Drafting.Discovery;

using System.Globalization;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// The discovered order cut to the start and goal and into stages, with ids and names: what the second pass analyses
/// as a real journey, and what its metrics are put together with.
/// </summary>
internal sealed class DiscoveryPlan
{
    private readonly List<PlannedTouchpoint> _touchpoints;
    private readonly List<PlannedStage> _stages;
    private readonly List<(PlannedTouchpoint From, PlannedTouchpoint To, long Count, double Share)> _loops;
    private readonly List<List<PlannedTouchpoint>> _branches;
    private readonly List<EventNameShare> _leftOut;

    private DiscoveryPlan(List<PlannedTouchpoint> touchpoints, List<PlannedStage> stages, List<(PlannedTouchpoint, PlannedTouchpoint, long, double)> loops, List<List<PlannedTouchpoint>> branches, List<EventNameShare> leftOut)
    {
        (_touchpoints, _stages, _loops, _branches, _leftOut) = (touchpoints, stages, loops, branches, leftOut);
    }

    public static DiscoveryPlan Make(DiscoveredOrder found, IReadOnlyList<EventNode> events, DiscoveryRequest request, List<EventNameShare> leftOut)
    {
        var (first, last) = (0, found.Order.Count - 1);
        int PositionOf(string name) => found.Order.ToList().FindIndex(t => t.Events.Any(e => events[e].Name == name));
        if (request.StartEvent is { } start && PositionOf(start) is var s and >= 0)
        {
            first = s;
        }

        if (request.GoalEvent is { } goal && PositionOf(goal) is var g and >= 0 && g >= first)
        {
            last = g;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var touchpoints = new List<PlannedTouchpoint>();
        for (var p = 0; p < found.Order.Count; p++)
        {
            var node = found.Order[p];
            if (p < first || p > last)
            {
                var reason = p < first ? $"before the start event {request.StartEvent}" : $"after the goal event {request.GoalEvent}";
                leftOut.AddRange(node.Events.Select(e => new EventNameShare(events[e].Name, events[e].Events, reason)));
                continue;
            }

            var names = node.Events.Select(e => events[e].Name).ToList();
            var baseId = Slug.From(names[0]) is { Length: > 0 } slug ? slug : "touchpoint";
            var id = baseId;
            for (var k = 2; !ids.Add(id); k++)
            {
                id = $"{baseId}-{k}";
            }

            touchpoints.Add(new PlannedTouchpoint(p, id, Readable(names[0]), names, node));
        }

        var branches = found.Branches
            .Select(b => b.Where(p => p >= first && p <= last).Select(p => touchpoints.First(t => t.Position == p)).OrderByDescending(t => t.Node.Customers).ToList())
            .Where(b => b.Count > 1).ToList();
        var stages = Stages(touchpoints, branches, found.EntrySeconds, request.MaxStages);
        var loops = found.Loops.Where(l => l.From >= first && l.From <= last && l.To >= first && l.To <= last)
            .Select(l => (touchpoints.First(t => t.Position == l.From), touchpoints.First(t => t.Position == l.To), l.Count, l.Share)).ToList();
        return new DiscoveryPlan(touchpoints, stages, loops, branches, leftOut);
    }

    /// <summary>
    /// Cuts the ordered touchpoints where customers pause longer than a session (<see cref="JourneyDiscovery.SessionGap"/>);
    /// with more cuts than <paramref name="maxStages"/> allows, the longest pauses are kept. A branch's later
    /// alternatives stay in the stage of its first.
    /// </summary>
    private static List<PlannedStage> Stages(List<PlannedTouchpoint> touchpoints, List<List<PlannedTouchpoint>> branches, IReadOnlyList<double?> entrySeconds, int maxStages)
    {
        var laterAlternatives = branches.SelectMany(b => b.Skip(1)).ToHashSet();
        var cuts = new List<(int Index, double Seconds)>();
        for (var i = 1; i < touchpoints.Count; i++)
        {
            // A touchpoint no earlier one leads to is a pause of unknown length: a new stage.
            var seconds = entrySeconds[touchpoints[i].Position] ?? double.PositiveInfinity;
            if (!laterAlternatives.Contains(touchpoints[i]) && seconds > JourneyDiscovery.SessionGap.TotalSeconds)
            {
                cuts.Add((i, seconds));
            }
        }

        var kept = cuts.OrderByDescending(c => c.Seconds).ThenBy(c => c.Index).Take(Math.Max(0, maxStages - 1)).Select(c => c.Index).Append(touchpoints.Count).Order().ToList();
        var stages = new List<PlannedStage>();
        var from = 0;
        foreach (var to in kept)
        {
            if (to <= from)
            {
                continue;
            }

            var members = touchpoints.GetRange(from, to - from);
            var names = members.Take(4).Select((t, k) => k == 0 ? t.Name : Lower(t.Name)).ToList();
            var name = string.Join(", ", names) + (members.Count > 4 ? ", …" : "");
            stages.Add(new PlannedStage(members[0].Id, name, members));
            members.ForEach(m => m.Stage = members[0].Id);
            from = to;
        }

        return stages;
    }

    /// <summary>The plan as a journey: its stages, and one touchpoints lane whose items map the event names.</summary>
    public Journey ToJourney() => new()
    {
        Id = "discovered",
        Title = "Discovered journey",
        Stages = [.. _stages.Select(s => new Stage { Id = s.Id, Name = s.Name })],
        Lanes =
        [
            new Lane
            {
                Id = "touchpoints",
                Type = LaneType.Touchpoints,
                Items = [.. _touchpoints.Select(t => new LaneItem
                {
                    Id = t.Id,
                    Stage = t.Stage,
                    Text = t.Name,
                    Channel = t.Node.Channels.Count > 0 ? t.Node.Channels[0].Channel : null,
                    Events = [.. t.Events.Select(EventMatcher.FromString)],
                })],
            },
        ],
    };

    /// <summary>The discovered journey from the second pass's metrics and the survey answers about it.</summary>
    public DiscoveredJourney Result(JourneyMetrics metrics, SurveyMetrics surveys)
    {
        var reach = metrics.TouchpointReach.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var stranded = metrics.Stranded.ToDictionary(r => r.TouchpointId, StringComparer.Ordinal);
        // Rows without answers are no satisfaction (null), as the records say.
        var tpSatisfaction = surveys.Touchpoints.Where(r => r.Responses > 0).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var stageSatisfaction = surveys.Stages.Where(r => r.Responses > 0).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var branchOf = _branches.SelectMany(b => b.Select(t => (t, Name: string.Join(" or ", b.Select(x => x.Id))))).ToDictionary(x => x.t, x => x.Name);
        var stages = _stages.Select((stage, k) => new DiscoveredStage(
            stage.Id,
            stage.Name,
            [.. stage.Touchpoints.Select(t => new DiscoveredTouchpoint(
                t.Id,
                t.Name,
                t.Events,
                t.Node.Channels.Count > 0 ? t.Node.Channels[0].Channel : null,
                t.Node.Channels,
                reach[t.Id].Customers,
                reach[t.Id].Events,
                stranded.TryGetValue(t.Id, out var s) ? s.Stranded : 0,
                stranded.TryGetValue(t.Id, out var r) ? r.ExitRate : 0,
                branchOf.GetValueOrDefault(t))
            {
                Satisfaction = tpSatisfaction.GetValueOrDefault(t.Id),
            })],
            metrics.StageReach[k].Customers,
            metrics.Funnel[k].DropOff,
            k < metrics.Timings.Count ? metrics.Timings[k].MedianSeconds : null)
        {
            Satisfaction = stageSatisfaction.GetValueOrDefault(stage.Id),
        }).ToList();
        return new DiscoveredJourney(
            metrics.Customers,
            metrics.MappedEvents,
            stages,
            metrics.Variants,
            [.. _loops.Select(l => new DiscoveredLoop(l.From.Id, l.To.Id, l.From.Stage, l.To.Stage, (int)Math.Min(int.MaxValue, l.Count), l.Share))],
            [.. _branches.Select(b => new DiscoveredBranch(b[0].Stage, [.. b.Select(t => t.Id)], [.. b.Select(t => reach[t.Id].Customers)]))])
        {
            LeftOut = [.. _leftOut],
        };
    }

    /// <summary>"search_flights" → "Search flights"; "CheckoutStarted" → "Checkout started".</summary>
    internal static string Readable(string eventName)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        for (var i = 0; i < eventName.Length; i++)
        {
            var c = eventName[i];
            if (c is '_' or '-' or '.' or ':' or '/' or ' ')
            {
                Flush();
            }
            else
            {
                if (char.IsUpper(c) && i > 0 && char.IsLower(eventName[i - 1]))
                {
                    Flush();
                }

                word.Append(c);
            }
        }

        Flush();
        if (words.Count == 0)
        {
            return eventName;
        }

        var text = string.Join(' ', words.Select((w, i) => i == 0 || IsAcronym(w) ? w : w.ToLowerInvariant()));
        return char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..];
    }

    private static bool IsAcronym(string word) => word.Length > 1 && word.All(char.IsUpper);

    private static string Lower(string name) => name.Length == 0 || (name.Length > 1 && char.IsUpper(name[1])) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private sealed class PlannedTouchpoint(int position, string id, string name, IReadOnlyList<string> events, TouchpointNode node)
    {
        public int Position => position;
        public string Id => id;
        public string Name => name;
        public IReadOnlyList<string> Events => events;
        public TouchpointNode Node => node;
        public string Stage { get; set; } = "";
    }

    private sealed record PlannedStage(string Id, string Name, IReadOnlyList<PlannedTouchpoint> Touchpoints);
}

namespace Wayfinder.Drafting.Discovery;

using System.Globalization;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// Process discovery for journey maps: the most likely journey in a workspace's events (see docs/drafting.md for the
/// method). Everything is asked of the store seam (<see cref="IEventStore.AnalyzeAsync"/> twice or three times), so it
/// runs alike on the embedded store and on ClickHouse; only the small graph of event names is worked on here.
/// </summary>
public sealed class JourneyDiscovery
{
    /// <summary>A pause longer than this starts a new stage (the usual web-analytics session timeout).</summary>
    public static readonly TimeSpan SessionGap = TimeSpan.FromMinutes(30);

    /// <summary>How many dominant paths to report.</summary>
    public const int PathCount = 5;

    /// <summary>Throws <see cref="ArgumentException"/> with a plain message for a segment the filter language refuses.</summary>
    public async Task<DiscoveryResult> DiscoverAsync(WorkspaceStores workspace, DiscoveryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(request);
        var events = workspace.Events;
        var summary = await events.SummaryAsync(cancellationToken).ConfigureAwait(false);
        if (!summary.Imported)
        {
            return new DiscoveryResult(DiscoveryOutcome.NoEvents, null);
        }

        var known = summary.EventNames.OrderByDescending(e => e.Events).ThenBy(e => e.Event, StringComparer.Ordinal).Select(e => e.Event).ToList();
        if ((request.StartEvent is { } start && !known.Contains(start, StringComparer.Ordinal))
            || (request.GoalEvent is { } goal && !known.Contains(goal, StringComparer.Ordinal)))
        {
            return new DiscoveryResult(DiscoveryOutcome.UnknownEvent, null) { Known = known };
        }

        IReadOnlySet<string>? segmentCustomers = null;
        if (request.Segment is { } segment)
        {
            var customers = await events.CustomersAsync(segment, cancellationToken).ConfigureAwait(false);
            segmentCustomers = customers.Where(c => c.Events > 0).Select(c => c.CustomerId).ToHashSet(StringComparer.Ordinal);
            if (segmentCustomers.Count == 0)
            {
                return new DiscoveryResult(DiscoveryOutcome.NoEvents, null);
            }
        }

        var (workspaceDocs, _) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        var defaults = workspaceDocs.Config.Defaults;
        var query = new MetricsQuery
        {
            Segment = request.Segment,
            Window = TimeSpan.FromDays(defaults.FunnelWindowDays),
            Inactivity = TimeSpan.FromDays(defaults.InactivityDays),
        };

        // The start and goal stay however rare: they were asked for.
        var pinned = new[] { request.StartEvent, request.GoalEvent }.OfType<string>().ToHashSet(StringComparer.Ordinal);
        var (candidates, leftOut) = WithEnoughEvents(summary, known, segmentCustomers?.Count ?? summary.Customers, request.MinCustomerShare, pinned);
        if (candidates.Count == 0)
        {
            return new DiscoveryResult(DiscoveryOutcome.NoEvents, null) { Known = known };
        }

        var (nodes, flow, reached) = await EventPassAsync(events, candidates, query, cancellationToken).ConfigureAwait(false);
        if (reached == 0)
        {
            return new DiscoveryResult(DiscoveryOutcome.NoEvents, null);
        }

        // Rare names and background noise leave the graph; the pass runs again without them, so that what customers did
        // around them directly follows.
        var rare = nodes.Where(n => n.Customers < request.MinCustomerShare * reached && !pinned.Contains(n.Name)).ToList();
        leftOut.AddRange(rare.Select(n => new EventNameShare(n.Name, n.Events, string.Create(
            CultureInfo.InvariantCulture, $"reached by {n.Customers} of {reached} customers, fewer than {request.MinCustomerShare:0.##%}"))));
        var background = TouchpointGrouping.Background(nodes, flow)
            .SelectMany(b => b.Events.Select(e => (Node: nodes[e], b.Follows, b.Precedes, b.Of)))
            .Where(b => !pinned.Contains(b.Node.Name) && !rare.Contains(b.Node)).ToList();
        leftOut.AddRange(background.Select(b => new EventNameShare(b.Node.Name, b.Node.Events, string.Create(
            CultureInfo.InvariantCulture, $"happens between any touchpoints (after {b.Follows} and before {b.Precedes} of the {b.Of} others): background, not a step"))));
        if (rare.Count + background.Count > 0)
        {
            var keep = nodes.Except(rare).Except(background.Select(b => b.Node)).Select(n => n.Name).ToList();
            (nodes, flow, _) = await EventPassAsync(events, keep, query, cancellationToken).ConfigureAwait(false);
        }

        var found = DiscoveryGraph.Discover(nodes, flow);
        var plan = DiscoveryPlan.Make(found, nodes, request, leftOut);
        var journey = plan.ToJourney();
        var metrics = await events.AnalyzeAsync(journey, query with { TopVariants = PathCount, CollapseRepeats = true }, cancellationToken).ConfigureAwait(false);
        var surveys = await workspace.Feedback.SatisfactionAsync(journey, new SurveyQuery { Customers = segmentCustomers }, cancellationToken).ConfigureAwait(false);
        return new DiscoveryResult(DiscoveryOutcome.Discovered, plan.Result(metrics, surveys)) { Known = known };
    }

    /// <summary>
    /// A name with fewer events than the share of the customers cannot have reached that share: left out before any
    /// pass, so that a long tail of names does not make the first pass wide.
    /// </summary>
    private static (List<string> Candidates, List<EventNameShare> LeftOut) WithEnoughEvents(EventSummary summary, IReadOnlyList<string> known, int population, double share, IReadOnlySet<string> pinned)
    {
        var few = summary.EventNames.Where(e => e.Events < share * population && !pinned.Contains(e.Event))
            .OrderByDescending(e => e.Events).ThenBy(e => e.Event, StringComparer.Ordinal).ToList();
        var leftOut = few.Select(e => new EventNameShare(e.Event, e.Events, string.Create(
            CultureInfo.InvariantCulture, $"{e.Events} events among {population} customers: fewer than {share:0.##%} can have done it"))).ToList();
        var names = few.Select(e => e.Event).ToHashSet(StringComparer.Ordinal);
        return ([.. known.Where(n => !names.Contains(n))], leftOut);
    }

    /// <summary>
    /// The first pass: a journey with one stage and one touchpoint per event name (ids e0, e1…), so the store's reach,
    /// directly-follows graph, path starts and per-stage channel mix are all per event name.
    /// </summary>
    internal static async Task<(List<EventNode> Nodes, FlowMatrix Flow, int Customers)> EventPassAsync(IEventStore events, IReadOnlyList<string> names, MetricsQuery query, CancellationToken cancellationToken)
    {
        var ids = names.Select((_, i) => $"e{i}").ToList();
        var journey = new Journey
        {
            Id = "discovery-events",
            Title = "Every event name",
            Stages = [.. names.Select((name, i) => new Stage { Id = ids[i], Name = name })],
            Lanes =
            [
                new Lane
                {
                    Id = "touchpoints",
                    Type = LaneType.Touchpoints,
                    Items = [.. names.Select((name, i) => new LaneItem { Id = ids[i], Stage = ids[i], Text = name, Events = [name] })],
                },
            ],
        };
        // The funnel over the names means nothing here: a window longer than any data spares the store its chains.
        var pass = query with { CollapseRepeats = false, TopVariants = 0, Window = TimeSpan.FromDays(365 * 100) };
        var metrics = await events.AnalyzeAsync(journey, pass, cancellationToken).ConfigureAwait(false);
        var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var reach = metrics.TouchpointReach.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var starts = metrics.Endpoints.ToDictionary(e => e.TouchpointId, e => e.Starts, StringComparer.Ordinal);
        var channels = metrics.ChannelMix.ToLookup(c => c.StageId, StringComparer.Ordinal);
        var nodes = names.Select((name, i) => new EventNode(
            name,
            reach[ids[i]].Customers,
            reach[ids[i]].Events,
            starts.GetValueOrDefault(ids[i]),
            [.. channels[ids[i]].Select(c => new ChannelCount(c.Channel, c.Events, c.Share))])).ToList();
        var flow = new FlowMatrix(names.Count);
        foreach (var edge in metrics.Flow)
        {
            flow.Set(index[edge.From], index[edge.To], edge.Count, edge.MedianSeconds);
        }

        return (nodes, flow, metrics.Customers);
    }
}

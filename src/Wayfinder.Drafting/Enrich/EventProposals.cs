namespace Wayfinder.Drafting.Enrich;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Store;

/// <summary>
/// Proposals from the events: touchpoints for frequent events no touchpoint counts, pain points where customers are
/// stuck, and KPIs for stages that have none. The rules and thresholds are in docs/drafting.md ("Proposals").
/// </summary>
internal static class EventProposals
{
    /// <summary>An unmapped event is proposed when at least this share of the journey's customers have it.</summary>
    public const double MinimumReach = 0.05;

    /// <summary>At most this many touchpoints are proposed (the most customers first).</summary>
    public const int MostTouchpoints = 10;

    /// <summary>A stage is one customers are stuck in when at least this share of those who reach it are stranded there.</summary>
    public const double StrandedShare = 0.20;

    /// <summary>… or when at least this share of those who reach it in the ordered funnel do not reach the next stage.</summary>
    public const double DropOffShare = 0.50;

    private const string ProbePrefix = "probe:";

    /// <summary>
    /// Touchpoints for unmapped events: the journey is analysed once more with every unmapped event name as a touchpoint
    /// of a stage of its own (so each one's reach and channel mix are its own), and the directly-follows graph says which
    /// touchpoint of the map customers meet just before it (else just after it): the new touchpoint goes in that stage.
    /// </summary>
    public static async Task<IReadOnlyList<Proposal>> TouchpointsAsync(EnrichContext context, IEventStore events, CancellationToken cancellationToken)
    {
        var journey = context.Journey;
        var patterns = context.Touchpoints.SelectMany(t => t.Item.Events).Select(e => e.Name).ToList();
        var candidates = context.Summary.EventNames
            .Select(e => e.Event)
            .Where(name => name.IndexOfAny(['*', '?']) < 0 && !patterns.Any(p => Wildcard.IsMatch(p, name)))
            .ToList();
        if (candidates.Count == 0 || journey.Stages.Count == 0)
        {
            return [];
        }

        var probed = await events.AnalyzeAsync(Probe(journey, candidates), context.Query, cancellationToken).ConfigureAwait(false);
        var customers = context.Metrics!.Customers > 0 ? context.Metrics.Customers : context.Summary.Customers;
        var least = Math.Max(1, (int)Math.Ceiling((MinimumReach * customers) - 1e-9));
        var frequent = probed.TouchpointReach
            .Where(r => r.Id.StartsWith(ProbePrefix, StringComparison.Ordinal) && r.Customers >= least)
            .OrderByDescending(r => r.Customers)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .Take(MostTouchpoints);

        var proposals = new List<Proposal>();
        foreach (var row in frequent)
        {
            var name = candidates[int.Parse(row.Id.AsSpan(ProbePrefix.Length), provider: System.Globalization.CultureInfo.InvariantCulture)];
            var (stageId, where) = Place(context, probed.Flow, row.Id);
            var channel = ChannelOf(context, probed.ChannelMix, row.Id);
            var item = new LaneItem { Stage = stageId, Text = Humanize(name), Channel = channel, Events = [EventMatcher.FromString(name)] };
            var reason = $"{Words.Plural(row.Events, "event")} by {Words.Plural(row.Customers, "customer")} are counted by no touchpoint; {where}";
            proposals.Add(new Proposal(0, ProposalKind.Touchpoint, stageId, LaneType.Touchpoints, item, reason, $"events: {name}"));
        }

        return proposals;
    }

    /// <summary>The journey with every candidate event as the only touchpoint of a stage of its own, after the journey's.</summary>
    private static Journey Probe(Journey journey, List<string> candidates) => journey with
    {
        Stages = [.. journey.Stages, .. candidates.Select((c, i) => new Stage { Id = $"{ProbePrefix}{i}", Name = c })],
        Lanes =
        [
            .. journey.Lanes,
            new Lane
            {
                Id = ProbePrefix + "lane",
                Type = LaneType.Touchpoints,
                Items = [.. candidates.Select((c, i) => new LaneItem { Id = $"{ProbePrefix}{i}", Stage = $"{ProbePrefix}{i}", Text = c, Events = [EventMatcher.FromString(c)] })],
            },
        ],
    };

    /// <summary>The stage of the map's touchpoint most often just before the candidate (else just after it; else the first stage), and why.</summary>
    private static (string StageId, string Why) Place(EnrichContext context, IReadOnlyList<FlowEdge> flow, string probeId)
    {
        var order = context.Touchpoints.Select((t, i) => (t.Touchpoint, i)).ToDictionary(x => x.Touchpoint.Id, StringComparer.Ordinal);
        (TouchpointInfo Touchpoint, int Index)? Most(IEnumerable<(string Other, int Count)> edges) =>
            edges.Where(e => order.ContainsKey(e.Other))
                .OrderByDescending(e => e.Count)
                .ThenBy(e => order[e.Other].i)
                .Select(e => ((TouchpointInfo, int)?)order[e.Other])
                .FirstOrDefault();

        if (Most(flow.Where(e => e.To == probeId).Select(e => (e.From, e.Count))) is { } before)
        {
            return (context.Journey.Stages[before.Touchpoint.Stage].Id, $"they come most often after {Words.Quoted(before.Touchpoint.Name)}");
        }

        if (Most(flow.Where(e => e.From == probeId).Select(e => (e.To, e.Count))) is { } after)
        {
            return (context.Journey.Stages[after.Touchpoint.Stage].Id, $"they come most often before {Words.Quoted(after.Touchpoint.Name)}");
        }

        var first = context.Journey.Stages[0];
        return (first.Id, $"no touchpoint of the map comes just before or after them, so they are placed in the first stage, {Words.Quoted(first.Name)}");
    }

    /// <summary>The channel most of the candidate's events are on when the workspace has it; else the map's most common channel.</summary>
    private static string? ChannelOf(EnrichContext context, IReadOnlyList<ChannelShare> mix, string probeId)
    {
        var known = context.Config.Channels.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        if (mix.FirstOrDefault(m => m.StageId == probeId) is { } top && known.Contains(top.Channel))
        {
            return top.Channel;
        }

        return context.Touchpoints.Select(t => t.Item.Channel).OfType<string>()
            .GroupBy(c => c, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .FirstOrDefault() ?? context.Config.Channels.FirstOrDefault()?.Id;
    }

    /// <summary>An event name as a touchpoint's name: <c>checkout_error</c> → "Checkout error".</summary>
    public static string Humanize(string eventName)
    {
        var words = eventName.Replace('_', ' ').Replace('-', ' ').Replace('.', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var text = string.Join(' ', words);
        return text.Length == 0 ? eventName : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>
    /// Pain points for stages customers are stuck in (every stage but the last): stranded there (their last mapped
    /// event in the stage, inactive since, never at the last stage), else dropping off before the next stage.
    /// </summary>
    public static IEnumerable<Proposal> StuckStages(EnrichContext context, JourneyMetrics metrics)
    {
        var stages = context.Journey.Stages;
        for (var s = 0; s + 1 < stages.Count; s++)
        {
            var stage = stages[s];
            var reached = metrics.StageReach.FirstOrDefault(r => r.Id == stage.Id)?.Customers ?? 0;
            var stranded = metrics.Stranded.Where(r => r.StageId == stage.Id).Sum(r => r.Stranded);
            if (reached >= context.MinimumSample && reached > 0 && (double)stranded / reached >= StrandedShare)
            {
                var text = $"{Words.Percent((double)stranded / reached)} of the customers who reach {stage.Name} stop there ({Words.Count(stranded)} of {Words.Count(reached)})";
                var reason = $"{Words.Count(stranded)} of the {Words.Plural(reached, "customer")} who reached {Words.Quoted(stage.Name)} had their last mapped event in this stage, "
                    + $"more than {Words.Plural(context.Defaults.InactivityDays, "day")} before the end of the data, and never reached {Words.Quoted(stages[^1].Name)}";
                yield return Stuck(stage.Id, text, reason, $"events: stranded customers in stage {stage.Id}");
                continue;
            }

            var step = metrics.Funnel.FirstOrDefault(f => f.StageId == stage.Id);
            if (step is { Customers: > 0 } && step.Customers >= context.MinimumSample && (double)step.DropOff / step.Customers >= DropOffShare)
            {
                var next = stages[s + 1];
                var text = $"{Words.Percent((double)step.DropOff / step.Customers)} of the customers who reach {stage.Name} do not go on to {next.Name} ({Words.Count(step.DropOff)} of {Words.Count(step.Customers)})";
                var reason = $"in the ordered funnel, {Words.Count(step.DropOff)} of the {Words.Plural(step.Customers, "customer")} at {Words.Quoted(stage.Name)} "
                    + $"did not reach {Words.Quoted(next.Name)} within {Words.Plural(context.Defaults.FunnelWindowDays, "day")}";
                yield return Stuck(stage.Id, text, reason, $"events: funnel drop-off at stage {stage.Id}");
            }
        }
    }

    private static Proposal Stuck(string stageId, string text, string reason, string source) =>
        new(0, ProposalKind.StuckStage, stageId, LaneType.PainPoints, new LaneItem { Stage = stageId, Text = text }, reason, source);

    /// <summary>
    /// A KPI for every stage without one: conversion into the next stage (the last stage: from the first stage to it;
    /// a journey of one stage: its reach). The target, only when the funnel has at least the small-sample threshold of
    /// customers at its base, is the current value raised to the next multiple of 5 points (at most 100%).
    /// </summary>
    public static IEnumerable<Proposal> Kpis(EnrichContext context, JourneyMetrics? metrics)
    {
        var stages = context.Journey.Stages;
        var withKpi = context.Journey.Lanes.Where(l => l.Type == LaneType.Kpis).SelectMany(l => l.Items).Select(i => i.Stage).ToHashSet(StringComparer.Ordinal);
        for (var s = 0; s < stages.Count; s++)
        {
            var stage = stages[s];
            if (withKpi.Contains(stage.Id))
            {
                continue;
            }

            if (stages.Count == 1)
            {
                var reach = new LaneItem { Stage = stage.Id, Text = $"Customers who reach {stage.Name}", Metric = $"reach({stage.Id})" };
                yield return new Proposal(0, ProposalKind.Kpi, stage.Id, LaneType.Kpis, reach, $"stage {Words.Quoted(stage.Name)} has no KPI; a journey of one stage can count who reaches it", "rule: reach of the only stage");
                continue;
            }

            var (from, to) = s + 1 < stages.Count ? (stage, stages[s + 1]) : (stages[0], stage);
            var text = s + 1 < stages.Count ? $"Customers who go on from {from.Name} to {to.Name}" : $"Customers who reach {to.Name} after {from.Name}";
            var item = new LaneItem { Stage = stage.Id, Text = text, Metric = $"conversion({from.Id} -> {to.Id})" };
            var rule = s + 1 < stages.Count ? "conversion into the next stage" : "conversion from the first stage to the last";
            var reason = $"stage {Words.Quoted(stage.Name)} has no KPI; {rule} says whether customers move on";
            var source = $"rule: {rule}";
            var n = metrics?.Funnel.FirstOrDefault(f => f.StageId == from.Id)?.Customers ?? 0;
            var converted = metrics?.Funnel.FirstOrDefault(f => f.StageId == to.Id)?.Customers ?? 0;
            if (metrics is null || n == 0)
            {
                reason += "; no target, as no customers reach the stage in the events";
            }
            else if (n < context.MinimumSample)
            {
                reason += $"; no target, as only {Words.Plural(n, "customer")} reach {Words.Quoted(from.Name)} (fewer than {Words.Count(context.MinimumSample)})";
            }
            else
            {
                var percent = 100.0 * converted / n;
                var target = Math.Min(100, (Math.Floor((percent / 5) + 1e-9) + 1) * 5);
                item = item with { Target = $">= {Words.Number(target)}%" };
                reason += $"; today {Words.Count(converted)} of {Words.Count(n)} ({Words.Percent((double)converted / n)}) do, and the target is the next 5 points above that";
                source = $"events: ordered funnel, {rule}";
            }

            yield return new Proposal(0, ProposalKind.Kpi, stage.Id, LaneType.Kpis, item, reason, source);
        }
    }
}

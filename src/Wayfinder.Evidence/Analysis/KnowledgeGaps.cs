namespace Wayfinder.Evidence.Analysis;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;

/// <summary>What the team does not know yet: parts of maps without data, traits without evidence, stale documents.</summary>
public static class KnowledgeGaps
{
    public static IReadOnlyList<KnowledgeGap> ForJourney(
        Workspace workspace, Journey journey, JourneyMetrics metrics, IReadOnlyList<SatisfactionRow> touchpoints, IReadOnlyList<SatisfactionRow> stages, DateOnly today)
    {
        var gaps = new List<KnowledgeGap>();
        foreach (var stage in metrics.StageReach.Where(s => s.Events == 0))
        {
            gaps.Add(new("stage-without-events", journey.Id, stage.Id, $"stage '{stage.Name}' has no mapped events: no one is seen reaching it"));
        }

        var items = journey.Lanes.Where(l => l.Type == LaneType.Touchpoints).SelectMany(l => l.Items).ToList();
        foreach (var item in items.Where(i => i.Events.Count == 0))
        {
            gaps.Add(new("touchpoint-without-event-names", journey.Id, item.Id ?? item.Text ?? item.Stage, $"touchpoint '{item.Text}' names no events, so data cannot show it"));
        }

        var withNames = items.Where(i => i.Events.Count > 0).Select(i => i.Id).ToHashSet();
        foreach (var tp in metrics.TouchpointReach.Where(t => t.Events == 0 && withNames.Contains(t.Id)))
        {
            gaps.Add(new("touchpoint-without-events", journey.Id, tp.Id, $"touchpoint '{tp.Name}' names events but none occur in the data; check the event names"));
        }

        foreach (var stage in stages.Where(s => s.Responses == 0))
        {
            gaps.Add(new("stage-without-surveys", journey.Id, stage.Id, $"stage '{stage.Id}' has no survey answers: its emotion is a guess"));
        }

        foreach (var tp in touchpoints.Where(t => t.Responses == 0))
        {
            gaps.Add(new("touchpoint-without-surveys", journey.Id, tp.Id, $"touchpoint '{tp.Id}' has no survey answers"));
        }

        foreach (var persona in journey.Personas.Select(workspace.FindPersona).OfType<Persona>())
        {
            gaps.AddRange(ForPersona(workspace, persona, today));
        }

        if (journey.Review is { } review && review.IsStale(today, workspace.Config.Defaults.ReviewCadenceDays))
        {
            gaps.Add(new("stale-journey", journey.Id, journey.Id, $"journey '{journey.Title}' is past its review (last {review.LastReviewed?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "never"})"));
        }

        return gaps;
    }

    /// <summary>Traits that cite no evidence, a missing segment, a past-due review.</summary>
    public static IEnumerable<KnowledgeGap> ForPersona(Workspace workspace, Persona persona, DateOnly today)
    {
        var known = persona.Evidence.Concat(workspace.Config.Evidence).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        IEnumerable<(string Path, string Text, List<string> Evidence)> Traits()
        {
            foreach (var (name, list) in new[] { ("goals", persona.Goals), ("motivations", persona.Motivations), ("pains", persona.Pains), ("gains", persona.Gains), ("behaviours", persona.Behaviours) })
            {
                foreach (var trait in list)
                {
                    yield return (name, trait.Text, trait.Evidence);
                }
            }

            foreach (var need in persona.Needs)
            {
                yield return ("needs", need.Text, need.Evidence);
            }

            foreach (var job in persona.Jobs)
            {
                var want = job.Want.StartsWith("to ", StringComparison.OrdinalIgnoreCase) ? job.Want : "to " + job.Want;
                yield return ("jobs", $"When {job.When}, I want {want}", job.Evidence);
            }
        }

        foreach (var (path, text, evidence) in Traits())
        {
            if (!evidence.Any(known.Contains))
            {
                yield return new("trait-without-evidence", persona.Id, path, $"{path}: \"{text}\" cites no evidence (an assumption)");
            }
        }

        if (string.IsNullOrWhiteSpace(persona.Segment))
        {
            yield return new("persona-without-segment", persona.Id, "segment", $"persona '{persona.Title}' has no segment, so no data is tied to it");
        }

        var review = persona.Review ?? new Review();
        if (review.IsStale(today, workspace.Config.Defaults.ReviewCadenceDays))
        {
            yield return new("stale-persona", persona.Id, persona.Id, $"persona '{persona.Title}' is past its review (last {review.LastReviewed?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "never"})");
        }
    }
}

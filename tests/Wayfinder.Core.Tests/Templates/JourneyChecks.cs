namespace Wayfinder.Core.Tests.Templates;

using System.Text.RegularExpressions;
using Wayfinder.Core.Documents;

/// <summary>Structural checks every shipped journey (template or sample) must pass; each returns the problems it found.</summary>
internal static class JourneyChecks
{
    public static readonly Regex Slug = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);

    public static List<string> DuplicateStageIds(Journey journey) =>
        [.. journey.Stages.GroupBy(s => s.Id).Where(g => g.Count() > 1).Select(g => g.Key)];

    public static List<string> DuplicateItemIds(Journey journey) =>
        [.. journey.Lanes.SelectMany(l => l.Items).Select(i => i.Id).OfType<string>()
            .Concat(journey.Stages.SelectMany(s => s.Steps).Select(s => s.Id))
            .GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key)];

    public static List<string> BadIds(Journey journey) =>
        [.. new[] { journey.Id }
            .Concat(journey.Stages.Select(s => s.Id))
            .Concat(journey.Stages.SelectMany(s => s.Steps).Select(s => s.Id))
            .Concat(journey.Lanes.Select(l => l.Id))
            .Concat(journey.Lanes.SelectMany(l => l.Items).Select(i => i.Id).OfType<string>())
            .Where(id => !Slug.IsMatch(id))];

    /// <summary>
    /// Pairs of touchpoints that claim the same event: the same name, or a wildcard of one that matches
    /// a literal name of the other (an event would then count for both).
    /// </summary>
    public static List<string> EventsClaimedTwice(Journey journey)
    {
        var claims = journey.Lanes.Where(l => l.Type == LaneType.Touchpoints)
            .SelectMany(l => l.Items)
            .SelectMany(i => i.Events.Select(e => (Touchpoint: i.Id ?? i.Text ?? "?", e.Name)))
            .ToList();
        var problems = new List<string>();
        for (var a = 0; a < claims.Count; a++)
        {
            for (var b = a + 1; b < claims.Count; b++)
            {
                if (claims[a].Touchpoint != claims[b].Touchpoint
                    && (claims[a].Name == claims[b].Name || Glob(claims[a].Name, claims[b].Name) || Glob(claims[b].Name, claims[a].Name)))
                {
                    problems.Add($"{claims[a].Touchpoint}:{claims[a].Name} / {claims[b].Touchpoint}:{claims[b].Name}");
                }
            }
        }

        return problems;
    }

    public static List<string> UnknownChannels(Journey journey, IEnumerable<string> channelIds)
    {
        var known = channelIds.ToHashSet();
        return [.. journey.Lanes.SelectMany(l => l.Items).Select(i => i.Channel).OfType<string>().Where(c => !known.Contains(c)).Distinct()];
    }

    public static List<string> TouchpointsWithoutChannelOwnerOrEvents(Journey journey) =>
        [.. journey.Lanes.Where(l => l.Type == LaneType.Touchpoints).SelectMany(l => l.Items)
            .Where(i => i.Channel is null || i.Owner is null || i.Events.Count == 0)
            .Select(i => i.Id ?? i.Text ?? "?")];

    public static List<string> AddressesNotNamingPainPoints(Journey journey)
    {
        var pains = journey.Lanes.Where(l => l.Type == LaneType.PainPoints).SelectMany(l => l.Items).Select(i => i.Id).OfType<string>().ToHashSet();
        return [.. journey.Lanes.SelectMany(l => l.Items).SelectMany(i => i.Addresses.Where(a => !pains.Contains(a)).Select(a => $"{i.Id} -> {a}"))];
    }

    public static List<string> EmotionsOutOfRange(Journey journey) =>
        [.. journey.Lanes.Where(l => l.Type == LaneType.Emotion).SelectMany(l => l.Items)
            .Where(i => i.Score is not { } s || s < -2 || s > 2)
            .Select(i => $"{i.Stage}/{i.Step}: {i.Score}")];

    public static List<string> StagesWithoutEmotion(Journey journey)
    {
        var scored = journey.Lanes.Where(l => l.Type == LaneType.Emotion).SelectMany(l => l.Items).Where(i => i.Step is null).Select(i => i.Stage).ToHashSet();
        return [.. journey.Stages.Select(s => s.Id).Where(id => !scored.Contains(id))];
    }

    /// <summary>Items keyed to a stage or step that does not exist, and links (loops, next) that go nowhere.</summary>
    public static List<string> DanglingReferences(Journey journey)
    {
        var stages = journey.Stages.DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        var problems = new List<string>();
        foreach (var item in journey.Lanes.SelectMany(l => l.Items))
        {
            if (!stages.TryGetValue(item.Stage, out var stage))
            {
                problems.Add($"{item.Id ?? item.Text ?? "?"}: stage {item.Stage}");
            }
            else if (item.Step is { } step && !stage.Steps.Exists(s => s.Id == step))
            {
                problems.Add($"{item.Id ?? item.Text ?? "?"}: step {item.Stage}/{step}");
            }
        }

        for (var i = 0; i < journey.Stages.Count; i++)
        {
            var stage = journey.Stages[i];
            if (stage.LoopsTo is { } loop && journey.Stages.FindIndex(s => s.Id == loop) is var target && (target < 0 || target >= i))
            {
                problems.Add($"{stage.Id}: loops_to {loop} is not an earlier stage");
            }

            problems.AddRange(stage.Steps.SelectMany(s => s.Next).Where(n => !stage.Steps.Exists(s => s.Id == n)).Select(n => $"{stage.Id}: next {n}"));
        }

        return problems;
    }

    public static List<string> KpisIncomplete(Journey journey) =>
        [.. journey.Lanes.Where(l => l.Type == LaneType.Kpis).SelectMany(l => l.Items)
            .Where(i => string.IsNullOrEmpty(i.Metric) || string.IsNullOrEmpty(i.Target))
            .Select(i => i.Id ?? i.Text ?? "?")];

    /// <summary>
    /// KPIs whose status contradicts target and actual: a met target ("&gt;= 40%" with "44%") must say
    /// meets or exceeds, a missed one does not meet. Numbers are compared only in the same unit ("1 day" and "3 days" are).
    /// </summary>
    public static List<string> KpiStatusesContradictingTheirNumbers(Journey journey)
    {
        var problems = new List<string>();
        foreach (var kpi in journey.Lanes.Where(l => l.Type == LaneType.Kpis).SelectMany(l => l.Items).Where(i => i.Actual is not null && i.Status is not null))
        {
            var target = Regex.Match(kpi.Target ?? "", @"^(>=|<=|>|<|=)\s*(-?[\d.]+)\s*(.*)$", RegexOptions.CultureInvariant);
            var actual = Regex.Match(kpi.Actual!, @"^(-?[\d.]+)\s*(.*)$", RegexOptions.CultureInvariant);
            if (!target.Success || !actual.Success || target.Groups[3].Value.TrimEnd('s') != actual.Groups[2].Value.TrimEnd('s'))
            {
                problems.Add($"{kpi.Id}: cannot compare {kpi.Actual} with {kpi.Target}");
                continue;
            }

            var goal = double.Parse(target.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            var value = double.Parse(actual.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var met = target.Groups[1].Value switch
            {
                ">=" => value >= goal,
                "<=" => value <= goal,
                ">" => value > goal,
                "<" => value < goal,
                _ => value == goal,
            };
            if (met != (kpi.Status != KpiStatus.DoesNotMeet))
            {
                problems.Add($"{kpi.Id}: {kpi.Actual} against {kpi.Target} is not {kpi.Status}");
            }
        }

        return problems;
    }

    /// <summary>
    /// KPI metrics naming a stage or touchpoint the journey does not have: <c>conversion(purchase)</c>,
    /// <c>nps(stage: board)</c>, <c>reach(touchpoint: tp-ad)</c>, <c>median_time(discover -&gt; book)</c>.
    /// </summary>
    public static List<string> KpiMetricsNamingUnknownStagesOrTouchpoints(Journey journey) =>
        [.. journey.Lanes.Where(l => l.Type == LaneType.Kpis).SelectMany(l => l.Items)
            .Select(kpi => (kpi, Wayfinder.Core.Validation.KpiMetric.Resolve(kpi.Metric ?? "", journey).Problem))
            .Where(x => x.Problem is not null)
            .Select(x => $"{x.kpi.Id}: {x.kpi.Metric}: {x.Problem}")];

    /// <summary>True when an event name matches a matcher name: exactly, or through its wildcards.</summary>
    public static bool Matches(string pattern, string name) => pattern == name || Glob(pattern, name);

    private static bool Glob(string pattern, string name) =>
        (pattern.Contains('*') || pattern.Contains('?'))
        && Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.CultureInvariant);
}

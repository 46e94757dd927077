namespace Wayfinder.Rendering.JourneyMaps;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;

/// <summary>
/// A focused view of a journey: the lanes chosen (in the order asked), the stages of a range, and, unless asked for,
/// without the lanes that have nothing to show. A pure function of the journey and the options, so every format (map,
/// report, spreadsheet) shows the same view; ids are kept, so links and selections still match the document.
/// </summary>
public static class JourneyView
{
    /// <summary>What separates the ends of a stage range: <c>FROM..TO</c>.</summary>
    public const string RangeSeparator = "..";

    /// <summary>
    /// Why <paramref name="lanes"/> or <paramref name="stages"/> cannot be shown for <paramref name="journey"/> (an unknown id,
    /// a range running backwards), in words that say what to do; null when both are fine.
    /// </summary>
    public static string? Problem(Journey journey, IReadOnlyList<string>? lanes, string? stages)
    {
        var laneIds = journey.Lanes.Select(l => l.Id).ToList();
        foreach (var lane in lanes ?? [])
        {
            if (!laneIds.Contains(lane, StringComparer.Ordinal))
            {
                return $"--lanes: journey \"{journey.Id}\" has no lane \"{lane}\".{DidYouMean(lane, laneIds)} Lanes: {string.Join(", ", laneIds)}";
            }
        }

        if (lanes?.GroupBy(l => l, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return $"--lanes: lane \"{twice.Key}\" is named twice; name each lane once, in the order to show them";
        }

        return stages is null ? null : RangeProblem(journey, stages);
    }

    /// <summary>The view of <paramref name="journey"/> the options ask for (the journey itself when they ask for all of it).</summary>
    /// <exception cref="ArgumentException">The lanes or stages name ids the journey does not have (check <see cref="Problem"/> first).</exception>
    public static Journey Apply(Journey journey, MapRenderOptions options)
    {
        if (Problem(journey, options.Lanes, options.Stages) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var stages = StagesOf(journey, options.Stages);
        var shown = stages.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var lanes = options.Lanes is { } chosen ? chosen.Select(id => journey.Lanes.First(l => l.Id == id)) : journey.Lanes;
        var viewLanes = lanes
            .Select(l => l.Items.TrueForAll(i => shown.Contains(i.Stage)) ? l : l with { Items = [.. l.Items.Where(i => shown.Contains(i.Stage))] })
            .Where(l => options.ShowEmptyLanes || !IsEmpty(l, options.Data, shown))
            .ToList();
        if (stages.Count == journey.Stages.Count && viewLanes.SequenceEqual(journey.Lanes))
        {
            return journey;
        }

        return journey with
        {
            Stages = [.. stages.Select(s => s.LoopsTo is { } loop && !shown.Contains(loop) ? s with { LoopsTo = null } : s)],
            Lanes = viewLanes,
            Timeline = journey.Timeline is { } timeline
                ? timeline with { Phases = [.. timeline.Phases.Select(p => p with { Stages = [.. p.Stages.Where(shown.Contains)] }).Where(p => p.Stages.Count > 0)] }
                : null,
        };
    }

    /// <summary>
    /// A lane with nothing to show in the stages shown: no items, except an emotion lane whose curve the data measures.
    /// </summary>
    public static bool IsEmpty(Lane lane, Core.Metrics.JourneyReport? data, IReadOnlySet<string> stages)
    {
        if (lane.Items.Exists(i => stages.Contains(i.Stage)))
        {
            return false;
        }

        return !(lane.KindOf().HasScore && data is not null && data.MeasuredEmotion.Any(m => m.Score is not null && stages.Contains(m.StageId)));
    }

    private static List<Stage> StagesOf(Journey journey, string? range)
    {
        if (range is null)
        {
            return journey.Stages;
        }

        var (from, to) = Ends(journey, range);
        return journey.Stages.GetRange(from, to - from + 1);
    }

    /// <summary>The first and last stage index of a range (known to be valid).</summary>
    private static (int From, int To) Ends(Journey journey, string range)
    {
        var cut = range.IndexOf(RangeSeparator, StringComparison.Ordinal);
        if (cut < 0)
        {
            var only = Index(journey, range.Trim());
            return (only, only);
        }

        var from = range[..cut].Trim();
        var to = range[(cut + RangeSeparator.Length)..].Trim();
        return (from.Length == 0 ? 0 : Index(journey, from), to.Length == 0 ? journey.Stages.Count - 1 : Index(journey, to));
    }

    private static int Index(Journey journey, string id) => journey.Stages.FindIndex(s => s.Id == id);

    private static string? RangeProblem(Journey journey, string range)
    {
        var stageIds = journey.Stages.Select(s => s.Id).ToList();
        var cut = range.IndexOf(RangeSeparator, StringComparison.Ordinal);
        var ends = cut < 0 ? [range.Trim()] : new[] { range[..cut].Trim(), range[(cut + RangeSeparator.Length)..].Trim() };
        if (ends.All(e => e.Length == 0))
        {
            return $"--stages: \"{range}\" names no stage; give FROM..TO, FROM.., ..TO or one stage id. Stages: {string.Join(", ", stageIds)}";
        }

        foreach (var end in ends.Where(e => e.Length > 0))
        {
            if (!stageIds.Contains(end, StringComparer.Ordinal))
            {
                return $"--stages: journey \"{journey.Id}\" has no stage \"{end}\".{DidYouMean(end, stageIds)} Stages: {string.Join(", ", stageIds)}";
            }
        }

        var (from, to) = Ends(journey, range);
        return from > to
            ? $"--stages: \"{ends[0]}\" comes after \"{ends[1]}\" in journey \"{journey.Id}\"; give the earlier stage first ({ends[1]}..{ends[0]})"
            : null;
    }

    private static string DidYouMean(string typed, IEnumerable<string> known) =>
        Levenshtein.Closest(typed, known) is { } close ? $" Did you mean \"{close}\"?" : "";
}

namespace Wayfinder.Core.Validation;

using System.Text.RegularExpressions;
using Wayfinder.Core.Documents;

/// <summary>Whether a KPI metric's place is a stage or a touchpoint.</summary>
public enum KpiScope
{
    Stage,
    Touchpoint,
}

/// <summary>A stage or touchpoint a KPI metric names.</summary>
public sealed record KpiPlace(KpiScope Scope, string Id)
{
    public override string ToString() => $"{(Scope == KpiScope.Stage ? "stage" : "touchpoint")} {Id}";
}

/// <summary>
/// A KPI's <c>metric</c> expression (docs/metrics.md, "KPIs"), used by the validator and by <c>analyze</c>: a name and
/// its places, <c>name()</c>, <c>name(place)</c> or <c>name(place -&gt; place)</c>, where a place is
/// <c>stage: id</c>, <c>touchpoint: id</c> or a bare id (a stage of the journey, else one of its touchpoints). Each
/// name says which forms and scopes it takes (<see cref="Names"/>).
/// </summary>
public sealed partial record KpiMetric(string Name, KpiPlace? From, KpiPlace? To)
{
    /// <summary>What each metric takes: none, one place or from → to; and which scopes a place may have.</summary>
    private static readonly Dictionary<string, (bool One, bool Pair, bool Stage, bool Touchpoint, bool PairTouchpoints)> s_forms = new(StringComparer.Ordinal)
    {
        ["customers"] = (false, false, false, false, false),
        ["conversion"] = (true, true, true, false, true),
        ["reach"] = (true, false, true, true, false),
        ["starts"] = (true, false, false, true, false),
        ["ends"] = (true, false, false, true, false),
        ["drop_off"] = (true, false, true, false, false),
        ["drop_off_rate"] = (true, false, true, false, false),
        ["exit_rate"] = (true, false, false, true, false),
        ["stranded"] = (true, false, false, true, false),
        ["median_time"] = (false, true, true, false, true),
        ["p90_time"] = (false, true, true, false, true),
        ["nps"] = (true, false, true, true, false),
        ["csat"] = (true, false, true, true, false),
        ["ces"] = (true, false, true, true, false),
        ["sentiment"] = (true, false, true, true, false),
        ["emotion"] = (true, false, true, true, false),
    };

    /// <summary>Every metric name, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. s_forms.Keys];

    /// <summary>
    /// Whether this runs from a place to a place of which at least one is a touchpoint (a conversion or a time): it is
    /// then measured on a two-step ordered funnel from the one to the other.
    /// </summary>
    public bool IsTwoStep => To is not null && (From!.Scope == KpiScope.Touchpoint || To.Scope == KpiScope.Touchpoint);

    public override string ToString() => From is null ? $"{Name}()" : To is null ? $"{Name}({Text(From)})" : $"{Name}({Text(From)} -> {Text(To)})";

    private static string Text(KpiPlace place) => $"{(place.Scope == KpiScope.Stage ? "stage" : "touchpoint")}: {place.Id}";

    /// <summary>
    /// Reads <paramref name="text"/> against the journey's stage and touchpoint ids: the metric with every place
    /// resolved, or a plain reason why it cannot be measured.
    /// </summary>
    public static (KpiMetric? Metric, string? Problem) Resolve(string text, IReadOnlyCollection<string> stages, IReadOnlyCollection<string> touchpoints)
    {
        var match = CallPattern().Match(text.Trim());
        if (!match.Success)
        {
            return (null, $"'{text}' is not a metric expression such as conversion(purchase), conversion(tp-search -> tp-book) or nps(stage: board)");
        }

        var name = match.Groups["name"].Value.ToLowerInvariant();
        if (!s_forms.TryGetValue(name, out var form))
        {
            return (null, $"unknown metric '{name}'; use {string.Join(", ", Names)}{Levenshtein.Suggest(name, Names)}");
        }

        var argument = match.Groups["arg"].Value.Trim();
        var parts = argument.Length == 0 ? [] : argument.Split("->", StringSplitOptions.TrimEntries);
        var expected = form.Pair && form.One ? "one place or 'a -> b'" : form.Pair ? "'a -> b'" : form.One ? "one place" : "nothing";
        if ((parts.Length == 0 && (form.One || form.Pair)) || (parts.Length == 1 && !form.One) || (parts.Length == 2 && !form.Pair) || parts.Length > 2)
        {
            return (null, $"{name} takes {expected} in its brackets");
        }

        var places = new List<KpiPlace>();
        foreach (var part in parts)
        {
            var (place, problem) = Place(part, stages, touchpoints);
            if (place is null)
            {
                return (null, problem);
            }

            var allowed = place.Scope == KpiScope.Stage ? form.Stage : parts.Length == 2 ? form.PairTouchpoints : form.Touchpoint;
            if (!allowed)
            {
                return (null, $"{name} does not take a {(place.Scope == KpiScope.Stage ? "stage" : "touchpoint")} ({place.Id}) {(parts.Length == 2 ? "at either end" : "")}".TrimEnd());
            }

            places.Add(place);
        }

        if (places.Count == 2 && places[0] == places[1])
        {
            return (null, $"{name} runs from one place to another; both ends are {places[0]}");
        }

        return (new KpiMetric(name, places.ElementAtOrDefault(0), places.ElementAtOrDefault(1)), null);
    }

    /// <summary>Resolves a KPI metric against a journey's stages and touchpoints.</summary>
    public static (KpiMetric? Metric, string? Problem) Resolve(string text, Journey journey) =>
        Resolve(
            text,
            [.. journey.Stages.Select(s => s.Id)],
            [.. journey.Lanes.Where(l => l.Type == LaneType.Touchpoints).SelectMany(l => l.Items).Select(i => i.Id).OfType<string>()]);

    private static (KpiPlace? Place, string? Problem) Place(string text, IReadOnlyCollection<string> stages, IReadOnlyCollection<string> touchpoints)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var scope = colon < 0 ? null : text[..colon].Trim().ToLowerInvariant();
        var id = colon < 0 ? text : text[(colon + 1)..].Trim();
        switch (scope)
        {
            case "stage":
                return stages.Contains(id) ? (new KpiPlace(KpiScope.Stage, id), null) : (null, $"no stage '{id}' in this journey{Levenshtein.Suggest(id, stages)}");
            case "touchpoint":
                return touchpoints.Contains(id) ? (new KpiPlace(KpiScope.Touchpoint, id), null) : (null, $"no touchpoint '{id}' in this journey{Levenshtein.Suggest(id, touchpoints)}");
            case null when stages.Contains(id):
                return (new KpiPlace(KpiScope.Stage, id), null);
            case null when touchpoints.Contains(id):
                return (new KpiPlace(KpiScope.Touchpoint, id), null);
            case null:
                return (null, $"no stage or touchpoint '{id}' in this journey{Levenshtein.Suggest(id, [.. stages, .. touchpoints])}");
            default:
                return (null, $"'{scope}:' is not a scope; write stage: or touchpoint:");
        }
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?<arg>[^()]*)\)$")]
    private static partial Regex CallPattern();
}

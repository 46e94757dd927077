namespace Wayfinder.Web.Components.Personas;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>How a persona's parts read on a page: keys as words, evidence grades, the avatar's colour.</summary>
public static class PersonaText
{
    /// <summary><c>trips_per_year</c> → "Trips per year"; <c>age-range</c> → "Age range".</summary>
    public static string Words(string key)
    {
        var words = key.Replace('_', ' ').Replace('-', ' ').Trim();
        while (words.Contains("  ", StringComparison.Ordinal))
        {
            words = words.Replace("  ", " ", StringComparison.Ordinal);
        }

        return words.Length == 0 ? key : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>The avatar's colour by persona type (the card renderer's darkened Okabe–Ito hues: white initials pass AA).</summary>
    public static string AvatarColor(PersonaType type) => type switch
    {
        PersonaType.Statistical => "#0072B2",
        PersonaType.Qualitative => "#006B4F",
        _ => "#8E4A73",
    };

    /// <summary>The demographics as (label, value) rows, the named ones first, then every other attribute by its key as words.</summary>
    public static IReadOnlyList<(string Label, string Value)> Attributes(Demographics? demographics)
    {
        if (demographics is null)
        {
            return [];
        }

        var rows = new List<(string, string?)>
        {
            ("Age range", demographics.AgeRange),
            ("Gender", demographics.Gender),
            ("Location", demographics.Location),
            ("Occupation", demographics.Occupation),
            ("Income", demographics.Income),
        };
        rows.AddRange(demographics.Other.Select(kv => (Words(kv.Key), (string?)kv.Value)));
        return [.. rows.Where(r => !string.IsNullOrWhiteSpace(r.Item2)).Select(r => (r.Item1, r.Item2!))];
    }

    /// <summary>The evidence an item cites that resolves (the persona's own first, then the workspace's), in citation order.</summary>
    public static IReadOnlyList<EvidenceLink> Cited(IEnumerable<string> citations, IEnumerable<EvidenceLink> own, IEnumerable<EvidenceLink> workspace)
    {
        var known = new Dictionary<string, EvidenceLink>(StringComparer.Ordinal);
        foreach (var link in workspace.Concat(own))
        {
            known[link.Id] = link;
        }

        return [.. citations.Distinct(StringComparer.Ordinal).Where(known.ContainsKey).Select(c => known[c])];
    }

    /// <summary>The grade of an item in words: "Assumption", "1 source", "3 sources · 2 kinds".</summary>
    public static string GradeLabel(EvidenceGrade grade, int sources) => grade switch
    {
        EvidenceGrade.Assumption => "Assumption",
        EvidenceGrade.OneSource => sources == 1 ? "1 source" : $"{sources} sources · 1 kind",
        _ => $"{sources} sources · several kinds",
    };

    /// <summary>An evidence kind in words: <c>SupportTicket</c> → "Support ticket".</summary>
    public static string KindWords(EvidenceKind kind) => kind switch
    {
        EvidenceKind.SupportTicket => "Support ticket",
        _ => kind.ToString(),
    };

    /// <summary>A channel id as its name from <c>wayfinder.yaml</c>, else as words.</summary>
    public static string ChannelName(string id, IEnumerable<Channel> channels) =>
        channels.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase))?.Name ?? Words(id);

    /// <summary>A competitor id as its name from <c>wayfinder.yaml</c>, else as written.</summary>
    public static string CompetitorName(string id, IEnumerable<Competitor> competitors) =>
        competitors.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase))?.Name ?? id;
}

/// <summary>
/// What the data says about a persona (the persona checks <c>wayfinder analyze</c> runs, for every journey it is on):
/// whether evidence is imported at all, whether the persona has a segment to check, and the findings.
/// </summary>
public sealed record PersonaDataCheck(bool Imported, bool HasSegment, IReadOnlyList<PersonaFinding> Findings);

/// <summary>One finding: which part of the persona (channels, goals, behaviours, segment) and what the data says.</summary>
public sealed record PersonaFinding(string Aspect, string Message);

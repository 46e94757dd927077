namespace Wayfinder.Drafting.Offline;

using System.Globalization;
using Wayfinder.Core.Documents;
using Wayfinder.Drafting.Answers;

/// <summary>
/// Where the offline drafter puts the persona's traits and the research insights: each trait in the stage whose words it
/// shares most stems with (<see cref="OfflineWords"/>), else in a fixed stage per kind.
/// </summary>
internal static class OfflinePlacement
{
    /// <summary>
    /// Each insight tagged to a stage of the draft (a template stage's id, a discovered stage's id, or one of a discovered
    /// stage's touchpoint ids) becomes a pain point of the first such stage citing it; the others are left out.
    /// </summary>
    /// <returns>How many insights were cited.</returns>
    public static int AddInsights(DraftContext context, List<DraftSlot> slots)
    {
        var cited = 0;
        foreach (var insight in context.Insights)
        {
            var slot = slots.FirstOrDefault(s =>
                (s.Template is { } t && insight.Stages.Contains(t.Id))
                || (s.Discovered is { } d && (insight.Stages.Contains(d.Id) || d.Touchpoints.Any(tp => insight.Touchpoints.Contains(tp.Id)))));
            if (slot is null || insight.Text.Trim().Length == 0)
            {
                continue;
            }

            slot.Pains.Add(new DraftPain { Id = PainId(slots, insight.Id, "insight"), Text = insight.Text, Insights = [insight.Id] });

            // What research says about a stage is part of what it is about: a persona's pain sharing its words goes there.
            slot.Words.UnionWith(OfflineWords.Of(insight.Text));
            cited++;
        }

        return cited;
    }

    /// <summary>
    /// Pains → pain points (no shared word: the first stage); needs, most important first → opportunities in the stage of
    /// the pain point they share most words with, addressing it (no such pain point: by their own words, else the first
    /// stage); jobs → thoughts of the first stage; goals, then gains → thoughts (no shared word: the last stage, where a
    /// goal is met); motivations → thoughts (no shared word: the first stage).
    /// </summary>
    public static void AddPersona(Persona persona, List<DraftSlot> slots)
    {
        var words = slots.Select(s => s.Words).ToList();
        for (var i = 0; i < persona.Pains.Count; i++)
        {
            var pain = persona.Pains[i];
            var slot = slots[OfflineWords.BestFit(OfflineWords.Of(pain.Text), words, 0)];
            slot.Pains.Add(new DraftPain { Id = PainId(slots, pain.Id ?? FirstWords(pain.Text), "pain"), Text = pain.Text, Insights = [] });
        }

        var pains = slots.SelectMany(s => s.Pains.Select(p => (Slot: s, Pain: p))).ToList();
        var painWords = pains.Select(p => OfflineWords.Of(p.Pain.Text)).ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var need in persona.Needs.OrderByDescending(n => n.Importance))
        {
            var needWords = OfflineWords.Of(need.Text);
            var related = OfflineWords.BestFit(needWords, painWords, -1);
            var slot = related >= 0 ? pains[related].Slot : slots[OfflineWords.BestFit(needWords, words, 0)];
            var id = Unique(used, Slug.From(need.Id) is { Length: > 0 } s ? s : "need");
            var importance = need.Importance.ToString(CultureInfo.InvariantCulture);
            slot.Opportunities.Add(new DraftOpportunity
            {
                Id = id,
                Text = $"Meet the need: {need.Text.Trim()} (importance {importance} of 5)",
                Addresses = related >= 0 ? [pains[related].Pain.Id] : [],
            });
        }

        foreach (var job in persona.Jobs)
        {
            slots[0].Thoughts.Add(new DraftText { Text = $"When {job.When.Trim()}, I want {job.Want.Trim()}, so that {job.SoThat.Trim()}", Insights = [] });
        }

        Place(persona.Goals, slots, words, slots.Count - 1);
        Place(persona.Gains, slots, words, slots.Count - 1);
        Place(persona.Motivations, slots, words, 0);
    }

    private static void Place(List<Trait> traits, List<DraftSlot> slots, List<HashSet<string>> words, int fallback)
    {
        foreach (var trait in traits.Where(t => t.Text.Trim().Length > 0))
        {
            slots[OfflineWords.BestFit(OfflineWords.Of(trait.Text), words, fallback)].Thoughts.Add(new DraftText { Text = trait.Text, Insights = [] });
        }
    }

    /// <summary>A pain id unique in the draft: a slug of <paramref name="text"/>, else the fallback, then -2, -3…</summary>
    private static string PainId(List<DraftSlot> slots, string text, string fallback)
    {
        var taken = new HashSet<string>(slots.SelectMany(s => s.Pains).Select(p => p.Id), StringComparer.Ordinal);
        return Unique(taken, Slug.From(text) is { Length: > 0 } slug ? slug : fallback);
    }

    private static string Unique(HashSet<string> taken, string id)
    {
        var candidate = id;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{id}-{n.ToString(CultureInfo.InvariantCulture)}";
        }

        return candidate;
    }

    /// <summary>The first five words of a text, for an id.</summary>
    private static string FirstWords(string text) => string.Join(' ', Slug.Words(text).Take(5));
}

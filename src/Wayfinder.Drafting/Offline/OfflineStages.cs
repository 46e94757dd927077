namespace Wayfinder.Drafting.Offline;

using System.Globalization;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Drafting.Answers;
using Wayfinder.Drafting.Discovery;

/// <summary>
/// The offline draft's stages: the template's stage set, or, with data, the discovered stages named after the template
/// stages they fit. Touchpoints only on the workspace's channels; a template's sample event names are never reused.
/// </summary>
internal static class OfflineStages
{
    /// <summary>The stages with their touchpoints, steps and loops, and the stage ids the mapping will give them.</summary>
    public static List<DraftSlot> Of(DraftContext context)
    {
        // A discovery with no stage (nothing to go on) drafts from the template's stage set, as without data.
        var slots = context.Discovered is { Stages.Count: > 0 } discovered ? FromData(context, discovered) : FromTemplate(context);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < slots.Count; i++)
        {
            // The same rule as DraftMapping: a slug of the name, else stage-N, then -2, -3… while taken.
            var slug = Slug.From(slots[i].Name);
            var id = slug.Length > 0 ? slug : $"stage-{(i + 1).ToString(CultureInfo.InvariantCulture)}";
            var candidate = id;
            for (var n = 2; !used.Add(candidate); n++)
            {
                candidate = $"{id}-{n.ToString(CultureInfo.InvariantCulture)}";
            }

            slots[i].Id = candidate;
        }

        return slots;
    }

    private static List<DraftSlot> FromTemplate(DraftContext context)
    {
        var stages = context.TemplateJourney.Stages;
        var slots = new List<DraftSlot>();
        foreach (var stage in stages)
        {
            var slot = new DraftSlot { Name = stage.Name, Goal = stage.Goal ?? "", Template = stage, Words = TemplateWords(context, stage) };
            slot.LoopsTo = stages.Find(s => s.Id == stage.LoopsTo)?.Name;
            slot.Steps.AddRange(stage.Steps.Select(s => s.Name));
            var touchpoints = context.TemplateJourney.Lanes
                .Where(l => l.Type == LaneType.Touchpoints)
                .SelectMany(l => l.Items)
                .Where(i => i.Stage == stage.Id && !string.IsNullOrWhiteSpace(i.Text) && i.Channel is { } channel && context.Channels.Any(c => c.Id == channel))
                .Select(i => new DraftTouchpoint { Name = i.Text!, Channel = i.Channel!, Events = [] });
            slot.Touchpoints.AddRange(touchpoints.OrderBy(t => Preference(context, t.Channel)));
            if (slot.Touchpoints.Count == 0 && PreferredChannels(context).FirstOrDefault() is { } preferred)
            {
                slot.Touchpoints.Add(new DraftTouchpoint { Name = $"{stage.Name} ({preferred.Name})", Channel = preferred.Id, Events = [] });
            }

            slots.Add(slot);
        }

        return slots;
    }

    /// <summary>
    /// Discovered stage i takes the name and goal of the template stage after the last one taken that shares most words
    /// with it (its name, touchpoints and event names); when none shares a word, the template stage at the same relative
    /// position if that is after the last one taken; else it keeps its discovered name.
    /// </summary>
    private static List<DraftSlot> FromData(DraftContext context, DiscoveredJourney discovered)
    {
        var template = context.TemplateJourney.Stages;
        var templateWords = template.Select(s => TemplateWords(context, s)).ToList();
        var slots = new List<DraftSlot>();
        var last = -1;
        for (var i = 0; i < discovered.Stages.Count; i++)
        {
            var stage = discovered.Stages[i];
            var words = OfflineWords.Of([stage.Name, .. stage.Touchpoints.Select(t => t.Name), .. stage.Touchpoints.SelectMany(t => t.Events)]);
            var later = templateWords.Select((w, j) => j > last ? w : []).ToList();
            var fit = OfflineWords.BestFit(words, later, -1);
            if (fit < 0 && template.Count > 0)
            {
                var position = discovered.Stages.Count == 1 ? 0 : (int)Math.Round(i * (template.Count - 1) / (double)(discovered.Stages.Count - 1), MidpointRounding.AwayFromZero);
                fit = position > last ? position : -1;
            }

            var named = fit >= 0 ? template[fit] : null;
            last = Math.Max(last, fit);
            var slot = new DraftSlot
            {
                Name = named?.Name ?? stage.Name,
                Goal = named?.Goal ?? "",
                Template = named,
                Discovered = stage,
                Words = [.. words, .. fit >= 0 ? templateWords[fit] : []],
            };
            AddDiscovered(context, discovered, slot);
            slots.Add(slot);
        }

        AddLoops(discovered, slots);
        return slots;
    }

    private static void AddDiscovered(DraftContext context, DiscoveredJourney discovered, DraftSlot slot)
    {
        var stage = slot.Discovered!;
        foreach (var touchpoint in stage.Touchpoints)
        {
            var name = string.IsNullOrWhiteSpace(touchpoint.Name) ? touchpoint.Id : touchpoint.Name;
            slot.Touchpoints.Add(new DraftTouchpoint { Name = name, Channel = ChannelOf(context, touchpoint), Events = [.. touchpoint.Events] });
        }

        foreach (var branch in discovered.Branches.Where(b => b.Stage == stage.Id))
        {
            slot.Steps.AddRange(branch.Alternatives.Select(a => stage.Touchpoints.FirstOrDefault(t => t.Id == a)?.Name ?? a));
        }

        // What customers do here, in path order; a branch's alternatives joined by "or".
        var parts = new List<string>();
        foreach (var group in stage.Touchpoints.GroupBy(t => t.Branch ?? "\0" + t.Id).Select(g => g.ToList()))
        {
            parts.Add(string.Join(" or ", group.Select(t => t.Name)));
        }

        if (parts.Count > 0)
        {
            var customers = stage.Customers.ToString("N0", CultureInfo.InvariantCulture);
            slot.Actions.Add(new DraftText { Text = $"{string.Join(", then ", parts)} (the paths of {customers} customers)", Insights = [] });
        }
    }

    /// <summary>A loop back to an earlier stage becomes loops_to (the most frequent per stage); one within a stage an action.</summary>
    private static void AddLoops(DiscoveredJourney discovered, List<DraftSlot> slots)
    {
        foreach (var loop in discovered.Loops.OrderByDescending(l => l.Count))
        {
            var from = slots.FindIndex(s => s.Discovered!.Id == loop.FromStage);
            var to = slots.FindIndex(s => s.Discovered!.Id == loop.ToStage);
            if (from < 0 || to < 0 || to > from)
            {
                continue;
            }

            if (to < from)
            {
                slots[from].LoopsTo ??= slots[to].Name;
                continue;
            }

            var names = slots[from].Discovered!.Touchpoints;
            var back = names.FirstOrDefault(t => t.Id == loop.FromTouchpoint)?.Name ?? loop.FromTouchpoint;
            var again = names.FirstOrDefault(t => t.Id == loop.ToTouchpoint)?.Name ?? loop.ToTouchpoint;
            slots[from].Actions.Add(new DraftText { Text = $"Some go back from {back} to {again} ({loop.Count.ToString(CultureInfo.InvariantCulture)} times in the paths)", Insights = [] });
        }
    }

    /// <summary>
    /// The discovered touchpoint's dominant channel when the workspace has it, else its next channel the workspace has,
    /// else the persona's first preferred channel; else empty, which leaves the channel for the user (the validator
    /// then warns "this touchpoint has no channel").
    /// </summary>
    private static string ChannelOf(DraftContext context, DiscoveredTouchpoint touchpoint)
    {
        IEnumerable<string?> candidates = [touchpoint.Channel, .. touchpoint.Channels.Select(c => c.Channel)];
        return candidates.FirstOrDefault(c => c is not null && context.Channels.Any(k => k.Id == c))
            ?? PreferredChannels(context).FirstOrDefault()?.Id
            ?? "";
    }

    /// <summary>The persona's preferred channels the workspace has, in the persona's order.</summary>
    private static IEnumerable<Channel> PreferredChannels(DraftContext context) =>
        (context.Persona?.Channels ?? []).Select(id => context.Channels.FirstOrDefault(c => c.Id == id)).OfType<Channel>();

    private static int Preference(DraftContext context, string channel)
    {
        var index = context.Persona?.Channels.IndexOf(channel) ?? -1;
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>
    /// A template stage's words: its id, name and goal, and the ids, texts and event names of its sample items (matched
    /// on, never copied; an id such as <c>pp-hidden-costs</c> is a name too).
    /// </summary>
    private static HashSet<string> TemplateWords(DraftContext context, Stage stage)
    {
        var items = context.TemplateJourney.Lanes.SelectMany(l => l.Items).Where(i => i.Stage == stage.Id).ToList();
        return OfflineWords.Of([stage.Id, stage.Name, stage.Goal, .. items.Select(i => i.Id), .. items.Select(i => i.Text), .. items.SelectMany(i => i.Events).Select(e => e.Name)]);
    }
}

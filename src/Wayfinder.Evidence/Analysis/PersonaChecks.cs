namespace Wayfinder.Evidence.Analysis;

using System.Globalization;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Store;

/// <summary>Compares what a persona says with what its segment's customers do.</summary>
public static class PersonaChecks
{
    /// <summary>A stated channel below this share of the segment's events is called into question.</summary>
    public const double RareShare = 0.05;

    /// <summary>An unstated channel at or above this share is pointed out.</summary>
    public const double CommonShare = 0.20;

    /// <summary>A stage a goal is about, reached by less than this share of the all-customer rate, is called into question.</summary>
    public const double LowReachRatio = 0.5;

    /// <summary>
    /// Stated channels against the segment's channel mix; with a journey, also behaviours and goals that name a channel
    /// (by id or name) or a stage (by name) against what the segment's customers do there. Only data can disagree:
    /// a channel on which the data has no event at all, or a segment that matches no customer, is something the data
    /// does not cover yet, so it is a knowledge gap (added to <paramref name="gaps"/>), not a disagreement.
    /// </summary>
    public static async Task<IReadOnlyList<PersonaCheck>> CheckAsync(
        Persona persona,
        IEventStore store,
        Journey? journey = null,
        IReadOnlyList<Core.Workspaces.Channel>? channels = null,
        ICollection<KnowledgeGap>? gaps = null,
        CancellationToken cancellationToken = default)
    {
        var checks = new List<PersonaCheck>();
        if (string.IsNullOrWhiteSpace(persona.Segment) || !(await store.SummaryAsync(cancellationToken).ConfigureAwait(false)).Imported)
        {
            return checks;
        }

        SegmentChannels mix;
        try
        {
            mix = await store.ChannelMixAsync(persona.Segment, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            checks.Add(new PersonaCheck(persona.Id, "segment", ex.Message));
            return checks;
        }

        if (mix.Customers == 0)
        {
            gaps?.Add(new KnowledgeGap("segment-without-customers", persona.Id, "segment", $"persona '{persona.Id}': the segment `{persona.Segment}` matches no customer in the data yet"));
            return checks;
        }

        // Channels the data covers: with no event of anyone on a channel, the data cannot confirm or question it.
        var covered = (await store.ChannelMixAsync(null, cancellationToken).ConfigureAwait(false)).Channels
            .Where(c => c.Events > 0).Select(c => c.Channel).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var total = mix.Events;
        double Share(string channel) =>
            total == 0 ? 0 : (double)mix.Channels.Where(c => string.Equals(c.Channel, channel, StringComparison.OrdinalIgnoreCase)).Select(c => c.Events).FirstOrDefault() / total;

        if (total > 0)
        {
            foreach (var stated in persona.Channels.Where(stated => covered.Contains(stated) && Share(stated) < RareShare))
            {
                checks.Add(new PersonaCheck(persona.Id, "channels", $"says they prefer '{stated}', but only {Percent(Share(stated))} of the segment's {total.ToString("N0", CultureInfo.InvariantCulture)} events happen there"));
            }

            foreach (var (channel, events) in mix.Channels)
            {
                var share = (double)events / total;
                if (share >= CommonShare && !persona.Channels.Contains(channel, StringComparer.OrdinalIgnoreCase))
                {
                    checks.Add(new PersonaCheck(persona.Id, "channels", $"{Percent(share)} of the segment's events happen on '{channel}', which is not among the persona's channels"));
                }
            }
        }

        if (journey is not null)
        {
            var inData = (channels ?? []).Where(c => covered.Contains(c.Id)).ToList();
            checks.AddRange(await JourneyChecksAsync(persona, store, journey, inData, total, Share, cancellationToken).ConfigureAwait(false));
        }

        return checks;
    }

    /// <summary>Behaviours and goals that name a channel or a stage, against the segment's channel mix and its reach of each stage.</summary>
    private static async Task<List<PersonaCheck>> JourneyChecksAsync(
        Persona persona, IEventStore store, Journey journey, IReadOnlyList<Core.Workspaces.Channel> channels, int total, Func<string, double> share, CancellationToken cancellationToken)
    {
        // Reach of each stage by the segment and by everyone (customers with a mapped event).
        var reach = new MetricsQuery { FunnelOnly = true, TopVariants = 0 };
        var all = await store.AnalyzeAsync(journey, reach, cancellationToken).ConfigureAwait(false);
        var segment = await store.AnalyzeAsync(journey, reach with { Segment = persona.Segment }, cancellationToken).ConfigureAwait(false);
        var checks = new List<PersonaCheck>();
        foreach (var (aspect, trait) in persona.Behaviours.Select(t => ("behaviours", t)).Concat(persona.Goals.Select(t => ("goals", t))))
        {
            foreach (var channel in channels.Where(ch => MentionsChannel(trait.Text, ch.Id) || MentionsChannel(trait.Text, ch.Name)))
            {
                if (total > 0 && share(channel.Id) < RareShare)
                {
                    checks.Add(new PersonaCheck(persona.Id, aspect, $"\"{trait.Text}\" speaks of {channel.Name}, but only {Percent(share(channel.Id))} of the segment's events happen on '{channel.Id}'"));
                }
            }

            for (var s = 0; s < all.StageReach.Count; s++)
            {
                var name = all.StageReach[s].Name;
                if (!Mentions(trait.Text, name) || segment.Customers == 0 || all.Customers == 0)
                {
                    continue;
                }

                var segmentShare = (double)segment.StageReach[s].Customers / segment.Customers;
                var allShare = (double)all.StageReach[s].Customers / all.Customers;
                if (segmentShare < allShare * LowReachRatio)
                {
                    checks.Add(new PersonaCheck(persona.Id, aspect, $"\"{trait.Text}\" is about '{name}', but only {Percent(segmentShare)} of the segment reach it (all customers: {Percent(allShare)})"));
                }
            }
        }

        return checks;
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static readonly string[] s_possessives = ["my", "your", "his", "her", "its", "our", "their"];

    /// <summary>
    /// Whether <paramref name="text"/> speaks of a channel: <c>#id</c> always; its name or id as whole words, not right
    /// after a possessive ("by phone" names the channel; "on her phone" names her device).
    /// </summary>
    internal static bool MentionsChannel(string text, string phrase) =>
        Tagged(text, phrase) || Mentions(text, phrase, at =>
        {
            if (at > 0 && text[at - 1] == '#')
            {
                return false; // part of a tag, which Tagged reads whole
            }

            var before = text[..at].TrimEnd();
            var start = before.Length;
            while (start > 0 && char.IsLetter(before[start - 1]))
            {
                start--;
            }

            return !s_possessives.Contains(before[start..], StringComparer.OrdinalIgnoreCase);
        });

    /// <summary>Whether <paramref name="text"/> holds the tag <c>#id</c> (ids may hold hyphens and underscores).</summary>
    private static bool Tagged(string text, string id)
    {
        var tag = "#" + id;
        for (var at = text.IndexOf(tag, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(tag, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + tag.Length;
            if (end == text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] is '-' or '_'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="text"/> holds <paramref name="phrase"/> as whole words, ignoring case.</summary>
    internal static bool Mentions(string text, string phrase) => Mentions(text, phrase, _ => true);

    private static bool Mentions(string text, string phrase, Func<int, bool> counts)
    {
        if (phrase.Length < 2)
        {
            return false;
        }

        for (var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var end = at + phrase.Length;
            var after = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after && counts(at))
            {
                return true;
            }
        }

        return false;
    }
}

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
    /// (by id or name) or a stage (by name) against what the segment's customers do there.
    /// </summary>
    public static IEnumerable<PersonaCheck> Check(Persona persona, EventLog log, Journey? journey = null, Mapping.JourneyMapping? mapping = null, IReadOnlyList<Core.Workspaces.Channel>? channels = null)
    {
        if (string.IsNullOrWhiteSpace(persona.Segment) || log.EventCount == 0)
        {
            yield break;
        }

        bool[] selected;
        string? problem = null;
        try
        {
            selected = Segments.Customers(log, persona.Segment);
        }
        catch (ArgumentException ex)
        {
            selected = [];
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new PersonaCheck(persona.Id, "segment", problem);
            yield break;
        }

        if (!selected.Contains(true))
        {
            yield return new PersonaCheck(persona.Id, "segment", $"the segment `{persona.Segment}` matches no customer in the data");
            yield break;
        }

        // The segment's events per channel, counted once for every check below.
        var counts = new int[log.ChannelNames.Count];
        var total = 0;
        for (var c = 0; c < log.CustomerCount; c++)
        {
            if (!selected[c])
            {
                continue;
            }

            for (var r = log.CustomerStart[c]; r < log.CustomerStart[c + 1]; r++)
            {
                if (log.ChannelCodes[r] >= 0)
                {
                    counts[log.ChannelCodes[r]]++;
                    total++;
                }
            }
        }

        double Share(string channel)
        {
            var index = IndexOf(log.ChannelNames, channel);
            return total == 0 || index < 0 ? 0 : (double)counts[index] / total;
        }

        if (total > 0)
        {
            foreach (var stated in persona.Channels.Where(stated => Share(stated) < RareShare))
            {
                yield return new PersonaCheck(persona.Id, "channels", $"says they prefer '{stated}', but only {Percent(Share(stated))} of the segment's {total.ToString("N0", CultureInfo.InvariantCulture)} events happen there");
            }

            for (var i = 0; i < counts.Length; i++)
            {
                var share = (double)counts[i] / total;
                if (share >= CommonShare && !persona.Channels.Contains(log.ChannelNames[i], StringComparer.OrdinalIgnoreCase))
                {
                    yield return new PersonaCheck(persona.Id, "channels", $"{Percent(share)} of the segment's events happen on '{log.ChannelNames[i]}', which is not among the persona's channels");
                }
            }
        }

        if (journey is null || mapping is null)
        {
            yield break;
        }

        var (stageSegment, stageAll, segmentCustomers, allCustomers) = StageReach(log, mapping, selected);
        foreach (var (aspect, trait) in persona.Behaviours.Select(t => ("behaviours", t)).Concat(persona.Goals.Select(t => ("goals", t))))
        {
            foreach (var channel in (channels ?? []).Where(ch => MentionsChannel(trait.Text, ch.Id) || MentionsChannel(trait.Text, ch.Name)))
            {
                if (total > 0 && Share(channel.Id) < RareShare)
                {
                    yield return new PersonaCheck(persona.Id, aspect, $"\"{trait.Text}\" speaks of {channel.Name}, but only {Percent(Share(channel.Id))} of the segment's events happen on '{channel.Id}'");
                }
            }

            for (var s = 0; s < mapping.Stages.Count; s++)
            {
                var name = mapping.Stages[s].Name;
                if (!Mentions(trait.Text, name) || segmentCustomers == 0 || allCustomers == 0)
                {
                    continue;
                }

                var segmentShare = (double)stageSegment[s] / segmentCustomers;
                var allShare = (double)stageAll[s] / allCustomers;
                if (segmentShare < allShare * LowReachRatio)
                {
                    yield return new PersonaCheck(persona.Id, aspect, $"\"{trait.Text}\" is about '{name}', but only {Percent(segmentShare)} of the segment reach it (all customers: {Percent(allShare)})");
                }
            }
        }
    }

    /// <summary>Per stage, the customers of the segment and of everyone (with a mapped event) who reach it.</summary>
    private static (int[] Segment, int[] All, int SegmentCustomers, int AllCustomers) StageReach(EventLog log, Mapping.JourneyMapping mapping, bool[] selected)
    {
        var stageSegment = new int[mapping.Stages.Count];
        var stageAll = new int[mapping.Stages.Count];
        int segmentCustomers = 0, allCustomers = 0;
        var seen = new bool[mapping.Stages.Count];
        for (var c = 0; c < log.CustomerCount; c++)
        {
            Array.Clear(seen);
            var any = false;
            for (var r = log.CustomerStart[c]; r < log.CustomerStart[c + 1]; r++)
            {
                var tp = mapping.TouchpointOfRow[r];
                if (tp >= 0)
                {
                    any = true;
                    seen[mapping.Touchpoints[tp].Stage] = true;
                }
            }

            if (!any)
            {
                continue;
            }

            allCustomers++;
            segmentCustomers += selected[c] ? 1 : 0;
            for (var s = 0; s < seen.Length; s++)
            {
                if (seen[s])
                {
                    stageAll[s]++;
                    stageSegment[s] += selected[c] ? 1 : 0;
                }
            }
        }

        return (stageSegment, stageAll, segmentCustomers, allCustomers);
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

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}

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

    public static IEnumerable<PersonaCheck> Check(Persona persona, EventLog log)
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

        var customers = selected.Count(s => s);
        if (customers == 0)
        {
            yield return new PersonaCheck(persona.Id, "segment", $"the segment `{persona.Segment}` matches no customer in the data");
            yield break;
        }

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

        if (total == 0)
        {
            yield break;
        }

        string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
        foreach (var stated in persona.Channels)
        {
            var index = IndexOf(log.ChannelNames, stated);
            var share = index < 0 ? 0 : (double)counts[index] / total;
            if (share < RareShare)
            {
                yield return new PersonaCheck(persona.Id, "channels", $"says they prefer '{stated}', but only {Percent(share)} of the segment's {total} events happen there");
            }
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

namespace Wayfinder.Evidence.Store;

using Wayfinder.Evidence.Mapping;

/// <summary>The embedded store's per-customer queries: a segment's channel mix, clustering's behaviour features.</summary>
internal static class EventQueries
{
    /// <summary>Events per channel of the selected customers (null: all), every channel of the log in its order.</summary>
    public static SegmentChannels ChannelMix(EventLog log, bool[]? selected)
    {
        var counts = new int[log.ChannelNames.Count];
        var customers = 0;
        for (var c = 0; c < log.CustomerCount; c++)
        {
            if (selected is not null && !selected[c])
            {
                continue;
            }

            customers++;
            for (var r = log.CustomerStart[c]; r < log.CustomerStart[c + 1]; r++)
            {
                if (log.ChannelCodes[r] >= 0)
                {
                    counts[log.ChannelCodes[r]]++;
                }
            }
        }

        return new SegmentChannels(customers, [.. log.ChannelNames.Select((name, i) => new ChannelEvents(name, counts[i])).Where(c => c.Events > 0)]);
    }

    /// <summary>One row per customer with a mapped event: mapped events per touchpoint and channel, furthest stage, last mapped time.</summary>
    public static BehaviourFeatures Behaviour(EventLog log, JourneyMapping mapping, CancellationToken cancellationToken)
    {
        var attributes = log.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        var customers = new List<CustomerBehaviour>();
        for (var c = 0; c < log.CustomerCount; c++)
        {
            if ((c & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var touchpoints = new int[mapping.Touchpoints.Count];
            var channels = new int[log.ChannelNames.Count];
            var (mapped, furthest, last) = (0, -1, 0L);
            for (var r = log.CustomerStart[c]; r < log.CustomerStart[c + 1]; r++)
            {
                var tp = mapping.TouchpointOfRow[r];
                if (tp < 0)
                {
                    continue;
                }

                mapped++;
                touchpoints[tp]++;
                if (log.ChannelCodes[r] >= 0)
                {
                    channels[log.ChannelCodes[r]]++;
                }

                furthest = Math.Max(furthest, mapping.Touchpoints[tp].Stage);
                last = log.Timestamps[r];
            }

            if (mapped > 0)
            {
                customers.Add(new CustomerBehaviour(log.CustomerIds[c], touchpoints, channels, furthest, last, [.. attributes.Select(a => a.Value.Codes[c])]));
            }
        }

        return new BehaviourFeatures(
            [.. mapping.Touchpoints.Select(t => t.Id)],
            [.. log.ChannelNames],
            mapping.Stages.Count,
            log.MaxTimestamp,
            [.. attributes.Select(a => new AttributeValues(a.Key, a.Value.Values))],
            customers);
    }
}

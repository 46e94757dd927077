namespace Wayfinder.Evidence.Metrics;

using System.Runtime.InteropServices;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Store;

/// <summary>
/// Computes a journey's metrics from an event log in one pass over each customer's time-ordered events,
/// exactly as DESIGN.md defines them.
/// </summary>
public static class JourneyAnalyzer
{
    private const double MicrosPerSecond = 1_000_000d;

    public static JourneyMetrics Analyze(string journeyId, EventLog log, JourneyMapping mapping, AnalysisOptions? options = null)
    {
        options ??= new AnalysisOptions();
        var stageCount = mapping.Stages.Count;
        var tpCount = mapping.Touchpoints.Count;
        var tpStage = mapping.Touchpoints.Select(t => t.Stage).ToArray();
        var window = options.Window.Ticks / 10;
        var inactivity = options.Inactivity.Ticks / 10;
        var from = options.FromMicros ?? long.MinValue;
        var to = options.ToMicros ?? long.MaxValue;
        var channelCode = options.Channel is null ? -2 : IndexOf(log.ChannelNames, options.Channel);
        var dataEnd = Math.Min(log.MaxTimestamp, to == long.MaxValue ? long.MaxValue : to - 1);

        var stageCustomers = new int[stageCount];
        var stageEvents = new int[stageCount];
        var tpCustomers = new int[tpCount];
        var tpEvents = new int[tpCount];
        var funnelAt = new int[stageCount + 1];
        var timings = new List<long>[Math.Max(0, stageCount - 1)];
        for (var i = 0; i < timings.Length; i++)
        {
            timings[i] = [];
        }

        var stranded = new int[tpCount];
        var variants = new Dictionary<int[], int>(IntSequenceComparer.Instance);
        var variantLookup = variants.GetAlternateLookup<ReadOnlySpan<int>>();
        var edgeTimes = new TimeList[tpCount * tpCount];
        var starts = new int[tpCount];
        var ends = new int[tpCount];

        // Channels: the event's own, else the touchpoint's; both as indexes into one list of names.
        var channelNames = new List<string>(log.ChannelNames);
        var tpChannel = mapping.Touchpoints.Select(t =>
        {
            if (t.Channel is null)
            {
                return -1;
            }

            var index = channelNames.IndexOf(t.Channel);
            if (index < 0)
            {
                index = channelNames.Count;
                channelNames.Add(t.Channel);
            }

            return index;
        }).ToArray();
        var channelEvents = new int[stageCount * channelNames.Count];

        var seenStage = new bool[stageCount];
        var seenTp = new bool[tpCount];
        var firstTime = new long[stageCount];
        var firstAfter = new long[stageCount];
        var chains = new ChainSet(stageCount);
        var path = new List<int>();
        var customers = 0;
        var mappedEvents = 0;
        var unmappedEvents = 0;

        for (var c = 0; c < log.CustomerCount; c++)
        {
            if (options.CustomerFilter is { } filter && !filter(c))
            {
                continue;
            }

            Array.Clear(seenStage);
            Array.Clear(seenTp);
            firstTime.AsSpan().Fill(long.MinValue);
            firstAfter.AsSpan().Fill(long.MinValue);
            chains.Reset();
            path.Clear();
            var lastTp = -1;
            var lastTime = 0L;
            var reachedLastStage = false;

            for (var r = log.CustomerStart[c]; r < log.CustomerStart[c + 1]; r++)
            {
                var t = log.Timestamps[r];
                if (t < from || t >= to || (channelCode != -2 && log.ChannelCodes[r] != channelCode))
                {
                    continue;
                }

                var tp = mapping.TouchpointOfRow[r];
                if (tp < 0)
                {
                    unmappedEvents++;
                    continue;
                }

                mappedEvents++;
                var s = tpStage[tp];
                stageEvents[s]++;
                tpEvents[tp]++;
                if (!seenStage[s])
                {
                    seenStage[s] = true;
                    stageCustomers[s]++;
                }

                if (!seenTp[tp])
                {
                    seenTp[tp] = true;
                    tpCustomers[tp]++;
                }

                if (s > 0 && firstAfter[s] == long.MinValue && firstTime[s - 1] != long.MinValue && t > firstTime[s - 1])
                {
                    firstAfter[s] = t;
                }

                if (firstTime[s] == long.MinValue)
                {
                    firstTime[s] = t;
                }

                chains.Advance(s, t, window);
                reachedLastStage |= s == stageCount - 1;

                if (lastTp >= 0)
                {
                    (edgeTimes[(lastTp * tpCount) + tp] ??= new TimeList()).Add(t - lastTime);
                }

                if (!options.CollapseRepeats || lastTp != tp)
                {
                    path.Add(tp);
                }

                var channel = log.ChannelCodes[r] >= 0 ? log.ChannelCodes[r] : tpChannel[tp];
                if (channel >= 0)
                {
                    channelEvents[(s * channelNames.Count) + channel]++;
                }

                lastTp = tp;
                lastTime = t;
            }

            if (lastTp < 0)
            {
                continue;
            }

            customers++;
            var level = chains.Reached;
            funnelAt[level]++;
            for (var k = 0; k + 1 < level; k++)
            {
                timings[k].Add(firstAfter[k + 1] - firstTime[k]);
            }

            if (!reachedLastStage && dataEnd - lastTime > inactivity)
            {
                stranded[lastTp]++;
            }

            starts[path[0]]++;
            ends[path[^1]]++;
            var pathSpan = CollectionsMarshal.AsSpan(path);
            if (variantLookup.TryGetValue(pathSpan, out var seen))
            {
                variantLookup[pathSpan] = seen + 1;
            }
            else
            {
                variants.Add(pathSpan.ToArray(), 1);
            }
        }

        return new JourneyMetrics
        {
            JourneyId = journeyId,
            Cut = options.Cut,
            Customers = customers,
            MappedEvents = mappedEvents,
            UnmappedEvents = unmappedEvents,
            StageReach = [.. mapping.Stages.Select((s, i) => new ReachRow(s.Id, s.Name, s.Id, stageCustomers[i], stageEvents[i]))],
            TouchpointReach = [.. mapping.Touchpoints.Select((t, i) => new ReachRow(t.Id, t.Name, mapping.Stages[t.Stage].Id, tpCustomers[i], tpEvents[i]))],
            Funnel = Funnel(mapping, funnelAt),
            Timings = [.. timings.Select((list, k) => Timing(mapping, k, list))],
            Stranded = [.. mapping.Touchpoints.Select((t, i) => new StrandedRow(t.Id, mapping.Stages[t.Stage].Id, stranded[i], tpCustomers[i], Ratio(stranded[i], tpCustomers[i])))],
            Variants = Variants(mapping, variants, customers, options.TopVariants),
            Flow = Flow(mapping, edgeTimes),
            Endpoints = [.. mapping.Touchpoints.Select((t, i) => new EndpointRow(t.Id, starts[i], ends[i])).Where(e => e.Starts + e.Ends > 0)],
            ChannelMix = ChannelMix(mapping, channelEvents, channelNames),
        };
    }

    private static List<FunnelStep> Funnel(JourneyMapping mapping, int[] funnelAt)
    {
        // funnelAt[k] = customers whose best chain reached exactly k stages; at step k count those reaching ≥ k + 1.
        var stageCount = mapping.Stages.Count;
        var atLeast = new int[stageCount];
        var running = 0;
        for (var k = stageCount; k >= 1; k--)
        {
            running += funnelAt[k];
            atLeast[k - 1] = running;
        }

        var steps = new List<FunnelStep>();
        for (var k = 0; k < stageCount; k++)
        {
            var previous = k == 0 ? atLeast[0] : atLeast[k - 1];
            var next = k + 1 < stageCount ? atLeast[k + 1] : atLeast[k];
            steps.Add(new FunnelStep(
                mapping.Stages[k].Id,
                mapping.Stages[k].Name,
                atLeast[k],
                k == 0 ? (atLeast[0] > 0 ? 1 : 0) : Ratio(atLeast[k], previous),
                Ratio(atLeast[k], atLeast[0]),
                atLeast[k] - next));
        }

        return steps;
    }

    private static StageTiming Timing(JourneyMapping mapping, int k, List<long> micros)
    {
        var values = CollectionsMarshal.AsSpan(micros);
        return new StageTiming(
            mapping.Stages[k].Id,
            mapping.Stages[k + 1].Id,
            micros.Count,
            Seconds(Percentile.Of(values, 0.5)),
            Seconds(Percentile.Of(values, 0.9)));
    }

    private static List<PathVariant> Variants(JourneyMapping mapping, Dictionary<int[], int> variants, int customers, int top)
    {
        if (top <= 0)
        {
            return [];
        }

        // Keep the top by count first (cheap), then break ties by the ids for a deterministic order.
        var cutoff = variants.Count <= top ? 0 : variants.Values.OrderDescending().ElementAt(top - 1);
        return variants
            .Where(v => v.Value >= cutoff)
            .Select(v => (Ids: v.Key.Select(tp => mapping.Touchpoints[tp].Id).ToArray(), Count: v.Value))
            .OrderByDescending(v => v.Count)
            .ThenBy(v => string.Join('\u001f', v.Ids), StringComparer.Ordinal)
            .Take(top)
            .Select(v => new PathVariant(v.Ids, v.Count, Ratio(v.Count, customers)))
            .ToList();
    }

    private static List<FlowEdge> Flow(JourneyMapping mapping, TimeList?[] edgeTimes)
    {
        var tpCount = mapping.Touchpoints.Count;
        return edgeTimes
            .Select((times, index) => (times, index))
            .Where(e => e.times is not null)
            .Select(e =>
            {
                var span = e.times!.Span;
                return new FlowEdge(mapping.Touchpoints[e.index / tpCount].Id, mapping.Touchpoints[e.index % tpCount].Id, span.Length, Seconds(Percentile.Of(span, 0.5)) ?? 0);
            })
            .OrderByDescending(e => e.Count)
            .ThenBy(e => e.From, StringComparer.Ordinal)
            .ThenBy(e => e.To, StringComparer.Ordinal)
            .ToList();
    }

    private static List<ChannelShare> ChannelMix(JourneyMapping mapping, int[] channelEvents, List<string> channelNames)
    {
        var rows = new List<ChannelShare>();
        for (var s = 0; s < mapping.Stages.Count; s++)
        {
            var counts = channelEvents.AsSpan(s * channelNames.Count, channelNames.Count);
            var total = 0;
            foreach (var c in counts)
            {
                total += c;
            }

            var stageRows = new List<(string Channel, int Events)>();
            for (var c = 0; c < counts.Length; c++)
            {
                if (counts[c] > 0)
                {
                    stageRows.Add((channelNames[c], counts[c]));
                }
            }

            rows.AddRange(stageRows
                .OrderByDescending(r => r.Events)
                .ThenBy(r => r.Channel, StringComparer.Ordinal)
                .Select(r => new ChannelShare(mapping.Stages[s].Id, r.Channel, r.Events, Ratio(r.Events, total))));
        }

        return rows;
    }

    /// <summary>A growable list of durations without the bounds checks of List.</summary>
    private sealed class TimeList
    {
        private long[] _items = new long[8];
        private int _count;

        public Span<long> Span => _items.AsSpan(0, _count);

        public void Add(long value)
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, _count * 2);
            }

            _items[_count++] = value;
        }
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 6);

    private static double? Seconds(double? micros) => micros is { } m ? Math.Round(m / MicrosPerSecond, 6) : null;

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return -3; // matches no row
    }
}

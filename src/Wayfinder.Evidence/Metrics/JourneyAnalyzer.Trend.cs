namespace Wayfinder.Evidence.Metrics;

using System.Runtime.CompilerServices;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Store;

/// <summary>A trend's funnels: every period's in one pass over the log.</summary>
public static partial class JourneyAnalyzer
{
    /// <summary>
    /// The ordered funnel of each of <paramref name="periods"/> (half-open, in time order, not overlapping), exactly as
    /// <see cref="Analyze(string, EventLog, JourneyMapping, MetricsQuery, bool[], int, CancellationToken)"/> gives it
    /// with the query cut to that period (FunnelOnly): a customer's rows are in time order, so the rows of one period
    /// follow each other, and the funnel of each period is matched on them alone. One pass instead of one per period.
    /// </summary>
    /// <param name="selected">The customers of the query's segment, already resolved (null: every customer).</param>
    internal static List<FunnelStep>[] FunnelByPeriod(
        EventLog log, JourneyMapping mapping, MetricsQuery query, bool[]? selected, IReadOnlyList<(long From, long To)> periods, int threads, CancellationToken cancellationToken)
    {
        var stages = mapping.Stages.Count;
        var partitions = Math.Max(1, Math.Min(threads * PartitionsPerThread, log.CustomerCount / MinCustomersPerPartition));
        var counts = new int[partitions][];
        var context = new Context(log, mapping, query, selected, threads, cancellationToken, periods);
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellationToken }, p =>
        {
            counts[p] = new int[periods.Count * (stages + 1)];
            PeriodFunnels(context, counts[p], (int)((long)log.CustomerCount * p / partitions), (int)((long)log.CustomerCount * (p + 1) / partitions));
        });
        cancellationToken.ThrowIfCancellationRequested();
        return PeriodResults(mapping, periods.Count, counts);
    }

    /// <summary>Each period's funnel from the levels counted per partition (period-major, stages + 1 a period).</summary>
    private static List<FunnelStep>[] PeriodResults(JourneyMapping mapping, int periods, IReadOnlyList<int[]> counts)
    {
        var stages = mapping.Stages.Count;
        var result = new List<FunnelStep>[periods];
        for (var period = 0; period < periods; period++)
        {
            var funnelAt = new int[stages + 1];
            foreach (var part in counts)
            {
                for (var k = 0; k <= stages; k++)
                {
                    funnelAt[k] += part[(period * (stages + 1)) + k];
                }
            }

            result[period] = Funnel(mapping.Stages, funnelAt);
        }

        return result;
    }

    /// <summary>Adds the funnel levels of customers <paramref name="first"/>..<paramref name="end"/> - 1 in each period to <paramref name="funnelAt"/> (period-major).</summary>
    private static void PeriodFunnels(Context context, int[] funnelAt, int first, int end)
    {
        var log = context.Log;
        var (timestamps, customerStart, selected) = (log.Timestamps, log.CustomerStart, context.Selected);
        var (starts, ends) = (context.PeriodStarts, context.PeriodEnds);
        if (starts.Length == 0)
        {
            return;
        }

        var chains = new ChainSet(context.StageCount);

        var (firstFrom, lastTo) = (starts[0], ends[^1]);
        for (var c = first; c < end; c++)
        {
            if ((c & 4095) == 0 && context.CancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (InCut(c, selected, customerStart, timestamps, firstFrom, lastTo))
            {
                CustomerPeriods(context, c, starts, ends, funnelAt, chains);
            }
        }
    }

    /// <summary>Adds customer <paramref name="c"/>'s funnel level in each period they have rows of the cut in to <paramref name="funnelAt"/> (period-major).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CustomerPeriods(Context context, int c, long[] starts, long[] ends, int[] funnelAt, ChainSet chains)
    {
        var log = context.Log;
        var (timestamps, channelCodes, customerStart) = (log.Timestamps, log.ChannelCodes, log.CustomerStart);
        var (tpLookup, tpKeys, tpStage) = (context.TpLookup, context.TpKeys, context.TpStage);
        var (channelCode, window, stageCount) = (context.ChannelCode, context.Window, context.StageCount);
        var periods = starts.Length;
        var (rowStart, rowEnd) = (customerStart[c], customerStart[c + 1]);

        // As in the pass: chains only for customers spread over more than a window (exact either way).
        var useChains = timestamps[rowEnd - 1] - timestamps[rowStart] > window;
        var period = 0;
        var any = false;
        var matched = 0;
        var matchedTime = long.MinValue;
        chains.Reset();
        for (var r = rowStart; r < rowEnd; r++)
        {
            var t = timestamps[r];
            if (t >= ends[period])
            {
                // The period is over: count the customer there, and start afresh in the one the row falls in.
                if (any)
                {
                    funnelAt[(period * (stageCount + 1)) + (useChains ? chains.Reached : matched)]++;
                    (any, matched, matchedTime) = (false, 0, long.MinValue);
                    chains.Reset();
                }

                while (period < periods && t >= ends[period])
                {
                    period++;
                }

                if (period == periods)
                {
                    break;
                }
            }

            if (t < starts[period] || (channelCode != -2 && channelCodes[r] != channelCode))
            {
                continue;
            }

            var tp = tpKeys is null ? tpLookup[r] : tpLookup[tpKeys[r]];
            if (tp < 0)
            {
                continue;
            }

            any = true;
            var s = tpStage[tp];
            if (useChains)
            {
                chains.Advance(s, t, window);
            }
            else if (s == matched && t > matchedTime)
            {
                matched++;
                matchedTime = t;
            }
        }

        if (any)
        {
            funnelAt[(period * (stageCount + 1)) + (useChains ? chains.Reached : matched)]++;
        }
    }

    /// <summary>The first period ending after <paramref name="time"/> (the count of periods when none does).</summary>
    /// <remarks>Halving with selections, not branches: the pass asks once per customer, and which half is data.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PeriodOf(long[] ends, long time)
    {
        if (ends.Length == 0)
        {
            return 0;
        }

        var (low, length) = (0, ends.Length);
        while (length > 1)
        {
            var half = length >> 1;
            low = ends[low + half - 1] <= time ? low + half : low;
            length -= half;
        }

        return ends[low] <= time ? low + 1 : low;
    }
}

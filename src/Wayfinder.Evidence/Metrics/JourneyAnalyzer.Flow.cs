namespace Wayfinder.Evidence.Metrics;

using System.Runtime.CompilerServices;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Mapping;

/// <summary>The directly-follows graph with exact median durations.</summary>
public static partial class JourneyAnalyzer
{
    /// <summary>
    /// The directly-follows graph with each edge's exact median duration. A first read of the transitions histograms
    /// every edge's durations (by bit length and leading bits), which gives the edge's count and the one or two buckets
    /// holding its median; a second read keeps only the durations in those buckets (a few percent), and the median is
    /// selected among them. Counting-sorting all 8M durations by edge first cost more time and 64 MB of fresh memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<FlowEdge> Flow(JourneyMapping mapping, List<(int[] Edges, long[] Durations, int Count)> transitions, ParallelOptions parallel)
    {
        var tpCount = mapping.Touchpoints.Count;
        var edgeCount = tpCount * tpCount;
        // Up to 8 buckets an octave; fewer for journeys with very many touchpoints, to bound the histogram.
        var bits = 3;
        while (bits > 0 && (long)edgeCount * (65 << bits) > 4_000_000)
        {
            bits--;
        }

        var buckets = 65 << bits;
        var histograms = new int[transitions.Count][];
        Parallel.For(0, transitions.Count, parallel, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (k) =>
        {
            var counts = new int[edgeCount * buckets];
            var (edges, durations, count) = transitions[k];
            for (var i = 0; i < count; i++)
            {
                counts[(edges[i] * buckets) + Percentile.Bucket(durations[i], bits)]++;
            }

            histograms[k] = counts;
        });
        var histogram = new int[edgeCount * buckets];
        foreach (var part in histograms)
        {
            for (var i = 0; i < histogram.Length; i++)
            {
                histogram[i] += part[i];
            }
        }

        var total = new int[edgeCount];
        var ranks = new (int Lower, int Upper, double Fraction)[edgeCount];
        var first = new int[edgeCount];
        var last = new int[edgeCount];
        var skipped = new int[edgeCount];
        for (var e = 0; e < edgeCount; e++)
        {
            var edge = histogram.AsSpan(e * buckets, buckets);
            foreach (var n in edge)
            {
                total[e] += n;
            }

            (first[e], last[e]) = (int.MaxValue, -1);
            if (total[e] == 0)
            {
                continue;
            }

            ranks[e] = Percentile.Ranks(total[e], 0.5);
            (first[e], last[e], skipped[e]) = Percentile.BucketsOf(edge, ranks[e].Lower, ranks[e].Upper);
        }

        // The candidates of every edge, grouped by edge in one array (edge e's from offsets[e]).
        var offsets = new int[edgeCount + 1];
        for (var e = 0; e < edgeCount; e++)
        {
            for (var b = first[e]; b <= last[e]; b++)
            {
                offsets[e + 1] += histogram[(e * buckets) + b];
            }
        }

        for (var e = 0; e < edgeCount; e++)
        {
            offsets[e + 1] += offsets[e];
        }

        // Each chunk writes its candidates after those of the chunks before it, so all run at once.
        var chunkNext = new int[transitions.Count][];
        var place = offsets[..^1];
        for (var k = 0; k < transitions.Count; k++)
        {
            chunkNext[k] = (int[])place.Clone();
            for (var e = 0; e < edgeCount; e++)
            {
                for (var b = first[e]; b <= last[e]; b++)
                {
                    place[e] += histograms[k][(e * buckets) + b];
                }
            }
        }

        var values = new long[offsets[^1]];
        Parallel.For(0, transitions.Count, parallel, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (k) =>
        {
            // Locals, not the closure's fields: the stores to values would make the JIT load those again on every row.
            var (next, firsts, lasts, into) = (chunkNext[k], first, last, values);
            var (edges, durations, count) = transitions[k];
            for (var i = 0; i < count; i++)
            {
                var e = edges[i];
                var b = Percentile.Bucket(durations[i], bits);
                // One unsigned comparison: "b >= first" alone is a coin toss for the branch predictor (half the
                // durations lie above the median), and mispredicting it cost three quarters of this loop.
                if ((uint)(b - firsts[e]) <= (uint)(lasts[e] - firsts[e]))
                {
                    into[next[e]++] = durations[i];
                }
            }
        });

        var result = new List<FlowEdge>();
        for (var e = 0; e < edgeCount; e++)
        {
            if (total[e] > 0)
            {
                var (lower, upper, fraction) = ranks[e];
                var median = Percentile.FromCandidates(values.AsSpan(offsets[e], offsets[e + 1] - offsets[e]), skipped[e], lower, upper, fraction);
                result.Add(new FlowEdge(mapping.Touchpoints[e / tpCount].Id, mapping.Touchpoints[e % tpCount].Id, total[e], Seconds(median) ?? 0));
            }
        }

        return [.. result.OrderByDescending(e => e.Count).ThenBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)];
    }
}

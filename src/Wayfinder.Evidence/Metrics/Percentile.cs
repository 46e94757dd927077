namespace Wayfinder.Evidence.Metrics;

using System.Numerics;
using System.Runtime.CompilerServices;
/// <summary>Percentiles by linear interpolation between closest ranks (numpy's default, R's type 7).</summary>
public static class Percentile
{
    /// <summary>Below this many values plain quickselect is as quick as the histogram.</summary>
    private const int HistogramFrom = 4096;

    /// <summary>Buckets of the histogram: 65 bit lengths × 32 steps of the leading bits.</summary>
    private const int MantissaBits = 5;
    private const int Buckets = 65 << MantissaBits;

    /// <summary>
    /// The <paramref name="p"/>-th percentile (0..1), null when empty, without sorting (the span is reordered, its values
    /// kept). Large spans of non-negative values go through a histogram first: one pass counts values by bit length and
    /// leading bits (a bucket is 1/32 of a power of two wide), a second moves the one or two buckets holding the ranks
    /// needed to the front, and quickselect finishes there. Quickselect over all values took a sixth of the metrics pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double? Of(Span<long> values, double p)
    {
        if (values.Length == 0)
        {
            return null;
        }

        var (lower, upper, fraction) = Ranks(values.Length, p);
        var candidates = values;
        var skipped = 0;
        if (values.Length >= HistogramFrom && Narrow(values, lower, upper, out var kept, out var smaller))
        {
            candidates = values[..kept];
            skipped = smaller;
        }

        return FromCandidates(candidates, skipped, lower, upper, fraction);
    }

    /// <summary>
    /// Two percentiles of the same values (<paramref name="p"/> ≤ <paramref name="q"/>), each exactly as
    /// <see cref="Of(Span{long}, double)"/> gives it, from one histogram: one pass counts, a second copies the values of
    /// the buckets holding the ranks needed aside, and quickselect finishes there (two histograms and two narrowings
    /// before). The span is reordered, its values kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double? P, double? Q) Of(Span<long> values, double p, double q)
    {
        if (values.Length == 0)
        {
            return (null, null);
        }

        var (lowerP, upperP, fractionP) = Ranks(values.Length, p);
        var (lowerQ, upperQ, fractionQ) = Ranks(values.Length, q);
        if (values.Length < HistogramFrom || lowerQ < lowerP)
        {
            return (FromCandidates(values, 0, lowerP, upperP, fractionP), FromCandidates(values, 0, lowerQ, upperQ, fractionQ));
        }

        Span<int> counts = stackalloc int[Buckets];
        if (!Count(values, counts))
        {
            return (FromCandidates(values, 0, lowerP, upperP, fractionP), FromCandidates(values, 0, lowerQ, upperQ, fractionQ));
        }

        var (firstP, lastP, skippedP) = BucketsOf(counts, lowerP, upperP);
        var (firstQ, lastQ, skippedQ) = BucketsOf(counts, lowerQ, upperQ);
        if (firstQ <= lastP)
        {
            // The two share a bucket: one set of candidates, from the first bucket of p to the last of q.
            (lastP, firstQ, skippedQ) = (lastQ, int.MaxValue, skippedP);
        }

        var sizeP = Sum(counts, firstP, lastP);
        var sizeQ = firstQ == int.MaxValue ? 0 : Sum(counts, firstQ, lastQ);
        var buffer = System.Buffers.ArrayPool<long>.Shared.Rent(sizeP + sizeQ);
        try
        {
            // Unsigned range checks: "b >= first" alone would be a coin toss for the branch predictor.
            var (keptP, keptQ) = (0, sizeP);
            var shared = firstQ == int.MaxValue;
            var (widthP, widthQ) = ((uint)(lastP - firstP), shared ? 0u : (uint)(lastQ - firstQ));
            firstQ = shared ? -1 : firstQ; // with width 0: matches bucket -1, which no value has
            foreach (var v in values)
            {
                var b = Bucket(v);
                if ((uint)(b - firstP) <= widthP)
                {
                    buffer[keptP++] = v;
                }
                else if ((uint)(b - firstQ) <= widthQ)
                {
                    buffer[keptQ++] = v;
                }
            }

            var candidatesP = buffer.AsSpan(0, sizeP);
            var candidatesQ = shared ? candidatesP : buffer.AsSpan(sizeP, sizeQ);
            return (FromCandidates(candidatesP, skippedP, lowerP, upperP, fractionP), FromCandidates(candidatesQ, skippedQ, lowerQ, upperQ, fractionQ));
        }
        finally
        {
            System.Buffers.ArrayPool<long>.Shared.Return(buffer);
        }
    }

    private static int Sum(ReadOnlySpan<int> counts, int first, int last)
    {
        var sum = 0;
        for (var b = first; b <= last; b++)
        {
            sum += counts[b];
        }

        return sum;
    }

    /// <summary>
    /// Moves the values of the buckets holding ranks <paramref name="lower"/>..<paramref name="upper"/> to the front and
    /// says how many they are and how many values are smaller; false when a value is negative (the caller selects over all).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Narrow(Span<long> values, int lower, int upper, out int kept, out int skipped)
    {
        kept = 0;
        skipped = 0;
        Span<int> counts = stackalloc int[Buckets];
        if (!Count(values, counts))
        {
            return false;
        }

        var (first, last, smaller) = BucketsOf(counts, lower, upper);
        skipped = smaller;

        // The buckets in between are empty, so "first ≤ bucket ≤ last" picks exactly the values of the two (one
        // unsigned comparison: "b >= first" alone would be a coin toss for the branch predictor).
        var width = (uint)(last - first);
        for (var i = 0; i < values.Length; i++)
        {
            var b = Bucket(values[i]);
            if ((uint)(b - first) <= width)
            {
                (values[kept], values[i]) = (values[i], values[kept]);
                kept++;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bucket(long value) => Bucket(value, MantissaBits);

    /// <summary>The histogram of <paramref name="values"/> in <paramref name="counts"/> (cleared first); false when a value is negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Count(ReadOnlySpan<long> values, Span<int> counts)
    {
        counts.Clear();
        long negative = 0;
        foreach (var v in values)
        {
            negative |= v;
            counts[Bucket(v)]++;
        }

        return negative >= 0;
    }

    /// <summary>
    /// A bucket monotonic in <paramref name="value"/> (non-negative): its bit length, then the
    /// <paramref name="mantissaBits"/> bits after the leading one (so a bucket is 2^-bits of a power of two wide).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Bucket(long value, int mantissaBits)
    {
        var length = 64 - BitOperations.LeadingZeroCount((ulong)value);
        var mask = (1 << mantissaBits) - 1;
        var mantissa = length <= mantissaBits ? (int)value & mask : (int)(value >> (length - 1 - mantissaBits)) & mask;
        return (length << mantissaBits) | mantissa;
    }

    /// <summary>
    /// The buckets of a histogram holding ranks <paramref name="lower"/> and <paramref name="upper"/> (the same or
    /// consecutive non-empty ones), and how many values lie in the buckets before.
    /// </summary>
    internal static (int First, int Last, int Skipped) BucketsOf(ReadOnlySpan<int> counts, int lower, int upper)
    {
        int first = -1, last = -1, skipped = 0, seen = 0;
        for (var b = 0; b < counts.Length && last < 0; b++)
        {
            var next = seen + counts[b];
            if (first < 0 && lower < next)
            {
                (first, skipped) = (b, seen);
            }

            if (upper < next)
            {
                last = b;
            }

            seen = next;
        }

        return (first, last, skipped);
    }

    /// <summary>The ranks a percentile interpolates between: lower, and upper (equal when no interpolation is needed).</summary>
    internal static (int Lower, int Upper, double Fraction) Ranks(int count, double p)
    {
        var position = p * (count - 1);
        var lower = (int)Math.Floor(position);
        var fraction = position - lower;
        return (lower, fraction == 0 || lower + 1 >= count ? lower : lower + 1, fraction);
    }

    /// <summary>
    /// The percentile from <paramref name="candidates"/>: the values of ranks <paramref name="skipped"/> onwards of
    /// a larger set, holding the ranks needed (found from a histogram of the whole).
    /// </summary>
    internal static double FromCandidates(Span<long> candidates, int skipped, int lower, int upper, double fraction)
    {
        var low = Select(candidates, lower - skipped);
        if (upper == lower)
        {
            return low;
        }

        var high = long.MaxValue;
        foreach (var v in candidates[(lower - skipped + 1)..])
        {
            high = Math.Min(high, v);
        }

        return low + ((high - low) * fraction);
    }

    /// <summary>Reorders <paramref name="values"/> so that index k holds the k-th smallest, smaller ones left of it and larger right (Hoare's quickselect, median of three).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static long Select(Span<long> values, int k)
    {
        int left = 0, right = values.Length - 1;
        while (right > left)
        {
            var mid = left + ((right - left) / 2);
            if (values[mid] < values[left])
            {
                (values[mid], values[left]) = (values[left], values[mid]);
            }

            if (values[right] < values[left])
            {
                (values[right], values[left]) = (values[left], values[right]);
            }

            if (values[right] < values[mid])
            {
                (values[right], values[mid]) = (values[mid], values[right]);
            }

            var pivot = values[mid];
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                break;
            }
        }

        return values[k];
    }
}

namespace Wayfinder.Evidence.Metrics;

using System.Runtime.CompilerServices;
/// <summary>Percentiles by linear interpolation between closest ranks (numpy's default, R's type 7).</summary>
public static class Percentile
{
    /// <summary>
    /// The <paramref name="p"/>-th percentile (0..1), null when empty, without sorting: selects the two ranks needed in
    /// linear time (the span is reordered). Sorting every edge's durations dominated the metrics pass before this.
    /// </summary>
    public static double? Of(Span<long> values, double p)
    {
        if (values.Length == 0)
        {
            return null;
        }

        var position = p * (values.Length - 1);
        var lower = (int)Math.Floor(position);
        var fraction = position - lower;
        var low = Select(values, lower);
        if (fraction == 0 || lower + 1 >= values.Length)
        {
            return low;
        }

        // After selection everything right of `lower` is ≥ it: the next rank is the minimum there.
        var high = long.MaxValue;
        foreach (var v in values[(lower + 1)..])
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

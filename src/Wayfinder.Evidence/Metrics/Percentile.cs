namespace Wayfinder.Evidence.Metrics;

/// <summary>Percentiles by linear interpolation between closest ranks (numpy's default, R's type 7).</summary>
public static class Percentile
{
    /// <summary>The <paramref name="p"/>-th percentile (0..1) of values that are already sorted ascending; null when empty.</summary>
    public static double? OfSorted(ReadOnlySpan<long> sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return null;
        }

        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var fraction = position - lower;
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * fraction);
    }
}

namespace Wayfinder.Evidence.Tests.Metrics;

using Wayfinder.Evidence.Metrics;

/// <summary>The median and p90 from one pass (stage timings): linear interpolation between closest ranks, as DESIGN.md uses.</summary>
public sealed class PercentilePairTests
{
    [Theory]
    // Even count: sorted 1 2 3 4; median at position 1.5 → 2.5; p90 at 2.7 → 3 + 0.7 × (4 − 3).
    [InlineData(new long[] { 4, 1, 3, 2 }, 2.5, 3.7)]
    // Odd count: sorted 1 2 3 4 5; median at 2 → 3; p90 at 3.6 → 4 + 0.6 × (5 − 4).
    [InlineData(new long[] { 5, 1, 4, 2, 3 }, 3, 4.6)]
    // Ties: sorted 1 1 3 3 3; median at 2 → 3; p90 at 3.6 → 3 + 0.6 × (3 − 3).
    [InlineData(new long[] { 3, 3, 3, 1, 1 }, 3, 3)]
    // Two values: median at 0.5 → 15; p90 at 0.9 → 10 + 0.9 × 10.
    [InlineData(new long[] { 20, 10 }, 15, 19)]
    [InlineData(new long[] { 7 }, 7, 7)]
    public void TheMedianAndP90OfSmallInputsInterpolateBetweenClosestRanks(long[] values, double median, double p90)
    {
        var (m, p) = Percentile.Of(values, 0.5, 0.9);

        Assert.Equal(median, m!.Value, 9);
        Assert.Equal(p90, p!.Value, 9);
    }

    [Fact]
    public void NoValuesHaveNoPercentiles()
    {
        Assert.Equal((null, null), Percentile.Of([], 0.5, 0.9));
    }

    [Theory]
    [InlineData(5_000, 1_000_000L, 4)]
    [InlineData(20_000, 3L, 4)]
    [InlineData(50_000, 40_000_000_000L, 4)]
    [InlineData(30_000, 1_000_000L, 0)] // all equal: the median's and p90's bucket is one
    [InlineData(30_000, 86_400_000_000L, 1)] // spread evenly: far-apart buckets
    public void BothPercentilesAgreeWithSortingOnLargeData(int count, long scale, double skew)
    {
        var random = new Random(count + (int)skew);
        var values = Enumerable.Range(0, count).Select(_ => skew == 0 ? scale : (long)(scale * Math.Pow(random.NextDouble(), skew))).ToArray();
        var sorted = values.Order().ToArray();
        foreach (var (p, q) in new[] { (0.5, 0.9), (0.1, 0.11), (0.0, 1.0), (0.9, 0.9) })
        {
            var copy = values.ToArray();
            var (first, second) = Percentile.Of(copy, p, q);

            Assert.Equal(ByRank(sorted, p), first!.Value, 6);
            Assert.Equal(ByRank(sorted, q), second!.Value, 6);
            Assert.Equal(sorted, copy.Order());
        }
    }

    private static double ByRank(long[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }
}

namespace Wayfinder.Evidence.Tests.Metrics;

using Wayfinder.Evidence.Metrics;

public sealed class PercentileTests
{
    [Theory]
    [InlineData(new long[] { 4, 1, 3, 2 }, 0.5, 2.5)]
    [InlineData(new long[] { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, 0.9, 9.1)]
    [InlineData(new long[] { 5 }, 0.9, 5)]
    [InlineData(new long[] { 3, 3, 3, 1, 1 }, 0.5, 3)]
    [InlineData(new long[] { 1, 2 }, 0, 1)]
    [InlineData(new long[] { 1, 2 }, 1, 2)]
    public void SelectionGivesTheInterpolatedPercentileOfSortedValues(long[] values, double p, double expected)
    {
        Assert.Equal(expected, Percentile.Of(values, p)!.Value, 9);
    }

    [Fact]
    public void SelectionAgreesWithSortingOnRandomData()
    {
        var random = new Random(3);
        for (var round = 0; round < 200; round++)
        {
            var values = Enumerable.Range(0, random.Next(1, 60)).Select(_ => (long)random.Next(0, 20)).ToArray();
            var sorted = values.Order().ToArray();
            foreach (var p in new[] { 0.1, 0.5, 0.9 })
            {
                Assert.Equal(ByRank(sorted, p), Percentile.Of(values.ToArray(), p)!.Value, 9);
            }
        }
    }

    [Theory]
    [InlineData(5_000, 1_000_000L)]
    [InlineData(20_000, 3L)]
    [InlineData(50_000, 40_000_000_000L)]
    public void TheHistogramPathAgreesWithSortingOnLargeSkewedData(int count, long scale)
    {
        // Past 4096 values the histogram narrows the search: skewed durations (most short, a few huge), many ties, zeros.
        var random = new Random(count);
        var values = Enumerable.Range(0, count).Select(_ => (long)(scale * Math.Pow(random.NextDouble(), 4))).ToArray();
        values[0] = 0;
        values[1] = long.MaxValue / 2;
        var sorted = values.Order().ToArray();
        foreach (var p in new[] { 0.0, 0.1, 0.5, 0.9, 0.99, 1.0 })
        {
            var copy = values.ToArray();
            Assert.Equal(ByRank(sorted, p), Percentile.Of(copy, p)!.Value, 6);
            Assert.Equal(sorted, copy.Order());
        }
    }

    [Fact]
    public void NegativeValuesInALargeSpanAreSelectedWithoutTheHistogram()
    {
        var values = Enumerable.Range(-5000, 10_000).Select(v => (long)v).Reverse().ToArray();

        Assert.Equal(-0.5, Percentile.Of(values, 0.5)!.Value, 9);
        Assert.Equal(3999.1, Percentile.Of(values, 0.9)!.Value, 9);
    }

    /// <summary>The reference: interpolate between the closest ranks of the sorted values.</summary>
    private static double ByRank(long[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }
}

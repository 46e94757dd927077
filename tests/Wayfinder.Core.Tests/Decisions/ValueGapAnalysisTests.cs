namespace Wayfinder.Core.Tests.Decisions;

using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;

public sealed class ValueGapAnalysisTests
{
    private static ValueNeed Need(string id, int importance, double ours, params (string Competitor, double Rating)[] ratings) => new()
    {
        Id = id,
        Text = id,
        Importance = importance,
        Ours = ours,
        Ratings = ratings.ToDictionary(r => r.Competitor, r => r.Rating),
    };

    private static ValueGapMap Map(double parityBand, params ValueNeed[] needs) => new()
    {
        Id = "map",
        Title = "Map",
        Persona = "maya",
        Competitors = ["alpha", "beta"],
        ParityBand = parityBand,
        Needs = [.. needs],
    };

    [Fact]
    public void GapsAreMeasuredAgainstTheBestCompetitorWeightedClassedAndRanked()
    {
        // Parity band 0.5. gap = best competitor − ours; weighted = gap × importance.
        // speed   imp 5: ours 2.0, alpha 4.0, beta 3.0 → best alpha 4.0, gap  2.0, weighted 10.0, gap
        // price   imp 4: ours 4.0, alpha 3.0, beta 4.5 → best beta  4.5, gap  0.5, weighted  2.0, parity (on the edge)
        // support imp 3: ours 4.5, alpha 3.5, beta 2.0 → best alpha 3.5, gap −1.0, weighted −3.0, strength (importance 3)
        // extras  imp 2: ours 5.0, alpha 3.0, beta 4.0 → best beta  4.0, gap −1.0, weighted −2.0, over-served (importance 2)
        // Rank by weighted gap, largest first: speed 10, price 2, extras −2, support −3. Total of positive weighted gaps: 12.
        var map = Map(
            0.5,
            Need("speed", 5, 2.0, ("alpha", 4.0), ("beta", 3.0)),
            Need("price", 4, 4.0, ("alpha", 3.0), ("beta", 4.5)),
            Need("support", 3, 4.5, ("alpha", 3.5), ("beta", 2.0)),
            Need("extras", 2, 5.0, ("alpha", 3.0), ("beta", 4.0)));

        var result = ValueGapAnalysis.Analyze(map);

        Assert.Equal("map", result.MapId);
        Assert.Equal("maya", result.Persona);
        Assert.Equal(
            [
                new NeedGap("speed", "speed", 5, 2.0, "alpha", 4.0, 2.0, 10.0, NeedClass.Gap, 1),
                new NeedGap("price", "price", 4, 4.0, "beta", 4.5, 0.5, 2.0, NeedClass.Parity, 2),
                new NeedGap("extras", "extras", 2, 5.0, "beta", 4.0, -1.0, -2.0, NeedClass.OverServed, 3),
                new NeedGap("support", "support", 3, 4.5, "alpha", 3.5, -1.0, -3.0, NeedClass.Strength, 4),
            ],
            result.Needs);
        Assert.Equal(12.0, result.TotalWeightedGap);
    }

    [Theory]
    // ours, best, band → class. Differences of exactly the band are parity on both sides.
    [InlineData(3.0, 3.5, 0.5, NeedClass.Parity)]
    [InlineData(3.5, 3.0, 0.5, NeedClass.Parity)]
    [InlineData(3.0, 3.6, 0.5, NeedClass.Gap)]
    [InlineData(3.6, 3.0, 0.5, NeedClass.Strength)]
    [InlineData(3.0, 3.0, 0.5, NeedClass.Parity)]
    // 3.4 − 2.9 is 0.5000000000000004 in binary floating point; the gap is rounded, so it stays parity.
    [InlineData(2.9, 3.4, 0.5, NeedClass.Parity)]
    [InlineData(2.0, 3.0, 1.0, NeedClass.Parity)]
    [InlineData(2.0, 3.25, 1.0, NeedClass.Gap)]
    [InlineData(3.0, 3.25, 0.0, NeedClass.Gap)]
    [InlineData(3.0, 3.0, 0.0, NeedClass.Parity)]
    public void ParityBandEdgesCountAsParity(double ours, double best, double band, NeedClass expected)
    {
        var result = ValueGapAnalysis.Analyze(Map(band, Need("n", 4, ours, ("alpha", best), ("beta", 1.0))));

        Assert.Equal(expected, Assert.Single(result.Needs).Class);
    }

    [Theory]
    // Leading by 1.0 (more than the 0.5 band): a strength where the need matters (3+), over-served below.
    [InlineData(1, NeedClass.OverServed)]
    [InlineData(2, NeedClass.OverServed)]
    [InlineData(3, NeedClass.Strength)]
    [InlineData(5, NeedClass.Strength)]
    public void LeadingOnANeedIsAStrengthOnlyWhenTheNeedMatters(int importance, NeedClass expected)
    {
        var result = ValueGapAnalysis.Analyze(Map(0.5, Need("n", importance, 4.0, ("alpha", 3.0), ("beta", 2.0))));

        var need = Assert.Single(result.Needs);
        Assert.Equal(expected, need.Class);
        Assert.Equal(-1.0 * importance, need.WeightedGap);
    }

    [Fact]
    public void TrailingIsAGapWhateverTheImportance()
    {
        var result = ValueGapAnalysis.Analyze(Map(0.5, Need("n", 1, 2.0, ("alpha", 3.0))));

        var need = Assert.Single(result.Needs);
        Assert.Equal(NeedClass.Gap, need.Class);
        Assert.Equal(1.0, need.WeightedGap);
    }

    [Fact]
    public void ANeedWithNoCompetitorRatingsHasNoCompetitorDataNotParity()
    {
        var result = ValueGapAnalysis.Analyze(Map(0.5, Need("unrated", 5, 2.0)));

        Assert.Equal(new NeedGap("unrated", "unrated", 5, 2.0, null, null, null, null, NeedClass.NoCompetitorData, 1), Assert.Single(result.Needs));
        Assert.Equal(0.0, result.TotalWeightedGap);
        Assert.False(result.HasCompetitorData);
    }

    [Fact]
    public void NeedsWithoutCompetitorDataRankAfterEveryComparedNeed()
    {
        // "behind" trails by 1 (weighted 3) and "ahead" leads by 1 (weighted −4): both rank before the unrated needs,
        // which follow by importance (5 before 1) whatever their rating.
        var result = ValueGapAnalysis.Analyze(Map(
            0.5,
            Need("unrated-low", 1, 1.0),
            Need("ahead", 4, 4.0, ("alpha", 3.0)),
            Need("unrated-high", 5, 5.0),
            Need("behind", 3, 2.0, ("beta", 3.0))));

        Assert.Equal(["behind", "ahead", "unrated-high", "unrated-low"], result.Needs.Select(n => n.NeedId));
        Assert.Equal([NeedClass.Gap, NeedClass.Strength, NeedClass.NoCompetitorData, NeedClass.NoCompetitorData], result.Needs.Select(n => n.Class));
        Assert.True(result.HasCompetitorData);
        Assert.Equal(3.0, result.TotalWeightedGap);
    }

    [Fact]
    public void RatingsOfCompetitorsNotOnTheMapAreIgnored()
    {
        var result = ValueGapAnalysis.Analyze(Map(0.5, Need("n", 3, 3.0, ("alpha", 2.0), ("gamma", 5.0))));

        var need = Assert.Single(result.Needs);
        Assert.Equal("alpha", need.BestCompetitor);
        Assert.Equal(-1.0, need.Gap);
    }

    [Fact]
    public void TiedCompetitorsGoToTheFirstListed()
    {
        var result = ValueGapAnalysis.Analyze(Map(0.5, Need("n", 3, 3.0, ("beta", 4.0), ("alpha", 4.0))));

        Assert.Equal("alpha", Assert.Single(result.Needs).BestCompetitor);
    }

    [Fact]
    public void EqualWeightedGapsRankByImportanceThenId()
    {
        // b: gap 2 × importance 2 = 4; a: gap 1 × importance 4 = 4; c: gap 1 × importance 4 = 4. Importance first (a, c), then id.
        var result = ValueGapAnalysis.Analyze(Map(
            0.5,
            Need("c", 4, 3.0, ("alpha", 4.0)),
            Need("b", 2, 2.0, ("alpha", 4.0)),
            Need("a", 4, 3.0, ("alpha", 4.0))));

        Assert.Equal(["a", "c", "b"], result.Needs.Select(n => n.NeedId));
        Assert.Equal([1, 2, 3], result.Needs.Select(n => n.Rank));
        Assert.All(result.Needs, n => Assert.Equal(4.0, n.WeightedGap));
    }
}

namespace Wayfinder.Core.Tests.Validation;

using Wayfinder.Core.Validation;

public sealed class LevenshteinTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("abc", "", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("futur", "future", 1)]
    [InlineData("trail", "trial", 1)]
    [InlineData("ab", "ba", 1)]
    [InlineData("flaw", "lawn", 2)]
    public void DistanceCountsEditsWithNeighbourSwapsAsOne(string a, string b, int expected)
    {
        Assert.Equal(expected, Levenshtein.Distance(a, b));
        Assert.Equal(expected, Levenshtein.Distance(b, a));
    }

    [Fact]
    public void ClosestSuggestsOnlyNearbyWords()
    {
        string[] known = ["discover", "book", "board"];

        Assert.Equal("board", Levenshtein.Closest("bord", known));
        Assert.Equal("discover", Levenshtein.Closest("dicsover", known));
        Assert.Null(Levenshtein.Closest("pay", known));
        Assert.Equal("book", Levenshtein.Closest("BOOK", known));
    }
}

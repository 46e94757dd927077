namespace Wayfinder.Core.Tests.Validation;

using Wayfinder.Core.Validation;

public sealed class SourceMapTests
{
    private const string Yaml = "stages:\n  - id: trial\n    name: 'it''s x'\n    goal: \"a\\\"b c\"\n";

    [Fact]
    public void PathsMapToOneBasedValueAndKeyPositions()
    {
        var map = SourceMap.Parse(Yaml);

        Assert.Equal(new SourcePosition(2, 9), map.ValueAt("stages[0].id"));
        Assert.Equal(new SourcePosition(2, 5), map.KeyAt("stages[0].id"));
        Assert.Equal(new SourcePosition(2, 5), map.ValueAt("stages[0].steps"));
    }

    [Fact]
    public void ColumnInsideQuotedScalarsCountsEscapesAsWritten()
    {
        var map = SourceMap.Parse(Yaml);

        // 'it''s x': the value starts at column 11; decoded column 4 ("s") sits after the doubled quote, at column 16.
        Assert.Equal(new SourcePosition(3, 16), map.InsideScalar("stages[0].name", 4));

        // "a\"b c": starts at column 11; decoded column 3 ("b") sits after the two-character escape, at column 15.
        Assert.Equal(new SourcePosition(4, 15), map.InsideScalar("stages[0].goal", 3));
    }

    [Fact]
    public void SyntaxErrorIsKeptNotThrown()
    {
        var map = SourceMap.Parse("a: [1, 2\n");

        Assert.Null(map.Root);
        Assert.NotNull(map.SyntaxError);
    }
}

namespace Wayfinder.Core.Tests.Filters;

using Wayfinder.Core.Filters;

public sealed class FilterTests
{
    private static FilterExpression Parsed(string text)
    {
        var result = Filter.Parse(text);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Expression!;
    }

    private static FilterError Failed(string text)
    {
        var result = Filter.Parse(text);
        Assert.False(result.IsSuccess);
        return result.Error!;
    }

    private static Func<string, object?> Lookup(params (string Key, object? Value)[] values) =>
        key => values.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void ComparisonParsesToAttributeOperatorAndValue()
    {
        Assert.Equal(new ComparisonExpression("properties.plan", ComparisonOperator.Equal, FilterValue.String("pro")), Parsed("properties.plan = \"pro\""));
        Assert.Equal(new ComparisonExpression("age", ComparisonOperator.GreaterOrEqual, FilterValue.Number(30)), Parsed("age>=30"));
        Assert.Equal(new ComparisonExpression("trial", ComparisonOperator.NotEqual, FilterValue.Boolean(false)), Parsed("trial != false"));
        Assert.Equal(new ComparisonExpression("delta", ComparisonOperator.Less, FilterValue.Number(-1.5)), Parsed("delta < -1.5"));
    }

    [Fact]
    public void NotBindsTighterThanAndWhichBindsTighterThanOr()
    {
        var a = new ComparisonExpression("a", ComparisonOperator.Equal, FilterValue.Number(1));
        var b = new ComparisonExpression("b", ComparisonOperator.Equal, FilterValue.Number(2));
        var c = new ComparisonExpression("c", ComparisonOperator.Equal, FilterValue.Number(3));

        Assert.Equal(new OrExpression(a, new AndExpression(new NotExpression(b), c)), Parsed("a = 1 or not b = 2 and c = 3"));
        Assert.Equal(new OrExpression(new AndExpression(a, b), c), Parsed("a = 1 and b = 2 or c = 3"));
        Assert.Equal(new AndExpression(a, new OrExpression(b, c)), Parsed("a = 1 and (b = 2 or c = 3)"));
        Assert.Equal(new NotExpression(new OrExpression(a, b)), Parsed("not (a = 1 or b = 2)"));
    }

    [Fact]
    public void AndAndOrAreLeftAssociative()
    {
        var a = new ComparisonExpression("a", ComparisonOperator.Equal, FilterValue.Number(1));
        var b = new ComparisonExpression("b", ComparisonOperator.Equal, FilterValue.Number(2));
        var c = new ComparisonExpression("c", ComparisonOperator.Equal, FilterValue.Number(3));

        Assert.Equal(new AndExpression(new AndExpression(a, b), c), Parsed("a = 1 and b = 2 and c = 3"));
        Assert.Equal(new OrExpression(new OrExpression(a, b), c), Parsed("a = 1 or b = 2 or c = 3"));
    }

    [Fact]
    public void InAndNotInListsParseWithTheirValues()
    {
        Assert.Equal(
            new InExpression("attributes.country", [FilterValue.String("DE"), FilterValue.String("FR")], Negated: false),
            Parsed("attributes.country in (\"DE\", \"FR\")"));
        Assert.Equal(
            new InExpression("tier", [FilterValue.Number(1), FilterValue.Number(2)], Negated: true),
            Parsed("tier not in (1,2)"));
    }

    [Fact]
    public void StringEscapesAreDecoded()
    {
        var expression = (ComparisonExpression)Parsed("""note = "say \"hi\" \\ bye" """);

        Assert.Equal("say \"hi\" \\ bye", expression.Value.Value);
    }

    [Theory]
    [InlineData("plan = \"pro\"", "plan = \"pro\"")]
    [InlineData("  a=1 AND b>=2  or  c<3", "a = 1 and b >= 2 or c < 3")]
    [InlineData("a = 1 and (b = 2 or c = 3)", "a = 1 and (b = 2 or c = 3)")]
    [InlineData("a = 1 or (b = 2 or c = 3)", "a = 1 or (b = 2 or c = 3)")]
    [InlineData("not (a = 1 and b = 2)", "not (a = 1 and b = 2)")]
    [InlineData("not not a = 1", "not not a = 1")]
    [InlineData("x in (\"a\\\"b\",2,true)", "x in (\"a\\\"b\", 2, true)")]
    [InlineData("x not in (0.25)", "x not in (0.25)")]
    [InlineData("(a = 1)", "a = 1")]
    public void ToStringGivesCanonicalTextThatParsesBackToTheSameTree(string text, string canonical)
    {
        var expression = Parsed(text);

        Assert.Equal(canonical, expression.ToString());
        Assert.Equal(expression, Parsed(expression.ToString()));
    }

    [Theory]
    [InlineData("amount >= ", 11, "expected a value after '>=' at column 11, found the end of the filter")]
    [InlineData("plan = \"pro\" and amount >= ", 28, "expected a value after '>=' at column 28, found the end of the filter")]
    [InlineData("plan = pro", 8, "expected a value after '=' at column 8, found 'pro'; to compare with the text pro, write \"pro\"")]
    [InlineData("plan", 5, "expected a comparison (=, !=, <, <=, >, >=, in, not in) after 'plan' at column 5, found the end of the filter")]
    [InlineData("plan == \"pro\"", 6, "'==' at column 6 is not an operator; write a single '='")]
    [InlineData("plan = 'pro'", 8, "strings are written in double quotes; replace the ' at column 8 with \"")]
    [InlineData("plan = \"pro", 8, "the string starting at column 8 is not closed; add a \" at its end")]
    [InlineData("plan = \"a\\nb\"", 10, "unknown escape '\\n' at column 10; inside a string only \\\" and \\\\ are escapes")]
    [InlineData("(a = 1 or b = 2", 16, "expected ')' at column 16 to close the '(' at column 1, found the end of the filter")]
    [InlineData("a = 1)", 6, "unexpected ')' at column 6; there is no '(' for it to close")]
    [InlineData("a = 1 b = 2", 7, "unexpected 'b' at column 7; join conditions with and / or")]
    [InlineData("a = 1 and", 10, "expected an attribute name after 'and' at column 10, found the end of the filter")]
    [InlineData("a in \"x\"", 6, "expected '(' after 'in' at column 6, as in in (\"a\", \"b\")")]
    [InlineData("a in ()", 7, "the list after 'in' is empty at column 7; give at least one value")]
    [InlineData("a in (1 2)", 9, "expected ',' or ')' in the list at column 9, found '2'")]
    [InlineData("a = 1 && b = 2", 7, "'&' at column 7 is not an operator; write the word and")]
    [InlineData("a = 1 # b", 7, "unexpected character '#' at column 7")]
    [InlineData("   ", 1, "the filter is empty; write a condition such as plan = \"pro\"")]
    public void ErrorsSayWhatIsWrongAndAtWhichColumn(string text, int column, string message)
    {
        var error = Failed(text);

        Assert.Equal(new FilterError(column, message), error);
    }

    [Fact]
    public void MissingAttributeMakesEveryComparisonFalse()
    {
        var empty = Lookup();

        Assert.False(Parsed("plan = \"pro\"").Evaluate(empty));
        Assert.False(Parsed("plan != \"pro\"").Evaluate(empty));
        Assert.False(Parsed("plan not in (\"pro\")").Evaluate(empty));
        Assert.True(Parsed("not plan = \"pro\"").Evaluate(empty));
    }

    [Fact]
    public void NumbersCompareNumericallyEvenWhenTheAttributeIsNumberLikeText()
    {
        Assert.True(Parsed("amount > 9").Evaluate(Lookup(("amount", 10))));
        Assert.True(Parsed("amount > 9").Evaluate(Lookup(("amount", "10"))));
        Assert.True(Parsed("amount = 10").Evaluate(Lookup(("amount", "10.0"))));
        Assert.True(Parsed("amount > \"9\"").Evaluate(Lookup(("amount", 10.5))));
        Assert.False(Parsed("amount > 9").Evaluate(Lookup(("amount", "lots"))));
        Assert.True(Parsed("amount != 9").Evaluate(Lookup(("amount", "lots"))));
    }

    [Fact]
    public void StringsCompareOrdinally()
    {
        // "10" < "9" as text: both sides are strings, so no numeric conversion happens.
        Assert.True(Parsed("code < \"9\"").Evaluate(Lookup(("code", "10"))));
        Assert.False(Parsed("country = \"de\"").Evaluate(Lookup(("country", "DE"))));
        Assert.True(Parsed("country > \"B\"").Evaluate(Lookup(("country", "DE"))));
    }

    [Fact]
    public void BooleansCompareByEqualityOnly()
    {
        Assert.True(Parsed("trial = true").Evaluate(Lookup(("trial", true))));
        Assert.True(Parsed("trial = true").Evaluate(Lookup(("trial", "True"))));
        Assert.True(Parsed("trial != true").Evaluate(Lookup(("trial", false))));
        Assert.False(Parsed("trial >= true").Evaluate(Lookup(("trial", true))));
    }

    [Fact]
    public void CombinedFilterEvaluatesWithPrecedence()
    {
        var filter = Parsed("plan = \"pro\" or plan = \"team\" and seats >= 5");

        Assert.True(filter.Evaluate(Lookup(("plan", "pro"), ("seats", 1))));
        Assert.False(filter.Evaluate(Lookup(("plan", "team"), ("seats", 2))));
        Assert.True(filter.Evaluate(Lookup(("plan", "team"), ("seats", 5))));
        Assert.True(Parsed("country in (\"DE\", \"FR\")").Evaluate(Lookup(("country", "FR"))));
        Assert.True(Parsed("country not in (\"DE\", \"FR\")").Evaluate(Lookup(("country", "NL"))));
    }
}

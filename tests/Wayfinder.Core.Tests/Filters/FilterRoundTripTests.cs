namespace Wayfinder.Core.Tests.Filters;

using Wayfinder.Core.Filters;

public sealed class FilterRoundTripTests
{
    private static readonly string[] s_attributes = ["plan", "properties.plan", "attributes.country", "seats", "a_b-c"];

    private static FilterValue RandomValue(Random random) => random.Next(5) switch
    {
        0 => FilterValue.Number(random.Next(-1000, 1000) / 8.0),
        1 => FilterValue.Boolean(random.Next(2) == 0),
        2 => FilterValue.String("say \"hi\" \\ ok"),
        3 => FilterValue.Number(1e21),
        _ => FilterValue.String(s_attributes[random.Next(s_attributes.Length)]),
    };

    private static FilterExpression RandomExpression(Random random, int depth)
    {
        var attribute = s_attributes[random.Next(s_attributes.Length)];
        if (depth == 0)
        {
            return random.Next(3) == 0
                ? new InExpression(attribute, [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomValue(random))], random.Next(2) == 0)
                : new ComparisonExpression(attribute, (ComparisonOperator)random.Next(6), RandomValue(random));
        }

        return random.Next(4) switch
        {
            0 => new AndExpression(RandomExpression(random, depth - 1), RandomExpression(random, random.Next(depth))),
            1 => new OrExpression(RandomExpression(random, random.Next(depth)), RandomExpression(random, depth - 1)),
            2 => new NotExpression(RandomExpression(random, depth - 1)),
            _ => RandomExpression(random, 0),
        };
    }

    [Fact]
    public void AnyExpressionPrintsToTextThatParsesBackToTheSameExpression()
    {
        // Seeded so a failure can be reproduced.
        var random = new Random(20261125);
        for (var i = 0; i < 500; i++)
        {
            var expression = RandomExpression(random, random.Next(5));
            var text = expression.ToString();

            var parsed = Filter.Parse(text);

            Assert.True(parsed.IsSuccess, $"{text}: {parsed.Error?.Message}");
            Assert.Equal(expression, parsed.Expression);
            Assert.Equal(text, parsed.Expression!.ToString());
        }
    }
}

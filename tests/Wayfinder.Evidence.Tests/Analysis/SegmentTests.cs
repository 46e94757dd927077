namespace Wayfinder.Evidence.Tests.Analysis;

using Wayfinder.Evidence.Analysis;
using Wayfinder.Evidence.Store;
using static Wayfinder.Evidence.Tests.Metrics.LogFixture;

/// <summary>Segments over several attributes, where some customers lack some of them (a missing value matches nothing).</summary>
public sealed class SegmentTests
{
    /// <summary>Customers in ordinal order of id: u1..u6; attributes as in the comment beside each.</summary>
    private static EventLog Log()
    {
        var builder = new EventLogBuilder();
        void Add(string customer, params (string Name, string Value)[] attributes) =>
            builder.Add(customer, Days(0), "a", attributes: [.. attributes.Select(a => new KeyValuePair<string, string>(a.Name, a.Value))]);
        Add("u1", ("country", "DE"), ("plan", "pro"), ("age", "30"));
        Add("u2", ("country", "FR"));                      // no plan, no age
        Add("u3", ("plan", "pro"), ("age", "17"));         // no country
        Add("u4", ("country", "GB"), ("plan", "free"), ("age", "45"));
        Add("u5", ("country", "DE"), ("plan", "free"));    // no age
        Add("u6", ("country", "FR"), ("plan", "pro"), ("age", "30"));
        return builder.Build();
    }

    [Theory]
    [InlineData("country in (\"DE\", \"FR\")", new[] { true, true, false, false, true, true })]
    [InlineData("country in (\"DE\", \"FR\") and plan = \"pro\"", new[] { true, false, false, false, false, true })]
    // A missing plan is no match for != either: u2 (FR, no plan) and u3 (no country) are left out.
    [InlineData("plan != \"pro\"", new[] { false, false, false, true, true, false })]
    [InlineData("country not in (\"DE\") or plan = \"pro\"", new[] { true, true, true, true, false, true })]
    // not(...) of a missing value is true: u3's missing country makes the comparison false, so not(...) holds.
    [InlineData("not country = \"DE\"", new[] { false, true, true, true, false, true })]
    // Numbers compare as numbers: ages 30, 17, 45, 30; u2 and u5 have none.
    [InlineData("age >= 30 and customer.country in (\"DE\", \"GB\")", new[] { true, false, false, true, false, false })]
    [InlineData("attributes.age < 18 or attributes.plan = \"free\"", new[] { false, false, true, true, true, false })]
    // An attribute no customer has matches no one.
    [InlineData("tier = \"gold\" or country = \"FR\"", new[] { false, true, false, false, false, true })]
    public void SegmentsOverSeveralAttributesSelectExactlyTheCustomersWhoseValuesMatch(string segment, bool[] expected)
    {
        Assert.Equal(expected, Segments.Customers(Log(), segment));
    }

    [Fact]
    public void ASegmentNamingTheSameAttributeTwiceWithDifferentPrefixesReadsOneColumn()
    {
        Assert.Equal([true, false, false, false, true, false], Segments.Customers(Log(), "country = \"DE\" and attributes.country != \"FR\""));
    }
}

namespace Wayfinder.Core.Tests.Documents;

using Wayfinder.Core.Documents;

public sealed class AttributeLabelsTests
{
    [Theory]
    [InlineData("trips_per_year", "Trips per year")]
    [InlineData("nps_score", "NPS score")]
    [InlineData("home-airport", "Home airport")]
    [InlineData("tripsPerYear", "Trips per year")]
    [InlineData("last_csat", "Last CSAT")]
    [InlineData("EU_resident", "EU resident")]
    [InlineData("Household", "Household")]
    [InlineData("b2b_accounts", "B2B accounts")]
    public void KeysReadAsWordsWithAbbreviationsKeptInCapitals(string key, string expected) =>
        Assert.Equal(expected, AttributeLabels.Of(key));
}

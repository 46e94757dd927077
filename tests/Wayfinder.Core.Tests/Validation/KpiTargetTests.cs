namespace Wayfinder.Core.Tests.Validation;

using Wayfinder.Core.Validation;

public sealed class KpiTargetTests
{
    [Theory]
    [InlineData(">= 80%", ">=", 80, null, "%")]
    [InlineData("<=3 days", "<=", 3, null, "days")]
    [InlineData("4.5", null, 4.5, null, null)]
    [InlineData("= 0", "=", 0, null, null)]
    [InlineData("> -1.5", ">", -1.5, null, null)]
    [InlineData("40..60%", null, 40, 60.0, "%")]
    [InlineData("2 .. 5 days", null, 2, 5.0, "days")]
    [InlineData("< 200 eur/month", "<", 200, null, "eur/month")]
    public void WellFormedTargetsParse(string text, string? comparator, double value, double? upper, string? unit)
    {
        Assert.Equal(new KpiTarget(comparator, value, upper, unit), KpiTarget.Parse(text).Target);
    }

    [Theory]
    [InlineData("", 1, "the target is empty; write one such as >= 80%, <= 3 days or 40..60")]
    [InlineData(">= lots", 4, "expected a number after '>=' at column 4, found 'lots'; a target reads like >= 80%, <= 3 days or 40..60")]
    [InlineData("80% or more", 5, "unexpected 'or more' at column 5; a target is one number with an optional unit, or a range a..b")]
    [InlineData("=< 3", 1, "'=<' at column 1 is not a comparator; write <=")]
    [InlineData(">= 40..60", 6, "a range at column 6 takes no comparator; write either >= 40 or a..b")]
    [InlineData("40%..60 days", 4, "the range's two ends have different units (% and days); use one unit")]
    [InlineData("40..", 5, "expected a number after '..' at column 5, found nothing; a target reads like >= 80%, <= 3 days or 40..60")]
    public void MalformedTargetsSayWhereAndWhat(string text, int column, string message)
    {
        Assert.Equal(new KpiTargetError(column, message), KpiTarget.Parse(text).Error);
    }

    [Fact]
    public void TargetPrintsInCanonicalForm()
    {
        Assert.Equal(">= 80%", KpiTarget.Parse(">=80 %").Target!.ToString());
        Assert.Equal("2..5 days", KpiTarget.Parse("2 .. 5 days").Target!.ToString());
    }

    [Theory]
    [InlineData("5", KpiUnitKind.Plain, null, 0)]
    [InlineData("5 pts", KpiUnitKind.Plain, "", 0)]
    [InlineData("80%", KpiUnitKind.Percent, "%", 0)]
    [InlineData("80 Percent", KpiUnitKind.Percent, "%", 0)]
    [InlineData("30 s", KpiUnitKind.Duration, "s", 1)]
    [InlineData("5 mins", KpiUnitKind.Duration, "min", 60)]
    [InlineData("2 hours", KpiUnitKind.Duration, "h", 3600)]
    [InlineData("3 Days", KpiUnitKind.Duration, "days", 86400)]
    [InlineData("1 w", KpiUnitKind.Duration, "weeks", 604800)]
    [InlineData("< 200 eur/month", KpiUnitKind.Other, "eur/month", 0)]
    public void TheUnitSaysWhatItMeasures(string text, KpiUnitKind kind, string? canonical, double seconds)
    {
        Assert.Equal(new KpiUnit(kind, canonical, seconds), KpiTarget.Parse(text).Target!.Measure);
    }

    [Theory]
    [InlineData("80", ">=")]
    [InlineData("< 3", "<")]
    [InlineData("2..5", "..")]
    public void AComparisonDefaultsToAtLeast(string text, string comparison)
    {
        Assert.Equal(comparison, KpiTarget.Parse(text).Target!.Comparison);
    }
}

namespace Wayfinder.Core.Tests.Validation;

using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

public sealed class CompetitorColorTests
{
    // The reserved colours, as every warning lists them.
    private const string Reserved = "#0072B2 (us), #A84A00 (the gap class), #9AA1AB (the parity class), #00704F (the strength class), #E69F00 (the over-served class)";

    [Fact]
    public void ACompetitorColourOnOrNearAReservedOneIsAWarningNamingTheColourDrawnInstead()
    {
        // AeroLux (first) and BudgetJet (second) take the demo's old colours; Navy #005A8E is √(0² + 24² + 36²) ≈ 43 from
        // #0072B2. "Free" keeps #CC79A7, so AeroLux skips it for the next series colour, #56B4E9; BudgetJet, starting from
        // the second, finds #56B4E9 taken and gets #000000; Navy, from the third, finds #000000 taken and gets #F0E442.
        Assert.Equal(
            [
                $"wayfinder.yaml:5:12 warning: competitors[0].color: competitor \"AeroLux\" (aerolux): #0072B2 is the value gap chart's colour for us, so the chart draws AeroLux in #56B4E9 instead; choose a colour at least 64 (RGB distance) from {Reserved}",
                $"wayfinder.yaml:8:12 warning: competitors[1].color: competitor \"BudgetJet\" (budgetjet): #E69F00 is the value gap chart's colour for the over-served class, so the chart draws BudgetJet in #000000 instead; choose a colour at least 64 (RGB distance) from {Reserved}",
                $"wayfinder.yaml:11:12 warning: competitors[2].color: competitor \"Navy\" (navy): #005A8E is too close to #0072B2, the value gap chart's colour for us, so the chart draws Navy in #F0E442 instead; choose a colour at least 64 (RGB distance) from {Reserved}",
            ],
            Fixture.Lines("reserved-colors"));
        Assert.All(Fixture.Check("reserved-colors"), d => Assert.Equal(("reserved-color", Severity.Warning), (d.Code, d.Severity)));
    }

    [Fact]
    public void DistanceIsEuclideanOverRgbAndShortHexStandsForLong()
    {
        Assert.Equal(0, ChartColors.Distance("#fff", "#FFFFFF"));
        Assert.Equal(Math.Sqrt((24 * 24) + (36 * 36)), ChartColors.Distance("#0072B2", "#005A8E"), 9);
        Assert.Equal(("#0072B2", "us"), ChartColors.Collision("#005a8e"));
        Assert.Null(ChartColors.Collision("#56B4E9")); // 121 from #0072B2
        Assert.Null(ChartColors.Collision("red"));
    }

    [Fact]
    public void EverySeriesColourIsFreeOfTheReservedOnes() =>
        Assert.All(ChartColors.Series, c => Assert.Null(ChartColors.Collision(c)));

    [Fact]
    public void TheDemoCompetitorsAreDrawnInTheColoursTheyAskFor()
    {
        var competitors = Core.Templates.DemoWorkspace.Config().Competitors;

        Assert.Equal([.. competitors.Select(c => c.Color!)], ChartColors.Drawn(competitors));
        Assert.Equal(["#CC79A7", "#56B4E9"], competitors.Select(c => c.Color));
    }
}

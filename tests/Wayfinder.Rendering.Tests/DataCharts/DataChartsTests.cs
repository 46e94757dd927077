namespace Wayfinder.Rendering.Tests.DataCharts;

using System.Globalization;
using System.Xml.Linq;
using Wayfinder.Core.Metrics;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.Drawing;

public sealed class DataChartsTests
{
    private static List<XElement> Texts(string svg) => Svg.Parse(svg).Descendants(Svg.Ns + "text").ToList();

    /// <summary>The Sankey's links: its only translucent paths.</summary>
    private static List<XElement> Links(string svg) =>
        Svg.Parse(svg).Descendants(Svg.Ns + "path").Where(p => (string?)p.Attribute("opacity") == DataCharts.SankeyLinkOpacity.ToString(CultureInfo.InvariantCulture)).ToList();

    /// <summary>A link band's height where it leaves its source: from its first point (top) to its last (bottom).</summary>
    private static double BandWidth(XElement path)
    {
        var numbers = System.Text.RegularExpressions.Regex.Matches((string)path.Attribute("d")!, @"-?\d+(\.\d+)?").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        return Math.Round(numbers[^1] - numbers[1], 2);
    }

    [Fact]
    public void SankeyLinkWidthsAreProportionalToTheCustomersWhoTookTheStep()
    {
        var svg = DataCharts.SankeySvg(DataFixtures.Report(), DataFixtures.Journey());

        // 30 + 10 = 40 customers share the 240-unit flow height: 6 units a customer, so 30 → 180 and 10 → 60.
        Assert.Equal([180, 60], Links(svg).Select(BandWidth));
        var nodes = Svg.Parse(svg).Descendants(Svg.Ns + "rect").Where(r => (string?)r.Attribute("fill") == Palette.Blue && (string?)r.Attribute("width") == "14").ToList();
        Assert.Equal(["240", "180", "60"], nodes.Select(n => (string?)n.Attribute("height")));
    }

    [Fact]
    public void SankeyNamesEveryTouchpointOfTheTopVariantsWithCountsOnTheLinks()
    {
        var report = DataFixtures.Report([new PathVariant(["tp-a", "tp-b"], 30, 0.3), new PathVariant(["tp-c", "tp-a"], 5, 0.05), new PathVariant(["tp-x"], 2, 0.02)]);
        var text = Svg.AllText(DataCharts.SankeySvg(report, DataFixtures.Journey()));

        foreach (var id in new[] { "tp-a", "tp-b", "tp-c", "tp-x" })
        {
            Assert.Contains(id, text, StringComparison.Ordinal);
        }

        Assert.Contains("Search page", text, StringComparison.Ordinal);
        Assert.Contains("Not on the map", text, StringComparison.Ordinal);
        Assert.Contains("30", Texts(DataCharts.SankeySvg(report, DataFixtures.Journey())).Select(t => t.Value));
        Assert.Contains("5 back", text, StringComparison.Ordinal);
        Assert.Contains("35 passes", text, StringComparison.Ordinal); // tp-a: 30 + 5
        Assert.Contains("1.  30 · 30%", text, StringComparison.Ordinal);
    }

    /// <summary>20 touchpoints over 3 stages, 20 variants that each skip every third touchpoint (at different offsets).</summary>
    internal static (Core.Documents.Journey Journey, JourneyReport Report) TwentyTouchpoints()
    {
        var journey = DataFixtures.Journey() with
        {
            Lanes =
            [
                new Core.Documents.Lane
                {
                    Id = "tps",
                    Type = Core.Documents.LaneType.Touchpoints,
                    Items = Enumerable.Range(1, 20).Select(i => new Core.Documents.LaneItem { Id = $"tp-{i}", Stage = $"s{1 + ((i - 1) / 7)}", Text = $"Touchpoint number {i} with a long name" }).ToList(),
                },
            ],
        };
        var variants = Enumerable.Range(0, 20).Select(v => new PathVariant(Enumerable.Range(1, 20).Where(i => (i + v) % 3 != 0).Skip(v % 10).Take(4 + (v % 4)).Select(i => $"tp-{i}").ToList(), 100 - (4 * v), 0.01)).ToList();
        return (journey, DataFixtures.Report(variants));
    }

    [Fact]
    public void SankeyReadsFor20TouchpointsAndKeepsEveryLabelInside()
    {
        var (journey, report) = TwentyTouchpoints();
        var svg = DataCharts.SankeySvg(report, journey);

        var doc = Svg.Parse(svg);
        var width = float.Parse((string)doc.Root!.Attribute("width")!, CultureInfo.InvariantCulture);
        foreach (var t in Texts(svg))
        {
            var x = float.Parse((string)t.Attribute("x")!, CultureInfo.InvariantCulture);
            Assert.InRange(x, 0, width);
        }

        for (var i = 1; i <= 20; i++)
        {
            Assert.Contains($"tp-{i}", Svg.AllText(svg), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SankeyWithoutVariantsSaysThereIsNoData()
    {
        var text = Svg.AllText(DataCharts.SankeySvg(DataFixtures.Report([]), DataFixtures.Journey()));

        Assert.Contains("No data: no customer's path touched a mapped touchpoint", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TrendHasAPanelPerStageWithTheLatestChangeLabelledAndColoured()
    {
        var svg = DataCharts.TrendSvg(DataFixtures.Report(), DataFixtures.Journey());
        var texts = Texts(svg);

        foreach (var name in new[] { "Find a fare", "Pay for it", "Use the ticket" })
        {
            Assert.Contains(texts, t => t.Value == name);
        }

        Assert.Equal(Palette.GreenText, (string?)texts.Single(t => t.Value == "+3.2 pts").Attribute("fill"));
        Assert.Equal(Palette.VermillionText, (string?)texts.Single(t => t.Value == "−1.0 pts").Attribute("fill"));
        Assert.Equal(Palette.InkMuted, (string?)texts.Single(t => t.Value == "±0.0 pts").Attribute("fill"));
        Assert.Contains(texts, t => t.Value == "2026-07: 32 customers · 63.2% conversion");

        // One bar per stage and period.
        Assert.Equal(6, Svg.Parse(svg).Descendants(Svg.Ns + "rect").Count(r => (string?)r.Attribute("fill") == "#9CC7E6" && (string?)r.Attribute("width") != "14"));
    }

    [Fact]
    public void TrendHasNoHeadlineOverASmallSample()
    {
        // 2026-07: 12 customers at s1, so s2's +3.2 pts rests on fewer than 30: no headline, and why.
        var report = DataFixtures.Report(trend: [.. DataFixtures.TwoPeriods().Where(t => !(t.Period == "2026-07" && t.StageId == "s1")), new("2026-07", "s1", 12, 1, 0)]);
        var texts = Texts(DataCharts.TrendSvg(report, DataFixtures.Journey()));

        Assert.DoesNotContain(texts, t => t.Value == "+3.2 pts");
        Assert.Equal(2, texts.Count(t => t.Value == "only 12 in 2026-07, under 30: too few to compare")); // s1 itself and s2
        Assert.Equal(Palette.VermillionText, (string?)texts.Single(t => t.Value == "−1.0 pts").Attribute("fill")); // s3 rests on s2's 30 and 32
    }

    [Fact]
    public void TrendWithOnePeriodRendersAndSaysThereIsNoChangeYet()
    {
        var report = DataFixtures.Report(trend: [new("2026-07", "s1", 50, 1, null), new("2026-07", "s2", 32, 0.64, null)]);
        var text = Svg.AllText(DataCharts.TrendSvg(report, DataFixtures.Journey()));

        Assert.Contains("Only one period (2026-07): no change to show yet.", text, StringComparison.Ordinal);
        Assert.Contains("one period", text, StringComparison.Ordinal);
        Assert.Contains("no data for this stage", text, StringComparison.Ordinal); // s3 has no point
        Assert.Contains("Use the ticket", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TrendWithoutPeriodsRendersAndSaysSo()
    {
        var text = Svg.AllText(DataCharts.TrendSvg(DataFixtures.Report(trend: []), DataFixtures.Journey()));

        Assert.Contains(DataCharts.NoTrendNote, text, StringComparison.Ordinal);
    }

    [Fact]
    public void TrendLeavesOutConversionWhereNoOneReachedThePreviousStage()
    {
        var report = DataFixtures.Report(trend: [.. DataFixtures.TwoPeriods().Where(t => !(t.Period == "2026-07" && t.StageId == "s2")), new("2026-07", "s2", 0, 0, -0.6)]);
        var text = Svg.AllText(DataCharts.TrendSvg(report, DataFixtures.Journey()));

        Assert.Contains("no one at the stage before in 2026-07", text, StringComparison.Ordinal);
        Assert.Contains("2026-07: 25 customers · no conversion", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FunnelShowsConversionDropOffAndMedianTimeToTheNextStage()
    {
        var text = Svg.AllText(DataCharts.FunnelSvg(DataFixtures.Report(), DataFixtures.Journey()));

        Assert.Contains("01 Find a fare", text, StringComparison.Ordinal);
        Assert.Contains("−40 (40%) did not reach the next stage", text, StringComparison.Ordinal);
        Assert.Contains("−15 (25%) did not reach the next stage", text, StringComparison.Ordinal);
        Assert.Contains("median 25 h to the next stage (p90 2.1 days)", text, StringComparison.Ordinal); // 90,000 s; 180,000 s
        Assert.Contains("median 10 min to the next stage", text, StringComparison.Ordinal);
        Assert.Contains("60% of previous", text, StringComparison.Ordinal);
        Assert.Contains("75% of previous", text, StringComparison.Ordinal);
        Assert.Contains("45% of start", text, StringComparison.Ordinal);
        Assert.Contains("45 of 100 reached the last stage (45%).", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FunnelWithoutCustomersSaysSo()
    {
        var report = DataFixtures.Report() with { Metrics = new JourneyMetrics { JourneyId = "small" } };
        var text = Svg.AllText(DataCharts.FunnelSvg(report, DataFixtures.Journey()));

        Assert.Contains("No data: no customer reached the first stage", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(45, "45 s")]
    [InlineData(600, "10 min")]
    [InlineData(90_000, "25 h")]
    [InlineData(259_200, "3 days")]
    public void DurationsReadInTheLargestFittingUnit(double seconds, string expected) => Assert.Equal(expected, DataCharts.Duration(seconds));

    [Theory]
    [InlineData(0.032, "+3.2 pts")]
    [InlineData(-0.01, "−1.0 pts")]
    [InlineData(0.0004, "±0.0 pts")]
    public void ChangesReadAsSignedSharePoints(double change, string expected) => Assert.Equal(expected, DataCharts.Points(change));
}

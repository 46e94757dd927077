namespace Wayfinder.Rendering.Tests.DataCharts;

using System.Globalization;
using System.Xml.Linq;
using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.Drawing;

/// <summary>The chart rules of issue 13: trend headlines and bands, tied markers, matrix labels, the stage flow chart.</summary>
public sealed class ChartRulesTests
{
    private static List<XElement> Texts(string svg) => Svg.Parse(svg).Descendants(Svg.Ns + "text").ToList();

    private static float Attr(XElement e, string name) => float.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    [Fact]
    public void WilsonIntervalMatchesTheHandComputedBounds()
    {
        // 8 of 10: centre (0.8 + 1.96²/20) / (1 + 1.96²/10) = 0.7167, half 1.96·√(0.016 + 0.009604) / 1.38416 = 0.2266.
        var (low, high) = DataCharts.Wilson(8, 10);
        Assert.Equal(0.490, Math.Round(low, 3));
        Assert.Equal(0.943, Math.Round(high, 3));

        // 0 of 4: centre = half = (1.96²/8) / (1 + 1.96²/4) = 0.2449, so 0 to 0.490.
        (low, high) = DataCharts.Wilson(0, 4);
        Assert.Equal(0, low);
        Assert.Equal(0.490, Math.Round(high, 3));
        Assert.Equal((0, 1), DataCharts.Wilson(0, 0));
    }

    [Fact]
    public void TrendHasNoHeadlineAtFourCustomersAndSaysWhy()
    {
        var report = DataFixtures.Report(trend:
        [
            new("2026-06", "s1", 4, 1, null), new("2026-06", "s2", 2, 0.5, null),
            new("2026-07", "s1", 4, 1, 0), new("2026-07", "s2", 3, 0.75, 0.25),
        ]);
        var svg = DataCharts.TrendSvg(report, DataFixtures.Journey());
        var texts = Texts(svg);

        Assert.Equal(3, texts.Count(t => t.Value == "no headline"));
        Assert.Equal(2, texts.Count(t => t.Value == "only 4 in 2026-07, under 30: too few to compare")); // s1 (its own 4) and s2 (4 at s1)
        Assert.DoesNotContain(texts, t => t.Value.EndsWith(" pts", StringComparison.Ordinal));

        // Every bar rests on 4 customers or fewer: all four grey (the key's swatch is 14 wide), each marked with its n.
        var bars = Svg.Parse(svg).Descendants(Svg.Ns + "rect").Where(r => (string?)r.Attribute("width") != "14").ToList();
        Assert.Equal(4, bars.Count(r => (string?)r.Attribute("fill") == "#D5DAE1"));
        Assert.DoesNotContain(bars, r => (string?)r.Attribute("fill") == "#9CC7E6");
        Assert.Equal(4, texts.Count(t => t.Value == "n=4"));
    }

    [Fact]
    public void TrendHeadlineComparesTheLastCompletePeriodWithTheOneBefore()
    {
        // 2026-08 is still running (and small): the headline is 2026-07 (30 of 50 = 0.6) against 2026-06 (20 of 40 = 0.5).
        var report = DataFixtures.Report(trend:
        [
            new("2026-06", "s1", 40, 1, null), new("2026-06", "s2", 20, 0.5, null),
            new("2026-07", "s1", 50, 1, 0), new("2026-07", "s2", 30, 0.6, 0.1),
            new("2026-08", "s1", 10, 1, 0) { Running = true }, new("2026-08", "s2", 9, 0.9, 0.3) { Running = true },
        ]);
        var svg = DataCharts.TrendSvg(report, DataFixtures.Journey());
        var texts = Texts(svg);

        Assert.Equal(Palette.GreenText, (string?)texts.Single(t => t.Value == "+10.0 pts").Attribute("fill"));
        Assert.Equal(2, texts.Count(t => t.Value == "conversion 2026-07 vs 2026-06")); // s1 ±0.0 and s2
        Assert.Contains(texts, t => t.Value == "±0.0 pts");
        Assert.DoesNotContain(texts, t => t.Value == "+30.0 pts");
        Assert.Contains(texts, t => t.Value.StartsWith("2026-08 is still running", StringComparison.Ordinal));

        // 2026-08's bars are grey (10 customers at s1) and dashed (running); the rest blue.
        var bars = Svg.Parse(svg).Descendants(Svg.Ns + "rect").Where(r => (string?)r.Attribute("width") != "14").ToList();
        Assert.Equal(2, bars.Count(r => (string?)r.Attribute("fill") == "#D5DAE1" && (string?)r.Attribute("stroke-dasharray") == "3 2"));
        Assert.Equal(4, bars.Count(r => (string?)r.Attribute("fill") == "#9CC7E6"));

        // The conversion lines carry a Wilson band each (s1 and s2; s3 has no data).
        Assert.Equal(3, Svg.Parse(svg).Descendants(Svg.Ns + "path").Count(p => (string?)p.Attribute("fill") == Palette.SkyBlue)); // with the key's swatch
    }

    [Fact]
    public void HeadlineRuleNamesTheReasonForEachCase()
    {
        var journey = DataFixtures.Journey();
        DataCharts.TrendHeadline Of(params TrendPoint[] trend)
        {
            var report = DataFixtures.Report(trend: trend);
            var periods = trend.Select(t => t.Period).Distinct().Order(StringComparer.Ordinal).ToList();
            return DataCharts.Headline(DataCharts.TrendSeries(report, journey, "s1", periods), report.SmallSampleSize);
        }

        Assert.Equal("2026-07 is still running: fewer than two complete periods", Of(new("2026-06", "s1", 40, 1, null), new("2026-07", "s1", 40, 1, 0) { Running = true }).Reason);
        Assert.Equal("only 29 in 2026-06, under 30: too few to compare", Of(new("2026-06", "s1", 29, 1, null), new("2026-07", "s1", 30, 1, 0)).Reason);
        var headline = Of(new("2026-06", "s1", 30, 1, null), new("2026-07", "s1", 30, 1, 0));
        Assert.Equal((0d, "2026-06", "2026-07"), (headline.Change!.Value, headline.From, headline.To));
    }

    [Fact]
    public void TiedValueGapMarkersStandSideBySideOnTheirValue()
    {
        // One need where us, Acme and Zen all rate 3: the axis runs from x 496 to 826 for 1–5, so 3 is at 661, and the
        // three markers are centred on it 16 apart: us 645, Acme 661 (a 12-wide square from 655), Zen 677 (a triangle).
        var map = new ValueGapMap
        {
            Id = "ties",
            Title = "Ties",
            Persona = "maya",
            Competitors = ["acme", "zen"],
            Needs = [new ValueNeed { Id = "price", Text = "Clear total price", Importance = 5, Ours = 3, Ratings = { ["acme"] = 3, ["zen"] = 3 } }],
        };
        var basis = TestJourneys.Workspace();
        var workspace = new Workspace { Root = basis.Root, Config = basis.Config, Personas = basis.Personas, ValueGaps = [new(map, "value-gaps/ties.yaml", "")] };
        var svg = Svg.Parse(DecisionCharts.ValueGapSvg(ValueGapAnalysis.Analyze(map), workspace));

        // acme has no colour of its own: zen holds #CC79A7, so acme gets the next series colour, #56B4E9.
        var us = svg.Descendants(Svg.Ns + "circle").Where(c => (string?)c.Attribute("fill") == Palette.Blue && (string?)c.Attribute("r") == "8").MaxBy(c => Attr(c, "cy"))!;
        var acme = svg.Descendants(Svg.Ns + "rect").Where(r => (string?)r.Attribute("fill") == "#56B4E9").MaxBy(r => Attr(r, "y"))!;
        var zen = svg.Descendants(Svg.Ns + "path").Where(p => (string?)p.Attribute("fill") == "#CC79A7").Last();
        Assert.Equal(645, Attr(us, "cx"));
        Assert.Equal(655, Attr(acme, "x"));
        Assert.StartsWith("M677 ", (string)zen.Attribute("d")!, StringComparison.Ordinal);
        var width = Attr(svg.Root!, "width");
        Assert.All(new[] { 645f, 661f, 677f }, x => Assert.InRange(x, 0, width));
        Assert.Equal([645f, 661f, 677f, 743.5f], DecisionCharts.MarkerXs([3, 3, 3, 4], v => 496 + (float)((v - 1) / 4 * 330)));
    }

    [Fact]
    public void MatrixPointsSitOnTheirValuesAndNoLabelsOverlap()
    {
        // 13 opportunities; 11, 12 and 13 share effort 3 and value 3.5.
        (int Effort, double Value)[] spots = [(1, 5), (2, 5), (1, 4.5), (2, 4), (4, 4), (5, 3), (4, 2), (2, 2), (1, 1), (5, 5), (3, 3.5), (3, 3.5), (3, 3.5)];
        var opportunities = spots.Select((s, i) => new RankedOpportunity(
            "j", $"o{i + 1}", "s1", $"Opportunity {i + 1}", null, OpportunityStatus.Idea, 3, 3, s.Effort, s.Value, s.Value / s.Effort,
            OpportunityRanking.QuadrantOf(s.Value, s.Effort), [], i + 1)).ToList();

        var labels = DecisionCharts.MatrixLabels(opportunities);

        // The plot is 440 wide from x 76 and y 80; effort e at 76 + (e − 0.5) / 5 × 440, value v at 520 − (v − 0.5) / 5 × 440.
        Assert.Equal(13, labels.Count);
        foreach (var label in labels)
        {
            var (effort, value) = spots[label.Opportunity.Rank - 1];
            Assert.Equal(76 + ((effort - 0.5) / 5 * 440), label.PointX, 3);
            Assert.Equal(520 - ((value - 0.5) / 5 * 440), label.PointY, 3);
        }

        var tied = labels.Where(l => l.Opportunity.Rank >= 11).ToList();
        Assert.All(tied, l => Assert.Equal((296f, 256f), (l.PointX, l.PointY)));
        Assert.Equal(2, tied.Count(l => l.Moved));
        for (var a = 0; a < labels.Count; a++)
        {
            for (var b = a + 1; b < labels.Count; b++)
            {
                var (p, q) = (labels[a].Box, labels[b].Box);
                Assert.False(p.X < q.X + q.W && q.X < p.X + p.W && p.Y < q.Y + q.H && q.Y < p.Y + p.H, $"labels {labels[a].Opportunity.Rank} and {labels[b].Opportunity.Rank} overlap");
            }
        }

        // A moved label has a leader line from its point to its centre.
        var svg = Svg.Parse(DecisionCharts.OpportunityMatrixSvg(opportunities));
        foreach (var label in labels.Where(l => l.Moved))
        {
            var (cx, cy) = (label.Box.X + (label.Box.W / 2), label.Box.Y + (label.Box.H / 2));
            var leader = string.Create(CultureInfo.InvariantCulture, $"M{Math.Round(label.PointX, 2)} {Math.Round(label.PointY, 2)}L{Math.Round(cx, 2)} {Math.Round(cy, 2)}");
            Assert.Contains(svg.Descendants(Svg.Ns + "path"), p => (string?)p.Attribute("d") == leader);
        }
    }

    [Fact]
    public void StageFlowsCountForwardBackWithinOtherAndLeavers()
    {
        // tp-a is in s1, tp-b and tp-c in s2; "kiosk-x" is not on the map.
        var report = DataFixtures.Report() with
        {
            Metrics = DataFixtures.Report().Metrics with
            {
                Flow =
                [
                    new FlowEdge("tp-a", "tp-b", 30, 60), new FlowEdge("tp-a", "tp-c", 10, 60), new FlowEdge("tp-b", "tp-a", 5, 60),
                    new FlowEdge("tp-b", "tp-c", 3, 60), new FlowEdge("tp-a", "tp-a", 2, 60), new FlowEdge("kiosk-x", "tp-a", 4, 60),
                ],
                Endpoints = [new EndpointRow("tp-a", 40, 20), new EndpointRow("tp-b", 0, 15), new EndpointRow("tp-c", 0, 5)],
            },
        };

        var flow = DataCharts.StageFlows(report, DataFixtures.Journey());

        Assert.Equal([new StageFlowLink(0, 1, 40), new StageFlowLink(1, 0, 5)], flow.Links);
        Assert.Equal(
            [new StageFlowNode("s1", "Find a fare", 40, 20, 2), new StageFlowNode("s2", "Pay for it", 0, 20, 3), new StageFlowNode("s3", "Use the ticket", 0, 0, 0)],
            flow.Stages);
        Assert.Equal((4, 54), (flow.Other, flow.Moves));

        var texts = Texts(DataCharts.FlowSvg(report, DataFixtures.Journey())).Select(t => t.Value).ToList();
        Assert.Contains("40 on", texts);
        Assert.Contains("5 back", texts);
        Assert.Contains("40 start · 20 leave · 2 moves within", texts);
        Assert.Contains("20 leave · 3 moves within", texts);
        Assert.Contains(texts, t => t.StartsWith("other: 4 moves", StringComparison.Ordinal));

        // The variants beside it: 30 and 10 of 100 customers, and the other 60.
        Assert.Contains("30 · 30%", texts);
        Assert.Contains("10 · 10%", texts);
        Assert.Contains("60 · 60%", texts);
    }

    [Fact]
    public void FlowsUnderOnePercentOfTheMovesBetweenStagesAreOther()
    {
        // 200 moves from s1 to s2 and 1 back: 1 < 1% of 201, so it is folded into "other".
        var report = DataFixtures.Report() with
        {
            Metrics = DataFixtures.Report().Metrics with { Flow = [new FlowEdge("tp-a", "tp-b", 200, 60), new FlowEdge("tp-b", "tp-a", 1, 60)] },
        };

        var flow = DataCharts.StageFlows(report, DataFixtures.Journey());

        Assert.Equal([new StageFlowLink(0, 1, 200)], flow.Links);
        Assert.Equal(1, flow.Other);
    }
}

namespace Wayfinder.Rendering.Tests.DataCharts;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Reports;

public sealed class DataReportTests
{
    private const string Hostile = "<script>alert(1)</script> ]]> & end";
    private const string Escaped = "&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp; end";

    private static (Journey Journey, Workspace Workspace, JourneyReport Report) HostileData()
    {
        var journey = DataFixtures.Journey("Stage " + Hostile, "Touchpoint " + Hostile);
        var report = DataFixtures.Report() with
        {
            Cut = "cut " + Hostile,
            Gaps =
            [
                new KnowledgeGap("touchpoint-without-surveys", "small", "tp-b", "Gap " + Hostile),
                new KnowledgeGap("stage-without-events", "small", "s1", "Stage gap " + Hostile),
            ],
            PersonaChecks = [new PersonaCheck("maya", "channels", "Check " + Hostile)],
            Kpis = [new KpiResult("s1", "metric " + Hostile, "Target " + Hostile, null, "", null, "Problem " + Hostile)],
        };
        return (journey, TestJourneys.Workspace(journey), report);
    }

    private static void AssertSafe(string svg)
    {
        var doc = Svg.Parse(svg);
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName == "script");
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("]]>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void HostileStageNamesTouchpointTextsAndGapMessagesAreEscapedInEverySvg()
    {
        var (journey, workspace, report) = HostileData();
        var svgs = new Dictionary<string, string>
        {
            ["map"] = JourneyMapRenderer.RenderSvg(journey, workspace, new MapRenderOptions(TestJourneys.Today, 1, report)),
            ["funnel"] = DataCharts.FunnelSvg(report, journey),
            ["paths"] = DataCharts.SankeySvg(report, journey),
            ["trend"] = DataCharts.TrendSvg(report, journey),
        };

        foreach (var (name, svg) in svgs)
        {
            AssertSafe(svg);
            Assert.True(svg.Contains(Escaped, StringComparison.Ordinal), name);
        }

        // The text comes back intact when the SVG is read: escaped, not dropped.
        Assert.Contains("Stage <script>alert(1)</script>", Svg.AllText(svgs["trend"]), StringComparison.Ordinal);
        Assert.Contains("Touchpoint <script>alert(1)</script>", Svg.AllText(svgs["paths"]), StringComparison.Ordinal);
        Assert.Contains("Touchpoint <script>alert(1)</script>", Svg.AllText(svgs["map"]), StringComparison.Ordinal);
    }

    [Fact]
    public void HostileTextIsEscapedInTheHtmlReportWithData()
    {
        var (journey, workspace, report) = HostileData();
        var html = HtmlReport.Render(journey, workspace, TestJourneys.Today, report);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("]]>", html, StringComparison.Ordinal);
        foreach (var field in new[] { "Stage ", "Gap ", "Stage gap ", "Check ", "Problem ", "Target ", "cut " })
        {
            Assert.Contains(field + Escaped, html, StringComparison.Ordinal);
        }

        var start = 0;
        while ((start = html.IndexOf("<svg ", start, StringComparison.Ordinal)) >= 0)
        {
            var end = html.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length;
            AssertSafe(html[start..end]);
            start = end;
        }
    }

    [Fact]
    public void TheReportWithDataHoldsEveryDataSection()
    {
        var journey = DataFixtures.Journey();
        var html = HtmlReport.Render(journey, TestJourneys.Workspace(journey), DataFixtures.Report());

        // Every section is there, and the navigation lists them in page order.
        string[] order = ["map", "funnel", "paths", "trend", "satisfaction", "personas", "value-gaps", "opportunities", "kpis", "stranded", "gaps", "persona-checks"];
        Assert.Equal(order, System.Text.RegularExpressions.Regex.Matches(html, "<section id=\"([a-z-]+)\">").Select(m => m.Groups[1].Value));
        Assert.Equal(order, System.Text.RegularExpressions.Regex.Matches(html[..html.IndexOf("</nav>", StringComparison.Ordinal)], "<a href=\"#([a-z-]+)\">").Select(m => m.Groups[1].Value));

        // s1: CSAT 4.25 of 8, CES 2.5 of 4, NPS +25 of 4, sentiment +0.5 of 3, measured +1.2 of 12, designed +1.
        // Every n is under the default threshold of 30, so each is marked as a small sample.
        static string N(int n) => $" <small>n={n}</small> <small class=\"small-sample\" title=\"fewer than 30 customers or answers\">small sample</small>";
        Assert.Contains($"<td>Find a fare</td><td class=\"num\">12</td><td class=\"num\">4.3{N(8)}</td><td class=\"num\">2.5{N(4)}</td>"
            + $"<td class=\"num\">+25{N(4)}</td><td class=\"num\">+0.50{N(3)}</td><td class=\"num\">+1.2{N(12)}</td><td class=\"num\">+1</td>", html, StringComparison.Ordinal);

        // Stranded: tp-a (20 of 100) before tp-c (5 of 10); tp-b strands no one.
        Assert.Contains("<td class=\"num\">20</td><td class=\"num\">100</td><td class=\"num\">20% <small>n=100</small></td>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("<code>tp-a</code>", StringComparison.Ordinal) < html.IndexOf("<code>tp-c</code>", StringComparison.Ordinal));
        Assert.DoesNotContain("<code>tp-b</code></small>", html, StringComparison.Ordinal);
        Assert.Contains("says they prefer &#39;app&#39;, but only 2% of events happen there", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
    }
}

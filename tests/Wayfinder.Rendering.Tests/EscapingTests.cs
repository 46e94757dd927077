namespace Wayfinder.Rendering.Tests;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Personas;
using Wayfinder.Rendering.Reports;

/// <summary>User text in every field kind is escaped, never written as markup, in SVG and in HTML.</summary>
public sealed class EscapingTests
{
    private const string Script = "<script>alert(1)</script>";
    private const string Hostile = Script + " ]]> & \"quoted\" 'single' \u0001\u001b\u0007 end";

    private static (Journey Journey, Workspace Workspace) Hostile5()
    {
        var journey = TestJourneys.Map(5) with
        {
            Title = "Title " + Hostile,
            BusinessGoal = "Goal " + Hostile,
            Scenario = "Scenario " + Hostile,
        };
        journey = journey with
        {
            Stages = journey.Stages.Select((s, i) => i == 0 ? s with { Name = "Stage " + Hostile, Goal = "Customer goal " + Hostile } : s).ToList(),
            Lanes = journey.Lanes.Select(l => l.Type switch
            {
                LaneType.Actions => l with { Name = "Lane " + Hostile, Items = [.. l.Items, new LaneItem { Stage = "s1", Text = "Item " + Hostile }] },
                LaneType.Kpis => l with { Items = [.. l.Items, new LaneItem { Stage = "s2", Text = "KPI " + Hostile, Target = "Target " + Hostile, Actual = "Actual " + Hostile, Metric = "metric " + Hostile }] },
                LaneType.Touchpoints => l with { Items = [.. l.Items, new LaneItem { Stage = "s3", Text = "Touchpoint", Channel = "evil", Owner = "Owner " + Hostile }] },
                LaneType.Opportunities => l with { Items = [.. l.Items, new LaneItem { Stage = "s4", Text = "Opportunity " + Hostile, Owner = Hostile }] },
                _ => l,
            }).ToList(),
        };
        var maya = TestJourneys.Maya() with { Quote = "Quote " + Hostile, Name = "Name " + Hostile, Role = Hostile };
        var workspace = TestJourneys.Workspace(journey);
        workspace.Personas[0] = new SourcedDocument<Persona>(maya, "personas/maya.yaml", "");
        workspace.Config.Channels.Add(new Channel { Id = "evil", Name = "Channel " + Hostile, Glyph = "\"><script>" });
        workspace.Config.Competitors.Add(new Competitor { Id = "evil", Name = "Competitor " + Hostile, Color = "red\" onload=\"alert(1)" });
        workspace.ValueGaps[0] = new SourcedDocument<ValueGapMap>(
            TestJourneys.MayaGaps() with
            {
                Competitors = ["acme", "zen", "evil"],
                Needs = [.. TestJourneys.MayaGaps().Needs, new ValueNeed { Id = "evil", Text = "Need " + Hostile, Ours = 2, Ratings = { ["evil"] = 4 } }],
            },
            "value-gaps/maya.yaml",
            "");
        return (journey, workspace);
    }

    [Fact]
    public void MapSvgEscapesEveryFieldKind()
    {
        var (journey, workspace) = Hostile5();
        var svg = JourneyMapRenderer.RenderSvg(journey, workspace, new MapRenderOptions(TestJourneys.Today));

        AssertSafeSvg(svg);
        var text = Svg.AllText(svg);
        foreach (var field in new[] { "Title", "Goal", "Scenario", "Stage", "Customer goal", "Item", "KPI", "Quote", "Channel" })
        {
            Assert.Contains(field + " <script>", text, StringComparison.Ordinal);
        }

        // KPI target and actual go through the same escaping; their text comes back intact after parsing.
        Assert.Contains("target Target <script>", text, StringComparison.Ordinal);
        Assert.Contains("Actual <script>", text, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void PersonaCardAndChartsEscapeUserText()
    {
        var (journey, workspace) = Hostile5();
        var persona = workspace.FindPersona("maya")!;
        AssertSafeSvg(PersonaCardRenderer.RenderSvg(persona, workspace, TestJourneys.Today));
        AssertSafeSvg(DecisionCharts.ValueGapSvg(Core.Decisions.ValueGapAnalysis.Analyze(workspace.FindValueGap("maya-gaps")!), workspace));
        AssertSafeSvg(DecisionCharts.OpportunityMatrixSvg(Core.Decisions.OpportunityRanking.Rank([journey])));
    }

    [Fact]
    public void HtmlReportEscapesEveryFieldKind()
    {
        var (journey, workspace) = Hostile5();
        var html = HtmlReport.Render(journey, workspace, TestJourneys.Today);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("]]>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onload", html, StringComparison.Ordinal);
        Assert.DoesNotContain(html, c => char.IsControl(c) && c != '\n');
        Assert.Contains("<title>Title &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp; &quot;quoted&quot; &#39;single&#39;  end</title>", html, StringComparison.Ordinal);
        Assert.Contains("Target &lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Goal &lt;script&gt;", html, StringComparison.Ordinal);

        // Every inline SVG in the report is itself well-formed XML.
        var start = 0;
        while ((start = html.IndexOf("<svg ", start, StringComparison.Ordinal)) >= 0)
        {
            var end = html.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length;
            AssertSafeSvg(html[start..end]);
            start = end;
        }
    }

    private static void AssertSafeSvg(string svg)
    {
        var doc = Svg.Parse(svg);
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName == "script");
        Assert.DoesNotContain(doc.Descendants().SelectMany(e => e.Attributes()), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("]]>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(svg, char.IsControl);
    }
}

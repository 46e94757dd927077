namespace Wayfinder.Rendering.Tests;

using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Personas;
using Wayfinder.Rendering.Reports;

public sealed class PersonaAndChartTests
{
    [Fact]
    public void PersonaCardShowsEverySectionPresent()
    {
        var maya = TestJourneys.Maya();
        var svg = PersonaCardRenderer.RenderSvg(maya, TestJourneys.Workspace(), TestJourneys.Today);

        var text = Svg.AllText(svg);
        foreach (var expected in new[]
        {
            "Maya Okafor", "Budget traveller", "qualitative persona", "reviewed 2026-10-01", "“I just want to know what I'm paying for before I click buy.”",
            "DEMOGRAPHICS", "25–34", "Leeds, UK", "Household", "GOALS", "NEEDS", "Clear total price up front", "importance 1–5", "JOBS TO BE DONE",
            "When a family event comes up, I want to book a cheap flight in minutes, so I can focus on the visit.", "PAINS", "GAINS", "BEHAVIOURS",
            "PREFERRED CHANNELS", "Mobile app", "COMPETITORS", "Acme Air: Cheap but stressful", "EMPATHY MAP", "SAYS", "THINKS", "DOES", "FEELS",
            "Anxious at checkout",
        })
        {
            Assert.True(text.Contains(expected, StringComparison.Ordinal), expected);
        }

        Assert.DoesNotContain("REVIEW OVERDUE", text, StringComparison.Ordinal);
    }

    [Fact]
    public void StaleProtoPersonaWithAPhotoEmbedsTheImageAndSaysItIsOverdue()
    {
        var omar = TestJourneys.Omar();
        var svg = PersonaCardRenderer.RenderSvg(omar, TestJourneys.Workspace(), TestJourneys.Today);

        var doc = Svg.Parse(svg);
        var image = Assert.Single(doc.Descendants(Svg.Ns + "image"));
        Assert.StartsWith("data:image/png;base64,", (string)image.Attribute("href")!, StringComparison.Ordinal);
        Assert.Contains("REVIEW OVERDUE", Svg.AllText(svg), StringComparison.Ordinal);
        Assert.Contains("proto persona", Svg.AllText(svg), StringComparison.Ordinal);
        Assert.NotNull(SkiaSharp.SKBitmap.Decode(Rasterizer.SvgToPng(svg)));
    }

    [Fact]
    public void PhotosThatAreNotEmbeddedImagesAreNeverReferenced()
    {
        var persona = TestJourneys.Omar() with { Photo = "file:///etc/passwd" };
        var svg = PersonaCardRenderer.RenderSvg(persona, TestJourneys.Workspace(), TestJourneys.Today);

        Assert.DoesNotContain(Svg.Parse(svg).Descendants(), e => e.Name.LocalName == "image");
        Assert.DoesNotContain("passwd", svg, StringComparison.Ordinal);
        Assert.False(Drawing.Scene.IsEmbeddableImage("data:image/svg+xml;base64,PHN2Zz4="));
        Assert.False(Drawing.Scene.IsEmbeddableImage("data:image/png;base64,AAA\"/><script>"));
    }

    [Fact]
    public void ValueGapChartRanksNeedsAndNamesTheirClass()
    {
        var workspace = TestJourneys.Workspace();
        var result = ValueGapAnalysis.Analyze(TestJourneys.MayaGaps());
        var svg = DecisionCharts.ValueGapSvg(result, workspace);

        var text = Svg.AllText(svg);
        Assert.Contains("Value gap map — Maya Okafor", text, StringComparison.Ordinal);
        Assert.Contains("Acme Air", text, StringComparison.Ordinal);
        Assert.Contains("Zen Travel", text, StringComparison.Ordinal);

        // price: best competitor acme 4 − ours 2.5 = 1.5, × importance 5 = 7.5; ranked first. Total positive weighted gap 7.5 + 0.3 × 3 = 8.4.
        Assert.Contains("gap +1.5 × 5 = +7.5", text, StringComparison.Ordinal);
        Assert.Contains("Total weighted gap (where we trail): 8.4", text, StringComparison.Ordinal);
        var needs = result.Needs.Select(n => n.Text).ToList();
        var positions = needs.Select(n => text.IndexOf(n, StringComparison.Ordinal)).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("over-served", text, StringComparison.Ordinal);
        Assert.Contains("strength", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueGapChartWithoutCompetitorRatingsSaysNoCompetitorDataNotParity()
    {
        var workspace = TestJourneys.Workspace();
        var map = TestJourneys.MayaGaps();
        map = map with { Needs = [.. map.Needs.Select(n => n with { Ratings = [] })] };
        var svg = DecisionCharts.ValueGapSvg(ValueGapAnalysis.Analyze(map), workspace);

        var text = Svg.AllText(svg);
        Assert.Contains("No competitor data", text, StringComparison.Ordinal);
        Assert.Equal(map.Needs.Count + 1, Svg.Parse(svg).Descendants(Svg.Ns + "text").Count(t => t.Value == "no competitor data")); // each row and the key
        Assert.Equal(map.Needs.Count, Svg.Parse(svg).Descendants(Svg.Ns + "text").Count(t => t.Value == "no competitor rated"));
        Assert.DoesNotContain("gap 0", text, StringComparison.Ordinal);
        Assert.Equal(1, Svg.Parse(svg).Descendants(Svg.Ns + "text").Count(t => t.Value == "parity"));
    }

    [Fact]
    public void OpportunityMatrixLabelsQuadrantsAndPoints()
    {
        var ranked = OpportunityRanking.Rank([TestJourneys.Map(15)]);
        var svg = DecisionCharts.OpportunityMatrixSvg(ranked);

        var text = Svg.AllText(svg);
        foreach (var q in new[] { "QUICK WINS", "BIG BETS", "FILL-INS", "MONEY PITS" })
        {
            Assert.Contains(q, text, StringComparison.Ordinal);
        }

        // One numbered point per opportunity in the plot and one numbered badge in the list (1–5 are also the two axes' ticks).
        var labels = Svg.Parse(svg).Descendants(Svg.Ns + "text").Select(t => t.Value).ToList();
        Assert.All(ranked, o => Assert.Equal(2, labels.Count(l => l == o.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture)) - (o.Rank <= 5 ? 2 : 0)));
    }

    [Fact]
    public void ReportHoldsMapPersonasGapsOpportunitiesAndKpis()
    {
        var journey = TestJourneys.Map(6);
        var html = HtmlReport.Render(journey, TestJourneys.Workspace(journey), TestJourneys.Today);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Equal(6, html.Split("<svg ").Length - 1); // the map's pinned lane column, map, Maya, Omar, Maya's value gaps, opportunity matrix
        Assert.Contains("<use href=\"#wf-map-map-6\"/>", html, StringComparison.Ordinal);
        Assert.Contains("<g id=\"wf-map-map-6\">", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"kpis\">", html, StringComparison.Ordinal);
        var kpis = journey.Lanes.Single(l => l.Type == LaneType.Kpis).Items;
        Assert.Equal(kpis.Count, html.Split("<code>conversion(purchase)</code>").Length - 1);
        Assert.Contains("Value gap map — Maya Okafor", html, StringComparison.Ordinal);
        Assert.Contains("quick win", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyJourneyStillRenders()
    {
        var journey = new Journey { Id = "empty", Title = "Nothing yet" };
        var workspace = TestJourneys.Workspace(journey);

        var svg = JourneyMapRenderer.RenderSvg(journey, workspace, new MapRenderOptions(TestJourneys.Today));
        Assert.Contains("Nothing yet", Svg.AllText(svg), StringComparison.Ordinal);
        Assert.NotEmpty(JourneyMapRenderer.RenderPng(journey, workspace));
        Assert.NotEmpty(JourneyMapRenderer.RenderPdf(journey, workspace));
        Assert.Contains("Nothing yet", HtmlReport.Render(journey, workspace), StringComparison.Ordinal);
    }

    [Fact]
    public void KpiCardsDrawActualAgainstTargetWhenBothAreNumbers()
    {
        Assert.Equal(38, Drawing.BulletRow.Number("38%"));
        Assert.Equal(1250.5, Drawing.BulletRow.Number("1,250.5 visits"));
        Assert.Null(Drawing.BulletRow.Number("high"));
    }

    [Theory]
    [InlineData("a family event comes up", "book a cheap flight in minutes", "I can focus on the visit", "When a family event comes up, I want to book a cheap flight in minutes, so I can focus on the visit.")]
    [InlineData("I fly for the first time", "a checklist of what to do and when", "I don't miss my flight", "When I fly for the first time, I want a checklist of what to do and when, so I don't miss my flight.")]
    [InlineData("When I travel", "to see my gate", "so that I can relax.", "When I travel, I want to see my gate, so I can relax.")]
    [InlineData("prices change", "know the total", "plan my budget", "When prices change, I want to know the total, so I can plan my budget.")]
    public void JobsReadAsOneSentence(string when, string want, string soThat, string expected) =>
        Assert.Equal(expected, PersonaCardRenderer.JobSentence(new JobToBeDone { When = when, Want = want, SoThat = soThat }));
}

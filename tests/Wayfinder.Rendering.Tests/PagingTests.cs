namespace Wayfinder.Rendering.Tests;

using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;

/// <summary>The map PDF on paper: page sizes, one scale, evenly filled tiles, the lane names and header on every page.</summary>
public sealed partial class PagingTests
{
    [Theory]
    // ISO 216 in mm × 72 / 25.4: A4 210 × 297, A3 297 × 420, A1 594 × 841, A0 841 × 1189; Letter 8.5 × 11 in, Tabloid 11 × 17 in.
    [InlineData(PaperSize.A4, PageOrientation.Landscape, 841.89, 595.28)]
    [InlineData(PaperSize.A4, PageOrientation.Portrait, 595.28, 841.89)]
    [InlineData(PaperSize.A3, PageOrientation.Landscape, 1190.55, 841.89)]
    [InlineData(PaperSize.A3, PageOrientation.Portrait, 841.89, 1190.55)]
    [InlineData(PaperSize.A1, PageOrientation.Landscape, 2383.94, 1683.78)]
    [InlineData(PaperSize.A1, PageOrientation.Portrait, 1683.78, 2383.94)]
    [InlineData(PaperSize.A0, PageOrientation.Landscape, 3370.39, 2383.94)]
    [InlineData(PaperSize.A0, PageOrientation.Portrait, 2383.94, 3370.39)]
    [InlineData(PaperSize.Letter, PageOrientation.Landscape, 792, 612)]
    [InlineData(PaperSize.Letter, PageOrientation.Portrait, 612, 792)]
    [InlineData(PaperSize.Tabloid, PageOrientation.Landscape, 1224, 792)]
    [InlineData(PaperSize.Tabloid, PageOrientation.Portrait, 792, 1224)]
    public void EveryPageOfTheMapPdfHasThePapersSizeInPoints(PaperSize size, PageOrientation orientation, double width, double height)
    {
        var journey = TestJourneys.Map(6, lanes: 6);

        var pdf = JourneyMapRenderer.RenderPdf(journey, TestJourneys.Workspace(journey), Options(new PageSpec(size, orientation)));

        using var document = PdfDocument.Open(pdf);
        Assert.All(document.GetPages(), page =>
        {
            Assert.InRange(page.Width, width - 1, width + 1);
            Assert.InRange(page.Height, height - 1, height + 1);
        });
    }

    [Fact]
    public void AutoOrientationTakesTheWayRoundThatNeedsNoMorePages()
    {
        var journey = TestJourneys.Map(6, lanes: 6);
        var workspace = TestJourneys.Workspace(journey);
        int Pages(PageOrientation orientation) => JourneyMapRenderer.Layout(journey, workspace, Options(new PageSpec(PaperSize.A4, orientation))).Pages.Count;

        Assert.Equal(Math.Min(Pages(PageOrientation.Landscape), Pages(PageOrientation.Portrait)), Pages(PageOrientation.Auto));
    }

    [Fact]
    public void FitIsOnePageTheMapsOwnSizePlusTheMargins()
    {
        var journey = TestJourneys.Map(15, longTexts: true);
        var workspace = TestJourneys.Workspace(journey);
        var options = Options(new PageSpec(PaperSize.Fit));
        var layout = JourneyMapRenderer.Layout(journey, workspace, options);

        var pdf = JourneyMapRenderer.RenderPdf(journey, workspace, options);

        using var document = PdfDocument.Open(pdf);
        var page = Assert.Single(document.GetPages());
        // One drawing unit is one point; 28 pt margins all round and a 14 pt caption line under the map.
        Assert.InRange(page.Width, layout.Width + 56 - 1, layout.Width + 56 + 1);
        Assert.InRange(page.Height, layout.Height + 70 - 1, layout.Height + 70 + 1);
        Assert.Equal(1f, Assert.Single(layout.Pages).Scale);
    }

    public static TheoryData<string, PaperSize> Maps() => new()
    {
        { "first-flight", PaperSize.A4 }, { "first-flight", PaperSize.A3 }, { "first-flight", PaperSize.A1 },
        { "airport-check-in", PaperSize.A4 }, { "airport-check-in", PaperSize.A3 }, { "airport-check-in", PaperSize.A1 },
        { "map-15x12-long", PaperSize.A4 }, { "map-15x12-long", PaperSize.A3 }, { "map-15x12-long", PaperSize.A1 },
    };

    [Theory]
    [MemberData(nameof(Maps))]
    public void NoPageIsUnderFortyPercentFilledAndEveryPageHasTheSameLegibleScale(string map, PaperSize size)
    {
        var (journey, workspace) = Load(map);

        var layout = JourneyMapRenderer.Layout(journey, workspace, Options(new PageSpec(size, PageOrientation.Landscape)));

        var fills = string.Join(", ", layout.Pages.Select(p => $"{p.Fill:P0}"));
        Assert.All(layout.Pages, p => Assert.True(p.Fill >= MapPaging.MinFill, $"{layout.Pages.Count} pages filled {fills}"));
        var scale = layout.Pages[0].Scale;
        Assert.InRange(scale, MapPaging.MinScale, MapPaging.MaxScale);
        Assert.All(layout.Pages, p => Assert.Equal(scale, p.Scale));
    }

    [Fact]
    public void EveryTiledPageRepeatsTheLaneNamesThePhaseBandAndTheStageHeaders()
    {
        var (journey, workspace) = Load("map-15x12-long");
        var options = Options(new PageSpec(PaperSize.A3, PageOrientation.Landscape));
        var layout = JourneyMapRenderer.Layout(journey, workspace, options);

        var pdf = JourneyMapRenderer.RenderPdf(journey, workspace, options);

        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().ToList();
        Assert.True(pages.Count > 1, $"{pages.Count} page(s)");
        Assert.Equal(layout.Pages.Count, pages.Count);
        var header = layout.HeaderBottom - layout.GridTop;
        for (var i = 0; i < pages.Count; i++)
        {
            var plan = layout.Pages[i];
            var text = string.Join(" ", pages[i].GetWords().Select(w => w.Text));
            // The header block (phase band, loop arcs, stage headers) beside the lane column, and the "Phase" label in it.
            Assert.Contains(plan.Tiles, t => t.SourceX == 0 && t.SourceY == layout.GridTop && t.Height == header);
            Assert.Contains("Phase", text, StringComparison.Ordinal);
            Assert.Contains("STAGE", text, StringComparison.Ordinal);
            var shown = layout.Lanes.Where(l => plan.Tiles.Any(t => t.SourceX == 0 && t.SourceY <= l.Y && l.Y + l.Height <= t.SourceY + t.Height + 1)).ToList();
            Assert.NotEmpty(shown);
            // A long name wraps over lines, so each of its words is looked for.
            Assert.All(shown.SelectMany(l => l.Name.Split(' ')), word => Assert.Contains(word, text, StringComparison.Ordinal));
            Assert.Contains($"page {i + 1} of {pages.Count}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TiledPagesSayWhereTheMapContinues()
    {
        var (journey, workspace) = Load("first-flight");
        var options = Options(new PageSpec(PaperSize.A4, PageOrientation.Landscape));
        var layout = JourneyMapRenderer.Layout(journey, workspace, options);

        var pdf = JourneyMapRenderer.RenderPdf(journey, workspace, options);

        using var document = PdfDocument.Open(pdf);
        var first = string.Join(" ", document.GetPage(1).GetWords().Select(w => w.Text));
        var last = string.Join(" ", document.GetPage(layout.Pages.Count).GetWords().Select(w => w.Text));
        Assert.Contains(layout.Pages[0].Marks, m => m.Text.StartsWith("continues on page", StringComparison.Ordinal) || m.Text.StartsWith("↓ more lanes on page", StringComparison.Ordinal));
        Assert.Contains("continues on page", first + " " + string.Join(" ", layout.Pages[0].Marks.Select(m => m.Text)), StringComparison.Ordinal);
        Assert.Contains("from page", last, StringComparison.Ordinal);
    }

    [Fact]
    public void CaptionsNameTheStagesAndLanesOfEachPageWithoutEmptyRanges()
    {
        var (journey, workspace) = Load("map-15x12-long");

        var layout = JourneyMapRenderer.Layout(journey, workspace, Options(new PageSpec(PaperSize.A4, PageOrientation.Landscape)));

        Assert.True(layout.Pages.Count > 1);
        Assert.All(layout.Pages, p =>
        {
            Assert.Matches(@" — stages? \d+(–\d+)?", p.Caption);
            Assert.DoesNotMatch(SameNumberRange(), p.Caption!);
        });
        Assert.Equal("lane 3", MapPaging.Range("lane", "lanes", 3, 3));
        Assert.Equal("stages 1–4", MapPaging.Range("stage", "stages", 1, 4));
    }

    [Theory]
    [InlineData(PaperSize.A4, PageOrientation.Portrait, 595.28, 841.89)]
    [InlineData(PaperSize.Letter, PageOrientation.Landscape, 792, 612)]
    public void AnyDrawingGoesOnAPaperPageCentredInsideTheMargins(PaperSize size, PageOrientation orientation, double width, double height)
    {
        var svg = Personas.PersonaCardRenderer.RenderSvg(TestJourneys.Maya(), TestJourneys.Workspace(), TestJourneys.Today);

        var pdf = Rasterizer.SvgToPdf(svg, new PageSpec(size, orientation));

        using var document = PdfDocument.Open(pdf);
        var page = Assert.Single(document.GetPages());
        Assert.InRange(page.Width, width - 1, width + 1);
        Assert.InRange(page.Height, height - 1, height + 1);
        // Centred: the text's left and right extents leave about the same room on both sides, and nothing crosses the margins.
        var words = page.GetWords().ToList();
        Assert.Contains(words, w => w.Text == "Maya");
        Assert.All(words, w => Assert.InRange(w.BoundingBox.Left, Rasterizer.PageMargin - 1, width - Rasterizer.PageMargin + 1));
    }

    private static MapRenderOptions Options(PageSpec page) => new(TestJourneys.Today, Page: page);

    private static (Journey Journey, Workspace Workspace) Load(string map)
    {
        if (map == "map-15x12-long")
        {
            var journey = TestJourneys.Map(15, longTexts: true, lanes: 12);
            return (journey, TestJourneys.Workspace(journey));
        }

        var root = App.Workspaces.WorkspaceFolder.FindRoot(Path.Combine(RenderSamplesTests.FindRepo(), "samples", "demo"));
        var (workspace, _) = App.Workspaces.WorkspaceFolder.Load(root!);
        return (workspace.Journeys.Single(j => j.Document.Id == map).Document, workspace);
    }

    [GeneratedRegex(@"\b(lanes|stages) (\d+)–\2\b")]
    private static partial Regex SameNumberRange();
}

namespace Wayfinder.Rendering.Tests;

using SkiaSharp;
using UglyToad.PdfPig;
using Wayfinder.App.Rendering;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Personas;

public sealed class PersonaCardTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wayfinder-persona-" + Guid.NewGuid().ToString("N"));

    public PersonaCardTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A 2 × 2 red PNG written under the workspace folder; returns its bytes.</summary>
    private byte[] WritePhoto(string relative)
    {
        using var bitmap = new SKBitmap(2, 2);
        bitmap.Erase(SKColors.Red);
        using var image = SKImage.FromBitmap(bitmap);
        var bytes = image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_root, relative))!);
        File.WriteAllBytes(Path.Combine(_root, relative), bytes);
        return bytes;
    }

    /// <summary>The test workspace moved to the temporary folder, with <paramref name="personas"/> as its personas.</summary>
    private Workspace OnDisk(Journey? journey, params Persona[] personas)
    {
        var workspace = TestJourneys.Workspace(journey);
        return new Workspace
        {
            Root = _root,
            Config = workspace.Config,
            Personas = [.. personas.Select(p => new SourcedDocument<Persona>(p, $"personas/{p.Id}.yaml", ""))],
            Journeys = workspace.Journeys,
            ValueGaps = workspace.ValueGaps,
        };
    }

    [Fact]
    public void APhotoPathInTheWorkspaceIsEmbeddedAsADataUriInTheCardAndTheMap()
    {
        var bytes = WritePhoto("personas/photos/maya.png");
        var maya = TestJourneys.Maya() with { Photo = "personas/photos/maya.png" };
        var journey = TestJourneys.Map(3);
        var workspace = OnDisk(journey, maya, TestJourneys.Omar());
        var expected = "data:image/png;base64," + Convert.ToBase64String(bytes);

        var card = Svg.Parse(PersonaCardRenderer.RenderSvg(maya, workspace, TestJourneys.Today));
        Assert.Equal(expected, (string)Assert.Single(card.Descendants(Svg.Ns + "image")).Attribute("href")!);

        // The map's persona strip carries it too (Omar's own data URI beside it), and so do the PNG and PDF made from the SVG.
        var map = JourneyMapRenderer.RenderSvg(journey, workspace, new MapRenderOptions(TestJourneys.Today));
        Assert.Contains(Svg.Parse(map).Descendants(Svg.Ns + "image"), i => (string)i.Attribute("href")! == expected);
        var pdf = RenderFormats.Render(maya, RenderFormat.Pdf, workspace);
        using var document = PdfDocument.Open(pdf);
        Assert.Single(document.GetPage(1).GetImages());
    }

    [Fact]
    public void WithoutAPhotoTheCardShowsTheInitials()
    {
        var maya = TestJourneys.Maya() with { Photo = "personas/photos/missing.png" };
        var svg = PersonaCardRenderer.RenderSvg(maya, OnDisk(null, maya), TestJourneys.Today);

        Assert.Empty(Svg.Parse(svg).Descendants(Svg.Ns + "image"));
        Assert.Contains("MO", Svg.AllText(svg), StringComparison.Ordinal);
    }

    [Fact]
    public void AttributeKeysReadAsWords()
    {
        var maya = TestJourneys.Maya() with
        {
            Demographics = new Demographics { Other = { ["trips_per_year"] = "2", ["nps_score"] = "9", ["home-airport"] = "LBA" } },
        };
        var text = Svg.AllText(PersonaCardRenderer.RenderSvg(maya, TestJourneys.Workspace(), TestJourneys.Today));

        Assert.Contains("Trips per year", text, StringComparison.Ordinal);
        Assert.Contains("NPS score", text, StringComparison.Ordinal);
        Assert.Contains("Home airport", text, StringComparison.Ordinal);
        Assert.DoesNotContain("trips_per_year", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryItemCarriesItsEvidenceMarkerInItsTopRightCornerNotAtItsLinesStart()
    {
        var scene = PersonaCardRenderer.Layout(TestJourneys.Maya(), TestJourneys.Workspace(), TestJourneys.Today);

        // Maya's goals: "Visit family twice a year" (no evidence), "Keep total trip cost under £300" (an interview and a survey).
        var tabs = scene.Shapes.OfType<PathShape>().Where(p => p.Fill == Glyphs.EvidenceTab).ToList();
        var dots = scene.Shapes.OfType<CircleShape>().Where(c => c.R == 4.5f).ToList();
        var texts = scene.Shapes.OfType<TextShape>().ToList();
        foreach (var (goal, fill) in new[] { ("Visit family twice a year", Palette.Paper), ("Keep total trip cost under £300", Palette.Ink) })
        {
            var line = Assert.Single(texts, t => t.Text == goal);
            var box = Assert.Single(scene.Shapes.OfType<BoxShape>(), b => b.X < line.X && line.X < b.X + 12 && b.Y < line.Y && line.Y < b.Y + b.Height && b.Stroke == Palette.Rule);
            var right = box.X + box.Width;
            Assert.Single(tabs, p => p.D.StartsWith($"M{Scene.F(right - 22)} {Scene.F(box.Y)}H", StringComparison.Ordinal));
            var dot = Assert.Single(dots, c => c.Cx == right - 11 && c.Cy == box.Y + 10);
            Assert.Equal(fill, dot.Fill);
        }

        // The key explains the marker at the foot of the card, on a card corner as it appears on the items.
        var key = Svg.AllText(scene.ToSvg("key"));
        Assert.Contains("EVIDENCE", key, StringComparison.Ordinal);
        Assert.Contains("assumption (no evidence)", key, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePersonaPdfIsAnA4PortraitPageByDefaultAndTheAskedPaperOtherwise()
    {
        var maya = TestJourneys.Maya();
        var workspace = TestJourneys.Workspace();

        // A4 is 595.28 × 841.89 points; Skia's PDF writer rounds a page's size to whole points (595 × 842, which PDF
        // readers still call A4), so the page is within half a point of it.
        using (var a4 = PdfDocument.Open(RenderFormats.Render(maya, RenderFormat.Pdf, workspace)))
        {
            var page = Assert.Single(a4.GetPages());
            Assert.Equal(595.28, page.Width, 0.5);
            Assert.Equal(841.89, page.Height, 0.5);
            Assert.Contains("Maya Okafor", string.Concat(page.Letters.Select(l => l.Value)), StringComparison.Ordinal);
        }

        var settings = new RenderSettings { Page = new PageSpec(PaperSize.A3, PageOrientation.Landscape) };
        using var a3 = PdfDocument.Open(RenderFormats.Render(maya, RenderFormat.Pdf, workspace, settings));
        Assert.Equal(1190.55, a3.GetPage(1).Width, 0.5);
        Assert.Equal(841.89, a3.GetPage(1).Height, 0.5);
    }
}

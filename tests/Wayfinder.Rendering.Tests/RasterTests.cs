namespace Wayfinder.Rendering.Tests;

using System.Text;
using System.Text.RegularExpressions;
using SkiaSharp;
using Wayfinder.Rendering.JourneyMaps;

public sealed partial class RasterTests
{
    private static readonly byte[] s_pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Theory]
    [InlineData(1f)]
    [InlineData(0.5f)]
    [InlineData(2f)]
    public void PngHasTheSignatureAndTheLayoutSizeTimesScale(float scale)
    {
        var journey = TestJourneys.Map(3);
        var workspace = TestJourneys.Workspace(journey);
        var options = new MapRenderOptions(TestJourneys.Today, scale);
        var layout = JourneyMapRenderer.Layout(journey, workspace, options);

        var png = JourneyMapRenderer.RenderPng(journey, workspace, options);

        Assert.Equal(s_pngSignature, png[..8]);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((int)Math.Ceiling(layout.Width * scale), bitmap.Width);
        Assert.Equal((int)Math.Ceiling(layout.Height * scale), bitmap.Height);

        // The layout's sizes are whole units, so the PNG is exactly the layout size times the scale.
        Assert.Equal(layout.Width, MathF.Round(layout.Width));
        Assert.Equal(layout.Height, MathF.Round(layout.Height));
    }

    [Fact]
    public void PngIsPaintedNotBlank()
    {
        var journey = TestJourneys.Map(3);
        var png = JourneyMapRenderer.RenderPng(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today, 0.25f));

        using var bitmap = SKBitmap.Decode(png);
        var colours = new HashSet<SKColor>();
        for (var x = 0; x < bitmap.Width; x += 7)
        {
            for (var y = 0; y < bitmap.Height; y += 7)
            {
                colours.Add(bitmap.GetPixel(x, y));
            }
        }

        Assert.True(colours.Count > 20, $"only {colours.Count} colours sampled");
        Assert.Equal(SKColors.White, bitmap.GetPixel(0, 0));
    }

    [Fact]
    public void ThreeStageMapWithFourLanesFitsOnOnePdfPage()
    {
        var journey = TestJourneys.Map(3, lanes: 4);
        var workspace = TestJourneys.Workspace(journey);
        var options = new MapRenderOptions(TestJourneys.Today);

        var pdf = JourneyMapRenderer.RenderPdf(journey, workspace, options);

        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 8), StringComparison.Ordinal);
        Assert.Single(JourneyMapRenderer.Layout(journey, workspace, options).Pages);
        Assert.Equal(1, CountPages(pdf));
    }

    [Fact]
    public void FifteenStageMapContinuesOverSeveralA3PagesWithTheLaneColumnRepeated()
    {
        var journey = TestJourneys.Map(15, longTexts: true);
        var workspace = TestJourneys.Workspace(journey);
        var options = new MapRenderOptions(TestJourneys.Today);
        var layout = JourneyMapRenderer.Layout(journey, workspace, options);

        var pdf = JourneyMapRenderer.RenderPdf(journey, workspace, options);

        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 8), StringComparison.Ordinal);
        Assert.True(layout.Pages.Count > 1, $"{layout.Pages.Count} page(s)");
        Assert.Equal(layout.Pages.Count, CountPages(pdf));

        // Every page shows the lane-name column (a tile starting at x = 0) and every stage is on some page.
        Assert.All(layout.Pages, p => Assert.Contains(p.Tiles, t => t.SourceX == 0 && t.X == 0));
        var shown = layout.Stages.Where(s => layout.Pages.Any(p => p.Tiles.Any(t => t.SourceX <= s.X && s.X + s.Width <= t.SourceX + t.Width))).Count();
        Assert.Equal(layout.Stages.Count, shown);

        // A3 landscape: 420 × 297 mm = 1190.55 × 841.89 pt.
        var box = MediaBox().Match(Encoding.Latin1.GetString(pdf));
        Assert.True(box.Success);
        // (Skia writes the media box in whole points.)
        Assert.InRange(double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1190, 1191);
        Assert.InRange(double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 841, 842);
    }

    [Fact]
    public void TallThreeStageMapContinuesDownwardsWithTheStageHeaderRepeated()
    {
        var journey = TestJourneys.Map(3, longTexts: true);
        var layout = JourneyMapRenderer.Layout(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today));

        Assert.True(layout.Pages.Count > 1);
        var header = layout.HeaderBottom - layout.GridTop;
        Assert.All(layout.Pages.Skip(1), p => Assert.Contains(p.Tiles, t => t.SourceY == layout.GridTop && t.Height == header && t.Y == 0));
    }

    [Fact]
    public void AnySvgBecomesAOnePagePdf()
    {
        var pdf = Rasterizer.SvgToPdf(Personas.PersonaCardRenderer.RenderSvg(TestJourneys.Maya(), TestJourneys.Workspace(), TestJourneys.Today));

        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 8), StringComparison.Ordinal);
        Assert.Equal(1, CountPages(pdf));
    }

    [Fact]
    public void PdfEmbedsFontSubsetsNotWholeFontFiles()
    {
        // Skia alone embeds the whole DejaVu Sans (759,720 bytes; /Length1 is a font program's size before compression)
        // under a subset name; we subset first, so each embedded font holds only the glyphs the map uses.
        var journey = TestJourneys.Map(15, longTexts: true);
        var workspace = TestJourneys.Workspace(journey);

        var pdf = JourneyMapRenderer.RenderPdf(journey, workspace, new MapRenderOptions(TestJourneys.Today));

        var programs = FontProgramLength().Matches(Encoding.Latin1.GetString(pdf)).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(programs);
        Assert.All(programs, length => Assert.InRange(length, 1, 120_000));
    }

    [Fact]
    public void TheDemoMapsPdfIsUnder300Kilobytes()
    {
        // It was 1.29 MB with the whole fonts embedded (four A3 pages).
        var root = App.Workspaces.WorkspaceFolder.FindRoot(Path.Combine(RenderSamplesTests.FindRepo(), "samples", "demo"));
        var (workspace, _) = App.Workspaces.WorkspaceFolder.Load(root!);
        var journey = workspace.Journeys.Single(j => j.Document.Id == "first-flight").Document;

        var pdf = JourneyMapRenderer.RenderPdf(journey, workspace, new MapRenderOptions(TestJourneys.Today));

        Assert.InRange(pdf.Length, 1, 300_000);
    }

    [Fact]
    public void ASubsetKeepsOnlyTheCharactersAskedForAndTheLigatures()
    {
        using var whole = SKTypeface.FromFamilyName("DejaVu Sans");
        var bytes = Drawing.FontSubsets.Subset(whole, Drawing.FontSubsets.CharactersOf("Hé→"));

        Assert.NotNull(bytes);
        Assert.InRange(bytes.Length, 1, 60_000);
        using var data = SKData.CreateCopy(bytes);
        using var subset = SKTypeface.FromData(data);
        Assert.NotNull(subset);
        using var font = new SKFont(subset);
        using var wholeFont = new SKFont(whole);
        Assert.NotEqual(0, font.GetGlyph('H'));
        Assert.NotEqual(0, font.GetGlyph('é'));
        Assert.NotEqual(0, font.GetGlyph('→'));
        Assert.NotEqual(0, font.GetGlyph('\uFB01'));
        Assert.Equal(0, font.GetGlyph('€'));
        Assert.NotEqual(0, wholeFont.GetGlyph('€'));
    }

    [Fact]
    public void TheSubsetCharactersAreAsciiTheLigaturesAndTheTextsOwn()
    {
        var characters = Drawing.FontSubsets.CharactersOf("a\u0001é", null, "é€");

        // 95 printable ASCII characters, 7 ligatures, é and € once each; the control character is left out.
        Assert.Equal(95 + 7 + 2, characters.Length);
        Assert.Contains("é€", characters, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0001", characters, StringComparison.Ordinal);
    }

    /// <summary>Page objects in the PDF: "/Type /Page" not followed by "s" (which would be the page tree).</summary>
    private static int CountPages(byte[] pdf) => PageObject().Matches(Encoding.Latin1.GetString(pdf)).Count;

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();

    [GeneratedRegex(@"/Length1\s+(\d+)")]
    private static partial Regex FontProgramLength();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")]
    private static partial Regex MediaBox();
}

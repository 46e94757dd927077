namespace Wayfinder.Rendering.Tests;

using SkiaSharp;
using UglyToad.PdfPig;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;

/// <summary>
/// PNG and PDF paint the scene straight onto Skia (<see cref="ScenePainter"/>); the SVG goes through Svg.Skia. Both must
/// give the same picture: the painter is compared with Svg.Skia's rendering of the SVG, pixel by pixel.
/// </summary>
public sealed class ScenePainterTests
{
    [Fact]
    public void DemoMapsPaintTheSamePixelsAsTheirSvg()
    {
        var workspace = Demo();
        Assert.NotEmpty(workspace.Journeys);
        foreach (var journey in workspace.Journeys.Select(j => j.Document))
        {
            var scene = JourneyMapRenderer.Layout(journey, workspace, new MapRenderOptions(TestJourneys.Today)).Scene;

            var (differing, total) = Compare(Rasterizer.SvgToPng(scene.ToSvg(journey.Title)), Rasterizer.SceneToPng(scene));

            // At most 1% of the pixels differ by more than 32 in a channel (anti-aliased edges may round differently).
            Assert.True(differing * 100L <= total, $"{journey.Id}: {differing} of {total} pixels differ ({100.0 * differing / total:0.00}%)");
        }
    }

    [Fact]
    public void LongTextMapPaintsTheSamePixelsAsItsSvg()
    {
        var journey = TestJourneys.Map(15, longTexts: true);
        var workspace = TestJourneys.Workspace(journey);
        var scene = JourneyMapRenderer.Layout(journey, workspace, new MapRenderOptions(TestJourneys.Today)).Scene;

        var (differing, total) = Compare(Rasterizer.SvgToPng(scene.ToSvg(journey.Title)), Rasterizer.SceneToPng(scene));

        Assert.True(differing * 100L <= total, $"{differing} of {total} pixels differ ({100.0 * differing / total:0.00}%)");
    }

    [Fact]
    public void EveryShapeKindPaintsLikeItsSvg()
    {
        // One of each shape the writer knows, on a small scene: dashed and rounded boxes, anchored and styled text,
        // a stroked circle, a filled path, a dashed arrow at half opacity, and a clipped image.
        var scene = new Scene { Width = 240, Height = 160 };
        scene.Box(0, 0, 240, 160, Palette.Canvas);
        scene.Box(10, 10, 100, 40, Palette.Paper, Palette.Band, 2, radius: 6);
        scene.Box(120, 10, 100, 40, "#E8F1F8", Palette.InkMuted, 1.5f, dash: "4 3");
        scene.Text(60, 36, "Middle & <bold>", 12, Palette.Ink, FontStyleKind.Bold, "middle");
        scene.Text(215, 36, "end  italic", 11, Palette.BlueText, FontStyleKind.Italic, "end");
        scene.Circle(30, 90, 14, Palette.BluishGreen, Palette.Paper, 2);
        scene.Path("M60 120C80 70 120 70 140 120Z", null, fill: Palette.SkyBlue);
        scene.Path("M150 130L220 80", Palette.InkMuted, 2, dash: "5 3", arrow: true, opacity: 0.5f);
        scene.Image(170, 110, 40, 40, Dot(), clipRadius: 18);

        var (differing, total) = Compare(Rasterizer.SvgToPng(scene.ToSvg("shapes")), Rasterizer.SceneToPng(scene));

        Assert.True(differing * 100L <= total, $"{differing} of {total} pixels differ ({100.0 * differing / total:0.00}%)");
    }

    [Fact]
    public void PaintedPngHasTheSceneSizeTimesTheScale()
    {
        var scene = new Scene { Width = 300, Height = 120.5f };
        scene.Box(0, 0, 300, 120.5f, Palette.Band);

        using var bitmap = SKBitmap.Decode(Rasterizer.SceneToPng(scene, 2));

        // 300 × 2 = 600; 120.5 × 2 = 241.
        Assert.Equal(600, bitmap.Width);
        Assert.Equal(241, bitmap.Height);
        Assert.Equal(new SKColor(0x1F, 0x4E, 0x79), bitmap.GetPixel(300, 120));
    }

    [Fact]
    public void DemoMapPdfKeepsItsStageNamesAsTextInSubsetFonts()
    {
        var workspace = Demo();
        var journey = workspace.Journeys.Select(j => j.Document).Single(j => j.Id == "first-flight");

        var pdf = JourneyMapRenderer.RenderPdf(journey, workspace, new MapRenderOptions(TestJourneys.Today));

        using var document = PdfDocument.Open(pdf);
        var text = string.Join(" ", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        foreach (var stage in journey.Stages)
        {
            foreach (var word in stage.Name.Split(' '))
            {
                Assert.Contains(word, text, StringComparison.Ordinal);
            }
        }

        // Subsets: the three DejaVu faces whole are 2.2 MB; the demo's text needs a small part of them.
        Assert.True(pdf.Length < 400_000, $"the PDF is {pdf.Length:N0} bytes");
        var fonts = document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, name => Assert.Contains("DejaVu", name, StringComparison.Ordinal));
    }

    private static Workspace Demo()
    {
        var root = App.Workspaces.WorkspaceFolder.FindRoot(Path.Combine(RenderSamplesTests.FindRepo(), "samples", "demo"));
        Assert.True(root is not null, "samples/demo is not a workspace");
        return App.Workspaces.WorkspaceFolder.Load(root!).Workspace;
    }

    /// <summary>How many pixels differ by more than 32 in any channel, of how many; the sizes must be equal.</summary>
    private static (long Differing, long Total) Compare(byte[] expectedPng, byte[] actualPng)
    {
        using var expected = SKBitmap.Decode(expectedPng);
        using var actual = SKBitmap.Decode(actualPng);
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        var a = expected.Pixels;
        var b = actual.Pixels;
        long differing = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (Math.Abs(a[i].Red - b[i].Red) > 32 || Math.Abs(a[i].Green - b[i].Green) > 32 || Math.Abs(a[i].Blue - b[i].Blue) > 32
                || Math.Abs(a[i].Alpha - b[i].Alpha) > 32)
            {
                differing++;
            }
        }

        return (differing, a.Length);
    }

    /// <summary>A 4 × 2 PNG (left half red, right half blue) as a data URI, so the slice and circle clip show.</summary>
    private static string Dot()
    {
        using var bitmap = new SKBitmap(4, 2);
        for (var x = 0; x < 4; x++)
        {
            for (var y = 0; y < 2; y++)
            {
                bitmap.SetPixel(x, y, x < 2 ? new SKColor(0xD5, 0x5E, 0x00) : new SKColor(0x00, 0x72, 0xB2));
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return "data:image/png;base64," + Convert.ToBase64String(data.ToArray());
    }
}

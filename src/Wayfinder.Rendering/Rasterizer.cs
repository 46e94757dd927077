namespace Wayfinder.Rendering;

using SkiaSharp;
using Svg.Skia;
using Wayfinder.Rendering.Drawing;

/// <summary>A rectangle of the source drawing placed at a position on a page, both in drawing units.</summary>
public readonly record struct PdfTile(float SourceX, float SourceY, float Width, float Height, float X, float Y);

/// <summary>One PDF page: tiles of the drawing laid out in a content box, fitted to the page, and an optional caption.</summary>
public sealed record PdfPagePlan(IReadOnlyList<PdfTile> Tiles, float ContentWidth, float ContentHeight, string? Caption = null);

/// <summary>Turns any SVG we render into PNG or PDF (SkiaSharp + Svg.Skia).</summary>
public static class Rasterizer
{
    /// <summary>A3 landscape in PDF points.</summary>
    public const float A3Width = 1190.55f;
    public const float A3Height = 841.89f;
    public const float PageMargin = 28f;

    /// <summary>Renders the SVG at <paramref name="scale"/> (1 = one pixel per SVG unit) on white.</summary>
    public static byte[] SvgToPng(string svg, float scale = 1f)
    {
        using var doc = new SKSvg();
        var picture = Load(doc, svg);
        return Png(picture.CullRect.Width, picture.CullRect.Height, scale, canvas => canvas.DrawPicture(picture));
    }

    /// <summary>
    /// The scene painted at <paramref name="scale"/> on white, straight from its shapes (<see cref="ScenePainter"/>): the
    /// picture <see cref="SvgToPng"/> makes of <see cref="Scene.ToSvg(string)"/>, without writing and parsing the SVG.
    /// </summary>
    public static byte[] SceneToPng(Scene scene, float scale = 1f) =>
        Png(scene.Width, scene.Height, scale, canvas => ScenePainter.Paint(canvas, scene, DejaVuMeasurer.Instance.Typeface));

    /// <summary>A white bitmap of the drawing's size times <paramref name="scale"/>, drawn on by <paramref name="draw"/> in drawing units.</summary>
    private static byte[] Png(float width, float height, float scale, Action<SKCanvas> draw)
    {
        var pixelsWide = Math.Max(1, (int)Math.Ceiling(width * scale));
        var pixelsHigh = Math.Max(1, (int)Math.Ceiling(height * scale));
        using var bitmap = new SKBitmap(new SKImageInfo(pixelsWide, pixelsHigh, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale(scale);
            draw(canvas);
        }

        return EncodePng(bitmap);
    }

    /// <summary>PNG at zlib level 3 (Skia's default is 6) with its adaptive filters: less time compressing a poster-sized bitmap; the demo map's PNG is 524 KB instead of 421 KB.</summary>
    private static byte[] EncodePng(SKBitmap bitmap)
    {
        using var pixels = bitmap.PeekPixels();
        using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 3));
        return data?.ToArray() ?? throw new InvalidOperationException("Skia could not encode the PNG.");
    }

    /// <summary>One PDF page the size of the drawing (1 SVG unit = 1 point), fonts embedded as subsets of the characters it uses.</summary>
    public static byte[] SvgToPdf(string svg)
    {
        using var fonts = FontSubsets.Provider(FontSubsets.CharactersOf(svg));
        using var doc = PdfSvg(fonts);
        var picture = Load(doc, svg);
        var bounds = picture.CullRect;
        using var stream = new MemoryStream();
        using (var pdf = SKDocument.CreatePdf(stream))
        {
            var canvas = pdf.BeginPage(bounds.Width, bounds.Height);
            canvas.DrawPicture(picture);
            pdf.EndPage();
            pdf.Close();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A3 landscape pages, each showing the planned tiles of the drawing scaled to fit inside the margins.
    /// The drawing is parsed once and replayed, clipped, for every tile.
    /// </summary>
    public static byte[] SvgToPdfPages(string svg, IReadOnlyList<PdfPagePlan> pages)
    {
        using var fonts = FontSubsets.Provider(FontSubsets.CharactersOf([svg, .. pages.Select(p => Xml.Clean(p.Caption))]));
        using var doc = PdfSvg(fonts);
        return PdfPages(Load(doc, svg), fonts, pages);
    }

    /// <summary>The planned pages of the scene, painted straight from its shapes (<see cref="ScenePainter"/>) with subset fonts.</summary>
    public static byte[] SceneToPdfPages(Scene scene, IReadOnlyList<PdfPagePlan> pages)
    {
        using var fonts = FontSubsets.Provider(FontSubsets.CharactersOf([.. ScenePainter.Texts(scene), .. pages.Select(p => Xml.Clean(p.Caption))]));
        using var picture = ScenePainter.Record(scene, fonts.Face);
        return PdfPages(picture, fonts, pages);
    }

    private static byte[] PdfPages(SKPicture picture, FontSubsets.SubsetTypefaceProvider fonts, IReadOnlyList<PdfPagePlan> pages)
    {
        using var stream = new MemoryStream();
        using var captionFont = new SKFont(fonts.Face(bold: false, italic: false) ?? SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default, 9f);
        using var captionPaint = new SKPaint { Color = new SKColor(0x4A, 0x53, 0x60), IsAntialias = true };
        using (var pdf = SKDocument.CreatePdf(stream))
        {
            for (var p = 0; p < pages.Count; p++)
            {
                var canvas = pdf.BeginPage(A3Width, A3Height);
                DrawPage(canvas, picture, pages[p], p, pages.Count, captionFont, captionPaint);
                pdf.EndPage();
            }

            pdf.Close();
        }

        return stream.ToArray();
    }

    /// <summary>One planned page as a PNG of an A3 sheet at <paramref name="scale"/> pixels per point: a preview of the PDF page.</summary>
    internal static byte[] PagePreviewPng(string svg, IReadOnlyList<PdfPagePlan> pages, int index, float scale = 1f)
    {
        using var doc = new SKSvg();
        var picture = Load(doc, svg);
        using var captionFont = new SKFont(SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default, 9f);
        using var captionPaint = new SKPaint { Color = new SKColor(0x4A, 0x53, 0x60), IsAntialias = true };
        using var bitmap = new SKBitmap((int)(A3Width * scale), (int)(A3Height * scale));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale(scale);
            DrawPage(canvas, picture, pages[index], index, pages.Count, captionFont, captionPaint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void DrawPage(SKCanvas canvas, SKPicture picture, PdfPagePlan page, int index, int count, SKFont captionFont, SKPaint captionPaint)
    {
        var availableWidth = A3Width - (2 * PageMargin);
        var availableHeight = A3Height - (2 * PageMargin) - 14;
        var scale = Math.Min(availableWidth / page.ContentWidth, availableHeight / page.ContentHeight);
        foreach (var tile in page.Tiles)
        {
            canvas.Save();
            canvas.Translate(PageMargin, PageMargin);
            canvas.Scale(scale);
            canvas.ClipRect(new SKRect(tile.X, tile.Y, tile.X + tile.Width, tile.Y + tile.Height));
            canvas.Translate(tile.X - tile.SourceX, tile.Y - tile.SourceY);
            canvas.DrawPicture(picture);
            canvas.Restore();
        }

        var caption = $"{Xml.Clean(page.Caption)}   ·   page {index + 1} of {count}".Trim(' ', '·');
        canvas.DrawText(caption, PageMargin, A3Height - PageMargin + 4, SKTextAlign.Left, captionFont, captionPaint);
    }

    /// <summary>An SVG reader whose DejaVu Sans comes from <paramref name="fonts"/> (subsets), other families as usual.</summary>
    private static SKSvg PdfSvg(FontSubsets.SubsetTypefaceProvider fonts)
    {
        var doc = new SKSvg();
        doc.Settings.TypefaceProviders?.Insert(0, fonts);
        return doc;
    }

    private static SKPicture Load(SKSvg doc, string svg) =>
        doc.FromSvg(svg) ?? throw new InvalidOperationException("Svg.Skia could not read the SVG the renderer wrote.");
}

namespace Wayfinder.Rendering;

using SkiaSharp;
using Svg.Skia;
using Wayfinder.Rendering.Drawing;

/// <summary>A rectangle of the source drawing placed at a position on a page, both in drawing units.</summary>
public readonly record struct PdfTile(float SourceX, float SourceY, float Width, float Height, float X, float Y);

/// <summary>
/// One PDF page: tiles of the drawing laid out in a content box (drawing units) and an optional caption, on a page of
/// <see cref="PageWidth"/> × <see cref="PageHeight"/> points at <see cref="Scale"/> points per drawing unit.
/// </summary>
public sealed record PdfPagePlan(IReadOnlyList<PdfTile> Tiles, float ContentWidth, float ContentHeight, string? Caption = null)
{
    public float PageWidth { get; init; } = Rasterizer.A3Width;

    public float PageHeight { get; init; } = Rasterizer.A3Height;

    /// <summary>Points per drawing unit; 0 fits the content box to the printable area.</summary>
    public float Scale { get; init; }

    /// <summary>The content box is centred in the printable area (else it sits at its top left).</summary>
    public bool Centered { get; init; }

    /// <summary>Continuation marks ("continues on page 3 →") in content units.</summary>
    public IReadOnlyList<PdfMark> Marks { get; init; } = [];

    /// <summary>The share of the printable area the tiles cover (0…1).</summary>
    public float Fill
    {
        get
        {
            var (width, height) = Rasterizer.PrintableArea(PageWidth, PageHeight);
            var scale = Rasterizer.ScaleOf(this);
            return Tiles.Sum(t => t.Width * t.Height) * scale * scale / (width * height);
        }
    }
}

public enum PdfMarkAlign
{
    Start,
    End,
}

/// <summary>A note printed on a page at content position (<paramref name="X"/>, <paramref name="Y"/>), its baseline at Y.</summary>
public readonly record struct PdfMark(float X, float Y, string Text, PdfMarkAlign Align);

/// <summary>Turns any SVG we render into PNG or PDF (SkiaSharp + Svg.Skia).</summary>
public static class Rasterizer
{
    /// <summary>A3 landscape in PDF points: the map's default page.</summary>
    public const float A3Width = 1190.55f;
    public const float A3Height = 841.89f;
    public const float PageMargin = 28f;

    /// <summary>The line under the content that holds the page's caption.</summary>
    private const float CaptionHeight = 14;

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
        Png(scene.Width, scene.Height, scale, canvas => ScenePainter.Paint(canvas, scene, DejaVuMeasurer.Instance.TypefaceOf));

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
    /// The drawing on one page of <paramref name="page"/>'s paper, centred and scaled to fit inside the margins;
    /// <see cref="PaperSize.Fit"/> is a page the drawing's own size (<see cref="SvgToPdf(string)"/>).
    /// </summary>
    public static byte[] SvgToPdf(string svg, PageSpec page)
    {
        if (page.Size == PaperSize.Fit)
        {
            return SvgToPdf(svg);
        }

        using var fonts = FontSubsets.Provider(FontSubsets.CharactersOf(svg));
        using var doc = PdfSvg(fonts);
        var picture = Load(doc, svg);
        var bounds = picture.CullRect;
        var (width, height) = page.Points(bounds.Width, bounds.Height);
        var plan = new PdfPagePlan([new PdfTile(0, 0, bounds.Width, bounds.Height, 0, 0)], bounds.Width, bounds.Height)
        {
            PageWidth = width, PageHeight = height, Centered = true,
        };
        return WritePdf(picture, fonts, [plan]);
    }

    /// <summary>
    /// Pages each showing the planned tiles of the drawing at the plan's scale (or fitted inside the margins).
    /// The drawing is parsed once and replayed, clipped, for every tile.
    /// </summary>
    public static byte[] SvgToPdfPages(string svg, IReadOnlyList<PdfPagePlan> pages)
    {
        using var fonts = FontSubsets.Provider(FontSubsets.CharactersOf([svg, .. pages.SelectMany(PageTexts)]));
        using var doc = PdfSvg(fonts);
        return WritePdf(Load(doc, svg), fonts, pages);
    }

    /// <summary>The planned pages of the scene, painted straight from its shapes (<see cref="ScenePainter"/>) with subset fonts.</summary>
    public static byte[] SceneToPdfPages(Scene scene, IReadOnlyList<PdfPagePlan> pages)
    {
        using var fonts = FontSubsets.Provider(FontSubsets.CharactersOf([.. ScenePainter.Texts(scene), .. pages.SelectMany(PageTexts)]));
        using var picture = ScenePainter.Record(scene, fonts.Face);
        return WritePdf(picture, fonts, pages);
    }

    /// <summary>Width and height in points a page keeps free around its content: the margins and the caption line.</summary>
    public static (float Width, float Height) PageChrome() => (2 * PageMargin, (2 * PageMargin) + CaptionHeight);

    /// <summary>The printable area of a page in points: inside the margins, above the caption.</summary>
    public static (float Width, float Height) PrintableArea(float pageWidth, float pageHeight)
    {
        var (x, y) = PageChrome();
        return (pageWidth - x, pageHeight - y);
    }

    /// <summary>Points per drawing unit on the page: the plan's own, or the one that fits its content box.</summary>
    public static float ScaleOf(PdfPagePlan page)
    {
        if (page.Scale > 0)
        {
            return page.Scale;
        }

        var (width, height) = PrintableArea(page.PageWidth, page.PageHeight);
        return Math.Min(width / Math.Max(1, page.ContentWidth), height / Math.Max(1, page.ContentHeight));
    }

    /// <summary>One planned page as a PNG of its sheet at <paramref name="scale"/> pixels per point: a preview of the PDF page.</summary>
    internal static byte[] PagePreviewPng(string svg, IReadOnlyList<PdfPagePlan> pages, int index, float scale = 1f)
    {
        using var doc = new SKSvg();
        var picture = Load(doc, svg);
        using var captionFont = new SKFont(SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default, 9f);
        using var captionPaint = new SKPaint { Color = new SKColor(0x4A, 0x53, 0x60), IsAntialias = true };
        var page = pages[index];
        using var bitmap = new SKBitmap(Math.Max(1, (int)(page.PageWidth * scale)), Math.Max(1, (int)(page.PageHeight * scale)));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale(scale);
            DrawPage(canvas, picture, page, index, pages.Count, captionFont, captionPaint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static IEnumerable<string> PageTexts(PdfPagePlan page) =>
        [Xml.Clean(page.Caption), "page of ·0123456789", .. page.Marks.Select(m => m.Text)];

    private static byte[] WritePdf(SKPicture picture, FontSubsets.SubsetTypefaceProvider fonts, IReadOnlyList<PdfPagePlan> pages)
    {
        using var stream = new MemoryStream();
        using var captionFont = new SKFont(fonts.Face(bold: false, italic: false) ?? SKTypeface.FromFamilyName("DejaVu Sans") ?? SKTypeface.Default, 9f);
        using var captionPaint = new SKPaint { Color = new SKColor(0x4A, 0x53, 0x60), IsAntialias = true };
        using (var pdf = SKDocument.CreatePdf(stream))
        {
            for (var p = 0; p < pages.Count; p++)
            {
                var canvas = pdf.BeginPage(pages[p].PageWidth, pages[p].PageHeight);
                DrawPage(canvas, picture, pages[p], p, pages.Count, captionFont, captionPaint);
                pdf.EndPage();
            }

            pdf.Close();
        }

        return stream.ToArray();
    }

    private static void DrawPage(SKCanvas canvas, SKPicture picture, PdfPagePlan page, int index, int count, SKFont captionFont, SKPaint captionPaint)
    {
        var scale = ScaleOf(page);
        var (availableWidth, availableHeight) = PrintableArea(page.PageWidth, page.PageHeight);
        var left = PageMargin + (page.Centered ? Math.Max(0, (availableWidth - (page.ContentWidth * scale)) / 2) : 0);
        var top = PageMargin + (page.Centered ? Math.Max(0, (availableHeight - (page.ContentHeight * scale)) / 2) : 0);
        foreach (var tile in page.Tiles)
        {
            canvas.Save();
            canvas.Translate(left, top);
            canvas.Scale(scale);
            canvas.ClipRect(new SKRect(tile.X, tile.Y, tile.X + tile.Width, tile.Y + tile.Height));
            canvas.Translate(tile.X - tile.SourceX, tile.Y - tile.SourceY);
            canvas.DrawPicture(picture);
            canvas.Restore();
        }

        foreach (var mark in page.Marks)
        {
            var align = mark.Align == PdfMarkAlign.End ? SKTextAlign.Right : SKTextAlign.Left;
            canvas.DrawText(mark.Text, left + (mark.X * scale), top + (mark.Y * scale), align, captionFont, captionPaint);
        }

        var caption = count == 1 ? Xml.Clean(page.Caption) : $"{Xml.Clean(page.Caption)} · page {index + 1} of {count}".TrimStart(' ', '·');
        if (caption.Length > 0)
        {
            canvas.DrawText(caption, PageMargin, page.PageHeight - PageMargin + 4, SKTextAlign.Left, captionFont, captionPaint);
        }
    }

    /// <summary>An SVG reader whose DejaVu Sans comes from <paramref name="fonts"/> (subsets), other families as usual.</summary>
    private static SKSvg PdfSvg(FontSubsets.SubsetTypefaceProvider fonts)
    {
        var doc = new SKSvg();
        doc.Settings.TypefaceProviders?.Insert(0, fonts);
        return doc;
    }

    private static SKPicture Load(SKSvg doc, string svg)
    {
        BrandFonts.Use(doc);
        return doc.FromSvg(svg) ?? throw new InvalidOperationException("Svg.Skia could not read the SVG the renderer wrote.");
    }
}

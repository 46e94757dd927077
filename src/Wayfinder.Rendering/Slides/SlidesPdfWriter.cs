namespace Wayfinder.Rendering.Slides;

using SkiaSharp;
using Svg.Skia;
using Wayfinder.Rendering.Drawing;

/// <summary>
/// Writes a <see cref="SlideDeck"/> as a PDF of 16:9 pages (960 × 540 pt) with SkiaSharp: real text in DejaVu Sans,
/// subset to the characters the deck uses (<see cref="FontSubsets"/>), pictures drawn as vectors from their SVG.
/// </summary>
public static class SlidesPdfWriter
{
    public static byte[] Write(SlideDeck deck)
    {
        using var fonts = FontSubsets.Provider(FontSubsets.CharactersOf([.. Texts(deck)]));
        using var stream = new MemoryStream();
        using (var pdf = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { Title = deck.Title, Creator = "Wayfinder" }))
        {
            foreach (var slide in deck.Slides)
            {
                var canvas = pdf.BeginPage(SlideDeck.Width, SlideDeck.Height);
                Draw(canvas, slide, fonts);
                pdf.EndPage();
            }

            pdf.Close();
        }

        return stream.ToArray();
    }

    /// <summary>One slide as a PNG at <paramref name="scale"/> pixels per point: what the PDF page shows.</summary>
    public static byte[] PreviewPng(Slide slide, float scale = 1f)
    {
        using var bitmap = new SKBitmap((int)(SlideDeck.Width * scale), (int)(SlideDeck.Height * scale));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale(scale);
            Draw(canvas, slide, null);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static IEnumerable<string> Texts(SlideDeck deck)
    {
        foreach (var element in deck.Slides.SelectMany(s => s.Elements))
        {
            switch (element)
            {
                case SlideText text:
                    foreach (var line in text.Paragraphs.SelectMany(p => p.Lines))
                    {
                        yield return line;
                    }

                    break;
                case SlideTable table:
                    foreach (var cell in table.Header.Concat(table.Rows.SelectMany(r => r)))
                    {
                        yield return cell;
                    }

                    break;
                case SlidePicture picture:
                    yield return picture.Svg;
                    break;
            }
        }
    }

    private static void Draw(SKCanvas canvas, Slide slide, FontSubsets.SubsetTypefaceProvider? fonts)
    {
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        foreach (var element in slide.Elements)
        {
            switch (element)
            {
                case SlideText text:
                    DrawText(canvas, text, fill, fonts);
                    break;
                case SlideTable table:
                    DrawTable(canvas, table, fill, fonts);
                    break;
                case SlidePicture picture:
                    DrawPicture(canvas, picture, fonts);
                    break;
            }
        }
    }

    private static void DrawText(SKCanvas canvas, SlideText text, SKPaint paint, FontSubsets.SubsetTypefaceProvider? fonts)
    {
        if (text.Fill is not null)
        {
            paint.Color = SKColor.Parse(text.Fill);
            canvas.DrawRect(text.X, text.Y, text.Width, text.Height, paint);
        }

        var left = text.X + SlideText.Padding;
        if (text.Stripe is not null)
        {
            paint.Color = SKColor.Parse(text.Stripe);
            canvas.DrawRect(text.X, text.Y, 4, text.Height, paint);
            left += 4;
        }

        var y = text.Y + SlideText.Padding;
        foreach (var paragraph in text.Paragraphs)
        {
            using var font = Font(fonts, paragraph.Bold, paragraph.Italic, paragraph.Size);
            paint.Color = SKColor.Parse(paragraph.Color);
            foreach (var line in paragraph.Lines)
            {
                // The baseline sits so a line's ink is centred in its 1.25-size line box, as PowerPoint sets it.
                canvas.DrawText(line, left, y + (paragraph.Size * 0.98f), SKTextAlign.Left, font, paint);
                y += paragraph.LineHeight;
            }
        }
    }

    private static void DrawTable(SKCanvas canvas, SlideTable table, SKPaint paint, FontSubsets.SubsetTypefaceProvider? fonts)
    {
        using var regular = Font(fonts, false, false, table.Size);
        using var bold = Font(fonts, true, false, table.Size);
        using var rule = new SKPaint { Color = SKColor.Parse(Palette.Rule), StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };
        paint.Color = SKColor.Parse("#E9EDF2");
        canvas.DrawRect(table.X, table.Y, table.Width, table.RowHeight, paint);
        var rows = new[] { table.Header }.Concat(table.Rows).ToList();
        for (var r = 0; r < rows.Count; r++)
        {
            var top = table.Y + (r * table.RowHeight);
            var x = table.X;
            paint.Color = SKColor.Parse(Palette.Ink);
            for (var c = 0; c < rows[r].Count && c < table.Columns.Count; c++)
            {
                canvas.DrawText(rows[r][c], x + 4, top + (table.RowHeight / 2) + (table.Size * 0.36f), SKTextAlign.Left, r == 0 ? bold : regular, paint);
                x += table.Columns[c];
            }

            canvas.DrawLine(table.X, top + table.RowHeight, table.X + table.Width, top + table.RowHeight, rule);
        }
    }

    private static void DrawPicture(SKCanvas canvas, SlidePicture picture, FontSubsets.SubsetTypefaceProvider? fonts)
    {
        using var svg = new SKSvg();
        if (fonts is not null)
        {
            svg.Settings.TypefaceProviders?.Insert(0, fonts);
        }

        var drawing = svg.FromSvg(picture.Svg) ?? throw new InvalidOperationException("Svg.Skia could not read the SVG the renderer wrote.");
        canvas.Save();
        canvas.Translate(picture.X, picture.Y);
        canvas.Scale(picture.Width / picture.SvgWidth);
        canvas.ClipRect(new SKRect(0, 0, picture.SvgWidth, picture.SvgHeight));
        canvas.DrawPicture(drawing);
        canvas.Restore();
    }

    private static SKFont Font(FontSubsets.SubsetTypefaceProvider? fonts, bool bold, bool italic, float size)
    {
        var style = new SKFontStyle(bold ? SKFontStyleWeight.Bold : SKFontStyleWeight.Normal, SKFontStyleWidth.Normal, italic ? SKFontStyleSlant.Oblique : SKFontStyleSlant.Upright);
        var face = fonts?.Face(bold, italic) ?? SKTypeface.FromFamilyName("DejaVu Sans", style) ?? SKTypeface.Default;
        return new SKFont(face, size) { LinearMetrics = true, Subpixel = true, Hinting = SKFontHinting.None };
    }
}

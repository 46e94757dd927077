namespace Wayfinder.Rendering.Drawing;

using System.Globalization;
using SkiaSharp;

/// <summary>
/// Paints a <see cref="Scene"/> straight onto a Skia canvas: the picture Svg.Skia draws from <see cref="Scene.ToSvg(string)"/>
/// (boxes, text, circles, paths with dashes, opacity and the arrow marker, clipped images), without writing the SVG and
/// parsing it again. PNG and PDF take this path; a test compares its pixels with the SVG path's.
/// </summary>
internal static class ScenePainter
{
    /// <summary>The scene recorded as a picture of its size (replayable onto PDF pages, tiles or a bitmap).</summary>
    /// <param name="typeface">The typeface for a weight and slant (bold, italic); null falls back to Skia's default.</param>
    public static SKPicture Record(Scene scene, Func<bool, bool, SKTypeface?> typeface)
    {
        using var recorder = new SKPictureRecorder();
        var canvas = recorder.BeginRecording(new SKRect(0, 0, scene.Width, scene.Height));
        Paint(canvas, scene, typeface);
        return recorder.EndRecording();
    }

    /// <summary>Every character the scene's text uses (for font subsets).</summary>
    public static string?[] Texts(Scene scene) => [.. scene.Shapes.OfType<TextShape>().Select(t => t.Text)];

    /// <summary>Paints the shapes in order onto <paramref name="canvas"/>, one drawing unit per canvas unit.</summary>
    public static void Paint(SKCanvas canvas, Scene scene, Func<bool, bool, SKTypeface?> typeface)
    {
        // A brand's font file is drawn from its own face (one face for every style); otherwise the caller's DejaVu faces.
        using var painter = new Painter(canvas, scene.Brand.Measurer is FontMeasurer brand && scene.Brand.FontFile is not null ? brand.TypefaceOf : typeface);
        foreach (var shape in scene.Logo() is { } logo ? scene.PaintedShapes().Append(logo) : scene.PaintedShapes())
        {
            switch (shape)
            {
                case BoxShape b:
                    painter.Box(b);
                    break;
                case TextShape t:
                    painter.Text(t);
                    break;
                case CircleShape c:
                    painter.Circle(c);
                    break;
                case PathShape p:
                    painter.Path(p);
                    break;
                case ImageShape i:
                    painter.Image(i);
                    break;
            }
        }
    }

    /// <summary>Paints and fonts reused from shape to shape, so a map of thousands of shapes allocates a handful.</summary>
    private sealed class Painter(SKCanvas canvas, Func<bool, bool, SKTypeface?> typeface) : IDisposable
    {
        /// <summary>The marker <see cref="Scene.ToSvg(string)"/> defines: viewBox 0 0 10 10, refX 8, refY 5, 7 × 7 stroke widths.</summary>
        private static readonly SKPath s_arrowHead = SKPath.ParseSvgPathData("M0 0L10 5L0 10z");
        private static readonly SKColor s_arrowFill = new(0x4A, 0x53, 0x60);

        private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
        private readonly SKPaint _stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };
        private readonly SKFont?[] _fonts = new SKFont?[3];
        private readonly Dictionary<string, SKPathEffect?> _dashes = [];
        private readonly Dictionary<string, SKColor> _colors = [];

        public void Box(BoxShape b)
        {
            var rect = SKRect.Create(b.X, b.Y, b.Width, b.Height);
            if (SetFill(b.Fill))
            {
                Draw(rect, b.Radius, _fill);
            }

            if (SetStroke(b.Stroke, b.StrokeWidth, b.Dash, round: false))
            {
                Draw(rect, b.Radius, _stroke);
            }
        }

        public void Text(TextShape t)
        {
            if (!SetFill(t.Fill) || t.Text.Length == 0)
            {
                return;
            }

            var font = Font(t.Style);
            font.Size = t.Size;
            var align = t.Anchor switch
            {
                "middle" => SKTextAlign.Center,
                "end" => SKTextAlign.Right,
                _ => SKTextAlign.Left,
            };
            canvas.DrawText(SvgSpace(Xml.Clean(t.Text)), t.X, t.Y, align, font, _fill);
        }

        /// <summary>Text as an SVG reader shows it (xml:space default): newlines dropped, tabs as spaces, runs of spaces as one, trimmed.</summary>
        private static string SvgSpace(string text)
        {
            if (text.AsSpan().IndexOfAny("\t\r\n") < 0 && !text.Contains("  ", StringComparison.Ordinal) && (text.Length == 0 || (text[0] != ' ' && text[^1] != ' ')))
            {
                return text;
            }

            var builder = new System.Text.StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (c is '\r' or '\n')
                {
                    continue;
                }

                var d = c == '\t' ? ' ' : c;
                if (d == ' ' && (builder.Length == 0 || builder[^1] == ' '))
                {
                    continue;
                }

                builder.Append(d);
            }

            return builder.ToString().TrimEnd(' ');
        }

        public void Circle(CircleShape c)
        {
            if (SetFill(c.Fill))
            {
                canvas.DrawCircle(c.Cx, c.Cy, c.R, _fill);
            }

            if (SetStroke(c.Stroke, c.StrokeWidth, null, round: false))
            {
                canvas.DrawCircle(c.Cx, c.Cy, c.R, _stroke);
            }
        }

        public void Path(PathShape p)
        {
            using var path = SKPath.ParseSvgPathData(p.D);
            if (path is null)
            {
                return;
            }

            // SVG's opacity fades the element as one (fill, stroke and marker together): a layer, as Svg.Skia does.
            var layered = p.Opacity < 1;
            if (layered)
            {
                using var layer = new SKPaint { Color = SKColors.White.WithAlpha((byte)Math.Round(Math.Clamp(p.Opacity, 0, 1) * 255)) };
                canvas.SaveLayer(layer);
            }

            if (SetFill(p.Fill))
            {
                canvas.DrawPath(path, _fill);
            }

            if (SetStroke(p.Stroke, p.StrokeWidth, p.Dash, round: true))
            {
                canvas.DrawPath(path, _stroke);
                if (p.Arrow)
                {
                    Arrow(path, p.StrokeWidth);
                }
            }

            if (layered)
            {
                canvas.Restore();
            }
        }

        /// <summary>An SVG image (a brand's logo), read with Svg.Skia and fitted into its frame, centred (xMidYMid meet).</summary>
        private void Vector(ImageShape i, byte[] svg)
        {
            using var reader = new Svg.Skia.SKSvg();
            using var stream = new MemoryStream(svg);
            if (reader.Load(stream) is not { } picture || picture.CullRect.Width <= 0 || picture.CullRect.Height <= 0)
            {
                return;
            }

            var bounds = picture.CullRect;
            var scale = Math.Min(i.Width / bounds.Width, i.Height / bounds.Height);
            canvas.Save();
            canvas.Translate(i.X + ((i.Width - (bounds.Width * scale)) / 2), i.Y + ((i.Height - (bounds.Height * scale)) / 2));
            canvas.Scale(scale);
            canvas.Translate(-bounds.Left, -bounds.Top);
            canvas.DrawPicture(picture);
            canvas.Restore();
        }

        public void Image(ImageShape i)
        {
            var comma = i.DataUri.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0 && i.DataUri.StartsWith("data:image/svg+xml;base64,", StringComparison.Ordinal))
            {
                Vector(i, Convert.FromBase64String(i.DataUri[(comma + 1)..]));
                return;
            }

            if (comma < 0 || !Scene.IsEmbeddableImage(i.DataUri))
            {
                return;
            }

            using var image = SKImage.FromEncodedData(Convert.FromBase64String(i.DataUri[(comma + 1)..]));
            if (image is null || image.Width == 0 || image.Height == 0)
            {
                return;
            }

            var frame = SKRect.Create(i.X, i.Y, i.Width, i.Height);
            canvas.Save();
            canvas.ClipRect(frame, antialias: true);
            if (i.ClipRadius > 0)
            {
                var r = i.ClipRadius;
                canvas.ClipRoundRect(new SKRoundRect(SKRect.Create(frame.MidX - r, frame.MidY - r, 2 * r, 2 * r), r), antialias: true);
            }

            // preserveAspectRatio="xMidYMid slice": scaled to cover the frame, centred.
            var scale = Math.Max(i.Width / image.Width, i.Height / image.Height);
            var (w, h) = (image.Width * scale, image.Height * scale);
            var target = SKRect.Create(frame.MidX - (w / 2), frame.MidY - (h / 2), w, h);
            using var paint = new SKPaint { IsAntialias = true };
            canvas.DrawImage(image, target, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
            canvas.Restore();
        }

        public void Dispose()
        {
            _fill.Dispose();
            _stroke.Dispose();
            foreach (var font in _fonts)
            {
                font?.Dispose();
            }

            foreach (var dash in _dashes.Values)
            {
                dash?.Dispose();
            }
        }

        /// <summary>The marker at the path's end, turned along its last direction and scaled by the stroke width (markerUnits strokeWidth).</summary>
        private void Arrow(SKPath path, float strokeWidth)
        {
            using var measure = new SKPathMeasure(path, forceClosed: false);
            SKPoint end = default;
            SKPoint tangent = default;
            do
            {
                if (measure.Length > 0)
                {
                    measure.GetPositionAndTangent(measure.Length, out end, out tangent);
                }
            }
            while (measure.NextContour());

            if (tangent == default)
            {
                return;
            }

            var unit = 0.7f * strokeWidth;
            canvas.Save();
            canvas.Translate(end.X, end.Y);
            canvas.RotateRadians(MathF.Atan2(tangent.Y, tangent.X));
            canvas.Scale(unit);
            canvas.Translate(-8, -5);
            using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill, Color = s_arrowFill };
            canvas.DrawPath(s_arrowHead, paint);
            canvas.Restore();
        }

        private void Draw(SKRect rect, float radius, SKPaint paint)
        {
            if (radius > 0)
            {
                canvas.DrawRoundRect(rect, radius, radius, paint);
            }
            else
            {
                canvas.DrawRect(rect, paint);
            }
        }

        /// <summary>Subpixel positions, linear advances (what the layout measured) and normal hinting: closest to Svg.Skia's glyphs.</summary>
        private SKFont Font(FontStyleKind style) => _fonts[(int)style] ??= new SKFont(
            typeface(style == FontStyleKind.Bold, style == FontStyleKind.Italic) ?? SKTypeface.Default)
        {
            Subpixel = true,
            LinearMetrics = true,
            Edging = SKFontEdging.Antialias,
            Hinting = SKFontHinting.Normal,
        };

        private bool SetFill(string? color)
        {
            if (!TryColor(color, out var value))
            {
                return false;
            }

            _fill.Color = value;
            return true;
        }

        private bool SetStroke(string? color, float width, string? dash, bool round)
        {
            if (!TryColor(color, out var value) || width <= 0)
            {
                return false;
            }

            _stroke.Color = value;
            _stroke.StrokeWidth = width;
            _stroke.StrokeCap = round ? SKStrokeCap.Round : SKStrokeCap.Butt;
            _stroke.StrokeJoin = round ? SKStrokeJoin.Round : SKStrokeJoin.Miter;
            _stroke.PathEffect = dash is null ? null : Dash(dash);
            return true;
        }

        /// <summary>An SVG dash array ("4 3", "2,2"); an odd list is repeated, as SVG does.</summary>
        private SKPathEffect? Dash(string dash)
        {
            if (_dashes.TryGetValue(dash, out var effect))
            {
                return effect;
            }

            var parts = dash.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            var values = new List<float>(parts.Length * 2);
            foreach (var part in parts)
            {
                if (float.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
                {
                    values.Add(value);
                }
            }

            if (values.Count % 2 == 1)
            {
                values.AddRange(values);
            }

            effect = values.Count > 0 && values.Sum() > 0 ? SKPathEffect.CreateDash([.. values], 0) : null;
            _dashes[dash] = effect;
            return effect;
        }

        private bool TryColor(string? color, out SKColor value)
        {
            value = default;
            if (color is null or "none")
            {
                return false;
            }

            if (_colors.TryGetValue(color, out value))
            {
                return true;
            }

            // The scene holds #RGB or #RRGGBB (Palette, HexColor); anything else is not drawn rather than guessed.
            if (!HexColorPattern(color) || !SKColor.TryParse(color, out value))
            {
                return false;
            }

            _colors[color] = value;
            return true;
        }

        private static bool HexColorPattern(string color) =>
            color.Length is 4 or 7 && color[0] == '#' && color.AsSpan(1).ContainsAnyExcept("0123456789abcdefABCDEF") is false;
    }
}

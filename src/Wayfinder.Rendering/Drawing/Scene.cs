namespace Wayfinder.Rendering.Drawing;

using System.Globalization;
using System.Text;

/// <summary>A positioned drawing primitive of a laid-out rendering.</summary>
public abstract record Shape;

/// <summary>A box; <see cref="Dash"/> is an SVG dash array or null.</summary>
public sealed record BoxShape(float X, float Y, float Width, float Height, string Fill, string? Stroke = null, float StrokeWidth = 1, float Radius = 0, string? Dash = null) : Shape;

/// <summary>One line of text at its baseline; the text is raw user text, escaped when written.</summary>
public sealed record TextShape(float X, float Y, string Text, float Size, string Fill, FontStyleKind Style = FontStyleKind.Regular, string Anchor = "start") : Shape;

public sealed record CircleShape(float Cx, float Cy, float R, string Fill, string? Stroke = null, float StrokeWidth = 1) : Shape;

/// <summary>An SVG path; <see cref="Arrow"/> ends it with the arrow-head marker the writer defines.</summary>
public sealed record PathShape(string D, string? Stroke, float StrokeWidth = 1, string Fill = "none", string? Dash = null, bool Arrow = false, float Opacity = 1) : Shape;

/// <summary>An embedded raster image (a data URI only, so renderings stay standalone), clipped to a circle when <see cref="ClipRadius"/> is set.</summary>
public sealed record ImageShape(float X, float Y, float Width, float Height, string DataUri, float ClipRadius = 0) : Shape;

/// <summary>
/// Opens a group of the shapes after it, up to its <see cref="GroupEndShape"/>: one element of the document (its stable id
/// and what it is: <c>stage</c>, <c>step</c>, <c>lane</c>, <c>touchpoint</c>…), or one data overlay (<c>funnel</c>,
/// <c>stranded</c>…), so a page showing the SVG can select elements and switch overlays. Written as <c>&lt;g data-…&gt;</c>.
/// </summary>
public sealed record GroupShape(string? ElementId, string? ElementKind, string? Overlay) : Shape;

/// <summary>Closes the innermost open <see cref="GroupShape"/>.</summary>
public sealed record GroupEndShape : Shape;

/// <summary>A list of shapes in paint order, with the size of the whole drawing.</summary>
public sealed class Scene
{
    public List<Shape> Shapes { get; } = [];

    public float Width { get; set; }

    public float Height { get; set; }

    /// <summary>The workspace's look (<see cref="BrandStyle.Of"/>), applied when the scene is written: font, band colours, logo.</summary>
    public BrandStyle Brand { get; set; } = BrandStyle.Default;

    public void Box(float x, float y, float w, float h, string fill, string? stroke = null, float strokeWidth = 1, float radius = 0, string? dash = null) =>
        Shapes.Add(new BoxShape(x, y, w, h, fill, stroke, strokeWidth, radius, dash));

    public void Text(float x, float y, string text, float size, string fill, FontStyleKind style = FontStyleKind.Regular, string anchor = "start") =>
        Shapes.Add(new TextShape(x, y, text, size, fill, style, anchor));

    public void Circle(float cx, float cy, float r, string fill, string? stroke = null, float strokeWidth = 1) =>
        Shapes.Add(new CircleShape(cx, cy, r, fill, stroke, strokeWidth));

    public void Path(string d, string? stroke, float strokeWidth = 1, string fill = "none", string? dash = null, bool arrow = false, float opacity = 1) =>
        Shapes.Add(new PathShape(d, stroke, strokeWidth, fill, dash, arrow, opacity));

    public void Image(float x, float y, float w, float h, string dataUri, float clipRadius = 0) =>
        Shapes.Add(new ImageShape(x, y, w, h, dataUri, clipRadius));

    /// <summary>Groups the shapes added until <see cref="EndGroup"/> as one element of the document (nothing when it has no id).</summary>
    public bool BeginElement(string? elementId, string kind)
    {
        if (string.IsNullOrEmpty(elementId))
        {
            return false;
        }

        Shapes.Add(new GroupShape(elementId, kind, null));
        return true;
    }

    /// <summary>Groups the shapes added until <see cref="EndGroup"/> as one data overlay.</summary>
    public void BeginOverlay(string overlay) => Shapes.Add(new GroupShape(null, null, overlay));

    /// <summary>Closes the group opened last.</summary>
    public void EndGroup() => Shapes.Add(new GroupEndShape());

    /// <summary>A photo value usable as an embedded image: a base64 PNG, JPEG, GIF or WebP data URI; anything else (paths, URLs) is not fetched.</summary>
    public static bool IsEmbeddableImage(string? photo)
    {
        if (photo is null || photo.Length > 2_000_000)
        {
            return false;
        }

        var comma = photo.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return false;
        }

        var head = photo[..comma];
        if (head is not ("data:image/png;base64" or "data:image/jpeg;base64" or "data:image/gif;base64" or "data:image/webp;base64"))
        {
            return false;
        }

        for (var i = comma + 1; i < photo.Length; i++)
        {
            var c = photo[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return false;
            }
        }

        return true;
    }

    public void Line(float x1, float y1, float x2, float y2, string stroke, float strokeWidth = 1, string? dash = null) =>
        Shapes.Add(new PathShape($"M{F(x1)} {F(y1)}L{F(x2)} {F(y2)}", stroke, strokeWidth, "none", dash));

    /// <summary>Writes text lines top-down from <paramref name="top"/>; returns the y below the last line.</summary>
    public float Lines(IReadOnlyList<string> lines, float x, float top, float size, float lineHeight, string fill, FontStyleKind style = FontStyleKind.Regular, string anchor = "start")
    {
        var baseline = top + Baseline(size, lineHeight);
        foreach (var line in lines)
        {
            Text(x, baseline, line, size, fill, style, anchor);
            baseline += lineHeight;
        }

        return top + (lines.Count * lineHeight);
    }

    /// <summary>The baseline offset that centres a DejaVu Sans line of <paramref name="size"/> in <paramref name="lineHeight"/>.</summary>
    public static float Baseline(float size, float lineHeight) => ((lineHeight - size) / 2) + (size * 0.8f);

    /// <summary>A number as SVG writes it: invariant, at most two decimals.</summary>
    public static string F(float value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    /// <summary>The scene as a standalone SVG document (no XML declaration, so it can be inlined in HTML).</summary>
    public string ToSvg(string title) => ToSvg(title, null);

    /// <summary>The scene as SVG with all shapes in one group of id <paramref name="groupId"/> (an HTML page can then reuse it with &lt;use&gt;).</summary>
    public string ToSvg(string title, string? groupId)
    {
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(F(Width)).Append("\" height=\"").Append(F(Height))
            .Append("\" viewBox=\"0 0 ").Append(F(Width)).Append(' ').Append(F(Height))
            .Append("\" font-family=\"");
        Xml.Append(sb, Brand.FontFamily);
        sb.Append("\" role=\"img\" aria-label=\"");
        Xml.Append(sb, title);
        sb.Append("\"><title>");
        Xml.Append(sb, title);
        sb.Append("</title><defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"8\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"#4A5360\"/></marker></defs>");
        if (groupId is not null)
        {
            sb.Append("<g id=\"").Append(SafeId(groupId)).Append("\">");
        }

        foreach (var shape in PaintedShapes())
        {
            switch (shape)
            {
                case BoxShape b:
                    sb.Append("<rect x=\"").Append(F(b.X)).Append("\" y=\"").Append(F(b.Y)).Append("\" width=\"").Append(F(b.Width))
                        .Append("\" height=\"").Append(F(b.Height)).Append('"');
                    if (b.Radius > 0)
                    {
                        sb.Append(" rx=\"").Append(F(b.Radius)).Append('"');
                    }

                    sb.Append(" fill=\"").Append(b.Fill).Append('"');
                    AppendStroke(sb, b.Stroke, b.StrokeWidth, b.Dash);
                    sb.Append("/>");
                    break;
                case TextShape t:
                    sb.Append("<text x=\"").Append(F(t.X)).Append("\" y=\"").Append(F(t.Y)).Append("\" font-size=\"").Append(F(t.Size))
                        .Append("\" fill=\"").Append(t.Fill).Append('"');
                    if (t.Style == FontStyleKind.Bold)
                    {
                        sb.Append(" font-weight=\"bold\"");
                    }
                    else if (t.Style == FontStyleKind.Italic)
                    {
                        sb.Append(" font-style=\"italic\"");
                    }

                    if (t.Anchor != "start")
                    {
                        sb.Append(" text-anchor=\"").Append(t.Anchor).Append('"');
                    }

                    sb.Append('>');
                    Xml.Append(sb, t.Text);
                    sb.Append("</text>");
                    break;
                case CircleShape c:
                    sb.Append("<circle cx=\"").Append(F(c.Cx)).Append("\" cy=\"").Append(F(c.Cy)).Append("\" r=\"").Append(F(c.R))
                        .Append("\" fill=\"").Append(c.Fill).Append('"');
                    AppendStroke(sb, c.Stroke, c.StrokeWidth, null);
                    sb.Append("/>");
                    break;
                case ImageShape img:
                    var clip = "";
                    if (img.ClipRadius > 0)
                    {
                        // Ids from the geometry and content, so several SVGs inlined in one HTML page do not collide.
                        var id = $"wf-clip-{(int)img.X}-{(int)img.Y}-{(uint)img.DataUri.GetHashCode(StringComparison.Ordinal):x8}";
                        sb.Append("<clipPath id=\"").Append(id).Append("\"><circle cx=\"").Append(F(img.X + (img.Width / 2))).Append("\" cy=\"")
                            .Append(F(img.Y + (img.Height / 2))).Append("\" r=\"").Append(F(img.ClipRadius)).Append("\"/></clipPath>");
                        clip = $" clip-path=\"url(#{id})\"";
                    }

                    sb.Append("<image x=\"").Append(F(img.X)).Append("\" y=\"").Append(F(img.Y)).Append("\" width=\"").Append(F(img.Width))
                        .Append("\" height=\"").Append(F(img.Height)).Append("\" preserveAspectRatio=\"xMidYMid slice\" href=\"");
                    Xml.Append(sb, img.DataUri);
                    sb.Append('"').Append(clip).Append("/>");
                    break;
                case GroupShape g:
                    sb.Append("<g");
                    if (g.ElementId is not null)
                    {
                        sb.Append(" data-element-id=\"");
                        Xml.Append(sb, g.ElementId);
                        sb.Append("\" data-element-kind=\"");
                        Xml.Append(sb, g.ElementKind);
                        sb.Append('"');
                    }

                    if (g.Overlay is not null)
                    {
                        sb.Append(" data-overlay=\"");
                        Xml.Append(sb, g.Overlay);
                        sb.Append('"');
                    }

                    sb.Append('>');
                    break;
                case GroupEndShape:
                    sb.Append("</g>");
                    break;
                case PathShape p:
                    sb.Append("<path d=\"").Append(p.D).Append("\" fill=\"").Append(p.Fill).Append('"');
                    AppendStroke(sb, p.Stroke, p.StrokeWidth, p.Dash);
                    if (p.Opacity < 1)
                    {
                        sb.Append(" opacity=\"").Append(F(p.Opacity)).Append('"');
                    }

                    if (p.Arrow)
                    {
                        sb.Append(" marker-end=\"url(#arrow)\"");
                    }

                    if (p.Stroke is not null)
                    {
                        sb.Append(" stroke-linecap=\"round\" stroke-linejoin=\"round\"");
                    }

                    sb.Append("/>");
                    break;
            }
        }

        AppendLogo(sb);
        if (groupId is not null)
        {
            sb.Append("</g>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>An XML/CSS-safe id: ASCII letters, digits and hyphens only.</summary>
    public static string SafeId(string id) =>
        "wf-" + string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-'));

    /// <summary>
    /// The shape in the brand's colours: the palette's bands become the brand's; text on a changed band keeps its colour
    /// when it reads there (4.5:1), else takes the ink that does; text in the band colour becomes the brand's primary when
    /// that reads on white.
    /// </summary>
    /// <param name="boxes">The boxes painted since the first band, each with whether it is a changed band.</param>
    private Shape Branded(Shape shape, List<(BoxShape Box, bool Band)> boxes)
    {
        if (ReferenceEquals(Brand, BrandStyle.Default))
        {
            return shape;
        }

        switch (shape)
        {
            case BoxShape { Fill: Palette.Band or Palette.BandAlt } band:
                var branded = band with { Fill = band.Fill == Palette.Band ? Brand.Band : Brand.BandAlt };
                boxes.Add((branded, true));
                return branded;
            case BoxShape box when boxes.Count > 0:
                boxes.Add((box, false));
                return box;
            case TextShape { Fill: Palette.Band } text when Core.Validation.BrandCheck.WhiteReadsOn(Brand.Band):
                return text with { Fill = Brand.Band };
            case TextShape text when boxes.Count > 0 && Core.Workspaces.HexColor.IsValid(text.Fill):
                // The box painted last under the text's start is what it is read on.
                for (var i = boxes.Count - 1; i >= 0; i--)
                {
                    var (b, isBand) = boxes[i];
                    if (text.X >= b.X && text.X <= b.X + b.Width && text.Y >= b.Y && text.Y <= b.Y + b.Height)
                    {
                        return isBand && Core.Validation.BrandCheck.Contrast(text.Fill, b.Fill) < Core.Validation.BrandCheck.MinContrast
                            ? text with { Fill = BrandStyle.InkOn(b.Fill) }
                            : text;
                    }
                }

                return text;
            default:
                return shape;
        }
    }

    /// <summary>The shapes as they are painted: with the brand's colours (<see cref="Branded"/>); the SVG and the Skia painter both draw these.</summary>
    internal IEnumerable<Shape> PaintedShapes()
    {
        var bands = new List<(BoxShape Box, bool Band)>();
        foreach (var shape in Shapes)
        {
            yield return Branded(shape, bands);
        }
    }

    /// <summary>The brand's logo as an image in the top-right corner, painted over everything else; null without one.</summary>
    internal ImageShape? Logo() => Brand.LogoDataUri is { } logo
        ? new ImageShape(Width - BrandStyle.LogoInset - Brand.LogoWidth, BrandStyle.LogoInset, Brand.LogoWidth, Brand.LogoHeight, logo)
        : null;

    /// <summary>The brand's logo in the top-right corner, over everything else.</summary>
    private void AppendLogo(StringBuilder sb)
    {
        if (Logo() is not { } logo)
        {
            return;
        }

        sb.Append("<image data-brand=\"logo\" x=\"").Append(F(logo.X)).Append("\" y=\"").Append(F(logo.Y))
            .Append("\" width=\"").Append(F(logo.Width)).Append("\" height=\"").Append(F(logo.Height)).Append("\" href=\"");
        Xml.Append(sb, logo.DataUri);
        sb.Append("\"/>");
    }

    private static void AppendStroke(StringBuilder sb, string? stroke, float width, string? dash)
    {
        if (stroke is null)
        {
            return;
        }

        sb.Append(" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(F(width)).Append('"');
        if (dash is not null)
        {
            sb.Append(" stroke-dasharray=\"").Append(dash).Append('"');
        }
    }
}

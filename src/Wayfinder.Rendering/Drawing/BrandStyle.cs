namespace Wayfinder.Rendering.Drawing;

using System.Collections.Concurrent;
using SkiaSharp;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

/// <summary>
/// The workspace's brand (<c>brand:</c> in <c>wayfinder.yaml</c>) resolved once for drawing: the band colours, the ink on
/// them, the logo as a data URI with its size, and the font (its family name and a measurer of its file). A renderer puts
/// it on its <see cref="Scene"/> (<c>scene.Brand</c>) and measures with <see cref="Measurer"/>; <see cref="Scene.ToSvg(string)"/>
/// does the rest (font family, band colours, logo). Parts of the brand that validation rejects are left out, so a bad
/// logo path never stops a rendering.
/// </summary>
public sealed record BrandStyle
{
    /// <summary>The logo is fitted into a box this size in the top-right corner.</summary>
    public const float LogoMaxWidth = 140;
    public const float LogoMaxHeight = 40;

    /// <summary>How far the logo sits from the top and right edges.</summary>
    public const float LogoInset = 16;

    private static readonly ConcurrentDictionary<(string Root, Brand Brand, DateTime Logo, DateTime Font), BrandStyle> s_resolved = new();

    /// <summary>Wayfinder's own look: no logo, DejaVu Sans, the palette's bands.</summary>
    public static BrandStyle Default { get; } = new();

    /// <summary>The stage header band (and titles and bars drawn in <see cref="Palette.Band"/>).</summary>
    public string Band { get; init; } = Palette.Band;

    /// <summary>The alternate band.</summary>
    public string BandAlt { get; init; } = Palette.BandAlt;

    /// <summary>The logo as a data URI (PNG, JPEG or SVG), or null.</summary>
    public string? LogoDataUri { get; init; }

    public float LogoWidth { get; init; }

    public float LogoHeight { get; init; }

    /// <summary>The <c>font-family</c> the SVG names: the brand font's family first, DejaVu Sans after it.</summary>
    public string FontFamily { get; init; } = DejaVuMeasurer.FontFamily;

    /// <summary>The brand's font file (full path), or null for DejaVu Sans.</summary>
    public string? FontFile { get; init; }

    /// <summary>Measures text as the SVG will draw it.</summary>
    public ITextMeasurer Measurer { get; init; } = DejaVuMeasurer.Instance;

    /// <summary>
    /// CSS that puts the brand on an HTML page styled with Wayfinder's colours: the font (embedded from its file), the
    /// header band and its ink; empty for the default look.
    /// </summary>
    public string Css()
    {
        if (ReferenceEquals(this, Default))
        {
            return "";
        }

        var css = new System.Text.StringBuilder();
        if (FontFile is { } file)
        {
            var family = FontFamily.Split(',')[0];
            css.Append("@font-face{font-family:'").Append(family).Append("';src:url(data:font/ttf;base64,").Append(Convert.ToBase64String(File.ReadAllBytes(file)))
                .Append(")}body{font-family:").Append(FontFamily).Append('}');
        }

        var ink = InkOn(Band);
        css.Append("header{background:").Append(Band).Append(";color:").Append(ink).Append("}nav a,.kicker{color:").Append(ink).Append('}')
            .Append("header .logo{float:right;margin-left:16px}");
        return css.ToString();
    }

    /// <summary>The logo as an HTML image (escaped), or an empty string.</summary>
    public string LogoHtml()
    {
        if (LogoDataUri is not { } logo)
        {
            return "";
        }

        var sb = new System.Text.StringBuilder("<img class=\"logo\" alt=\"\" width=\"");
        sb.Append(Scene.F(LogoWidth)).Append("\" height=\"").Append(Scene.F(LogoHeight)).Append("\" src=\"");
        Xml.Append(sb, logo);
        return sb.Append("\">").ToString();
    }

    /// <summary>The text colour on a band of <paramref name="band"/>: white when it reads (4.5:1), else dark ink.</summary>
    public static string InkOn(string band) => BrandCheck.WhiteReadsOn(band) ? Palette.Paper : Palette.Ink;

    /// <summary>The brand of <paramref name="workspace"/>, resolved once per workspace root and file versions.</summary>
    public static BrandStyle Of(Workspace workspace)
    {
        if (workspace.Config.Brand is not { } brand)
        {
            return Default;
        }

        var key = (workspace.Root, brand, Stamp(workspace.Root, brand.Logo), Stamp(workspace.Root, brand.Font));
        return s_resolved.GetOrAdd(key, k => Resolve(k.Brand, k.Root));
    }

    /// <summary>The brand's parts that pass <see cref="BrandCheck"/>, read from the files under <paramref name="root"/>.</summary>
    public static BrandStyle Resolve(Brand brand, string root)
    {
        var rejected = BrandCheck.Problems(brand, root).Where(p => p.Severity == Severity.Error).Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var primary = brand.Primary is { } p && !rejected.Contains("brand.primary") ? p : null;
        var accent = brand.Accent is { } a && !rejected.Contains("brand.accent") ? a : null;
        var style = Default with
        {
            Band = primary ?? accent ?? Palette.Band,
            BandAlt = accent ?? primary ?? Palette.BandAlt,
        };

        if (brand.Logo is { } logo && !rejected.Contains("brand.logo") && Logo(Path.Combine(root, logo)) is { } image)
        {
            style = style with { LogoDataUri = image.DataUri, LogoWidth = image.Width, LogoHeight = image.Height };
        }

        if (brand.Font is { } font && !rejected.Contains("brand.font") && FontMeasurer.ForFile(Path.Combine(root, font)) is { } measurer)
        {
            // Only letters, digits, spaces and hyphens: the name goes into SVG attributes and CSS unquoted.
            var family = string.Concat(FamilyName(measurer.Typeface).Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-')).Trim();
            if (family.Length > 0 && !family.Equals("DejaVu Sans", StringComparison.OrdinalIgnoreCase))
            {
                BrandFonts.Register(family, measurer.Typeface);
                style = style with { Measurer = measurer, FontFamily = $"{family}, {DejaVuMeasurer.FontFamily}", FontFile = Path.GetFullPath(Path.Combine(root, font)) };
            }
        }

        return style;
    }

    /// <summary>The logo as a data URI fitted into <see cref="LogoMaxWidth"/> × <see cref="LogoMaxHeight"/>, keeping its shape.</summary>
    private static (string DataUri, float Width, float Height)? Logo(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var kind = BrandCheck.ImageKind(bytes.AsSpan(0, Math.Min(bytes.Length, 512)));
        float width, height;
        if (kind == "svg")
        {
            using var svg = new Svg.Skia.SKSvg();
            using var stream = new MemoryStream(bytes);
            if (svg.Load(stream) is not { } picture || picture.CullRect.Width <= 0 || picture.CullRect.Height <= 0)
            {
                return null;
            }

            (width, height) = (picture.CullRect.Width, picture.CullRect.Height);
        }
        else
        {
            using var codec = SKCodec.Create(new MemoryStream(bytes));
            if (codec is null)
            {
                return null;
            }

            (width, height) = (codec.Info.Width, codec.Info.Height);
        }

        var scale = Math.Min(LogoMaxWidth / width, LogoMaxHeight / height);
        var media = kind == "svg" ? "image/svg+xml" : $"image/{kind}";
        return ($"data:{media};base64,{Convert.ToBase64String(bytes)}", width * scale, height * scale);
    }

    /// <summary>
    /// The family a font file is named by: its family with its width when not normal ("DejaVu Sans Condensed"), so a narrow
    /// cut of an installed family is not taken for the family itself.
    /// </summary>
    private static string FamilyName(SKTypeface typeface)
    {
        var width = (SKFontStyleWidth)typeface.FontStyle.Width;
        return width == SKFontStyleWidth.Normal
            ? typeface.FamilyName
            : $"{typeface.FamilyName} {System.Text.RegularExpressions.Regex.Replace(width.ToString(), "(?<=[a-z])(?=[A-Z])", " ")}";
    }

    private static DateTime Stamp(string root, string? file) =>
        file is null ? default : File.GetLastWriteTimeUtc(Path.Combine(root, file));
}

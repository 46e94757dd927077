namespace Wayfinder.Rendering.Drawing;

using System.Collections.Concurrent;
using SkiaSharp;

/// <summary>The weight and slant of a run of text.</summary>
public enum FontStyleKind
{
    Regular,
    Bold,
    Italic,
}

/// <summary>Measures the width of a run of text at a font size.</summary>
public interface ITextMeasurer
{
    float Measure(string text, float size, FontStyleKind style = FontStyleKind.Regular);
}

/// <summary>DejaVu Sans, the font every rendering is set in unless the workspace's brand names another.</summary>
public static class DejaVuMeasurer
{
    /// <summary>The family every rendering writes; Svg.Skia resolves it through fontconfig.</summary>
    public const string FontFamily = "DejaVu Sans, sans-serif";

    /// <summary>The one shared measurer of DejaVu Sans (thread-safe).</summary>
    public static FontMeasurer Instance { get; } = new(
        SKTypeface.FromFamilyName("DejaVu Sans", SKFontStyle.Normal) ?? SKTypeface.Default,
        SKTypeface.FromFamilyName("DejaVu Sans", SKFontStyle.Bold) ?? SKTypeface.Default,
        SKTypeface.FromFamilyName("DejaVu Sans", SKFontStyle.Italic) ?? SKTypeface.Default);
}

/// <summary>
/// Measures text with the real advance widths of a font, through SkiaSharp: DejaVu Sans (<see cref="DejaVuMeasurer"/>) or
/// a brand's font file (<see cref="ForFile"/>). Widths are cached per character at unit size, so a map measures thousands
/// of words without calling into Skia. Svg.Skia draws <c>&lt;text&gt;</c> without kerning, so the sum of advances is
/// exactly what it draws.
/// </summary>
public sealed class FontMeasurer : ITextMeasurer
{
    private const float UnitSize = 64f;
    private static readonly ConcurrentDictionary<string, FontMeasurer?> s_files = new(StringComparer.Ordinal);
    private readonly SKFont[] _fonts;
    private readonly float[][] _ascii;
    private readonly ConcurrentDictionary<(int Style, int CodePoint), float> _other = new();
    private readonly Lock _skia = new();

    /// <summary>A measurer of three faces: regular, bold and italic.</summary>
    public FontMeasurer(SKTypeface regular, SKTypeface bold, SKTypeface italic)
    {
        // Unhinted, linear advances: what Svg.Skia draws with (checked against rendered ink), at any size.
        static SKFont Font(SKTypeface typeface) => new(typeface, UnitSize)
        {
            LinearMetrics = true,
            Subpixel = true,
            Hinting = SKFontHinting.None,
        };

        _fonts = [Font(regular), Font(bold), Font(italic)];
        _ascii = new float[_fonts.Length][];
        for (var s = 0; s < _fonts.Length; s++)
        {
            _ascii[s] = new float[128];
            for (var c = 32; c < 127; c++)
            {
                _ascii[s][c] = MeasureWithSkia(s, ((char)c).ToString());
            }
        }
    }

    /// <summary>The family name the regular typeface resolved to (DejaVu Sans when fontconfig finds it).</summary>
    public string ResolvedFamily => _fonts[0].Typeface.FamilyName;

    /// <summary>The regular typeface measured.</summary>
    public SKTypeface Typeface => _fonts[0].Typeface;

    /// <summary>
    /// A measurer of the font in <paramref name="path"/> (one face for every style: a brand names one file), made once per
    /// file; null when Skia cannot read it.
    /// </summary>
    public static FontMeasurer? ForFile(string path) => s_files.GetOrAdd(Path.GetFullPath(path), static full =>
        SKTypeface.FromFile(full) is { } face ? new FontMeasurer(face, face, face) : null);

    /// <summary>The typeface text is measured with, for painting it (<see cref="ScenePainter"/>).</summary>
    internal SKTypeface TypefaceOf(bool bold, bool italic) => _fonts[bold ? 1 : italic ? 2 : 0].Typeface;

    public float Measure(string text, float size, FontStyleKind style = FontStyleKind.Regular)
    {
        var s = (int)style;
        var table = _ascii[s];
        var total = 0f;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 128)
            {
                total += table[c];
                continue;
            }

            int codePoint = c;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, text[i + 1]);
                i++;
            }

            total += _other.GetOrAdd((s, codePoint), key => MeasureWithSkia(key.Style, char.ConvertFromUtf32(IsValid(key.CodePoint) ? key.CodePoint : '?')));
        }

        return total * size / UnitSize;
    }

    private static bool IsValid(int codePoint) => codePoint is < 0xD800 or (> 0xDFFF and <= 0x10FFFF);

    private float MeasureWithSkia(int style, string text)
    {
        lock (_skia)
        {
            return _fonts[style].MeasureText(text);
        }
    }
}

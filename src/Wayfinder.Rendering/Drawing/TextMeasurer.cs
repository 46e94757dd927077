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

/// <summary>
/// Measures text with the real advance widths of DejaVu Sans (the font every rendering names), through SkiaSharp.
/// Widths are cached per character at unit size, so a map measures thousands of words without calling into Skia.
/// Svg.Skia draws <c>&lt;text&gt;</c> without kerning, so the sum of advances is exactly what it draws.
/// </summary>
public sealed class DejaVuMeasurer : ITextMeasurer
{
    /// <summary>The family every rendering writes; Svg.Skia resolves it through fontconfig.</summary>
    public const string FontFamily = "DejaVu Sans, sans-serif";

    /// <summary>The one shared instance (thread-safe).</summary>
    public static DejaVuMeasurer Instance { get; } = new();

    private const float UnitSize = 64f;
    private readonly SKFont[] _fonts;
    private readonly float[][] _ascii;
    private readonly ConcurrentDictionary<(int Style, int CodePoint), float> _other = new();
    private readonly Lock _skia = new();

    private DejaVuMeasurer()
    {
        // Unhinted, linear advances: what Svg.Skia draws with (checked against rendered ink), at any size.
        static SKFont Font(SKFontStyle style) => new(SKTypeface.FromFamilyName("DejaVu Sans", style) ?? SKTypeface.Default, UnitSize)
        {
            LinearMetrics = true,
            Subpixel = true,
            Hinting = SKFontHinting.None,
        };

        _fonts = [Font(SKFontStyle.Normal), Font(SKFontStyle.Bold), Font(SKFontStyle.Italic)];
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

    /// <summary>The typeface text is measured with, for painting it (<see cref="ScenePainter"/>).</summary>
    internal SKTypeface Typeface(bool bold, bool italic) => _fonts[bold ? 1 : italic ? 2 : 0].Typeface;

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

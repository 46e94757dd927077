namespace Wayfinder.Rendering.Drawing;

using System.Collections.Concurrent;
using SkiaSharp;
using Svg.Skia.TypefaceProviders;

/// <summary>
/// The brand fonts read from files (<see cref="BrandStyle"/>), by family name, so Svg.Skia draws PNGs and PDFs in the font
/// the SVG names even when the font is not installed. Asked before fontconfig and before the DejaVu subsets.
/// </summary>
internal static class BrandFonts
{
    private static readonly ConcurrentDictionary<string, SKTypeface> s_families = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The provider Svg.Skia asks; it answers only the registered families.</summary>
    public static ITypefaceProvider Provider { get; } = new FileTypefaceProvider();

    public static void Register(string family, SKTypeface typeface) => s_families.TryAdd(family, typeface);

    /// <summary>Puts the brand fonts in front of <paramref name="svg"/>'s typeface providers (nothing when there are none).</summary>
    public static void Use(Svg.Skia.SKSvg svg)
    {
        if (!s_families.IsEmpty)
        {
            svg.Settings.TypefaceProviders?.Insert(0, Provider);
        }
    }

    private sealed class FileTypefaceProvider : ITypefaceProvider
    {
        public SKTypeface? FromFamilyName(string fontFamily, SKFontStyleWeight fontWeight, SKFontStyleWidth fontWidth, SKFontStyleSlant fontStyle)
        {
            // The first family in the list is the brand's; the others are fallbacks that fontconfig resolves.
            var first = (fontFamily ?? "").Split(',', 2)[0].Trim().Trim('\'', '"');
            return s_families.TryGetValue(first, out var face) ? face : null;
        }
    }
}

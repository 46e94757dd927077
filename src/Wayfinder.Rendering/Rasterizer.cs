namespace Wayfinder.Rendering;

/// <summary>Turns any SVG we render into PNG or PDF (SkiaSharp + Svg.Skia).</summary>
public static class Rasterizer
{
    public static byte[] SvgToPng(string svg, float scale = 1f) => throw new NotImplementedException("contract stub");

    public static byte[] SvgToPdf(string svg) => throw new NotImplementedException("contract stub");
}

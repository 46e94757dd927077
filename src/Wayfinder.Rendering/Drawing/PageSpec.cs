namespace Wayfinder.Rendering.Drawing;

using System.Diagnostics.CodeAnalysis;

/// <summary>A paper size a rendering is printed on; <see cref="Fit"/> is one page the map's own shape.</summary>
public enum PaperSize
{
    Fit,
    A4,
    A3,
    A2,
    A1,
    A0,
    Letter,
    Tabloid,
}

/// <summary>Which way round the paper is; <see cref="Auto"/> turns it to suit the drawing's shape.</summary>
public enum PageOrientation
{
    Auto,
    Landscape,
    Portrait,
}

/// <summary>The page a PDF is laid out on: a paper size and an orientation.</summary>
public readonly record struct PageSpec(PaperSize Size = PaperSize.A3, PageOrientation Orientation = PageOrientation.Landscape)
{
    /// <summary>A3 landscape: the map poster's default.</summary>
    public static PageSpec MapDefault { get; } = new(PaperSize.A3, PageOrientation.Landscape);

    /// <summary>The names <c>--page</c> accepts, in order.</summary>
    public static IReadOnlyList<string> SizeNames { get; } = [.. Enum.GetValues<PaperSize>().Select(s => s.ToString().ToLowerInvariant())];

    /// <summary>The names <c>--orientation</c> accepts, in order.</summary>
    public static IReadOnlyList<string> OrientationNames { get; } = [.. Enum.GetValues<PageOrientation>().Select(s => s.ToString().ToLowerInvariant())];

    /// <summary>Width and height in PDF points (1/72 inch) of the paper held in portrait; (0, 0) for <see cref="PaperSize.Fit"/>.</summary>
    public static (float Width, float Height) PortraitPoints(PaperSize size) => size switch
    {
        // ISO 216 sizes in millimetres × 72 / 25.4; ANSI Letter 8.5 × 11 in and Tabloid 11 × 17 in.
        PaperSize.A4 => (595.28f, 841.89f),
        PaperSize.A3 => (841.89f, 1190.55f),
        PaperSize.A2 => (1190.55f, 1683.78f),
        PaperSize.A1 => (1683.78f, 2383.94f),
        PaperSize.A0 => (2383.94f, 3370.39f),
        PaperSize.Letter => (612f, 792f),
        PaperSize.Tabloid => (792f, 1224f),
        _ => (0f, 0f),
    };

    /// <summary>
    /// The page's width and height in points for a drawing of <paramref name="drawingWidth"/> × <paramref name="drawingHeight"/>:
    /// <see cref="PageOrientation.Auto"/> is landscape for a drawing wider than tall. For <see cref="PaperSize.Fit"/> it is (0, 0): the caller sizes the page.
    /// </summary>
    public (float Width, float Height) Points(float drawingWidth = 1, float drawingHeight = 0)
    {
        var (w, h) = PortraitPoints(Size);
        var landscape = Orientation switch
        {
            PageOrientation.Landscape => true,
            PageOrientation.Portrait => false,
            _ => drawingWidth > drawingHeight,
        };
        return landscape ? (h, w) : (w, h);
    }

    public static bool TryParseSize(string? text, out PaperSize size)
    {
        size = PaperSize.A3;
        var t = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(t) || !SizeNames.Contains(t))
        {
            return false;
        }

        size = Enum.Parse<PaperSize>(t, ignoreCase: true);
        return true;
    }

    public static bool TryParseOrientation(string? text, [NotNullWhen(true)] out PageOrientation? orientation)
    {
        orientation = null;
        var t = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(t) || !OrientationNames.Contains(t))
        {
            return false;
        }

        orientation = Enum.Parse<PageOrientation>(t, ignoreCase: true);
        return true;
    }

    public override string ToString() => Size == PaperSize.Fit ? "fit" : $"{Size.ToString().ToLowerInvariant()} {Orientation.ToString().ToLowerInvariant()}";
}

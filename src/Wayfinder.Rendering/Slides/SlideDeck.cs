namespace Wayfinder.Rendering.Slides;

/// <summary>
/// A deck of 16:9 slides laid out once, in points (960 × 540), for both the PPTX and the slides PDF: every text is
/// already cut to the lines that fit its box (<see cref="SlideParagraph.Lines"/>), so neither writer can overflow a slide.
/// </summary>
public sealed record SlideDeck(string Title, IReadOnlyList<Slide> Slides)
{
    /// <summary>A 16:9 slide in points: 13.333 × 7.5 inches, PowerPoint's widescreen size.</summary>
    public const float Width = 960f;
    public const float Height = 540f;
}

/// <summary>One slide: its title (the PPTX title placeholder's text and the PDF's heading) and what is placed on it.</summary>
public sealed record Slide(string Title, IReadOnlyList<SlideElement> Elements);

/// <summary>Something placed on a slide, its box in points from the top left.</summary>
public abstract record SlideElement(float X, float Y, float Width, float Height);

/// <summary>
/// A paragraph of one style. <see cref="Text"/> is what the PPTX holds (editable, shortened with an ellipsis when the box
/// could not hold all of it); <see cref="Lines"/> is the same text wrapped to the box, as the PDF draws it.
/// </summary>
public sealed record SlideParagraph(string Text, IReadOnlyList<string> Lines, float Size, string Color, bool Bold = false, bool Italic = false)
{
    /// <summary>The distance from one line's baseline to the next.</summary>
    public float LineHeight => Size * 1.25f;

    public float Height => Lines.Count * LineHeight;
}

/// <summary>
/// A text box: paragraphs from the top, on an optional fill with an optional coloured stripe on the left.
/// <see cref="IsTitle"/> marks the slide's title (the PPTX title placeholder, which outlines and screen readers use).
/// </summary>
public sealed record SlideText(float X, float Y, float Width, float Height, IReadOnlyList<SlideParagraph> Paragraphs, string? Fill = null, string? Stripe = null, bool IsTitle = false)
    : SlideElement(X, Y, Width, Height)
{
    /// <summary>The inner margin, the same in both writers.</summary>
    public const float Padding = 6f;
}

/// <summary>A table: a header row and body rows of one-line cells, each cut to its column with an ellipsis.</summary>
public sealed record SlideTable(float X, float Y, float Width, float Height, IReadOnlyList<float> Columns, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, float Size)
    : SlideElement(X, Y, Width, Height)
{
    public float RowHeight => Size * 2f;
}

/// <summary>A picture drawn from SVG: vector in the PDF, a PNG in the PPTX. <see cref="Description"/> is its alt text.</summary>
public sealed record SlidePicture(float X, float Y, float Width, float Height, string Svg, float SvgWidth, float SvgHeight, string Description)
    : SlideElement(X, Y, Width, Height);

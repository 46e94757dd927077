namespace Wayfinder.Rendering.Slides;

using Wayfinder.Rendering.Drawing;

/// <summary>One paragraph before it is fitted: its text and style.</summary>
internal sealed record SlideLine(string Text, float Size, string Color, bool Bold = false, bool Italic = false);

/// <summary>
/// Fits text into boxes with the real widths of DejaVu Sans: wrapped at spaces (and hyphens), cut with an ellipsis
/// on the last line that fits, and the paragraphs that do not fit at all counted in a "+N more" line.
/// </summary>
internal static class SlideFit
{
    public const string Ellipsis = "…";

    /// <summary>A text box at the given place holding as much of <paramref name="lines"/> as fits.</summary>
    public static SlideText Box(float x, float y, float width, float height, IEnumerable<SlideLine> lines, string? fill = null, string? stripe = null) =>
        new(x, y, width, height, Paragraphs(lines, width - (2 * SlideText.Padding) - (stripe is null ? 0 : 4), height - (2 * SlideText.Padding)), fill, stripe);

    /// <summary>The paragraphs wrapped to <paramref name="width"/>, as many as fit in <paramref name="height"/>.</summary>
    public static List<SlideParagraph> Paragraphs(IEnumerable<SlideLine> lines, float width, float height)
    {
        var all = lines.Where(l => Xml.Clean(l.Text).Trim().Length > 0).ToList();
        var wrapped = all.Select(l => Wrap(l, width)).ToList();
        if (wrapped.Sum(p => p.Height) <= height)
        {
            return wrapped;
        }

        // Not all of it fits: the paragraphs that fit whole, then the one that crosses the bottom cut with an ellipsis, and
        // a "+N more" line for the rest (room for it kept unless the cut paragraph is the last).
        var moreSize = all[^1].Size;
        var moreHeight = moreSize * 1.25f;
        var kept = new List<SlideParagraph>();
        var shown = 0;
        var used = 0f;
        for (var k = 0; k < wrapped.Count; k++)
        {
            var paragraph = wrapped[k];
            var rest = wrapped.Skip(k).Sum(p => p.Height);
            var room = height - used - (rest <= height - used || k == wrapped.Count - 1 ? 0 : moreHeight);
            if (paragraph.Height <= room + 0.01f)
            {
                kept.Add(paragraph);
                used += paragraph.Height;
                shown++;
                continue;
            }

            var fit = (int)Math.Floor((room + 0.01f) / paragraph.LineHeight);
            if (fit > 0)
            {
                var cut = paragraph.Lines.Take(fit).ToList();
                cut[^1] = Shorten(cut[^1] + " " + Ellipsis, width, paragraph.Size, StyleOf(paragraph.Bold, paragraph.Italic));
                kept.Add(paragraph with { Text = string.Join(' ', cut), Lines = cut });
                shown++;
            }

            break;
        }

        if (shown < wrapped.Count && used + moreHeight <= height + 0.01f)
        {
            var text = $"+ {wrapped.Count - shown} more";
            kept.Add(new SlideParagraph(text, [text], moreSize, Palette.InkMuted, Italic: true));
        }

        return kept;
    }

    /// <summary>One paragraph wrapped to <paramref name="width"/>.</summary>
    public static SlideParagraph Wrap(SlideLine line, float width)
    {
        var text = Xml.Clean(line.Text).Replace('\n', ' ').Trim();
        var lines = TextWrapper.Wrap(text, width, line.Size, StyleOf(line.Bold, line.Italic));
        return new SlideParagraph(text, lines, line.Size, line.Color, line.Bold, line.Italic);
    }

    /// <summary><paramref name="text"/> on one line no wider than <paramref name="width"/>, ending in an ellipsis when cut.</summary>
    public static string OneLine(string? text, float width, float size, bool bold = false)
    {
        var clean = Xml.Clean(text).Replace('\n', ' ').Trim();
        var style = bold ? FontStyleKind.Bold : FontStyleKind.Regular;
        return DejaVuMeasurer.Instance.Measure(clean, size, style) <= width ? clean : Shorten(clean, width, size, style);
    }

    /// <summary>Characters dropped from the end (pairs kept whole) until the text and an ellipsis fit.</summary>
    private static string Shorten(string text, float width, float size, FontStyleKind style)
    {
        var body = text.EndsWith(Ellipsis, StringComparison.Ordinal) ? text[..^1] : text;
        while (body.Length > 0 && DejaVuMeasurer.Instance.Measure(body.TrimEnd() + Ellipsis, size, style) > width)
        {
            body = body[..^(body.Length > 1 && char.IsLowSurrogate(body[^1]) ? 2 : 1)];
        }

        return body.TrimEnd() + Ellipsis;
    }

    private static FontStyleKind StyleOf(bool bold, bool italic) => bold ? FontStyleKind.Bold : italic ? FontStyleKind.Italic : FontStyleKind.Regular;
}

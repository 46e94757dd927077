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

        // Not all of it fits: keep room for the "+N more" line and cut the paragraph that crosses the bottom.
        var more = all[^1] with { Text = "+ 99 more", Bold = false, Italic = true, Color = Palette.InkMuted };
        var room = height - (more.Size * 1.25f);
        var kept = new List<SlideParagraph>();
        var shown = 0;
        foreach (var paragraph in wrapped)
        {
            var fit = (int)Math.Floor((room + 0.01f) / paragraph.LineHeight);
            if (fit <= 0)
            {
                break;
            }

            shown++;
            if (fit >= paragraph.Lines.Count)
            {
                kept.Add(paragraph);
                room -= paragraph.Height;
                continue;
            }

            var cut = paragraph.Lines.Take(fit).ToList();
            cut[^1] = Shorten(cut[^1] + " " + Ellipsis, width, paragraph.Size, StyleOf(paragraph.Bold, paragraph.Italic));
            kept.Add(paragraph with { Text = string.Join(' ', cut), Lines = cut });
            break;
        }

        if (shown < wrapped.Count)
        {
            var text = $"+ {wrapped.Count - shown} more";
            kept.Add(new SlideParagraph(text, [text], more.Size, more.Color, Italic: true));
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

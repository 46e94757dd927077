namespace Wayfinder.Rendering.Drawing;

/// <summary>
/// Breaks text into lines no wider than a width: greedily at spaces, never inside a word unless the word alone
/// is wider than the line, in which case it breaks after the word's hyphens (ids like "digital-department-with-long-name"),
/// and between characters only inside a part still wider than the line. Line breaks in the text are kept.
/// </summary>
public static class TextWrapper
{
    public static List<string> Wrap(string? text, float maxWidth, float size, FontStyleKind style = FontStyleKind.Regular, ITextMeasurer? measurer = null)
    {
        measurer ??= DejaVuMeasurer.Instance;
        var lines = new List<string>();
        var clean = Xml.Clean(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (clean.Length == 0)
        {
            return lines;
        }

        var space = measurer.Measure(" ", size, style);
        foreach (var paragraph in clean.Split('\n'))
        {
            var words = paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var current = "";
            var currentWidth = 0f;
            foreach (var word in words)
            {
                var width = measurer.Measure(word, size, style);
                if (current.Length > 0 && currentWidth + space + width <= maxWidth)
                {
                    current += " " + word;
                    currentWidth += space + width;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                if (width <= maxWidth)
                {
                    current = word;
                    currentWidth = width;
                    continue;
                }

                // A word wider than the line: break it after its hyphens (kept at the line's end, so
                // "digital-department-" / "with-long-name"), packing as many parts as fit; only a part that is
                // itself wider than the line breaks between characters (surrogate pairs kept together).
                var piece = "";
                var pieceWidth = 0f;
                foreach (var part in HyphenParts(word))
                {
                    var partWidth = measurer.Measure(part, size, style);
                    if (piece.Length > 0 && pieceWidth + partWidth > maxWidth)
                    {
                        lines.Add(piece);
                        piece = "";
                        pieceWidth = 0;
                    }

                    if (partWidth <= maxWidth - pieceWidth)
                    {
                        piece += part;
                        pieceWidth += partWidth;
                        continue;
                    }

                    for (var i = 0; i < part.Length; i++)
                    {
                        var len = char.IsHighSurrogate(part[i]) && i + 1 < part.Length ? 2 : 1;
                        var ch = part.Substring(i, len);
                        var w = measurer.Measure(ch, size, style);
                        if (piece.Length > 0 && pieceWidth + w > maxWidth)
                        {
                            lines.Add(piece);
                            piece = "";
                            pieceWidth = 0;
                        }

                        piece += ch;
                        pieceWidth += w;
                        i += len - 1;
                    }
                }

                current = piece;
                currentWidth = pieceWidth;
            }

            if (current.Length > 0 || words.Length == 0)
            {
                lines.Add(current);
            }
        }

        // Blank paragraphs at the ends carry nothing.
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>A word cut after each hyphen (and after '/' and '_'), the break characters kept: "a-b/c" → "a-", "b/", "c".</summary>
    internal static IEnumerable<string> HyphenParts(string word)
    {
        var start = 0;
        for (var i = 0; i < word.Length - 1; i++)
        {
            if (word[i] is '-' or '\u2010' or '/' or '_' && i > start)
            {
                yield return word[start..(i + 1)];
                start = i + 1;
            }
        }

        yield return word[start..];
    }
}

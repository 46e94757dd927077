namespace Wayfinder.Rendering.Drawing;

/// <summary>
/// Breaks text into lines no wider than a width: greedily at spaces, never inside a word unless the word alone
/// is wider than the line, in which case it breaks between characters. Line breaks in the text are kept.
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

                // A word wider than the line: break it between characters (surrogate pairs kept together).
                var piece = "";
                var pieceWidth = 0f;
                for (var i = 0; i < word.Length; i++)
                {
                    var len = char.IsHighSurrogate(word[i]) && i + 1 < word.Length ? 2 : 1;
                    var ch = word.Substring(i, len);
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
}

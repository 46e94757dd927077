namespace Wayfinder.Rendering.Mermaid;

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

/// <summary>Escaping of user text for Mermaid journey diagrams, and slugs for ids read back from them.</summary>
internal static partial class MermaidText
{
    // Words the journey lexer (case-insensitive) would take as a keyword at the start of a line.
    private static readonly string[] s_keywords = ["journey", "title", "section", "acctitle", "accdescr"];

    // Mermaid needs a non-empty label; an empty one is written as an invisible zero-width space and read back as empty.
    private const string EmptyLabel = "#8203;";

    /// <summary>
    /// Writes text so the journey lexer reads it as one plain label and the renderer shows it as text:
    /// characters that end a token or start a comment (<c>#</c>, <c>:</c>, <c>;</c>, <c>%</c>), line breaks,
    /// HTML-significant characters (<c>&lt; &gt; &amp; " '</c>) and leading or trailing spaces become Mermaid entity
    /// codes (<c>#58;</c>), which Mermaid turns into HTML character references (<c>&amp;#58;</c>), never raw markup.
    /// </summary>
    /// <param name="actor">Also encodes <c>,</c>, which separates actors.</param>
    /// <param name="lineBreaks">Writes a line feed as <c>&lt;br&gt;</c>, Mermaid's line break in section and task names.</param>
    public static string Escape(string text, bool actor = false, bool lineBreaks = false)
    {
        if (text.Length == 0)
        {
            return EmptyLabel;
        }

        var builder = new StringBuilder(text.Length + 8);
        var first = 0;
        while (first < text.Length && text[first] == ' ')
        {
            first++;
        }

        var last = text.Length;
        while (last > first && text[last - 1] == ' ')
        {
            last--;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var encode = i < first || i >= last || c switch
            {
                '#' or ':' or ';' or '%' or '<' or '>' or '&' or '"' or '\'' => true,
                ',' => actor,
                _ => char.IsControl(c),
            };

            if (i == first && StartsWithKeyword(text.AsSpan(first)))
            {
                encode = true;
            }

            if (lineBreaks && c == '\n')
            {
                builder.Append("<br>");
            }
            else if (encode)
            {
                builder.Append('#').Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(';');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Turns Mermaid entity codes (<c>#58;</c>, <c>#lt;</c>) back into characters; other text is kept as written.</summary>
    public static string Unescape(string text) => text == EmptyLabel ? "" :
        EntityRegex().Replace(text, match =>
        {
            var code = match.Groups[1].Value;
            if (char.IsAsciiDigit(code[0]))
            {
                return int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF)
                    ? char.ConvertFromUtf32(value)
                    : match.Value;
            }

            var decoded = WebUtility.HtmlDecode("&" + code + ";");
            return decoded == "&" + code + ";" ? match.Value : decoded;
        });

    /// <summary>Mermaid's line breaks (<c>&lt;br&gt;</c>, <c>&lt;br/&gt;</c>, <c>&lt;br /&gt;</c>, any case) as line feeds.</summary>
    public static string LineBreaks(string text) => BreakRegex().Replace(text, "\n");

    /// <summary>A lower-case ASCII slug: letters and digits, other runs become one <c>-</c>; accents are dropped.</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        var dash = false;
        foreach (var original in text)
        {
            var c = Fold(original);
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (dash && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else
            {
                dash = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>A slug not yet in <paramref name="taken"/> (adds <c>-2</c>, <c>-3</c>… when needed), then marks it taken.</summary>
    public static string UniqueSlug(string text, string fallback, HashSet<string> taken)
    {
        var slug = Slug(text);
        if (slug.Length == 0)
        {
            slug = fallback;
        }

        var candidate = slug;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }

        return candidate;
    }

    // The build runs with invariant globalization, where Unicode normalization is not available; fold the common Latin accents by table.
    private static char Fold(char c)
    {
        const string Accented = "àáâãäåāăąçćčďèéêëēėęěìíîïīįñńňòóôõöøōőùúûüūůűųýÿźżžłśšřťğ";
        const string Plain = "aaaaaaaaacccdeeeeeeeeiiiiiinnnoooooooouuuuuuuuyyzzzlssrtg";
        var index = Accented.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal);
        return index >= 0 ? Plain[index] : c;
    }

    private static bool StartsWithKeyword(ReadOnlySpan<char> text)
    {
        foreach (var keyword in s_keywords)
        {
            if (text.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BreakRegex();

    [GeneratedRegex(@"#([0-9]+|[A-Za-z][A-Za-z0-9]*);")]
    private static partial Regex EntityRegex();
}

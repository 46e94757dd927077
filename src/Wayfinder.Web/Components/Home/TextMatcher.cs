namespace Wayfinder.Web.Components.Home;

using System.Globalization;
using System.Text;

/// <summary>A stretch of a text: where a match starts and how many characters it spans (in the original text).</summary>
public readonly record struct TextRange(int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>A piece of text cut into plain and matched parts, for a highlight drawn by splitting (never by markup).</summary>
public readonly record struct TextPart(string Text, bool Matched);

/// <summary>
/// Finds a query in texts ignoring case and accents ("cafe" finds "Café", "ÉTÉ" finds "été"): both are folded (accented
/// letters to their base, combining marks dropped, lower-cased) and compared; each match is a range of the original text.
/// </summary>
public static class TextMatcher
{
    /// <summary>The text as it is compared: accents dropped, lower-cased, white space made plain spaces.</summary>
    public static string Fold(string text) => FoldWithMap(text).Folded;

    /// <summary>Every match of <paramref name="query"/> in <paramref name="text"/>, left to right, not overlapping; none for a blank query.</summary>
    public static IReadOnlyList<TextRange> Find(string? text, string? query)
    {
        var needle = string.Join(' ', Fold(query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (needle.Length == 0 || string.IsNullOrEmpty(text))
        {
            return [];
        }

        var (folded, map) = FoldWithMap(text);
        var ranges = new List<TextRange>();
        var at = folded.IndexOf(needle, StringComparison.Ordinal);
        while (at >= 0)
        {
            var start = map[at];
            var end = EndOf(text, map[at + needle.Length - 1]);
            ranges.Add(new TextRange(start, end - start));
            at = folded.IndexOf(needle, at + needle.Length, StringComparison.Ordinal);
        }

        return ranges;
    }

    /// <summary>
    /// The text cut into parts at the matches. A text longer than <paramref name="maxLength"/> is cut to a window around its
    /// first match, with an ellipsis where text was left out.
    /// </summary>
    public static IReadOnlyList<TextPart> Parts(string text, IReadOnlyList<TextRange> ranges, int maxLength = 160)
    {
        var (from, to) = (0, text.Length);
        if (text.Length > maxLength)
        {
            var first = ranges.Count > 0 ? ranges[0] : new TextRange(0, 0);
            from = Math.Max(0, Math.Min(first.Start - (maxLength / 3), text.Length - maxLength));
            to = Math.Min(text.Length, from + maxLength);
            from = AtWordStart(text, from);
        }

        var parts = new List<TextPart>();
        if (from > 0)
        {
            parts.Add(new TextPart("…", false));
        }

        var at = from;
        foreach (var range in ranges.Where(r => r.End > from && r.Start < to))
        {
            var start = Math.Max(range.Start, from);
            var end = Math.Min(range.End, to);
            if (start > at)
            {
                parts.Add(new TextPart(text[at..start], false));
            }

            parts.Add(new TextPart(text[start..end], true));
            at = end;
        }

        if (at < to)
        {
            parts.Add(new TextPart(text[at..to], false));
        }

        if (to < text.Length)
        {
            parts.Add(new TextPart("…", false));
        }

        return parts;
    }

    /// <summary>
    /// Latin letters with accents and their base letter. The server runs with invariant globalization, where
    /// <see cref="string.Normalize()"/> does not decompose, so the common ones are listed here; combining marks are dropped.
    /// </summary>
    private static readonly Dictionary<char, char> s_bases = Bases(
        ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", 'a'), ("ÇçĆćĈĉĊċČč", 'c'), ("ĎďĐđ", 'd'), ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", 'e'), ("ĜĝĞğĠġĢģ", 'g'),
        ("ĤĥĦħ", 'h'), ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", 'i'), ("Ĵĵ", 'j'), ("Ķķ", 'k'), ("ĹĺĻļĽľĿŀŁł", 'l'), ("ÑñŃńŅņŇň", 'n'),
        ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", 'o'), ("ŔŕŖŗŘř", 'r'), ("ŚśŜŝŞşŠšȘș", 's'), ("ŢţŤťŦŧȚț", 't'), ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", 'u'),
        ("Ŵŵ", 'w'), ("ÝýÿŶŷŸ", 'y'), ("ŹźŻżŽž", 'z'));

    /// <summary>The folded text, and for each of its characters the index of the original character it came from.</summary>
    private static (string Folded, List<int> Map) FoldWithMap(string text)
    {
        var folded = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsMark(c))
            {
                continue;
            }

            folded.Append(char.IsWhiteSpace(c) ? ' ' : s_bases.TryGetValue(c, out var letter) ? letter : char.ToLowerInvariant(c));
            map.Add(i);
        }

        return (folded.ToString(), map);
    }

    private static bool IsMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;

    private static Dictionary<char, char> Bases(params (string Letters, char Base)[] groups) =>
        groups.SelectMany(g => g.Letters.Select(l => (l, g.Base))).ToDictionary(p => p.l, p => p.Base);

    /// <summary>The end of the match whose last folded character came from <paramref name="index"/>: past that character and any marks on it.</summary>
    private static int EndOf(string text, int index)
    {
        var end = index + (char.IsHighSurrogate(text[index]) && index + 1 < text.Length ? 2 : 1);
        while (end < text.Length && IsMark(text[end]))
        {
            end++;
        }

        return end;
    }

    private static int AtWordStart(string text, int from)
    {
        if (from == 0)
        {
            return 0;
        }

        var space = text.IndexOf(' ', from);
        return space >= 0 && space - from < 20 ? space + 1 : from;
    }
}

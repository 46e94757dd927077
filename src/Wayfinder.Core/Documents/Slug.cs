namespace Wayfinder.Core.Documents;

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

/// <summary>What an id looks like (lowercase ASCII letters and digits joined by single '-') and how one is made from text.</summary>
public static partial class Slug
{
    /// <summary>The pattern every id matches; the JSON schema publishes it.</summary>
    public const string Pattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    private static readonly Dictionary<char, string> s_folds = Folds(
        ("a", "àáâãäåāăą"), ("c", "çćĉċč"), ("d", "ďđð"), ("e", "èéêëēĕėęě"), ("g", "ĝğġģ"), ("h", "ĥħ"),
        ("i", "ìíîïĩīĭįı"), ("j", "ĵ"), ("k", "ķ"), ("l", "ĺļľŀł"), ("n", "ñńņňŉ"), ("o", "òóôõöøōŏő"), ("r", "ŕŗř"),
        ("s", "śŝşšș"), ("t", "ţťŧț"), ("u", "ùúûüũūŭůűų"), ("w", "ŵ"), ("y", "ýÿŷ"), ("z", "źżž"),
        ("ss", "ß"), ("ae", "æ"), ("oe", "œ"), ("th", "þ"));

    /// <summary>True when <paramref name="id"/> is a slug.</summary>
    public static bool IsValid(string id) => SlugRegex().IsMatch(id);

    /// <summary>The words of a text as slug words: accents dropped, lowercased, anything but ASCII letters and digits a break.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        // Folded by table, not by Unicode normalization: the build runs with invariant globalization, where
        // decomposition is not available.
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAscii(c))
            {
                folded.Append(c);
            }
            else if (s_folds.TryGetValue(c, out var ascii))
            {
                folded.Append(ascii);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(' ');
            }
        }

        return NonSlugRun().Split(folded.ToString()).Where(w => w.Length > 0).ToList();
    }

    /// <summary>A slug made from any text ("Trial Stage" → "trial-stage"); empty when the text has no letters or digits.</summary>
    public static string From(string? text) => string.Join('-', Words(text));

    private static Dictionary<char, string> Folds(params (string Ascii, string Letters)[] groups) =>
        groups.SelectMany(g => g.Letters.Select(c => (c, g.Ascii))).ToDictionary(x => x.c, x => x.Ascii);

    [GeneratedRegex(Pattern)]
    private static partial Regex SlugRegex();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlugRun();
}

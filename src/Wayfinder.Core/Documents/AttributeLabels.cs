namespace Wayfinder.Core.Documents;

using System.Text.RegularExpressions;

/// <summary>Attribute keys as people read them: <c>trips_per_year</c> → "Trips per year", <c>nps_score</c> → "NPS score".</summary>
public static partial class AttributeLabels
{
    /// <summary>Abbreviations kept in capitals wherever they appear in a key.</summary>
    private static readonly HashSet<string> s_acronyms = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "arr", "b2b", "b2c", "ceo", "cfo", "ces", "clv", "cto", "csat", "cx", "eu", "faq", "gdpr", "hr", "id",
        "kpi", "ltv", "mrr", "nps", "pc", "roi", "sms", "tv", "uk", "url", "ux", "vip",
    };

    /// <summary>
    /// The key's words (split at underscores, hyphens, spaces and camelCase humps), the first capitalised, the rest lower
    /// case, known abbreviations and words written in capitals kept in capitals.
    /// </summary>
    public static string Of(string key)
    {
        var words = WordBreak().Split(key.Trim()).Where(w => w.Length > 0).ToList();
        if (words.Count == 0)
        {
            return key;
        }

        var shown = words.Select((word, i) =>
        {
            if (s_acronyms.Contains(word) || (word.Length > 1 && word.All(c => !char.IsLetter(c) || char.IsUpper(c)) && word.Any(char.IsLetter)))
            {
                return word.ToUpperInvariant();
            }

            var lower = word.ToLowerInvariant();
            return i == 0 ? char.ToUpperInvariant(lower[0]) + lower[1..] : lower;
        });
        return string.Join(' ', shown);
    }

    [GeneratedRegex(@"[_\-\s]+|(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex WordBreak();
}

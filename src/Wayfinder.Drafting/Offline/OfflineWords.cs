namespace Wayfinder.Drafting.Offline;

using Wayfinder.Core.Documents;

/// <summary>
/// The word rule the offline drafter places things by: a text's words as slug words (accents folded, lowercase), without
/// short and common words, each cut to a crude stem so "fees" meets "fee" and "knowing" meets "know".
/// </summary>
internal static class OfflineWords
{
    private static readonly HashSet<string> s_common = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "not", "but", "are", "was", "you", "your", "our", "they", "them", "their", "this", "that",
        "what", "when", "where", "which", "who", "how", "why", "want", "wants", "need", "needs", "can", "could", "will", "would",
        "from", "into", "out", "about", "all", "any", "one", "get", "got", "its", "too", "very", "more", "most", "much",
        "have", "has", "had", "does", "did", "don", "without", "know", "some", "there", "then", "than", "just", "only", "kpi",
    };

    /// <summary>The stems of <paramref name="texts"/>' words, without short and common words.</summary>
    public static HashSet<string> Of(params IEnumerable<string?> texts)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (var word in Slug.Words(text))
            {
                if (word.Length >= 3 && !s_common.Contains(word))
                {
                    words.Add(Stem(word));
                }
            }
        }

        return words;
    }

    /// <summary>How many stems two sets share.</summary>
    public static int Overlap(HashSet<string> a, HashSet<string> b) => a.Count(b.Contains);

    /// <summary>A crude English stem: a plural "s", then "ing" or "ed", then a final "e" dropped while four letters remain.</summary>
    public static string Stem(string word)
    {
        var stem = word;
        if (stem.Length > 3 && stem.EndsWith('s') && !stem.EndsWith("ss", StringComparison.Ordinal))
        {
            stem = stem[..^1];
        }

        if (stem.Length > 5 && stem.EndsWith("ing", StringComparison.Ordinal))
        {
            stem = stem[..^3];
        }
        else if (stem.Length > 4 && stem.EndsWith("ed", StringComparison.Ordinal))
        {
            stem = stem[..^2];
        }

        return stem.Length > 4 && stem.EndsWith('e') ? stem[..^1] : stem;
    }

    /// <summary>
    /// The index of the place whose words share most stems with <paramref name="words"/> (the earliest on a tie), or
    /// <paramref name="fallback"/> when none shares any.
    /// </summary>
    public static int BestFit(HashSet<string> words, IReadOnlyList<HashSet<string>> places, int fallback)
    {
        var (best, bestOverlap) = (fallback, 0);
        for (var i = 0; i < places.Count; i++)
        {
            var overlap = Overlap(words, places[i]);
            if (overlap > bestOverlap)
            {
                (best, bestOverlap) = (i, overlap);
            }
        }

        return best;
    }
}

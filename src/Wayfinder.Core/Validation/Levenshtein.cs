namespace Wayfinder.Core.Validation;

/// <summary>Edit distance, used to suggest "did you mean …?" for a misspelt id, field or value.</summary>
public static class Levenshtein
{
    /// <summary>The number of single-character insertions, deletions and substitutions turning <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>
    /// The known word closest to <paramref name="word"/> when it is within a small distance (one edit for short
    /// words, up to three for long ones; case differences are free); null when nothing is close.
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> known)
    {
        var limit = Math.Clamp(word.Length / 3, 1, 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            if (candidate == word)
            {
                continue;
            }

            var distance = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>"; did you mean X?" when a known word is close, else empty.</summary>
    internal static string Suggest(string word, IEnumerable<string> known) =>
        Closest(word, known) is { } close ? $"; did you mean {close}?" : "";
}

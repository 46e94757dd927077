namespace Wayfinder.Core.Validation;

/// <summary>Edit distance, used to suggest "did you mean …?" for a misspelt id, field or value.</summary>
public static class Levenshtein
{
    /// <summary>
    /// The number of single-character insertions, deletions, substitutions and swaps of two neighbours turning
    /// <paramref name="a"/> into <paramref name="b"/> (Levenshtein with transpositions, so "trail" is one edit from "trial").
    /// </summary>
    public static int Distance(string a, string b)
    {
        var rows = new int[3][];
        for (var r = 0; r < 3; r++)
        {
            rows[r] = new int[b.Length + 1];
        }

        for (var j = 0; j <= b.Length; j++)
        {
            rows[0][j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            // Row i lives in rows[i % 3]; the two before it in the other two.
            var (current, previous, beforePrevious) = (rows[i % 3], rows[(i + 2) % 3], rows[(i + 1) % 3]);
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }
            }
        }

        return rows[a.Length % 3][b.Length];
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

namespace Wayfinder.Evidence.Surveys;

/// <summary>
/// A small lexicon scorer for survey comments: counts positive and negative words (a negation such as "not" or
/// "never" within the two words before flips a word), giving (positive − negative) ÷ (positive + negative) in −1..1,
/// or null when no sentiment word occurs. It is deliberately simple and explainable; it reads English.
/// </summary>
public static class Sentiment
{
    private static readonly HashSet<string> s_positive = new(StringComparer.OrdinalIgnoreCase)
    {
        "good", "great", "excellent", "easy", "fast", "quick", "friendly", "helpful", "love", "loved", "like", "liked", "happy",
        "smooth", "simple", "clear", "nice", "amazing", "perfect", "pleasant", "recommend", "best", "convenient", "intuitive",
        "reliable", "wonderful", "fantastic", "awesome", "kind", "polite", "painless", "seamless", "thanks", "thank", "glad",
    };

    private static readonly HashSet<string> s_negative = new(StringComparer.OrdinalIgnoreCase)
    {
        "bad", "poor", "slow", "confusing", "confused", "hard", "difficult", "frustrating", "frustrated", "annoying", "annoyed",
        "hate", "hated", "rude", "broken", "bug", "bugs", "crash", "crashed", "error", "errors", "expensive", "late", "delay",
        "delayed", "waiting", "waited", "wait", "lost", "worst", "terrible", "awful", "horrible", "unclear", "complicated",
        "stressful", "stress", "angry", "disappointed", "disappointing", "useless", "failed", "fail", "cancelled", "hidden",
    };

    private static readonly HashSet<string> s_negations = new(StringComparer.OrdinalIgnoreCase)
    {
        "not", "no", "never", "hardly", "isn't", "wasn't", "don't", "didn't", "doesn't", "aren't", "weren't", "can't", "cannot", "won't",
    };

    public static double? Score(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = text.Split([' ', '\t', '\n', '\r', ',', '.', '!', '?', ';', ':', '(', ')', '"'], StringSplitOptions.RemoveEmptyEntries);
        int positive = 0, negative = 0;
        for (var i = 0; i < words.Length; i++)
        {
            var sign = s_positive.Contains(words[i]) ? 1 : s_negative.Contains(words[i]) ? -1 : 0;
            if (sign == 0)
            {
                continue;
            }

            var negated = (i >= 1 && s_negations.Contains(words[i - 1])) || (i >= 2 && s_negations.Contains(words[i - 2]));
            if (negated)
            {
                sign = -sign;
            }

            if (sign > 0)
            {
                positive++;
            }
            else
            {
                negative++;
            }
        }

        return positive + negative == 0 ? null : Math.Round((double)(positive - negative) / (positive + negative), 6);
    }
}

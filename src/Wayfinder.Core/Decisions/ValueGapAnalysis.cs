namespace Wayfinder.Core.Decisions;

using Wayfinder.Core.Documents;

/// <summary>How our performance on a need compares with the best competitor's.</summary>
public enum NeedClass
{
    /// <summary>We trail the best competitor by more than the parity band.</summary>
    Gap,

    /// <summary>Within the parity band of the best competitor.</summary>
    Parity,

    /// <summary>We lead the best competitor by more than the parity band on a need that matters (importance 3+).</summary>
    Strength,

    /// <summary>We lead by more than the parity band on a need of low importance (1–2): effort that customers do not value.</summary>
    OverServed,

    /// <summary>No competitor on the map is rated on this need: there is nothing to compare with, so no gap and no class.</summary>
    NoCompetitorData,
}

/// <summary>One need's computed position.</summary>
/// <param name="BestRating">The best competitor's rating; null when no competitor is rated on the need.</param>
/// <param name="Gap">Best competitor's rating minus ours: positive means we trail; null without competitor data.</param>
/// <param name="WeightedGap"><paramref name="Gap"/> times importance; null without competitor data.</param>
public sealed record NeedGap(
    string NeedId,
    string Text,
    int Importance,
    double Ours,
    string? BestCompetitor,
    double? BestRating,
    double? Gap,
    double? WeightedGap,
    NeedClass Class,
    int Rank);

public sealed record ValueGapResult(string MapId, string Persona, IReadOnlyList<NeedGap> Needs)
{
    /// <summary>Sum of the positive weighted gaps: how far behind we are where it matters.</summary>
    public double TotalWeightedGap => Needs.Sum(n => n.WeightedGap is > 0 and var w ? w : 0);

    /// <summary>Whether any need has a competitor rating to compare with.</summary>
    public bool HasCompetitorData => Needs.Any(n => n.Class != NeedClass.NoCompetitorData);
}

/// <summary>Computes gaps to the best competitor, weighted by importance, classes and ranks needs.</summary>
public static class ValueGapAnalysis
{
    public static ValueGapResult Analyze(ValueGapMap map)
    {
        var rows = new List<NeedGap>();
        foreach (var need in map.Needs)
        {
            string? best = null;
            var bestRating = double.NegativeInfinity;
            // Competitors in the order the map lists them, so ties go to the first listed.
            foreach (var competitor in map.Competitors)
            {
                if (need.Ratings.TryGetValue(competitor, out var rating) && rating > bestRating)
                {
                    best = competitor;
                    bestRating = rating;
                }
            }

            if (best is null)
            {
                // Nothing to compare with: not "parity, gap 0", which would say we match the competition.
                rows.Add(new NeedGap(need.Id, need.Text, need.Importance, need.Ours, null, null, null, null, NeedClass.NoCompetitorData, 0));
                continue;
            }

            var gap = Math.Round(bestRating - need.Ours, 6);
            var weighted = Math.Round(gap * need.Importance, 6);
            var cls = gap > map.ParityBand ? NeedClass.Gap
                : gap < -map.ParityBand ? (need.Importance <= 2 ? NeedClass.OverServed : NeedClass.Strength)
                : NeedClass.Parity;
            rows.Add(new NeedGap(need.Id, need.Text, need.Importance, need.Ours, best, bestRating, gap, weighted, cls, 0));
        }

        // Rank: largest weighted gap first, needs without competitor data last; ties by importance, then by id.
        var ranked = rows
            .OrderBy(r => r.WeightedGap is null)
            .ThenByDescending(r => r.WeightedGap)
            .ThenByDescending(r => r.Importance)
            .ThenBy(r => r.NeedId, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 })
            .ToList();
        return new ValueGapResult(map.Id, map.Persona, ranked);
    }
}

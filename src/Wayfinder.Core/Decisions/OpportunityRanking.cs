namespace Wayfinder.Core.Decisions;

using Wayfinder.Core.Documents;

/// <summary>The quadrant of the value/effort matrix an opportunity falls in.</summary>
public enum Quadrant
{
    /// <summary>High value, low effort: do first.</summary>
    QuickWin,

    /// <summary>High value, high effort: plan it.</summary>
    BigBet,

    /// <summary>Low value, low effort: when there is slack.</summary>
    FillIn,

    /// <summary>Low value, high effort: avoid.</summary>
    MoneyPit,
}

/// <param name="Value">Mean of customer and business value (1–5).</param>
/// <param name="Score">Value divided by effort: how much value each unit of effort buys.</param>
public sealed record RankedOpportunity(
    string JourneyId,
    string? ItemId,
    string Stage,
    string Text,
    string? Owner,
    OpportunityStatus Status,
    int CustomerValue,
    int BusinessValue,
    int Effort,
    double Value,
    double Score,
    Quadrant Quadrant,
    IReadOnlyList<string> Addresses,
    int Rank);

/// <summary>Ranks the opportunities of all journeys by value for effort and places them on a value/effort matrix.</summary>
public static class OpportunityRanking
{
    /// <summary>Missing inputs count as the middle of the 1–5 scale.</summary>
    public const int DefaultRating = 3;

    /// <summary>
    /// True when someone has rated the opportunity at all (customer value, business value or effort). An opportunity
    /// with none of the three is not ranked: its place would be a guess (see <see cref="Unscored"/>).
    /// </summary>
    public static bool IsScored(LaneItem item) => item.CustomerValue is not null || item.BusinessValue is not null || item.Effort is not null;

    /// <summary>The open opportunities nobody has rated yet, in journey and lane order: (journey id, item id, stage, text).</summary>
    public static IReadOnlyList<(string JourneyId, string? ItemId, string Stage, string Text)> Unscored(IEnumerable<Journey> journeys, bool includeClosed = false) =>
    [
        .. journeys.SelectMany(j => j.Lanes.Where(l => l.Type == LaneType.Opportunities).SelectMany(l => l.Items)
            .Where(i => !IsScored(i) && (includeClosed || i.OpportunityStatus is not (OpportunityStatus.Done or OpportunityStatus.Dropped)))
            .Select(i => (j.Id, i.Id, i.Stage, i.Text ?? ""))),
    ];

    /// <summary>The opportunities that carry at least one rating, best value for effort first; a missing rating counts as 3.</summary>
    public static IReadOnlyList<RankedOpportunity> Rank(IEnumerable<Journey> journeys, bool includeClosed = false)
    {
        var rows = new List<RankedOpportunity>();
        foreach (var journey in journeys)
        {
            foreach (var lane in journey.Lanes.Where(l => l.Type == LaneType.Opportunities))
            {
                foreach (var item in lane.Items.Where(IsScored))
                {
                    var status = item.OpportunityStatus ?? OpportunityStatus.Idea;
                    if (!includeClosed && status is OpportunityStatus.Done or OpportunityStatus.Dropped)
                    {
                        continue;
                    }

                    var customer = item.CustomerValue ?? DefaultRating;
                    var business = item.BusinessValue ?? DefaultRating;
                    var effort = Math.Max(1, item.Effort ?? DefaultRating);
                    var value = (customer + business) / 2.0;
                    var score = Math.Round(value / effort, 6);
                    rows.Add(new RankedOpportunity(
                        journey.Id, item.Id, item.Stage, item.Text ?? "", item.Owner, status,
                        customer, business, effort, value, score, QuadrantOf(value, effort), item.Addresses, 0));
                }
            }
        }

        return rows
            .OrderByDescending(r => r.Score)
            .ThenByDescending(r => r.Value)
            .ThenBy(r => r.JourneyId, StringComparer.Ordinal)
            .ThenBy(r => r.ItemId ?? r.Text, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 })
            .ToList();
    }

    /// <summary>Value above 3 is high; effort above 3 is high (3 itself counts as low value and low effort).</summary>
    public static Quadrant QuadrantOf(double value, int effort) => (value > 3, effort > 3) switch
    {
        (true, false) => Quadrant.QuickWin,
        (true, true) => Quadrant.BigBet,
        (false, false) => Quadrant.FillIn,
        (false, true) => Quadrant.MoneyPit,
    };
}

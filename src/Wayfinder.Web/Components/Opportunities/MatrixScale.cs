namespace Wayfinder.Web.Components.Opportunities;

using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;

/// <summary>
/// The value/effort matrix's geometry (SVG units): effort 1–5 left to right in whole steps, value 1–5 bottom to top in
/// half steps (value is the mean of customer and business value, whole numbers each). A point dropped anywhere snaps to
/// the nearest step and stays on the scale.
/// </summary>
public static class MatrixScale
{
    public const double ViewWidth = 640;
    public const double ViewHeight = 470;
    public const double Left = 64;
    public const double Right = 616;
    public const double Top = 24;
    public const double Bottom = 424;
    public const int Min = 1;
    public const int Max = 5;

    /// <summary>Pixels per effort step (138).</summary>
    public const double EffortStep = (Right - Left) / (Max - Min);

    /// <summary>Pixels per half a value point (50).</summary>
    public const double ValueStep = (Bottom - Top) / (Max - Min) / 2;

    public static double X(double effort) => Left + ((effort - Min) * EffortStep);

    public static double Y(double value) => Bottom - ((value - Min) * 2 * ValueStep);

    /// <summary>The value (in half steps) and effort (in whole steps) at a point of the matrix, clamped to 1–5.</summary>
    public static (double Value, int Effort) FromPixel(double x, double y)
    {
        var effort = (int)Math.Round(((x - Left) / EffortStep) + Min, MidpointRounding.AwayFromZero);
        var halves = Math.Round((Bottom - y) / ValueStep, MidpointRounding.AwayFromZero);
        return (Math.Clamp(Min + (halves / 2), Min, Max), Math.Clamp(effort, Min, Max));
    }

    /// <summary>
    /// Customer and business value whose mean is <paramref name="value"/>, changed as little as possible from the given
    /// ones: a raise goes to the lower of the two (customer on a tie), a cut to the higher (customer on a tie), one point
    /// at a time, each kept on 1–5.
    /// </summary>
    public static (int Customer, int Business) Revalue(int customer, int business, double value)
    {
        var total = (int)Math.Round(Math.Clamp(value, Min, Max) * 2, MidpointRounding.AwayFromZero);
        while (customer + business < total)
        {
            if (customer <= business) { customer++; } else { business++; }
        }

        while (customer + business > total)
        {
            if (customer >= business) { customer--; } else { business--; }
        }

        return (customer, business);
    }

    /// <summary>
    /// The journey with the opportunity re-scored (customer value, business value, effort); null when the journey no
    /// longer holds it. An item is found by its id, or by stage and text when it has none.
    /// </summary>
    public static Journey? Rescore(Journey journey, RankedOpportunity opportunity, int customer, int business, int effort)
    {
        var found = false;
        var lanes = journey.Lanes.Select(lane => lane.Type != LaneType.Opportunities ? lane : lane with
        {
            Items = [.. lane.Items.Select(item =>
            {
                var same = opportunity.ItemId is not null ? item.Id == opportunity.ItemId : item.Id is null && item.Stage == opportunity.Stage && (item.Text ?? "") == opportunity.Text;
                if (!same || found)
                {
                    return item;
                }

                found = true;
                return item with { CustomerValue = customer, BusinessValue = business, Effort = effort };
            })],
        }).ToList();
        return found ? journey with { Lanes = lanes } : null;
    }

    /// <summary>A stable key of an opportunity on the page: its journey and item id (or stage and text).</summary>
    public static string KeyOf(RankedOpportunity opportunity) => $"{opportunity.JourneyId}/{opportunity.ItemId ?? opportunity.Stage + ":" + opportunity.Text}";
}

/// <summary>An opportunity moved on the matrix to <paramref name="Value"/> and <paramref name="Effort"/>.</summary>
public sealed record OpportunityMove(RankedOpportunity Opportunity, double Value, int Effort);

namespace Wayfinder.Rendering.Charts;

using Wayfinder.Core.Decisions;
using Wayfinder.Rendering.Drawing;

/// <summary>A numbered label of the opportunity matrix: the point it marks (exactly at its effort and value) and its box.</summary>
/// <param name="Moved">Whether the label sits away from its point (then a leader line joins them).</param>
internal sealed record MatrixLabel(RankedOpportunity Opportunity, float PointX, float PointY, (float X, float Y, float W, float H) Box, bool Moved);

public static partial class DecisionCharts
{
    internal const float MatrixPlot = 440;
    internal const float MatrixPlotX = Pad + 44;
    internal const float MatrixPlotY = Pad + 48;
    internal const float MatrixLabelRadius = 11;

    /// <summary>Effort 1–5 left to right on a plot <paramref name="plot"/> wide, each step a fifth of it.</summary>
    internal static float MatrixX(float plotX, float plot, double effort) => plotX + (float)((effort - 0.5) / 5 * plot);

    /// <summary>Value 1–5 bottom to top.</summary>
    internal static float MatrixY(float plotY, float plot, double value) => plotY + plot - (float)((value - 0.5) / 5 * plot);

    /// <summary>
    /// Where each opportunity's point and numbered label go: the point exactly at its value; the label on it when that spot
    /// is free, else on the nearest free spot of rings around it (12 directions, each ring a label wider), inside the plot,
    /// clear of every other label, of other points and of the quadrant names. Higher-ranked labels choose first.
    /// </summary>
    internal static IReadOnlyList<MatrixLabel> MatrixLabels(IReadOnlyList<RankedOpportunity> opportunities)
    {
        const float Size = 2 * MatrixLabelRadius;
        var (left, top, right, bottom) = (MatrixPlotX, MatrixPlotY, MatrixPlotX + MatrixPlot, MatrixPlotY + MatrixPlot);
        var points = opportunities.Select(o => (X: MatrixX(MatrixPlotX, MatrixPlot, o.Effort), Y: MatrixY(MatrixPlotY, MatrixPlot, o.Value))).ToList();
        var taken = new List<(float X, float Y, float W, float H)>
        {
            QuadrantName("QUICK WINS", left + 10, top + 20, false),
            QuadrantName("BIG BETS", right - 10, top + 20, true),
            QuadrantName("FILL-INS", left + 10, bottom - 12, false),
            QuadrantName("MONEY PITS", right - 10, bottom - 12, true),
        };

        var labels = new List<MatrixLabel>();
        foreach (var i in Enumerable.Range(0, opportunities.Count).OrderBy(i => opportunities[i].Rank))
        {
            var (px, py) = points[i];

            // Other points stay visible: a label may cover only points at its own point's spot.
            var dots = points.Where(p => p != points[i]).Select(p => (p.X - 5, p.Y - 5, 10f, 10f)).ToList();
            (float X, float Y, float W, float H) At(float cx, float cy) => (cx - (Size / 2), cy - (Size / 2), Size, Size);
            bool Fits((float X, float Y, float W, float H) box) =>
                box.X >= left && box.Y >= top && box.X + box.W <= right && box.Y + box.H <= bottom &&
                !taken.Exists(t => Overlap(t, box)) && !dots.Exists(d => Overlap(d, box));

            var spot = At(px, py);
            var moved = false;
            if (!Fits(spot))
            {
                moved = true;
                var found = false;
                for (var ring = 1; ring <= 12 && !found; ring++)
                {
                    for (var k = 0; k < 12 && !found; k++)
                    {
                        // Start up and to the right and go round, so a cluster fans out the same way every time.
                        var angle = (-Math.PI / 4) + (2 * Math.PI * k / 12);
                        var r = ring * (Size + 4);
                        var candidate = At(px + (float)(Math.Cos(angle) * r), py + (float)(Math.Sin(angle) * r));
                        if (Fits(candidate))
                        {
                            (spot, found) = (candidate, true);
                        }
                    }
                }

                // No free spot in the plot (hundreds of opportunities): beside the plot, stacked, still clear of the others.
                if (!found)
                {
                    var y = top;
                    while (taken.Exists(t => Overlap(t, At(right + 24, y + (Size / 2)))))
                    {
                        y += Size + 2;
                    }

                    spot = At(right + 24, y + (Size / 2));
                }
            }

            taken.Add(spot);
            labels.Add(new MatrixLabel(opportunities[i], px, py, spot, moved));
        }

        return labels;
    }

    private static (float X, float Y, float W, float H) QuadrantName(string text, float x, float baseline, bool fromEnd)
    {
        var w = DejaVuMeasurer.Instance.Measure(text, 11.5f, FontStyleKind.Bold);
        return (fromEnd ? x - w : x, baseline - 12, w, 16);
    }

    private static bool Overlap((float X, float Y, float W, float H) a, (float X, float Y, float W, float H) b) =>
        a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
}

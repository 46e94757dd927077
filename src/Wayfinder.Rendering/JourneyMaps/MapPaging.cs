namespace Wayfinder.Rendering.JourneyMaps;

/// <summary>
/// Cuts a laid-out map into A3 landscape pages at stage and lane boundaries. Every page repeats the lane-name
/// column; pages after the first column group start at the stage header band; a tall map continues downwards
/// with the header band repeated.
/// </summary>
public static class MapPaging
{
    /// <summary>Drawing units per PDF point never fall below this, so text stays readable on paper (11 px → 6.6 pt at least).</summary>
    public const float MinScale = 0.6f;

    /// <summary>A small map is not blown up beyond this.</summary>
    public const float MaxScale = 1f;

    public static IReadOnlyList<PdfPagePlan> Plan(MapLayout layout, string title)
    {
        var availableWidth = Rasterizer.A3Width - (2 * Rasterizer.PageMargin);
        var availableHeight = Rasterizer.A3Height - (2 * Rasterizer.PageMargin) - 14;
        var scale = Math.Clamp(Math.Min(availableWidth / layout.Width, availableHeight / layout.Height), MinScale, MaxScale);
        if (layout.Width * scale <= availableWidth && layout.Height * scale <= availableHeight)
        {
            return [new PdfPagePlan([new PdfTile(0, 0, layout.Width, layout.Height, 0, 0)], layout.Width, layout.Height, title)];
        }

        var budgetWidth = availableWidth / scale;
        var budgetHeight = availableHeight / scale;
        var left = layout.GridLeft;

        // Column groups: whole stages while they fit beside the lane-name column (a stage wider than a page gets a page of its own).
        var groups = new List<(float X0, float X1, int First, int Last)>();
        var start = 0;
        while (start < layout.Stages.Count)
        {
            var end = start;
            var x0 = layout.Stages[start].X;
            while (end + 1 < layout.Stages.Count && layout.Stages[end + 1].X + layout.Stages[end + 1].Width - x0 <= budgetWidth - left)
            {
                end++;
            }

            groups.Add((x0, layout.Stages[end].X + layout.Stages[end].Width, start, end));
            start = end + 1;
        }

        if (groups.Count == 0)
        {
            groups.Add((left, layout.Width - layout.Margin, 0, -1));
        }

        // Row bands: the top block belongs to the first band; the last band carries the legend.
        var headerTop = layout.GridTop;
        var headerHeight = layout.HeaderBottom - headerTop;
        var bands = new List<(float Y0, float Y1, int First, int Last)>();
        var lanes = layout.Lanes;
        var i = 0;
        var firstTop = 0f;
        do
        {
            var y0 = i < lanes.Count ? lanes[i].Y : layout.GridBottom;
            var limit = bands.Count == 0 ? firstTop + budgetHeight : y0 + budgetHeight - headerHeight;
            var j = i;
            while (j < lanes.Count && (j == i || lanes[j].Y + lanes[j].Height <= limit))
            {
                j++;
            }

            var y1 = j < lanes.Count ? lanes[j - 1].Y + lanes[j - 1].Height : layout.Height;
            if (j >= lanes.Count && layout.Height > limit && j > i + 1)
            {
                // The legend does not fit under the last lanes: give the last lane a band with it.
                j--;
                y1 = lanes[j - 1].Y + lanes[j - 1].Height;
            }

            bands.Add((y0, y1, i, j - 1));
            i = j;
        }
        while (i < lanes.Count);

        var pages = new List<PdfPagePlan>();
        var railWidth = left;
        for (var g = 0; g < groups.Count; g++)
        {
            var (x0, x1, firstStage, lastStage) = groups[g];
            for (var b = 0; b < bands.Count; b++)
            {
                var (y0, y1, firstLane, lastLane) = bands[b];
                var tiles = new List<PdfTile>();
                var width = railWidth + (x1 - x0) + layout.Margin;
                float height;
                if (b == 0 && g == 0)
                {
                    // The first page: everything from the top of the poster, left edge included.
                    tiles.Add(new PdfTile(0, 0, x1, y1, 0, 0));
                    height = y1;
                }
                else
                {
                    var top = b == 0 ? headerTop : y0;
                    var y = 0f;
                    if (b > 0)
                    {
                        // Repeat the stage header band above the continued lanes.
                        tiles.Add(new PdfTile(0, headerTop, railWidth, headerHeight, 0, 0));
                        tiles.Add(new PdfTile(x0, headerTop, x1 - x0, headerHeight, railWidth, 0));
                        y = headerHeight;
                    }

                    var gridEnd = Math.Min(y1, layout.GridBottom);
                    tiles.Add(new PdfTile(0, top, railWidth, gridEnd - top, 0, y));
                    tiles.Add(new PdfTile(x0, top, x1 - x0, y1 - top, railWidth, y));
                    if (g == 0 && y1 > layout.GridBottom)
                    {
                        // The legend sits under the first column group's lane column too.
                        tiles.Add(new PdfTile(0, layout.GridBottom, railWidth, y1 - layout.GridBottom, 0, y + gridEnd - top));
                    }

                    height = y + (y1 - top);
                }

                var caption = $"{title} — stages {firstStage + 1}–{lastStage + 1}" + (bands.Count > 1 ? $", lanes {firstLane + 1}–{lastLane + 1}" : "");
                pages.Add(new PdfPagePlan(tiles, width, height, caption));
            }
        }

        // Every page uses the same scale: size each page's content box to the page budget.
        return pages.Select(p => p with { ContentWidth = Math.Max(p.ContentWidth, budgetWidth), ContentHeight = Math.Max(p.ContentHeight, budgetHeight) }).ToList();
    }
}

namespace Wayfinder.Rendering.JourneyMaps;

using Wayfinder.Rendering.Drawing;

/// <summary>
/// Lays a map out on paper (<see cref="PageSpec"/>). <c>fit</c> is one page the map's own size. On a paper size the
/// whole document takes one scale, the largest legible one that needs the fewest pages; a map too big for one page is
/// cut at stage and lane boundaries into evenly filled tiles, and every tile repeats the lane-name column, the phase band
/// and the stage header band, with marks saying where the map continues.
/// </summary>
public static class MapPaging
{
    /// <summary>Points per drawing unit never fall below this: the map's smallest text (10 units) stays 6.5 pt on paper.</summary>
    public const float MinScale = 0.65f;

    /// <summary>A small map is not blown up beyond this.</summary>
    public const float MaxScale = 1f;

    /// <summary>No tiled page is less filled than this (drawing area over printable area).</summary>
    public const float MinFill = 0.4f;

    private const float ScaleStep = 0.01f;

    public static IReadOnlyList<PdfPagePlan> Plan(MapLayout layout, string title, PageSpec? page = null)
    {
        var spec = page ?? PageSpec.MapDefault;
        if (spec.Size == PaperSize.Fit)
        {
            return [FitPage(layout, title)];
        }

        if (spec.Orientation == PageOrientation.Auto)
        {
            // Auto turns the paper whichever way needs fewer pages (then fills them better); a tie goes to the map's shape.
            var wide = Plan(layout, title, spec with { Orientation = PageOrientation.Landscape });
            var tall = Plan(layout, title, spec with { Orientation = PageOrientation.Portrait });
            var tallFirst = layout.Height > layout.Width;
            var (first, second) = tallFirst ? (tall, wide) : (wide, tall);
            return second.Count < first.Count || (second.Count == first.Count && second.Min(p => p.Fill) > first.Min(p => p.Fill) + 0.05f) ? second : first;
        }

        var (pageWidth, pageHeight) = spec.Points(layout.Width, layout.Height);
        var (availableWidth, availableHeight) = Rasterizer.PrintableArea(pageWidth, pageHeight);
        var whole = Math.Min(availableWidth / layout.Width, availableHeight / layout.Height);
        if (whole >= MinScale)
        {
            var scale = Math.Min(whole, MaxScale);
            return [new PdfPagePlan([new PdfTile(0, 0, layout.Width, layout.Height, 0, 0)], layout.Width, layout.Height, title)
            {
                PageWidth = pageWidth, PageHeight = pageHeight, Scale = scale, Centered = true,
            }];
        }

        // Pages that show everything and none under MinFill first, then the fewest pages, then the largest scale (the
        // pages come out as full as that page count allows).
        IReadOnlyList<PdfPagePlan>? best = null;
        (bool Fits, bool Filled, int Count) bestKey = default;
        var blocksWidth = Math.Max(RightEdge(layout.Scene, 0, layout.GridTop), RightEdge(layout.Scene, layout.GridBottom, layout.Height));
        for (var scale = MaxScale; scale >= MinScale - 0.0001f; scale -= ScaleStep)
        {
            var tiling = Tile(layout, availableWidth / scale, availableHeight / scale, blocksWidth) with { Scale = scale };
            var pages = Pages(layout, title, tiling, pageWidth, pageHeight);
            var key = (tiling.Fits, pages.All(p => p.Fill >= MinFill), pages.Count);
            if (best is null || Better(key, bestKey))
            {
                (best, bestKey) = (pages, key);
            }
        }

        return best!;
    }

    private static bool Better((bool Fits, bool Filled, int Count) a, (bool Fits, bool Filled, int Count) b) =>
        a.Fits != b.Fits ? a.Fits : a.Filled != b.Filled ? a.Filled : a.Count < b.Count;

    /// <summary>The whole map on one page of its own size: one drawing unit is one point, inside the page margin.</summary>
    private static PdfPagePlan FitPage(MapLayout layout, string title)
    {
        var (marginX, marginY) = Rasterizer.PageChrome();
        return new PdfPagePlan([new PdfTile(0, 0, layout.Width, layout.Height, 0, 0)], layout.Width, layout.Height, title)
        {
            PageWidth = layout.Width + marginX, PageHeight = layout.Height + marginY, Scale = 1,
        };
    }

    /// <summary>Cut units (stages, or the steps of a stage too wide for a page), column groups and lane bands for a page of this many drawing units.</summary>
    /// <remarks>
    /// The first column group has its own lane bands (its first page carries the title block, its last the legend); the
    /// others share theirs, so their pages are not left thin beside a first page the title block filled.
    /// </remarks>
    private sealed record Tiling(List<(float X0, float X1, int Stage, bool Part)> Units, int[] Groups, int[] FirstBands, int[] Bands, bool Fits)
    {
        public float Scale { get; init; }

        public int[] BandsOf(int group) => group == 0 ? FirstBands : Bands;
    }

    private static Tiling Tile(MapLayout layout, float budgetWidth, float budgetHeight, float blocksWidth)
    {
        var rail = layout.GridLeft;
        var fits = true;

        // Columns: whole stages; a stage wider than a page is cut at its steps.
        var units = new List<(float X0, float X1, int Stage, bool Part)>();
        for (var s = 0; s < layout.Stages.Count; s++)
        {
            var col = layout.Stages[s];
            if (col.Width > budgetWidth - rail && col.Steps.Count > 1)
            {
                units.AddRange(col.Steps.Select(step => (step.X, step.X + step.Width, s, true)));
            }
            else
            {
                units.Add((col.X, col.X + col.Width, s, false));
            }
        }

        fits &= units.All(u => u.X1 - u.X0 <= budgetWidth - rail);

        // The title block and the legend are laid out once for the whole poster: a scale that cuts them off shows less.
        fits &= blocksWidth <= budgetWidth;
        float Width(int a, int b) => units[b].X1 - units[a].X0;
        var groups = units.Count == 0 ? [0] : Balance(units.Count, budgetWidth - rail, Width, Width);

        // Rows: lanes; the first band also carries the map's title block, the last its legend, every band the header block.
        var lanes = layout.Lanes;
        var header = layout.HeaderBottom - layout.GridTop;
        var legend = layout.Height - layout.GridBottom;
        int[] firstBands = [0], bands = [0];
        if (lanes.Count > 0)
        {
            float Lanes(int a, int b) => lanes[b].Y + lanes[b].Height - lanes[a].Y;
            float FirstBand(int a, int b) => (a == 0 ? layout.GridTop : 0) + header + Lanes(a, b) + (b == lanes.Count - 1 ? legend : 0);
            float Band(int a, int b) => header + Lanes(a, b);

            // Balanced by the lanes alone, so no page of the group is left with a thin band.
            firstBands = Balance(lanes.Count, budgetHeight, FirstBand, Lanes);
            bands = groups.Length > 1 ? Balance(lanes.Count, budgetHeight, Band, Lanes) : [];
            fits &= Fit(firstBands, FirstBand) && Fit(bands, Band);
        }

        bool Fit(int[] starts, Func<int, int, float> height) =>
            Enumerable.Range(0, starts.Length).All(i => height(starts[i], (i + 1 < starts.Length ? starts[i + 1] : lanes.Count) - 1) <= budgetHeight);

        return new Tiling(units, groups, firstBands, bands, fits);
    }

    /// <summary>The right edge of what is drawn between <paramref name="top"/> and <paramref name="bottom"/> (boxes, texts, images).</summary>
    private static float RightEdge(Scene scene, float top, float bottom)
    {
        var right = 0f;
        foreach (var shape in scene.Shapes)
        {
            var edge = shape switch
            {
                BoxShape b when b.Y >= top && b.Y + b.Height <= bottom => b.X + b.Width,
                ImageShape i when i.Y >= top && i.Y + i.Height <= bottom => i.X + i.Width,
                TextShape t when t.Y > top && t.Y <= bottom && t.Anchor == "start" => t.X + DejaVuMeasurer.Instance.Measure(t.Text, t.Size, t.Style),
                _ => 0f,
            };
            right = Math.Max(right, edge);
        }

        return right;
    }

    /// <summary>
    /// Splits <paramref name="count"/> items in order into the fewest runs whose <paramref name="size"/> (of items a..b) fits
    /// the budget, the smallest run's <paramref name="content"/> as large as it can be (even pages); returns each run's
    /// first item. When one item alone is over the budget, every item is a run of its own.
    /// </summary>
    private static int[] Balance(int count, float budget, Func<int, int, float> size, Func<int, int, float> content)
    {
        // best[k, j]: the largest smallest run splitting items 0..j-1 into k runs that fit; from[k, j] where the last run starts.
        var best = new float[count + 1, count + 1];
        var from = new int[count + 1, count + 1];
        for (var k = 0; k <= count; k++)
        {
            for (var j = 0; j <= count; j++)
            {
                best[k, j] = float.NegativeInfinity;
            }
        }

        best[0, 0] = float.PositiveInfinity;
        for (var k = 1; k <= count; k++)
        {
            for (var j = k; j <= count; j++)
            {
                for (var i = k - 1; i < j; i++)
                {
                    if (float.IsNegativeInfinity(best[k - 1, i]) || size(i, j - 1) > budget)
                    {
                        continue;
                    }

                    var smallest = Math.Min(best[k - 1, i], content(i, j - 1));
                    if (smallest > best[k, j])
                    {
                        best[k, j] = smallest;
                        from[k, j] = i;
                    }
                }
            }

            if (!float.IsNegativeInfinity(best[k, count]))
            {
                var starts = new int[k];
                for (int r = k, j = count; r > 0; r--)
                {
                    starts[r - 1] = from[r, j];
                    j = from[r, j];
                }

                return starts;
            }
        }

        return [.. Enumerable.Range(0, count)];
    }

    private static List<PdfPagePlan> Pages(MapLayout layout, string title, Tiling tiling, float pageWidth, float pageHeight)
    {
        var rail = layout.GridLeft;
        var header = layout.HeaderBottom - layout.GridTop;
        var (availableWidth, _) = Rasterizer.PrintableArea(pageWidth, pageHeight);
        var blockWidth = Math.Min(layout.Width, availableWidth / tiling.Scale);
        var units = tiling.Units;
        var lanes = layout.Lanes;
        var groupCount = tiling.Groups.Length;
        // Page numbers: column groups in order, each from its top band down; a neighbour is the page showing the same first lane.
        var firstPage = new int[groupCount + 1];
        for (var g = 0; g < groupCount; g++)
        {
            firstPage[g + 1] = firstPage[g] + tiling.BandsOf(g).Length;
        }

        int Number(int g, int lane) => firstPage[g] + Array.FindLastIndex(tiling.BandsOf(g), start => start <= lane) + 1;

        var pages = new List<PdfPagePlan>();
        for (var g = 0; g < groupCount; g++)
        {
            var firstUnit = tiling.Groups[g];
            var lastUnit = (g + 1 < groupCount ? tiling.Groups[g + 1] : units.Count) - 1;
            var x0 = units.Count == 0 ? rail : units[firstUnit].X0;
            // The last group keeps the map's right margin, so the closing rule is drawn whole.
            var x1 = units.Count == 0 ? layout.Width - layout.Margin : units[lastUnit].X1 + (g == groupCount - 1 ? layout.Margin : 1);
            var bandStarts = tiling.BandsOf(g);
            var bandCount = bandStarts.Length;
            for (var b = 0; b < bandCount; b++)
            {
                var firstLane = bandStarts[b];
                var lastLane = (b + 1 < bandCount ? bandStarts[b + 1] : lanes.Count) - 1;
                var y0 = lanes.Count == 0 ? layout.HeaderBottom : lanes[firstLane].Y;
                var y1 = lanes.Count == 0 ? layout.GridBottom : lanes[lastLane].Y + lanes[lastLane].Height + (b == bandCount - 1 ? 1 : 0);
                var tiles = new List<PdfTile>();
                var y = 0f;
                var width = rail + (x1 - x0);
                if (g == 0 && b == 0)
                {
                    // The title block, as wide as the page allows.
                    tiles.Add(new PdfTile(0, 0, blockWidth, layout.GridTop, 0, 0));
                    y = layout.GridTop;
                    width = Math.Max(width, blockWidth);
                }

                var gridTop = y;
                tiles.Add(new PdfTile(0, layout.GridTop, rail, header, 0, y));
                tiles.Add(new PdfTile(x0, layout.GridTop, x1 - x0, header, rail, y));
                y += header;
                tiles.Add(new PdfTile(0, y0, rail, y1 - y0, 0, y));
                tiles.Add(new PdfTile(x0, y0, x1 - x0, y1 - y0, rail, y));
                y += y1 - y0;
                var gridBottom = y;
                if (g == 0 && b == bandCount - 1)
                {
                    tiles.Add(new PdfTile(0, y1, blockWidth, layout.Height - y1, 0, y));
                    y += layout.Height - y1;
                    width = Math.Max(width, blockWidth);
                }

                var marks = new List<PdfMark>();
                if (g > 0)
                {
                    marks.Add(new PdfMark(rail, gridTop - 6, $"← from page {Number(g - 1, firstLane)}", PdfMarkAlign.Start));
                }

                if (g + 1 < groupCount)
                {
                    marks.Add(new PdfMark(rail + (x1 - x0), gridTop - 6, $"continues on page {Number(g + 1, firstLane)} →", PdfMarkAlign.End));
                }

                if (b > 0)
                {
                    marks.Add(new PdfMark(0, gridTop - 6, $"↑ lanes above on page {firstPage[g] + b}", PdfMarkAlign.Start));
                }

                if (b + 1 < bandCount)
                {
                    marks.Add(new PdfMark(0, gridBottom + 16, $"↓ more lanes on page {firstPage[g] + b + 2}", PdfMarkAlign.Start));
                }

                var stages = Range("stage", "stages", units.Count == 0 ? 0 : units[firstUnit].Stage + 1, units.Count == 0 ? 0 : units[lastUnit].Stage + 1);
                if (units.Count > 0 && (units[firstUnit].Part || units[lastUnit].Part))
                {
                    stages += " (part)";
                }

                var caption = $"{title} — {stages}" + (tiling.FirstBands.Length > 1 || tiling.Bands.Length > 1 ? $" · {Range("lane", "lanes", firstLane + 1, lastLane + 1)}" : "");
                pages.Add(new PdfPagePlan(tiles, width, y, caption)
                {
                    PageWidth = pageWidth, PageHeight = pageHeight, Scale = tiling.Scale, Marks = marks,
                });
            }
        }

        return pages;
    }

    /// <summary>"stages 2–5", or "stage 3" when the range is one.</summary>
    internal static string Range(string one, string many, int first, int last) =>
        first == last ? $"{one} {first}" : $"{many} {first}–{last}";
}

namespace Wayfinder.Rendering.Charts;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Rendering.Drawing;
using static Wayfinder.Rendering.Drawing.Scene;

public static partial class DataCharts
{
    private const float PanelWidth = 310;
    private const float PanelGap = 22;
    private const int PanelsPerRow = 3;

    /// <summary>Below this many customers at the stage before, a period's change is drawn grey and called a small sample.</summary>
    public const int SmallSample = 30;

    /// <summary>The note a trend chart shows when the data has no period.</summary>
    public const string NoTrendNote = "No data for a trend yet: the data covers no period.";

    /// <summary>
    /// Small multiples, one panel per stage: customers per period as bars (each panel on its own scale) and the conversion
    /// from the previous stage as a line (0–100%), with the latest period's change in share points labelled and coloured.
    /// </summary>
    public static string TrendSvg(JourneyReport report, Journey journey, BrandStyle? brand = null)
    {
        var width = (2 * Pad) + (PanelsPerRow * PanelWidth) + ((PanelsPerRow - 1) * PanelGap);
        var scene = new Scene { Width = width, Brand = brand ?? BrandStyle.Default };
        scene.Box(0, 0, 0, 0, Palette.Paper);
        var background = scene.Shapes.Count - 1;
        var periods = report.Trend.Select(t => t.Period).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var title = $"Trend — {journey.Title}";
        var y = Title(scene, title, Subtitle(report, periods.Count switch
        {
            0 => "customers and conversion per stage and period",
            1 => $"customers and conversion per stage, {periods[0]}",
            _ => $"customers and conversion per stage, {periods[0]} to {periods[^1]}",
        }), width);
        if (periods.Count == 0)
        {
            y = Note(scene, NoTrendNote, Pad, y + 8, width - (2 * Pad));
            return Finish(scene, background, y, title);
        }

        if (periods.Count == 1)
        {
            y = Note(scene, $"Only one period ({periods[0]}): no change to show yet.", Pad, y, width - (2 * Pad)) + 14;
        }

        // Key.
        scene.Box(Pad, y + 1, 14, 10, "#9CC7E6", null, 0, 1);
        scene.Text(Pad + 20, y + 10, "customers who reached the stage (bars, panel's own scale)", 11, Palette.Ink);
        var kx = Pad + 390;
        scene.Line(kx, y + 6, kx + 24, y + 6, Palette.BlueText, 2.2f);
        scene.Circle(kx + 12, y + 6, 3, Palette.BlueText);
        scene.Text(kx + 32, y + 10, "conversion from the previous stage (line, 0–100%)", 11, Palette.Ink);
        y += 28;

        var stageIds = journey.Stages.Select(s => s.Id).Concat(report.Trend.Select(t => t.StageId)).Distinct(StringComparer.Ordinal).ToList();
        var panels = stageIds.Select(id => (Id: id, Name: StageName(journey, id), Points: report.Trend.Where(t => t.StageId == id).ToList()))
            .Where(p => p.Points.Count > 0 || journey.Stages.Exists(s => s.Id == p.Id))
            .ToList();
        var titleLines = panels.Select(p => TextWrapper.Wrap(p.Name, PanelWidth - 110, 12.5f, FontStyleKind.Bold)).ToList();
        for (var row = 0; row * PanelsPerRow < panels.Count; row++)
        {
            var inRow = Enumerable.Range(row * PanelsPerRow, Math.Min(PanelsPerRow, panels.Count - (row * PanelsPerRow))).ToList();
            var titleHeight = inRow.Max(i => titleLines[i].Count) * 17;
            var panelHeight = titleHeight + 186;
            foreach (var i in inRow)
            {
                var px = Pad + ((i % PanelsPerRow) * (PanelWidth + PanelGap));
                // A conversion means nothing in a period where no one reached the previous stage: no point, no change.
                var si = journey.Stages.FindIndex(s => s.Id == panels[i].Id);
                var previous = si > 0 ? report.Trend.Where(t => t.StageId == journey.Stages[si - 1].Id).ToList() : null;
                var before = previous?.GroupBy(t => t.Period, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(t => t.Customers), StringComparer.Ordinal);
                var undefined = periods.Where(p => before is not null && before.GetValueOrDefault(p) == 0).ToHashSet(StringComparer.Ordinal);
                DrawTrendPanel(scene, titleLines[i], panels[i].Points, periods, undefined, before?.GetValueOrDefault(periods[^1]), px, y, panelHeight, titleHeight);
            }

            y += panelHeight + PanelGap;
        }

        return Finish(scene, background, y - PanelGap, title);
    }

    private static void DrawTrendPanel(Scene scene, List<string> titleLines, List<TrendPoint> points, List<string> periods, HashSet<string> undefined, int? latestBase, float x, float y, float height, float titleHeight)
    {
        scene.Box(x, y, PanelWidth, height, Palette.Paper, Palette.Rule, 1, 6);
        scene.Lines(titleLines, x + 12, y + 10, 12.5f, 17, Palette.Ink, FontStyleKind.Bold);

        // The latest change, labelled and coloured (green up, vermillion down, grey flat or unknown).
        // A change over a handful of customers is noise: it stays grey and says how few they were.
        var small = latestBase is > 0 and < SmallSample;
        var latest = undefined.Contains(periods[^1]) ? null : points.Where(p => p.Period == periods[^1]).Select(p => p.Change).FirstOrDefault();
        var (changeText, changeColor) = undefined.Contains(periods[^1])
            ? ("n/a", Palette.InkMuted)
            : latest is { } c
            ? (Points(c), small ? Palette.InkMuted : Math.Round(c * 100, 1) > 0 ? Palette.GreenText : Math.Round(c * 100, 1) < 0 ? Palette.VermillionText : Palette.InkMuted)
            : (periods.Count == 1 ? "one period" : "no change yet", Palette.InkMuted);
        scene.Text(x + PanelWidth - 12, y + 24, changeText, 13, changeColor, FontStyleKind.Bold, "end");
        if (undefined.Contains(periods[^1]))
        {
            scene.Text(x + PanelWidth - 12, y + 38, $"no one at the stage before in {periods[^1]}", 9.5f, Palette.InkMuted, FontStyleKind.Regular, "end");
        }
        else if (latest is not null && periods.Count > 1)
        {
            var basis = small ? $"small sample: {latestBase} at the stage before" : $"conversion vs {periods[^2]}";
            scene.Text(x + PanelWidth - 12, y + 38, basis, 9.5f, Palette.InkMuted, FontStyleKind.Regular, "end");
        }

        var plotLeft = x + 44;
        var plotRight = x + PanelWidth - 40;
        var plotTop = y + titleHeight + 38;
        var plotBottom = y + height - 42;
        if (points.Count == 0)
        {
            scene.Text(x + (PanelWidth / 2), (plotTop + plotBottom) / 2, "no data for this stage", 11.5f, Palette.InkMuted, FontStyleKind.Italic, "middle");
            return;
        }

        var max = Math.Max(1, points.Max(p => p.Customers));
        var slot = (plotRight - plotLeft) / periods.Count;
        float Cy(double share) => plotBottom - (float)(Math.Clamp(share, 0, 1) * (plotBottom - plotTop));
        scene.Line(plotLeft, plotBottom, plotRight, plotBottom, Palette.Rule);
        scene.Line(plotLeft, plotTop, plotRight, plotTop, "#EEF0F3", 0.8f, "3 3");
        scene.Text(plotLeft - 6, plotTop + 4, N(max), 9.5f, Palette.InkMuted, FontStyleKind.Regular, "end");
        scene.Text(plotLeft - 6, plotBottom + 3, "0", 9.5f, Palette.InkMuted, FontStyleKind.Regular, "end");
        scene.Text(plotRight + 6, plotTop + 4, "100%", 9.5f, Palette.BlueText, FontStyleKind.Regular);
        scene.Text(plotRight + 6, plotBottom + 3, "0%", 9.5f, Palette.BlueText, FontStyleKind.Regular);

        var line = new List<(float X, float Y)>();
        for (var k = 0; k < periods.Count; k++)
        {
            var cx = plotLeft + (slot * k) + (slot / 2);
            var point = points.FirstOrDefault(p => p.Period == periods[k]);
            if (point is not null)
            {
                var bh = (float)point.Customers / max * (plotBottom - plotTop);
                var bw = MathF.Min(34, slot * 0.62f);
                scene.Box(cx - (bw / 2), plotBottom - bh, bw, bh, "#9CC7E6", null, 0, 1.5f);
                if (!undefined.Contains(point.Period))
                {
                    line.Add((cx, Cy(point.Conversion)));
                }
            }

            // Every period is labelled when they fit, else the first and the last.
            if (periods.Count <= 4 || k == 0 || k == periods.Count - 1)
            {
                scene.Text(cx, plotBottom + 14, periods[k], 9.5f, Palette.InkMuted, FontStyleKind.Regular, "middle");
            }
        }

        if (line.Count >= 2)
        {
            var d = "M" + string.Join("L", line.Select(p => $"{F(p.X)} {F(p.Y)}"));
            scene.Path(d, Palette.BlueText, 2.2f);
        }

        foreach (var (px, py) in line)
        {
            scene.Circle(px, py, 3.2f, Palette.BlueText, Palette.Paper, 1.2f);
        }

        var last = points.LastOrDefault(p => p.Period == periods[^1]) ?? points[^1];
        var conversion = undefined.Contains(last.Period) ? "no conversion" : $"{Pct(last.Conversion)} conversion";
        scene.Text(x + 12, y + height - 10, $"{last.Period}: {N(last.Customers)} {(last.Customers == 1 ? "customer" : "customers")} · {conversion}", 10, Palette.Ink);
    }
}

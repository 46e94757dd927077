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

        var running = periods.Where(p => report.Trend.Any(t => t.Period == p && t.Running)).ToList();
        if (running.Count > 0)
        {
            y = Note(scene, $"{string.Join(", ", running)} {(running.Count == 1 ? "is" : "are")} still running (the data ends before {(running.Count == 1 ? "it does" : "they do")}): drawn with a dashed outline, never compared.", Pad, y, width - (2 * Pad)) + 14;
        }

        // Key.
        scene.Box(Pad, y + 1, 14, 10, TrendBar, null, 0, 1);
        scene.Text(Pad + 20, y + 10, "customers who reached the stage (bars, panel's own scale)", 11, Palette.Ink);
        var kx = Pad + 390;
        scene.Path($"M{F(kx)} {F(y - 2)}h24v16h-24Z", null, 1, Palette.SkyBlue, null, false, TrendBandOpacity);
        scene.Line(kx, y + 6, kx + 24, y + 6, Palette.BlueText, 2.2f);
        scene.Circle(kx + 12, y + 6, 3, Palette.BlueText);
        scene.Text(kx + 32, y + 10, "conversion from the previous stage (0–100%), band: 95% Wilson interval", 11, Palette.Ink);
        y += 22;
        scene.Box(Pad, y + 1, 14, 10, TrendSmallBar, null, 0, 1);
        scene.Text(Pad + 20, y + 10, $"grey bars, hollow points, dashed line (n=… where it fits): fewer than {report.SmallSampleSize} customers at the stage before, a small sample never compared", 11, Palette.Ink);
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
                DrawTrendPanel(scene, titleLines[i], TrendSeries(report, journey, panels[i].Id, periods), report.SmallSampleSize, px, y, panelHeight, titleHeight);
            }

            y += panelHeight + PanelGap;
        }

        return Finish(scene, background, y - PanelGap, title);
    }

    /// <summary>Bars of periods with enough customers, and of small samples (grey).</summary>
    private const string TrendBar = "#9CC7E6";
    private const string TrendSmallBar = "#D5DAE1";

    /// <summary>Opacity of the conversion's confidence band.</summary>
    public const float TrendBandOpacity = 0.25f;

    /// <summary>
    /// The Wilson score interval at 95% (z = 1.96) of <paramref name="successes"/> out of <paramref name="n"/>: unlike
    /// p ± z·√(p(1−p)/n) it stays inside 0–1 and is wide on small n (8 of 10 → 0.490–0.943; 0 of 4 → 0–0.490).
    /// </summary>
    public static (double Low, double High) Wilson(int successes, int n)
    {
        if (n <= 0)
        {
            return (0, 1);
        }

        const double Z = 1.96;
        var p = (double)successes / n;
        var z2 = Z * Z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = Z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n))) / (1 + (z2 / n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>One period of a stage's panel: its point (if any), its n (customers at the stage before; at the first stage, its own) and whether it is small or still running.</summary>
    internal sealed record TrendPeriod(string Period, TrendPoint? Point, int N, bool Small, bool Running)
    {
        /// <summary>A conversion means nothing in a period where no one reached the stage before.</summary>
        public bool Undefined => N == 0;
    }

    /// <summary>A panel's headline: the change in conversion from one complete period to the one before, or why there is none.</summary>
    internal sealed record TrendHeadline(double? Change, string From, string To, string Reason);

    internal static List<TrendPeriod> TrendSeries(JourneyReport report, Journey journey, string stageId, IReadOnlyList<string> periods)
    {
        var points = report.Trend.Where(t => t.StageId == stageId).ToList();
        var si = journey.Stages.FindIndex(s => s.Id == stageId);
        var previous = si > 0 ? journey.Stages[si - 1].Id : null;
        return
        [
            .. periods.Select(period =>
            {
                var point = points.FirstOrDefault(p => p.Period == period);
                var n = previous is null ? point?.Customers ?? 0 : report.Trend.Where(t => t.StageId == previous && t.Period == period).Sum(t => t.Customers);
                var running = report.Trend.Any(t => t.Period == period && t.Running);
                return new TrendPeriod(period, point, n, n < report.SmallSampleSize, running);
            }),
        ];
    }

    /// <summary>
    /// The change to headline: the last complete period (not still running) against the one before it, and only when both
    /// rest on at least the workspace's small-sample size; otherwise no change, and the reason in plain words.
    /// </summary>
    internal static TrendHeadline Headline(IReadOnlyList<TrendPeriod> series, int threshold)
    {
        var complete = series.Where(p => !p.Running).ToList();
        if (series.Count < 2)
        {
            return new(null, "", "", series.Count == 1 ? "one period: no change to show yet" : "no period");
        }

        if (complete.Count < 2)
        {
            return new(null, "", "", $"{series[^1].Period} is still running: fewer than two complete periods");
        }

        var (before, last) = (complete[^2], complete[^1]);
        foreach (var p in new[] { last, before })
        {
            if (p.Undefined)
            {
                return new(null, before.Period, last.Period, $"no one at the stage before in {p.Period}");
            }

            if (p.Point is null)
            {
                return new(null, before.Period, last.Period, $"no data in {p.Period}");
            }

            if (p.N < threshold)
            {
                return new(null, before.Period, last.Period, $"only {N(p.N)} in {p.Period}, under {threshold}: too few to compare");
            }
        }

        return new(last.Point!.Conversion - before.Point!.Conversion, before.Period, last.Period, $"conversion {last.Period} vs {before.Period}");
    }

    private static void DrawTrendPanel(Scene scene, List<string> titleLines, List<TrendPeriod> series, int threshold, float x, float y, float height, float titleHeight)
    {
        scene.Box(x, y, PanelWidth, height, Palette.Paper, Palette.Rule, 1, 6);
        scene.Lines(titleLines, x + 12, y + 10, 12.5f, 17, Palette.Ink, FontStyleKind.Bold);

        // The headline change, labelled and coloured (green up, vermillion down, grey flat), or "no headline" and why.
        var headline = Headline(series, threshold);
        var (changeText, changeColor) = headline.Change is { } c
            ? (Points(c), Math.Round(c * 100, 1) > 0 ? Palette.GreenText : Math.Round(c * 100, 1) < 0 ? Palette.VermillionText : Palette.InkMuted)
            : ("no headline", Palette.InkMuted);
        scene.Text(x + PanelWidth - 12, y + 24, changeText, 13, changeColor, FontStyleKind.Bold, "end");
        scene.Text(x + PanelWidth - 12, y + 38, headline.Reason, 9.5f, Palette.InkMuted, FontStyleKind.Regular, "end");

        var plotLeft = x + 44;
        var plotRight = x + PanelWidth - 40;
        var plotTop = y + titleHeight + 38;
        var plotBottom = y + height - 42;
        if (series.All(p => p.Point is null))
        {
            scene.Text(x + (PanelWidth / 2), (plotTop + plotBottom) / 2, "no data for this stage", 11.5f, Palette.InkMuted, FontStyleKind.Italic, "middle");
            return;
        }

        var max = Math.Max(1, series.Max(p => p.Point?.Customers ?? 0));
        var slot = (plotRight - plotLeft) / series.Count;
        float Cy(double share) => plotBottom - (float)(Math.Clamp(share, 0, 1) * (plotBottom - plotTop));
        scene.Line(plotLeft, plotBottom, plotRight, plotBottom, Palette.Rule);
        scene.Line(plotLeft, plotTop, plotRight, plotTop, "#EEF0F3", 0.8f, "3 3");
        scene.Text(plotLeft - 6, plotTop + 4, N(max), 9.5f, Palette.InkMuted, FontStyleKind.Regular, "end");
        scene.Text(plotLeft - 6, plotBottom + 3, "0", 9.5f, Palette.InkMuted, FontStyleKind.Regular, "end");
        scene.Text(plotRight + 6, plotTop + 4, "100%", 9.5f, Palette.BlueText, FontStyleKind.Regular);
        scene.Text(plotRight + 6, plotBottom + 3, "0%", 9.5f, Palette.BlueText, FontStyleKind.Regular);

        var line = new List<(float X, float Y, float Low, float High, bool Small)>();
        for (var k = 0; k < series.Count; k++)
        {
            var period = series[k];
            var cx = plotLeft + (slot * k) + (slot / 2);
            if (period.Point is { } point)
            {
                var bh = (float)point.Customers / max * (plotBottom - plotTop);
                var bw = MathF.Min(34, slot * 0.62f);
                scene.Box(cx - (bw / 2), plotBottom - bh, bw, bh, period.Small ? TrendSmallBar : TrendBar, period.Running ? Palette.InkMuted : null, period.Running ? 1 : 0, 1.5f, period.Running ? "3 2" : null);
                if (period.Small && slot >= 26)
                {
                    scene.Text(cx, plotBottom - bh - 3, $"n={N(period.N)}", 8, Palette.InkMuted, FontStyleKind.Regular, "middle");
                }

                if (!period.Undefined)
                {
                    var (low, high) = Wilson((int)Math.Round(point.Conversion * period.N), period.N);
                    line.Add((cx, Cy(point.Conversion), Cy(low), Cy(high), period.Small));
                }
            }

            // Every period is labelled when they fit, else the first and the last.
            if (series.Count <= 4 || k == 0 || k == series.Count - 1)
            {
                scene.Text(cx, plotBottom + 14, period.Period, 9.5f, Palette.InkMuted, FontStyleKind.Regular, "middle");
            }
        }

        if (line.Count >= 2)
        {
            var band = "M" + string.Join("L", line.Select(p => $"{F(p.X)} {F(p.High)}")) + "L" + string.Join("L", Enumerable.Reverse(line).Select(p => $"{F(p.X)} {F(p.Low)}")) + "Z";
            scene.Path(band, null, 1, Palette.SkyBlue, null, false, TrendBandOpacity);

            // Solid between periods with enough customers; a thin dashed grey line where either end is a small sample.
            for (var k = 1; k < line.Count; k++)
            {
                var (a, b) = (line[k - 1], line[k]);
                var small = a.Small || b.Small;
                scene.Line(a.X, a.Y, b.X, b.Y, small ? Palette.InkMuted : Palette.BlueText, small ? 1 : 2.2f, small ? "3 3" : null);
            }
        }
        else if (line.Count == 1)
        {
            scene.Line(line[0].X, line[0].Low, line[0].X, line[0].High, Palette.SkyBlue, 6);
        }

        foreach (var (px, py, _, _, small) in line)
        {
            scene.Circle(px, py, 3.2f, small ? Palette.Paper : Palette.BlueText, small ? Palette.InkMuted : Palette.Paper, 1.2f);
        }

        var last = series.Last(p => p.Point is not null);
        var conversion = last.Undefined ? "no conversion" : $"{Pct(last.Point!.Conversion)} conversion";
        scene.Text(x + 12, y + height - 10, $"{last.Period}: {N(last.Point!.Customers)} {(last.Point.Customers == 1 ? "customer" : "customers")} · {conversion}", 10, Palette.Ink);
    }
}

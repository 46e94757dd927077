namespace Wayfinder.Rendering.Charts;

using System.Globalization;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Rendering.Drawing;

/// <summary>What the event data says, drawn: the funnel, the paths customers take (Sankey) and the trend per stage, as SVG.</summary>
public static partial class DataCharts
{
    private const float Pad = 32;

    /// <summary>
    /// One row per funnel stage: a bar for the customers who reached it in order (its length the share of the start), the
    /// conversion from the previous stage and from the start, the drop-off and the median time to the next stage.
    /// </summary>
    public static string FunnelSvg(JourneyReport report, Journey journey, BrandStyle? brand = null)
    {
        const float Width = 1040;
        const float NameX = Pad;
        const float NameWidth = 230;
        const float BarX = NameX + NameWidth + 16;
        const float BarWidth = 480;
        const float RateX = BarX + BarWidth + 18;
        const float BarHeight = 26;
        var scene = new Scene { Width = Width, Brand = brand ?? BrandStyle.Default };
        scene.Box(0, 0, 0, 0, Palette.Paper);
        var background = scene.Shapes.Count - 1;

        var title = $"Funnel — {journey.Title}";
        var y = Title(scene, title, Subtitle(report, "customers who reached each stage in order, within the funnel window"), Width);
        var funnel = report.Metrics.Funnel;
        if (funnel.Count == 0 || funnel[0].Customers == 0)
        {
            y = Note(scene, "No data: no customer reached the first stage, so there is no funnel to draw.", Pad, y + 8, Width - (2 * Pad));
            return Finish(scene, background, y, title);
        }

        scene.Text(NameX, y + 10, "STAGE", 10.5f, Palette.InkMuted, FontStyleKind.Bold);
        scene.Text(BarX, y + 10, "CUSTOMERS (bar: share of the start)", 10.5f, Palette.InkMuted, FontStyleKind.Bold);
        scene.Text(RateX, y + 10, "CONVERSION", 10.5f, Palette.InkMuted, FontStyleKind.Bold);
        y += 20;
        scene.Line(Pad - 8, y, Width - Pad + 8, y, Palette.Rule);
        for (var i = 0; i < funnel.Count; i++)
        {
            var step = funnel[i];
            var name = TextWrapper.Wrap($"{i + 1:00}  {StageName(journey, step.StageId, step.StageName)}", NameWidth, 12.5f, FontStyleKind.Bold);
            var next = i + 1 < funnel.Count ? funnel[i + 1] : null;
            var dropLines = new List<string>();
            var timeLines = new List<string>();
            if (next is not null)
            {
                dropLines = TextWrapper.Wrap(step.DropOff > 0 ? $"{DropOff(step)} did not reach the next stage" : "no one lost before the next stage", BarWidth, 10.5f, FontStyleKind.Bold);
                var timing = report.Metrics.Timings.FirstOrDefault(t => t.FromStage == step.StageId && t.ToStage == next.StageId);
                if (timing?.MedianSeconds is { } median)
                {
                    timeLines = TextWrapper.Wrap($"median {Duration(median)} to the next stage" + (timing.P90Seconds is { } p90 ? $" (p90 {Duration(p90)})" : ""), BarWidth, 10.5f);
                }
            }

            var rowHeight = Math.Max((name.Count * 17) + 8, BarHeight + 10 + ((dropLines.Count + timeLines.Count) * 14)) + 14;
            if (i % 2 == 1)
            {
                scene.Box(Pad - 8, y, Width - (2 * Pad) + 16, rowHeight, "#F9FAFB");
            }

            var top = y + 8;
            scene.Lines(name, NameX, top, 12.5f, 17, Palette.Ink, FontStyleKind.Bold);
            var share = Math.Clamp(step.ConversionFromStart, 0, 1);
            var bar = MathF.Max(2, (float)(BarWidth * share));
            scene.Box(BarX, top, BarWidth, BarHeight, "#E8EEF5", null, 0, 3);
            scene.Box(BarX, top, bar, BarHeight, Palette.Blue, null, 0, 3);
            var count = N(step.Customers);
            var countWidth = DejaVuMeasurer.Instance.Measure(count, 12.5f, FontStyleKind.Bold);
            if (bar >= countWidth + 16)
            {
                scene.Text(BarX + bar - 8, top + 18, count, 12.5f, Palette.Paper, FontStyleKind.Bold, "end");
            }
            else
            {
                scene.Text(BarX + bar + 8, top + 18, count, 12.5f, Palette.Ink, FontStyleKind.Bold);
            }

            var dy = scene.Lines(dropLines, BarX, top + BarHeight + 4, 10.5f, 14, step.DropOff > 0 ? Palette.VermillionText : Palette.InkMuted, FontStyleKind.Bold);
            scene.Lines(timeLines, BarX, dy, 10.5f, 14, Palette.InkMuted);

            scene.Text(RateX, top + 12, i == 0 ? "start" : $"{Pct(step.Conversion)} of previous", 12, Palette.Ink, FontStyleKind.Bold);
            scene.Text(RateX, top + 28, $"{Pct(step.ConversionFromStart)} of start", 10.5f, Palette.InkMuted);
            y += rowHeight;
        }

        scene.Line(Pad - 8, y, Width - Pad + 8, y, Palette.Rule);
        y += 22;
        var last = funnel[^1];
        scene.Text(Pad, y, $"{N(last.Customers)} of {N(funnel[0].Customers)} reached the last stage ({Pct(last.ConversionFromStart)}).", 12.5f, Palette.Ink, FontStyleKind.Bold);
        return Finish(scene, background, y, title);
    }

    /// <summary>"−1,115 (37%)": the customers lost at a stage and their share of those who reached it.</summary>
    public static string DropOff(FunnelStep step) =>
        $"−{N(step.DropOff)} ({(step.Customers == 0 ? "0%" : Pct((double)step.DropOff / step.Customers, 0))})";

    /// <summary>A duration for people: "45 s", "12 min", "5.2 h", "3.4 days".</summary>
    public static string Duration(double seconds) => seconds switch
    {
        < 120 => $"{seconds.ToString("0", CultureInfo.InvariantCulture)} s",
        < 7200 => $"{(seconds / 60).ToString("0", CultureInfo.InvariantCulture)} min",
        < 172_800 => $"{(seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture)} h",
        _ => $"{(seconds / 86_400).ToString("0.#", CultureInfo.InvariantCulture)} days",
    };

    /// <summary>A count with thousands separators, culture-independent: 1,208.</summary>
    public static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A 0–1 share as a percentage: 0.604 → "60.4%".</summary>
    public static string Pct(double share, int decimals = 1) =>
        (share * 100).ToString(decimals == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>A change in share points: +0.032 → "+3.2 pts", −0.01 → "−1.0 pts", 0 → "±0.0 pts".</summary>
    public static string Points(double change)
    {
        var rounded = Math.Round(change * 100, 1);
        var abs = Math.Abs(rounded).ToString("0.0", CultureInfo.InvariantCulture);
        return rounded > 0 ? $"+{abs} pts" : rounded < 0 ? $"−{abs} pts" : $"±{abs} pts";
    }

    private static string StageName(Journey journey, string stageId, string? fallback = null) =>
        journey.Stages.Find(s => s.Id == stageId)?.Name ?? fallback ?? stageId;

    private static string Subtitle(JourneyReport report, string what)
    {
        var cut = string.IsNullOrWhiteSpace(report.Cut) ? "all data" : report.Cut;
        return $"{what} · {N(report.Metrics.Customers)} customers · {cut}";
    }

    private static float Title(Scene scene, string title, string subtitle, float width)
    {
        var y = scene.Lines(TextWrapper.Wrap(title, width - (2 * Pad), 20, FontStyleKind.Bold), Pad, Pad - 6, 20, 26, Palette.Ink, FontStyleKind.Bold);
        y = scene.Lines(TextWrapper.Wrap(subtitle, width - (2 * Pad), 12), Pad, y + 2, 12, 17, Palette.InkMuted);
        return y + 16;
    }

    private static float Note(Scene scene, string text, float x, float y, float width)
    {
        var lines = TextWrapper.Wrap(text, width - 28, 13, FontStyleKind.Italic);
        var h = (lines.Count * 18) + 20;
        scene.Box(x, y, width, h, Palette.Canvas, Palette.Rule, 1, 6);
        scene.Lines(lines, x + 14, y + 10, 13, 18, Palette.InkMuted, FontStyleKind.Italic);
        return y + h;
    }

    private static string Finish(Scene scene, int background, float bottom, string title)
    {
        scene.Height = MathF.Ceiling(bottom + Pad - 8);
        scene.Shapes[background] = new BoxShape(0, 0, scene.Width, scene.Height, Palette.Paper);
        return scene.ToSvg(title);
    }
}

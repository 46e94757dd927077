namespace Wayfinder.Rendering.JourneyMaps;

using Wayfinder.Core.Documents;
using Wayfinder.Rendering.Drawing;
using static Wayfinder.Rendering.Drawing.Scene;

public static partial class MapLayoutBuilder
{
    /// <summary>The measured curve's points sit this far right of the designed ones, so equal scores do not hide each other.</summary>
    public const float MeasuredOffset = 18;

    /// <summary>A designed point's radius: a plain dot, or a face when the map draws faces.</summary>
    public const float PointRadius = 6.5f;
    public const float FaceRadius = 12;

    private const float MeasuredHalf = 5;

    // ---- Emotion ----
    private static float DrawEmotionLane(Context ctx, Lane lane, List<StageColumn> columns, float top, List<EmotionPoint> points, List<EmotionLabel> labels, bool faces)
    {
        var scene = ctx.Scene;
        var gridLeft = columns.Count > 0 ? columns[0].X : Margin + LaneColumnWidth;
        var gridRight = columns.Count > 0 ? columns[^1].X + columns[^1].Width : gridLeft + MinGridWidth;
        var placed = PlaceScores(ctx, lane, columns);

        // Captions under the plot make the row taller when they wrap.
        var captions = placed.Select(p => ctx.Wrap(p.Item.Text, p.ColumnWidth - 20, SmallSize, FontStyleKind.Italic)).ToList();
        var captionHeight = captions.Select(c => c.Count * SmallLine).DefaultIfEmpty(0).Max();
        var height = EmotionCaptionTop + captionHeight + 14;

        var yTop = MapLayout.EmotionY(top, 2);
        var yZero = MapLayout.EmotionY(top, 0);
        var yBottom = MapLayout.EmotionY(top, -2);
        scene.Box(gridLeft, yTop, gridRight - gridLeft, yZero - yTop, "#EEF7F3");
        scene.Box(gridLeft, yZero, gridRight - gridLeft, yBottom - yZero, "#FBEFE8");
        for (var score = 2.0; score >= -2; score -= 0.5)
        {
            var ly = MapLayout.EmotionY(top, score);
            if (score % 1 == 0)
            {
                scene.Text(gridLeft - 8, ly + 4, FormatScore(score), 10, Palette.InkMuted, FontStyleKind.Regular, "end");
            }

            if (score != 0)
            {
                // Whole steps ruled, half steps fainter: the band is tall enough that a half step is worth reading. (Solid:
                // a PDF writes every dash of a dashed line as a shape of its own.)
                scene.Line(gridLeft, ly, gridRight, ly, score % 1 == 0 ? "#DDE2E8" : "#EEF0F3", 0.8f);
            }
        }

        scene.Line(gridLeft, yZero, gridRight, yZero, "#7C8A9C", 1.2f);

        var pts = placed.Select(p => (p.X, Y: MapLayout.EmotionY(top, p.Item.Score!.Value))).ToList();
        if (pts.Count >= 2)
        {
            scene.Path(MonotoneCurve(pts), Palette.Orange, 3);
        }

        // The measured curve (from survey answers), beside the designed one in a second style, with its sample sizes.
        var measured = (ctx.Data?.MeasuredEmotion ?? [])
            .Where(m => m.Score is not null)
            .Select(m => (Point: m, Column: columns.FindIndex(c => c.StageId == m.StageId)))
            .Where(m => m.Column >= 0)
            .OrderBy(m => m.Column)
            .Select(m => (m.Point, X: columns[m.Column].X + (columns[m.Column].Width / 2) + MeasuredOffset, Y: MapLayout.EmotionY(top, m.Point.Score!.Value)))
            .ToList();

        // Labels are placed before anything is drawn over the plot: every point is an obstacle, then each label takes
        // the first free spot near its point (designed ones first, left to right, then the measured ones).
        var radius = faces ? FaceRadius : PointRadius;
        var placer = new LabelPlacer(top + 4, top + EmotionCaptionTop - 6, gridLeft + 2, gridRight - 2);
        foreach (var (x, y) in pts)
        {
            placer.Block(x - radius - 2, y - radius - 2, (2 * radius) + 4, (2 * radius) + 4);
        }

        foreach (var (_, x, y) in measured)
        {
            placer.Block(x - MeasuredHalf - 2, y - MeasuredHalf - 2, (2 * MeasuredHalf) + 4, (2 * MeasuredHalf) + 4);
        }

        var designedLabels = placed.Select((p, i) =>
        {
            var score = p.Item.Score!.Value;
            var text = FormatScore(score);
            var w = ctx.Measurer.Measure(text, 11, FontStyleKind.Bold) + 8;
            var order = score >= 1.5 ? s_belowFirst : s_aboveFirst;
            var (lx, ly) = placer.Place(pts[i].X, pts[i].Y, radius, w, 17, order);
            return new EmotionLabel(p.Item.Stage, text, lx, ly, w, 17);
        }).ToList();
        var measuredLabels = measured.Select(m =>
        {
            var text = $"{FormatScore(Math.Round(m.Point.Score!.Value, 1))} · n={m.Point.SampleSize}{(m.Point.SmallSample ? " · small sample" : "")}";
            var w = ctx.Measurer.Measure(text, 10, FontStyleKind.Bold) + 8;
            var (lx, ly) = placer.Place(m.X, m.Y, MeasuredHalf, w, 16, s_rightFirst);
            return new EmotionLabel(m.Point.StageId, text, lx, ly, w, 16, Measured: true);
        }).ToList();
        labels.AddRange(designedLabels);
        labels.AddRange(measuredLabels);

        scene.BeginOverlay("emotion");
        if (measured.Count >= 2)
        {
            scene.Path(MonotoneCurve(measured.Select(m => (m.X, m.Y)).ToList()), Palette.Blue, 2.2f, "none", "7 4");
        }

        for (var i = 0; i < measured.Count; i++)
        {
            var (m, mx, my) = measured[i];
            var label = measuredLabels[i];
            Leader(scene, mx, my, MeasuredHalf, label, "#B9D3E8");
            scene.Box(mx - MeasuredHalf, my - MeasuredHalf, 2 * MeasuredHalf, 2 * MeasuredHalf, Palette.Paper, Palette.Blue, 2);
            scene.Box(label.X, label.Y, label.Width, label.Height, Palette.Paper, "#B9D3E8", 0.8f, 4);
            scene.Text(label.X + 4, label.Y + 12, label.Text, 10, Palette.BlueText, FontStyleKind.Bold);
            points.Add(new EmotionPoint(m.StageId, null, m.Score!.Value, mx, my, Measured: true, SampleSize: m.SampleSize));
        }

        scene.EndGroup();

        for (var i = 0; i < placed.Count; i++)
        {
            var (item, x, _) = placed[i];
            var score = item.Score!.Value;
            var y = pts[i].Y;
            var label = designedLabels[i];
            points.Add(new EmotionPoint(item.Stage, item.Step, score, x, y));
            var grouped = scene.BeginElement(item.Id, "emotion");
            Leader(scene, x, y, radius, label, "#D5DAE1");
            if (faces)
            {
                EmotionFace(scene, x, y, radius, score);
            }
            else
            {
                scene.Circle(x, y, radius, Palette.Emotion(score), Palette.Paper, 2);
            }

            scene.Box(label.X, label.Y, label.Width, label.Height, Palette.Paper, "#D5DAE1", 0.8f, 4);
            scene.Text(label.X + (label.Width / 2), label.Y + 13, label.Text, 11, score > 0.25 ? Palette.GreenText : score < -0.25 ? Palette.VermillionText : Palette.InkMuted, FontStyleKind.Bold, "middle");
            scene.Lines(captions[i], x, top + EmotionCaptionTop, SmallSize, SmallLine, Palette.Ink, FontStyleKind.Italic, "middle");
            if (grouped)
            {
                scene.EndGroup();
            }
        }

        return height;
    }

    /// <summary>Each scored item at the centre of its step's (or stage's) column, left to right; several in one column share it.</summary>
    private static List<(LaneItem Item, float X, float ColumnWidth)> PlaceScores(Context ctx, Lane lane, List<StageColumn> columns)
    {
        var placed = new List<(LaneItem Item, float X, float ColumnWidth)>();
        for (var s = 0; s < ctx.Journey.Stages.Count; s++)
        {
            var stage = ctx.Journey.Stages[s];
            var col = columns[s];
            var slots = new List<(float X, float W, List<LaneItem> Items)>();
            var wide = lane.Items.Where(i => i.Stage == stage.Id && i.Score is not null && (i.Step is null || !stage.Steps.Exists(st => st.Id == i.Step))).ToList();
            if (wide.Count > 0)
            {
                slots.Add((col.X, col.Width, wide));
            }

            foreach (var step in col.Steps)
            {
                var its = lane.Items.Where(i => i.Stage == stage.Id && i.Step == step.StepId && i.Score is not null).ToList();
                if (its.Count > 0)
                {
                    slots.Add((step.X, step.Width, its));
                }
            }

            foreach (var (x, w, its) in slots.OrderBy(sl => sl.X))
            {
                for (var k = 0; k < its.Count; k++)
                {
                    placed.Add((its[k], x + (w * (k + 1) / (its.Count + 1)), w / its.Count));
                }
            }
        }

        placed.Sort((a, b) => a.X.CompareTo(b.X));
        return placed;
    }

    /// <summary>A thin line from a point to its label when the label had to move away from the point's side.</summary>
    private static void Leader(Scene scene, float x, float y, float radius, EmotionLabel label, string color)
    {
        var nx = Math.Clamp(x, label.X, label.X + label.Width);
        var ny = Math.Clamp(y, label.Y, label.Y + label.Height);
        var distance = MathF.Sqrt(((nx - x) * (nx - x)) + ((ny - y) * (ny - y)));
        if (distance > radius + LabelPlacer.Gap + 2)
        {
            scene.Line(x, y, nx, ny, color, 1);
        }
    }

    /// <summary>A face in the point's colour: smiling above +0.25, frowning below −0.25, straight-mouthed between.</summary>
    public static void EmotionFace(Scene scene, float x, float y, float r, double score)
    {
        var color = Palette.Emotion(score);
        scene.Circle(x, y, r, Palette.Paper, color, 2);
        scene.Circle(x - (r * 0.36f), y - (r * 0.22f), r * 0.15f, color, color, 0);
        scene.Circle(x + (r * 0.36f), y - (r * 0.22f), r * 0.15f, color, color, 0);
        var left = F(x - (r * 0.45f));
        var right = F(x + (r * 0.45f));
        var mouth = score > 0.25
            ? $"M{left} {F(y + (r * 0.22f))}Q{F(x)} {F(y + (r * 0.72f))} {right} {F(y + (r * 0.22f))}"
            : score < -0.25
                ? $"M{left} {F(y + (r * 0.55f))}Q{F(x)} {F(y + (r * 0.1f))} {right} {F(y + (r * 0.55f))}"
                : $"M{left} {F(y + (r * 0.38f))}L{right} {F(y + (r * 0.38f))}";
        scene.Path(mouth, color, 1.6f);
    }

    /// <summary>"+1.5", "0", "−2": a sign always, a true minus sign, no trailing zeros.</summary>
    public static string FormatScore(double score)
    {
        var abs = Math.Abs(score).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        return score > 0 ? "+" + abs : score < 0 ? "−" + abs : "0";
    }

    /// <summary>
    /// A monotone cubic curve through the points (Fritsch–Carlson), as cubic Béziers: between two points the curve stays
    /// within their values, so it never dips below both neighbours or swings past ±2. Points must be in x order.
    /// </summary>
    public static string MonotoneCurve(IReadOnlyList<(float X, float Y)> p)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append('M').Append(F(p[0].X)).Append(' ').Append(F(p[0].Y));
        var n = p.Count;
        if (n < 2)
        {
            return sb.ToString();
        }

        // Secant slopes, then tangents: the secants' mean inside a monotone run, flat at a peak or a valley.
        var d = new double[n - 1];
        for (var k = 0; k < n - 1; k++)
        {
            var dx = (double)p[k + 1].X - p[k].X;
            d[k] = dx == 0 ? 0 : (p[k + 1].Y - p[k].Y) / dx;
        }

        var m = new double[n];
        m[0] = d[0];
        m[n - 1] = d[n - 2];
        for (var k = 1; k < n - 1; k++)
        {
            m[k] = d[k - 1] * d[k] <= 0 ? 0 : (d[k - 1] + d[k]) / 2;
        }

        // Fritsch–Carlson: a flat segment gets flat tangents; elsewhere (α, β) is pulled into the circle of radius 3,
        // which keeps both Bézier control points between the segment's end values.
        for (var k = 0; k < n - 1; k++)
        {
            if (d[k] == 0)
            {
                m[k] = 0;
                m[k + 1] = 0;
                continue;
            }

            var a = m[k] / d[k];
            var b = m[k + 1] / d[k];
            var s = (a * a) + (b * b);
            if (s > 9)
            {
                var t = 3 / Math.Sqrt(s);
                m[k] = t * a * d[k];
                m[k + 1] = t * b * d[k];
            }
        }

        for (var k = 0; k < n - 1; k++)
        {
            var (x0, y0) = p[k];
            var (x1, y1) = p[k + 1];
            var h = x1 - x0;
            if (h == 0)
            {
                sb.Append('L').Append(F(x1)).Append(' ').Append(F(y1));
                continue;
            }

            sb.Append('C').Append(F(x0 + (h / 3))).Append(' ').Append(F((float)(y0 + (m[k] * h / 3)))).Append(' ')
                .Append(F(x1 - (h / 3))).Append(' ').Append(F((float)(y1 - (m[k + 1] * h / 3)))).Append(' ')
                .Append(F(x1)).Append(' ').Append(F(y1));
        }

        return sb.ToString();
    }

    private enum Side
    {
        Above,
        Below,
        Right,
        Left,
    }

    private static readonly Side[] s_aboveFirst = [Side.Above, Side.Below, Side.Right, Side.Left];
    private static readonly Side[] s_belowFirst = [Side.Below, Side.Above, Side.Right, Side.Left];
    private static readonly Side[] s_rightFirst = [Side.Right, Side.Left, Side.Above, Side.Below];

    /// <summary>
    /// Places label boxes one by one beside their points, each in the first spot that touches no box placed or blocked
    /// before it: the preferred sides, then steps further up or down inside the band, then (never needed on a sane map)
    /// further out past it. There is always a free spot eventually, so no two boxes overlap.
    /// </summary>
    private sealed class LabelPlacer(float top, float bottom, float left, float right)
    {
        public const float Gap = 4;

        private readonly List<(float X, float Y, float W, float H)> _taken = [];

        public void Block(float x, float y, float w, float h) => _taken.Add((x, y, w, h));

        public (float X, float Y) Place(float px, float py, float radius, float w, float h, Side[] order)
        {
            var candidates = order.Select(side => side switch
            {
                Side.Above => (px - (w / 2), py - radius - Gap - h),
                Side.Below => (px - (w / 2), py + radius + Gap),
                Side.Right => (px + radius + Gap, py - (h / 2)),
                _ => (px - radius - Gap - w, py - (h / 2)),
            });
            var step = h + 2;
            var further = Enumerable.Range(1, (2 * _taken.Count) + 2)
                .SelectMany(k => new[] { (px - (w / 2), py - radius - Gap - h - (k * step)), (px - (w / 2), py + radius + Gap + (k * step)) });
            var all = candidates.Concat(further).Select(c => (X: Math.Clamp(c.Item1, left, Math.Max(left, right - w)), Y: c.Item2)).ToList();
            var spot = all.Cast<(float X, float Y)?>().FirstOrDefault(c => c!.Value.Y >= top && c.Value.Y + h <= bottom && IsFree(c.Value.X, c.Value.Y, w, h))
                ?? all.First(c => IsFree(c.X, c.Y, w, h));
            _taken.Add((spot.X, spot.Y, w, h));
            return spot;
        }

        private bool IsFree(float x, float y, float w, float h) =>
            !_taken.Exists(t => x < t.X + t.W + 1 && t.X < x + w + 1 && y < t.Y + t.H + 1 && t.Y < y + h + 1);
    }
}

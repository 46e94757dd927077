namespace Wayfinder.Rendering.JourneyMaps;

using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;
using Wayfinder.Rendering.Drawing;
using static Wayfinder.Rendering.Drawing.Scene;

public static partial class MapLayoutBuilder
{
    /// <summary>Measures one item's card for a lane of its type.</summary>
    private static CardPlan PlanCard(Context ctx, Lane lane, LaneItem item, float cardWidth)
    {
        var w = CardPlan.TextWidth(cardWidth);
        var rows = new List<CardRow>();
        var body = new List<string>();

        void AddBody(string? text, FontStyleKind style = FontStyleKind.Regular)
        {
            var lines = ctx.Wrap(text, w, BodySize, style);
            if (lines.Count > 0)
            {
                body.AddRange(lines);
                rows.Add(new TextRow(lines, BodySize, BodyLine, style, Palette.Ink));
            }
        }

        void AddSmall(string? text, string fill = Palette.InkMuted, FontStyleKind style = FontStyleKind.Regular)
        {
            var lines = ctx.Wrap(text, w, SmallSize, style);
            if (lines.Count > 0)
            {
                rows.Add(new TextRow(lines, SmallSize, SmallLine, style, fill));
            }
        }

        // What a card shows follows the fields its lane kind carries (LaneKinds).
        switch (lane.KindOf())
        {
            case { HasChannel: true }:
                if (item.Channel is { } channelId)
                {
                    var channel = ctx.Channel(channelId);
                    var label = ctx.Wrap(channel?.Name ?? channelId, w - GlyphRow.Indent, 11, FontStyleKind.Bold);
                    rows.Add(new GlyphRow(Glyphs.For(channel), Palette.Blue, label, 11, 15, Palette.BlueText));
                    rows.Add(new GapRow(4));
                }

                AddBody(item.Text);
                if (!string.IsNullOrWhiteSpace(item.Owner))
                {
                    rows.Add(new GapRow(3));
                    AddSmall($"owner · {item.Owner}");
                }

                if (lane.Type == LaneType.Touchpoints && Charts.JourneyTouchpoints.IdOf(lane, item) is { } touchpointId)
                {
                    AddDataRows(ctx, rows, touchpointId, w);
                }

                break;

            case { HasKpi: true }:
                AddBody(item.Text ?? item.Metric, FontStyleKind.Bold);
                if (item.Text is not null && item.Metric is not null)
                {
                    AddSmall(item.Metric);
                }

                // A KPI bound to a metric takes its actual and status from the data when the data has them.
                var measured = item.Metric is null ? null : ctx.Data?.Kpis.FirstOrDefault(k => k.StageId == item.Stage && k.Metric == item.Metric);
                if (measured is { Problem: null })
                {
                    item = item with { Actual = measured.ActualText, Status = measured.Status ?? item.Status };
                }

                if (item.Actual is not null)
                {
                    rows.Add(new GapRow(4));
                    var actual = ctx.Wrap(item.Actual, w, 17, FontStyleKind.Bold);
                    var actualRow = new TextRow(actual, 17, 21, FontStyleKind.Bold, Palette.Ink);
                    rows.Add(measured is { Problem: null } ? new OverlayRow("kpi", actualRow) : actualRow);
                }

                if (measured is { Problem: { } problem })
                {
                    AddSmall($"no data: {problem}", Palette.InkMuted, FontStyleKind.Italic);
                }
                else if (measured is not null && measured.Definition.Length > 0)
                {
                    // What the number measures, resolved on this journey, so a KPI's text can be checked against it.
                    AddSmall(measured.Definition, Palette.InkMuted, FontStyleKind.Italic);
                }

                if (item.Target is not null)
                {
                    AddSmall($"target {item.Target}");
                }

                var (fill, text, statusLabel) = Palette.KpiStatus(item.Status);
                if (BulletRow.Number(item.Actual) is { } a && BulletRow.Number(item.Target) is { } t && a >= 0 && t >= 0)
                {
                    rows.Add(new GapRow(3));
                    rows.Add(new BulletRow(a, t, lane.Type == LaneType.Kpis ? fill : Palette.Grey));
                }

                if (lane.Type == LaneType.Kpis)
                {
                    rows.Add(new GapRow(5));
                    rows.Add(new PillRow(measured is { Problem: null }
                        ? [(statusLabel, fill, text), ("from data", "#E8EEF5", Palette.Ink)]
                        : [(statusLabel, fill, text)]));
                    if (measured is { Problem: null, SmallSample: true })
                    {
                        // On a row of its own, so it never runs past a narrow card.
                        rows.Add(new GapRow(3));
                        rows.Add(new PillRow([($"small sample · n={measured.SampleSize}", Palette.SmallSample, Palette.SmallSampleText)]));
                    }
                }

                break;

            case { HasOpportunity: true }:
                AddBody(item.Text);
                rows.Add(new GapRow(6));
                var customer = item.CustomerValue ?? OpportunityRanking.DefaultRating;
                var business = item.BusinessValue ?? OpportunityRanking.DefaultRating;
                var effort = Math.Max(1, item.Effort ?? OpportunityRanking.DefaultRating);
                rows.Add(new MeterRow("customer value", customer, Palette.GreenText));
                rows.Add(new MeterRow("business value", business, Palette.GreenText));
                rows.Add(new MeterRow("effort", effort, Palette.InkMuted));
                rows.Add(new GapRow(5));
                var quadrant = OpportunityRanking.QuadrantOf((customer + business) / 2.0, effort);
                var pills = new List<(string, string, string)> { (QuadrantName(quadrant), QuadrantColor(quadrant), Palette.Paper) };
                if (item.OpportunityStatus is { } status)
                {
                    pills.Add((StatusName(status), Palette.Paper, Palette.Ink));
                }

                rows.Add(new PillRow(pills));
                if (!string.IsNullOrWhiteSpace(item.Owner))
                {
                    AddSmall($"owner · {item.Owner}");
                }

                break;

            case { HasPersona: true }:
                var persona = item.Persona is null ? null : ctx.Workspace.FindPersona(item.Persona);
                if (item.Persona is not null)
                {
                    var label = ctx.Wrap(persona?.Name ?? persona?.Title ?? item.Persona, w - GlyphRow.Indent, 11, FontStyleKind.Bold);
                    rows.Add(new GlyphRow("person", Palette.OrangeText, label, 11, 15, Palette.OrangeText));
                    rows.Add(new GapRow(4));
                }

                AddBody(item.Text);
                break;

            case { HasImage: true }:
                var caption = ctx.Wrap(item.Alt ?? item.Text ?? "image", w - GlyphRow.Indent, 11, FontStyleKind.Bold);
                rows.Add(new GlyphRow("image", Palette.InkMuted, caption, 11, 15, Palette.Ink));
                if (item.Alt is not null && item.Text is not null)
                {
                    AddBody(item.Text);
                }

                if (item.Src is not null)
                {
                    AddSmall(item.Src);
                }

                break;

            default:
                AddBody(item.Text);
                if (!string.IsNullOrWhiteSpace(item.Owner))
                {
                    AddSmall($"owner · {item.Owner}");
                }

                break;
        }

        if (item.Comments.Count > 0)
        {
            AddSmall(item.Comments.Count == 1 ? "1 comment" : $"{item.Comments.Count} comments", Palette.InkMuted, FontStyleKind.Italic);
        }

        if (rows.Count == 0)
        {
            // An item with nothing to say still shows that it is there.
            rows.Add(new TextRow(["—"], BodySize, BodyLine, FontStyleKind.Regular, Palette.InkMuted));
        }

        return new CardPlan
        {
            Rows = rows,
            Fill = Palette.CardFill(lane.Type),
            Accent = Palette.LaneAccent(lane.Type),
            Grade = ctx.Grade(item.Evidence),
            BodyLines = body,
        };
    }

    public static string QuadrantName(Quadrant quadrant) => quadrant switch
    {
        Quadrant.QuickWin => "quick win",
        Quadrant.BigBet => "big bet",
        Quadrant.FillIn => "fill-in",
        _ => "money pit",
    };

    /// <summary>Quadrant colours: dark enough for white text (AA).</summary>
    public static string QuadrantColor(Quadrant quadrant) => quadrant switch
    {
        Quadrant.QuickWin => Palette.GreenText,
        Quadrant.BigBet => Palette.BlueText,
        Quadrant.FillIn => Palette.InkMuted,
        _ => Palette.VermillionText,
    };

    public static string StatusName(OpportunityStatus status) => status switch
    {
        OpportunityStatus.InProgress => "in progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    // ---- Emotion ----
    private static float DrawEmotionLane(Context ctx, Lane lane, List<StageColumn> columns, float top, List<EmotionPoint> points)
    {
        var scene = ctx.Scene;
        var gridLeft = columns.Count > 0 ? columns[0].X : Margin + LaneColumnWidth;
        var gridRight = columns.Count > 0 ? columns[^1].X + columns[^1].Width : gridLeft + MinGridWidth;

        // Place each scored item at the centre of its step's (or stage's) column; several in one column share it.
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

        // Captions under the plot make the row taller when they wrap.
        var captions = placed.Select(p => ctx.Wrap(p.Item.Text, p.ColumnWidth - 20, SmallSize, FontStyleKind.Italic)).ToList();
        var captionHeight = captions.Select(c => c.Count * SmallLine).DefaultIfEmpty(0).Max();
        var height = EmotionCaptionTop + captionHeight + 14;

        var yTop = MapLayout.EmotionY(top, 2);
        var yZero = MapLayout.EmotionY(top, 0);
        var yBottom = MapLayout.EmotionY(top, -2);
        scene.Box(gridLeft, yTop, gridRight - gridLeft, yZero - yTop, "#EEF7F3");
        scene.Box(gridLeft, yZero, gridRight - gridLeft, yBottom - yZero, "#FBEFE8");
        foreach (var (score, label) in new[] { (2.0, "+2"), (1.0, "+1"), (0.0, "0"), (-1.0, "−1"), (-2.0, "−2") })
        {
            var ly = MapLayout.EmotionY(top, score);
            scene.Text(gridLeft - 8, ly + 4, label, 10, Palette.InkMuted, FontStyleKind.Regular, "end");
            if (score != 0)
            {
                scene.Line(gridLeft, ly, gridRight, ly, "#E3E7EC", 0.8f);
            }
        }

        scene.Line(gridLeft, yZero, gridRight, yZero, "#7C8A9C", 1.2f, "6 5");

        var pts = placed.Select(p => (p.X, Y: MapLayout.EmotionY(top, p.Item.Score!.Value))).ToList();
        if (pts.Count >= 2)
        {
            scene.Path(CatmullRom(pts, yTop - 10, yBottom + 10), Palette.Orange, 3);
        }

        // The measured curve (from survey answers), beside the designed one in a second style, with its sample sizes.
        var measuredPoints = (ctx.Data?.MeasuredEmotion ?? [])
            .Where(m => m.Score is not null)
            .Select(m => (Point: m, Column: columns.FindIndex(c => c.StageId == m.StageId)))
            .Where(m => m.Column >= 0)
            .OrderBy(m => m.Column)
            .Select(m => (m.Point, X: columns[m.Column].X + (columns[m.Column].Width / 2) + MeasuredOffset, Y: MapLayout.EmotionY(top, m.Point.Score!.Value)))
            .ToList();
        scene.BeginOverlay("emotion");
        if (measuredPoints.Count >= 2)
        {
            scene.Path(CatmullRom(measuredPoints.Select(m => (m.X, m.Y)).ToList(), yTop - 10, yBottom + 10), Palette.Blue, 2.2f, "none", "7 4");
        }

        foreach (var (m, mx, my) in measuredPoints)
        {
            scene.Box(mx - 5, my - 5, 10, 10, Palette.Paper, Palette.Blue, 2);
            var label = $"{FormatScore(Math.Round(m.Score!.Value, 1))} · n={m.SampleSize}{(m.SmallSample ? " · small sample" : "")}";
            var lw = ctx.Measurer.Measure(label, 10, FontStyleKind.Bold) + 8;
            scene.Box(mx + 9, my - 8, lw, 16, Palette.Paper, "#B9D3E8", 0.8f, 4);
            scene.Text(mx + 13, my + 4, label, 10, Palette.BlueText, FontStyleKind.Bold);
            points.Add(new EmotionPoint(m.StageId, null, m.Score.Value, mx, my, Measured: true, SampleSize: m.SampleSize));
        }

        scene.EndGroup();

        for (var i = 0; i < placed.Count; i++)
        {
            var (item, x, _) = placed[i];
            var score = item.Score!.Value;
            var y = pts[i].Y;
            points.Add(new EmotionPoint(item.Stage, item.Step, score, x, y));
            var grouped = scene.BeginElement(item.Id, "emotion");
            scene.Circle(x, y, 6.5f, Palette.Emotion(score), Palette.Paper, 2);
            var label = FormatScore(score);
            var lw = ctx.Measurer.Measure(label, 11, FontStyleKind.Bold) + 8;
            var ly = score >= 1.5 ? y + 10 : y - 27;
            scene.Box(x - (lw / 2), ly, lw, 17, Palette.Paper, "#D5DAE1", 0.8f, 4);
            scene.Text(x, ly + 13, label, 11, score > 0.25 ? Palette.GreenText : score < -0.25 ? Palette.VermillionText : Palette.InkMuted, FontStyleKind.Bold, "middle");
            scene.Lines(captions[i], x, top + EmotionCaptionTop, SmallSize, SmallLine, Palette.Ink, FontStyleKind.Italic, "middle");
            if (grouped)
            {
                scene.EndGroup();
            }
        }

        return height;
    }

    /// <summary>The measured curve's points sit this far right of the designed ones, so equal scores do not hide each other.</summary>
    public const float MeasuredOffset = 18;

    /// <summary>"+1.5", "0", "−2": a sign always, a true minus sign, no trailing zeros.</summary>
    public static string FormatScore(double score)
    {
        var abs = Math.Abs(score).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        return score > 0 ? "+" + abs : score < 0 ? "−" + abs : "0";
    }

    /// <summary>
    /// A Catmull-Rom spline through the points as cubic Béziers (tension 1/6, end points repeated); control points are
    /// clamped to the plot band so the curve never swings past ±2.
    /// </summary>
    public static string CatmullRom(IReadOnlyList<(float X, float Y)> p, float minY, float maxY)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append('M').Append(F(p[0].X)).Append(' ').Append(F(p[0].Y));
        for (var i = 0; i < p.Count - 1; i++)
        {
            var p0 = p[Math.Max(0, i - 1)];
            var p1 = p[i];
            var p2 = p[i + 1];
            var p3 = p[Math.Min(p.Count - 1, i + 2)];
            var c1x = p1.X + ((p2.X - p0.X) / 6);
            var c1y = Math.Clamp(p1.Y + ((p2.Y - p0.Y) / 6), minY, maxY);
            var c2x = p2.X - ((p3.X - p1.X) / 6);
            var c2y = Math.Clamp(p2.Y - ((p3.Y - p1.Y) / 6), minY, maxY);
            sb.Append('C').Append(F(c1x)).Append(' ').Append(F(c1y)).Append(' ')
                .Append(F(c2x)).Append(' ').Append(F(c2y)).Append(' ')
                .Append(F(p2.X)).Append(' ').Append(F(p2.Y));
        }

        return sb.ToString();
    }
}

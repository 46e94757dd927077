namespace Wayfinder.Rendering.JourneyMaps;

using Wayfinder.Core.Documents;
using Wayfinder.Rendering.Drawing;

public static partial class MapLayoutBuilder
{
    /// <summary>The legend: lane tints of the lanes present, KPI status, evidence dots, emotion. Returns its bottom.</summary>
    private static float DrawLegend(Context ctx, Journey journey, float x, float y, float width, bool faces)
    {
        var scene = ctx.Scene;
        scene.Text(x, y + 14, "Legend", 14, Palette.Ink, FontStyleKind.Bold);
        y += 26;
        var sections = new List<(float Width, float Height, Action<float, float> Draw)>();

        // Lane tints.
        var types = journey.Lanes.Select(l => l.Type).Where(t => !LaneKinds.Of(t).HasScore).Distinct().ToList();
        if (types.Count > 0)
        {
            const float ColWidth = 150;
            var perCol = 5;
            var cols = (types.Count + perCol - 1) / perCol;
            sections.Add((cols * ColWidth, 22 + (Math.Min(types.Count, perCol) * 20), (sx, sy) =>
            {
                SectionTitle(scene, sx, sy, "Lanes");
                for (var i = 0; i < types.Count; i++)
                {
                    var cx = sx + (i / perCol * ColWidth);
                    var cy = sy + 22 + (i % perCol * 20);
                    scene.Box(cx, cy, 22, 14, Palette.CardFill(types[i]), Palette.Rule, 1, 3);
                    scene.Box(cx, cy, 4, 14, Palette.LaneAccent(types[i]), null, 0, 2);
                    scene.Text(cx + 30, cy + 11, TypeName(types[i]), 11, Palette.Ink);
                }
            }));
        }

        // KPI status.
        sections.Add((150, 22 + (4 * 22), (sx, sy) =>
        {
            SectionTitle(scene, sx, sy, "KPI status");
            KpiStatus?[] statuses = [KpiStatus.Exceeds, KpiStatus.Meets, KpiStatus.DoesNotMeet, null];
            for (var i = 0; i < statuses.Length; i++)
            {
                var (fill, text, label) = Palette.KpiStatus(statuses[i]);
                new PillRow([(label, fill, text)]).Draw(scene, sx, sy + 20 + (i * 22), 150);
            }
        }));

        // Evidence.
        // Evidence: the marker in a card's top-right corner, shown on a card's corner as it appears on the map.
        sections.Add((230, 22 + 16 + (3 * 28), (sx, sy) =>
        {
            SectionTitle(scene, sx, sy, "Evidence behind a card");
            scene.Text(sx, sy + 32, "marker in the card's top-right corner", 10.5f, Palette.InkMuted, FontStyleKind.Italic);
            EvidenceGrade[] grades = [EvidenceGrade.Assumption, EvidenceGrade.OneSource, EvidenceGrade.SeveralSources];
            for (var i = 0; i < grades.Length; i++)
            {
                Glyphs.EvidenceKey(scene, sx, sy + 40 + (i * 28), grades[i], Palette.Ink);
            }
        }));

        // Emotion.
        if (journey.Lanes.Exists(l => l.KindOf().HasScore))
        {
            var measured = ctx.Data?.MeasuredEmotion.Any(m => m.Score is not null) == true;
            sections.Add((250, 22 + ((measured ? 4 : 3) * 20), (sx, sy) =>
            {
                SectionTitle(scene, sx, sy, "Emotion (−2 … +2)");
                if (measured)
                {
                    var my = sy + 29 + (3 * 20);
                    scene.Line(sx, my, sx + 30, my, Palette.Blue, 2.2f, "7 4");
                    scene.Box(sx + 10, my - 5, 10, 10, Palette.Paper, Palette.Blue, 2);
                    scene.Text(sx + 40, my + 4, "measured (surveys), n = answers", 11, Palette.Ink);
                }

                var cy = sy + 29;
                scene.Path($"M{Scene.F(sx)} {Scene.F(cy + 6)}C{Scene.F(sx + 10)} {Scene.F(cy - 6)} {Scene.F(sx + 20)} {Scene.F(cy - 6)} {Scene.F(sx + 30)} {Scene.F(cy + 2)}", Palette.Orange, 3);
                scene.Text(sx + 40, cy + 4, "designed curve, points labelled", 11, Palette.Ink);
                cy += 20;
                scene.Line(sx, cy, sx + 30, cy, "#7C8A9C", 1.2f);
                scene.Text(sx + 40, cy + 4, "neutral (0)", 11, Palette.Ink);
                cy += 20;
                var dx = sx + 4;
                foreach (var (score, label) in new[] { (1.0, "positive"), (0.0, "neutral"), (-1.0, "negative") })
                {
                    if (faces)
                    {
                        EmotionFace(scene, dx + 3, cy, 7.5f, score);
                    }
                    else
                    {
                        scene.Circle(dx + 2, cy, 5.5f, Palette.Emotion(score));
                    }

                    scene.Text(dx + 14, cy + 4, label, 11, Palette.Ink);
                    dx += 26 + DejaVuMeasurer.Instance.Measure(label, 11);
                }
            }));
        }

        // What the data marks: stranded customers, drop-off, knowledge gaps.
        var dropOff = ctx.Data?.Metrics.Funnel.Any(f => f.DropOff > 0) == true;
        if (ctx.Marks.HasStranded || ctx.Marks.HasGaps || dropOff || (ctx.Data is { } report && HasSmallSample(report)))
        {
            var entries = new List<(float Height, Action<float, float> Draw)>();
            if (ctx.Marks.HasStranded)
            {
                entries.Add((48, (ex, ey) =>
                {
                    new BadgeRow(["⊥ N stranded · X% exit"], true).Draw(scene, ex, ey, 200);
                    new BadgeRow(["⊥ N stranded · X% exit"], false).Draw(scene, ex, ey + 24, 200);
                    scene.Lines(["stranded at a touchpoint: last seen there, long ago,", $"before the last stage (solid: the {WorstStranded} worst)"], ex + 170, ey + 2, 11, 15, Palette.Ink);
                }));
            }

            if (dropOff)
            {
                entries.Add((26, (ex, ey) =>
                {
                    const string Sample = "−N (X%) drop-off";
                    scene.Box(ex, ey, DejaVuMeasurer.Instance.Measure(Sample, 10.5f, FontStyleKind.Bold) + 16, 20, Palette.Band, null, 0, 3);
                    scene.Text(ex + 8, ey + 14, Sample, 10.5f, DropOffOnBand, FontStyleKind.Bold);
                    scene.Text(ex + 170, ey + 14, "reached the stage but not the next one", 11, Palette.Ink);
                }));
            }

            if (ctx.Data is { } data && HasSmallSample(data))
            {
                entries.Add((26, (ex, ey) =>
                {
                    new PillRow([("small sample · n=12", Palette.SmallSample, Palette.SmallSampleText)]).Draw(scene, ex, ey + 2, 160);
                    scene.Text(ex + 170, ey + 14, $"n: customers or answers a number rests on; below {data.SmallSampleSize} read it as a hint", 11, Palette.Ink);
                }));
            }

            if (ctx.Marks.HasGaps)
            {
                entries.Add((26, (ex, ey) =>
                {
                    new GapMarkerRow(["gap: no surveys"]).Draw(scene, ex, ey + 2, 200);
                    scene.Text(ex + 170, ey + 14, "knowledge gap: no events or no survey answers yet", 11, Palette.Ink);
                }));
            }

            sections.Add((460, 22 + entries.Sum(e => e.Height + 6), (sx, sy) =>
            {
                SectionTitle(scene, sx, sy, "From the data");
                var ey = sy + 22;
                foreach (var (h, draw) in entries)
                {
                    draw(sx, ey);
                    ey += h + 6;
                }
            }));
        }

        // Touchpoint channel glyphs used on this map.
        var glyphs = journey.Lanes.Where(l => l.KindOf().HasChannel)
            .SelectMany(l => l.Items).Select(i => i.Channel).OfType<string>().Distinct()
            .Select(id => (Id: id, Channel: ctx.Channel(id))).ToList();
        if (glyphs.Count > 0)
        {
            // Names wrap (never cut); entries flow down columns of five.
            const float ColWidth = 170;
            const int PerCol = 5;
            var names = glyphs.Select(g => TextWrapper.Wrap(g.Channel?.Name ?? g.Id, ColWidth - 34, 11)).ToList();
            var heights = names.Select(n => Math.Max(20f, (n.Count * 14) + 6)).ToList();
            var cols = (glyphs.Count + PerCol - 1) / PerCol;
            var tallest = Enumerable.Range(0, cols).Max(c => heights.Skip(c * PerCol).Take(PerCol).Sum());
            sections.Add((cols * ColWidth, 20 + tallest, (sx, sy) =>
            {
                SectionTitle(scene, sx, sy, "Channels");
                for (var c = 0; c < cols; c++)
                {
                    var cy = sy + 20;
                    for (var i = c * PerCol; i < Math.Min(glyphs.Count, (c + 1) * PerCol); i++)
                    {
                        var cx = sx + (c * ColWidth);
                        Glyphs.Draw(scene, Glyphs.For(glyphs[i].Channel), cx, cy, Palette.Blue);
                        scene.Lines(names[i], cx + 22, cy + 1, 11, 14, Palette.Ink);
                        cy += heights[i];
                    }
                }
            }));
        }

        var cx0 = x;
        var rowTop = y;
        var rowHeight = 0f;
        foreach (var (w, h, draw) in sections)
        {
            if (cx0 > x && cx0 + w > x + width)
            {
                cx0 = x;
                rowTop += rowHeight + 18;
                rowHeight = 0;
            }

            draw(cx0, rowTop);
            cx0 += w + 36;
            rowHeight = Math.Max(rowHeight, h);
        }

        y = rowTop + rowHeight + 20;
        var footer = $"{journey.Id} · revision {journey.Revision} · Wayfinder";
        scene.Text(x, y + 10, footer, 10, Palette.InkMuted);
        return y + 14;
    }

    private static void SectionTitle(Scene scene, float x, float y, string title) =>
        scene.Text(x, y + 11, title.ToUpperInvariant(), 10.5f, Palette.InkMuted, FontStyleKind.Bold);

    /// <summary>True when some number drawn on the map rests on fewer customers or answers than the workspace's threshold.</summary>
    private static bool HasSmallSample(Core.Metrics.JourneyReport report) =>
        report.Metrics.Funnel.Any(f => f.SmallSample) || report.Metrics.Stranded.Any(s => s.SmallSample)
        || report.MeasuredEmotion.Any(e => e.SmallSample) || report.Kpis.Any(k => k.SmallSample);
}

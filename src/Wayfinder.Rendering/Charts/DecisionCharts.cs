namespace Wayfinder.Rendering.Charts;

using System.Globalization;
using Wayfinder.Core.Decisions;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;

/// <summary>Value gap chart and opportunity matrix as SVG.</summary>
public static partial class DecisionCharts
{
    private const float Pad = 32;

    /// <summary>
    /// The name and colour each competitor of a value gap map is drawn in (the web app's editor shows the same). "Us" and
    /// the classes keep their colours (<see cref="ChartColors.Reserved"/>): a competitor asking for one of those, or for
    /// one too close to it, gets a free series colour (<see cref="ChartColors.Drawn"/>), as the validator's warning says.
    /// </summary>
    public static IReadOnlyList<(string Id, string Name, string Color)> CompetitorColors(IReadOnlyList<string> onMap, IReadOnlyList<Competitor> competitors) =>
    [
        .. onMap.Select((id, i) =>
        {
            var index = competitors.ToList().FindIndex(x => x.Id == id);
            return index >= 0 ? (id, competitors[index].Name, ChartColors.Drawn(competitors)[index]) : (id, id, ChartColors.Series[i % ChartColors.Series.Count]);
        }),
    ];

    /// <summary>
    /// One row per need, ranked by weighted gap: importance, our rating against each competitor's on the map's scale,
    /// a bar from us to the best competitor in the need's class colour, and the class with its gap.
    /// </summary>
    public static string ValueGapSvg(ValueGapResult result, Workspace workspace)
    {
        const float Width = 1040;
        var map = workspace.FindValueGap(result.MapId);
        var scaleMax = map?.ScaleMax is > 1 ? map.ScaleMax : 5;
        var competitors = CompetitorColors(map?.Competitors ?? [], workspace.Config.Competitors).Select((c, i) => (c.Id, c.Name, c.Color, Shape: i % 3)).ToList();
        var persona = workspace.FindPersona(result.Persona);
        var scene = new Scene { Width = Width, Brand = BrandStyle.Of(workspace) };
        scene.Box(0, 0, 0, 0, Palette.Paper);
        var background = scene.Shapes.Count - 1;

        var title = $"Value gap map — {persona?.Name ?? persona?.Title ?? result.Persona}";
        var y = scene.Lines(TextWrapper.Wrap(title, Width - (2 * Pad), 20, FontStyleKind.Bold), Pad, Pad - 6, 20, 26, Palette.Ink, FontStyleKind.Bold);
        if (map is not null)
        {
            y = scene.Lines(TextWrapper.Wrap(map.Title, Width - (2 * Pad), 12.5f), Pad, y, 12.5f, 17, Palette.InkMuted);
        }

        // Key: us, competitors, classes.
        y += 12;
        var kx = Pad;
        Marker(scene, -1, kx + 6, y + 6, Palette.Blue);
        scene.Text(kx + 16, y + 10, "us", 11.5f, Palette.Ink, FontStyleKind.Bold);
        kx += 50;
        foreach (var c in competitors)
        {
            Marker(scene, c.Shape, kx + 6, y + 6, c.Color);
            var lines = TextWrapper.Wrap(c.Name, 200, 11.5f);
            var label = lines.Count > 0 ? lines[0] + (lines.Count > 1 ? "…" : "") : "";
            scene.Text(kx + 16, y + 10, label, 11.5f, Palette.Ink);
            kx += 36 + DejaVuMeasurer.Instance.Measure(label, 11.5f);
        }

        kx += 12;
        NeedClass[] classes = [NeedClass.Gap, NeedClass.Parity, NeedClass.Strength, NeedClass.OverServed];
        if (result.Needs.Any(n => n.Class == NeedClass.NoCompetitorData))
        {
            classes = [.. classes, NeedClass.NoCompetitorData];
        }

        foreach (var cls in classes)
        {
            var (fill, _) = ClassColor(cls);
            scene.Box(kx, y + 1, 18, 10, fill, null, 0, 2);
            scene.Text(kx + 24, y + 10, ClassName(cls), 11.5f, Palette.Ink);
            kx += 40 + DejaVuMeasurer.Instance.Measure(ClassName(cls), 11.5f);
        }

        y += 30;
        if (!result.HasCompetitorData)
        {
            y = scene.Lines(
                TextWrapper.Wrap("No competitor data: no competitor is rated on any need, so there are no gaps to rank. Rate competitors under each need's ratings.", Width - (2 * Pad), 12.5f, FontStyleKind.Bold),
                Pad, y, 12.5f, 17, Palette.VermillionText, FontStyleKind.Bold) + 10;
        }

        // Columns.
        const float RankX = Pad;
        const float TextX = Pad + 30;
        const float TextWidth = 300;
        const float ImpX = TextX + TextWidth + 16;
        const float AxisX0 = ImpX + 118;
        const float AxisX1 = AxisX0 + 330;
        const float ClassX = AxisX1 + 28;
        float Sx(double v) => AxisX0 + (float)((Math.Clamp(v, 1, scaleMax) - 1) / (scaleMax - 1) * (AxisX1 - AxisX0));

        scene.Text(TextX, y + 10, "NEED (ranked by weighted gap)", 10.5f, Palette.InkMuted, FontStyleKind.Bold);
        scene.Text(ImpX, y + 10, "IMPORTANCE", 10.5f, Palette.InkMuted, FontStyleKind.Bold);
        scene.Text(ClassX, y + 10, "CLASS · GAP", 10.5f, Palette.InkMuted, FontStyleKind.Bold);
        for (var t = 1; t <= (int)scaleMax; t++)
        {
            scene.Text(Sx(t), y + 10, t.ToString(CultureInfo.InvariantCulture), 10.5f, Palette.InkMuted, FontStyleKind.Bold, "middle");
        }

        y += 18;
        var tableTop = y;
        foreach (var need in result.Needs)
        {
            var lines = TextWrapper.Wrap(need.Text, TextWidth, 12.5f);
            var rowHeight = Math.Max(54, (lines.Count * 17) + 24);
            var mid = y + (rowHeight / 2);
            if (need.Rank % 2 == 0)
            {
                scene.Box(Pad - 8, y, Width - (2 * Pad) + 16, rowHeight, "#F9FAFB");
            }

            scene.Text(RankX, mid + 5, need.Rank.ToString(CultureInfo.InvariantCulture), 14, Palette.InkMuted, FontStyleKind.Bold);
            scene.Lines(lines, TextX, mid - (lines.Count * 17 / 2f), 12.5f, 17, Palette.Ink);
            for (var i = 0; i < 5; i++)
            {
                scene.Box(ImpX + (i * 12), mid - 5, 10, 10, i < need.Importance ? Palette.Blue : "#E3E7EC", null, 0, 2);
            }

            for (var t = 1; t <= (int)scaleMax; t++)
            {
                scene.Line(Sx(t), y + 4, Sx(t), y + rowHeight - 4, "#E3E7EC", 0.8f);
            }

            var (classFill, classText) = ClassColor(need.Class);
            var source = map?.Needs.Find(n => n.Id == need.NeedId);
            if (need.BestRating is { } bestRating)
            {
                scene.Line(Sx(need.Ours), mid, Sx(bestRating), mid, classFill, 5);
            }

            // Us first, then the competitors; markers on one value stand side by side around it so none hides another.
            var marks = new List<(int Shape, double Value, string Color)> { (-1, need.Ours, Palette.Blue) };
            foreach (var c in competitors)
            {
                if (source?.Ratings.TryGetValue(c.Id, out var rating) == true)
                {
                    marks.Add((c.Shape, rating, c.Color));
                }
            }

            var xs = MarkerXs([.. marks.Select(m => m.Value)], Sx);
            for (var m = marks.Count - 1; m >= 0; m--)
            {
                Marker(scene, marks[m].Shape, xs[m], mid, marks[m].Color);
            }
            var pill = ClassName(need.Class);
            new PillRow([(pill, classFill, classText)]).Draw(scene, ClassX, mid - 20, 140);
            var gapText = need is { Gap: { } gap, WeightedGap: { } weighted } ? $"gap {Signed(gap)} × {need.Importance} = {Signed(weighted)}" : "no competitor rated";
            scene.Text(ClassX, mid + 16, gapText, 10.5f, Palette.InkMuted);
            y += rowHeight;
        }

        scene.Line(Pad - 8, tableTop, Width - Pad + 8, tableTop, Palette.Rule);
        scene.Line(Pad - 8, y, Width - Pad + 8, y, Palette.Rule);
        y += 22;
        scene.Text(Pad, y, $"Total weighted gap (where we trail): {result.TotalWeightedGap.ToString("0.##", CultureInfo.InvariantCulture)}", 12.5f, Palette.Ink, FontStyleKind.Bold);
        scene.Height = MathF.Ceiling(y + Pad - 8);
        scene.Shapes[background] = new BoxShape(0, 0, scene.Width, scene.Height, Palette.Paper);
        return scene.ToSvg(title);
    }

    /// <summary>Value (y) against effort (x) with the four quadrants labelled, each opportunity a numbered point, and the ranked list beside it.</summary>
    public static string OpportunityMatrixSvg(IReadOnlyList<RankedOpportunity> opportunities, BrandStyle? brand = null)
    {
        const float Width = 1100;
        const float Plot = MatrixPlot;
        const float PlotX = MatrixPlotX;
        var scene = new Scene { Width = Width, Brand = brand ?? BrandStyle.Default };
        scene.Box(0, 0, 0, 0, Palette.Paper);
        var background = scene.Shapes.Count - 1;
        const string Title = "Opportunities — value for effort";
        scene.Text(Pad, Pad + 14, Title, 20, Palette.Ink, FontStyleKind.Bold);
        var plotY = MatrixPlotY;

        float Px(double effort) => MatrixX(PlotX, Plot, effort);
        float Py(double value) => MatrixY(plotY, Plot, value);
        var splitX = Px(3.5);
        var splitY = Py(3.25);
        scene.Box(PlotX, plotY, splitX - PlotX, splitY - plotY, "#DDF1E9");
        scene.Box(splitX, plotY, PlotX + Plot - splitX, splitY - plotY, "#DCEBF6");
        scene.Box(PlotX, splitY, splitX - PlotX, plotY + Plot - splitY, "#F1F3F5");
        scene.Box(splitX, splitY, PlotX + Plot - splitX, plotY + Plot - splitY, "#FBE3D3");
        scene.Text(PlotX + 10, plotY + 20, "QUICK WINS", 11.5f, Palette.GreenText, FontStyleKind.Bold);
        scene.Text(PlotX + Plot - 10, plotY + 20, "BIG BETS", 11.5f, Palette.BlueText, FontStyleKind.Bold, "end");
        scene.Text(PlotX + 10, plotY + Plot - 12, "FILL-INS", 11.5f, Palette.InkMuted, FontStyleKind.Bold);
        scene.Text(PlotX + Plot - 10, plotY + Plot - 12, "MONEY PITS", 11.5f, Palette.VermillionText, FontStyleKind.Bold, "end");
        scene.Box(PlotX, plotY, Plot, Plot, "none", Palette.Rule);
        for (var t = 1; t <= 5; t++)
        {
            scene.Text(Px(t), plotY + Plot + 16, t.ToString(CultureInfo.InvariantCulture), 10.5f, Palette.InkMuted, FontStyleKind.Regular, "middle");
            scene.Text(PlotX - 8, Py(t) + 4, t.ToString(CultureInfo.InvariantCulture), 10.5f, Palette.InkMuted, FontStyleKind.Regular, "end");
        }

        scene.Text(PlotX + (Plot / 2), plotY + Plot + 36, "effort →", 12, Palette.Ink, FontStyleKind.Bold, "middle");
        scene.Text(PlotX - 30, plotY - 12, "↑ value", 12, Palette.Ink, FontStyleKind.Bold);
        scene.Text(PlotX + (Plot / 2), plotY + Plot + 52, "value = mean of customer and business value", 10.5f, Palette.InkMuted, FontStyleKind.Regular, "middle");

        // Points exactly on their values; their numbered labels are moved apart, with a leader line back to the point.
        var layout = MatrixLabels(opportunities);
        foreach (var label in layout.Where(l => l.Moved))
        {
            scene.Line(label.PointX, label.PointY, label.Box.X + (label.Box.W / 2), label.Box.Y + (label.Box.H / 2), Palette.InkMuted, 1);
        }

        foreach (var label in layout)
        {
            scene.Circle(label.PointX, label.PointY, 4, MapLayoutBuilder.QuadrantColor(label.Opportunity.Quadrant), Palette.Paper, 1.2f);
        }

        foreach (var label in layout)
        {
            var (cx, cy) = (label.Box.X + (label.Box.W / 2), label.Box.Y + (label.Box.H / 2));
            scene.Circle(cx, cy, MatrixLabelRadius, MapLayoutBuilder.QuadrantColor(label.Opportunity.Quadrant), Palette.Paper, 1.5f);
            scene.Text(cx, cy + 4, label.Opportunity.Rank.ToString(CultureInfo.InvariantCulture), 10.5f, Palette.Paper, FontStyleKind.Bold, "middle");
        }

        // The ranked list.
        const float ListX = PlotX + Plot + 48;
        const float ListWidth = Width - Pad - ListX;
        var y = plotY - 6;
        scene.Text(ListX, y, "RANKED BY VALUE ÷ EFFORT", 10.5f, Palette.InkMuted, FontStyleKind.Bold);
        y += 10;
        if (opportunities.Count == 0)
        {
            scene.Text(ListX, y + 20, "No open opportunities.", 12.5f, Palette.InkMuted, FontStyleKind.Italic);
            y += 30;
        }

        foreach (var o in opportunities)
        {
            var lines = TextWrapper.Wrap(o.Text, ListWidth - 34, 12.5f);
            var meta = TextWrapper.Wrap($"{o.JourneyId} · {o.Stage} · customer {o.CustomerValue} · business {o.BusinessValue} · effort {o.Effort} · score {o.Score.ToString("0.##", CultureInfo.InvariantCulture)} · {MapLayoutBuilder.StatusName(o.Status)}", ListWidth - 34, 10.5f);
            var h = (lines.Count * 17) + (meta.Count * 14) + 30;
            scene.Line(ListX, y, ListX + ListWidth, y, Palette.Rule);
            scene.Circle(ListX + 11, y + 18, 11, MapLayoutBuilder.QuadrantColor(o.Quadrant));
            scene.Text(ListX + 11, y + 22, o.Rank.ToString(CultureInfo.InvariantCulture), 10.5f, Palette.Paper, FontStyleKind.Bold, "middle");
            var ty = scene.Lines(lines, ListX + 32, y + 8, 12.5f, 17, Palette.Ink);
            ty = scene.Lines(meta, ListX + 32, ty, 10.5f, 14, Palette.InkMuted);
            new PillRow([(MapLayoutBuilder.QuadrantName(o.Quadrant), MapLayoutBuilder.QuadrantColor(o.Quadrant), Palette.Paper)]).Draw(scene, ListX + 32, ty + 2, 200);
            y += h;
        }

        scene.Height = MathF.Ceiling(Math.Max(y, plotY + Plot + 60) + Pad);
        scene.Shapes[background] = new BoxShape(0, 0, scene.Width, scene.Height, Palette.Paper);
        return scene.ToSvg(Title);
    }

    public static string ClassName(NeedClass cls) => cls switch
    {
        NeedClass.Gap => "gap",
        NeedClass.Parity => "parity",
        NeedClass.Strength => "strength",
        NeedClass.NoCompetitorData => "no competitor data",
        _ => "over-served",
    };

    /// <summary>Class colours (Okabe–Ito hues, darkened so white text passes AA).</summary>
    public static (string Fill, string Text) ClassColor(NeedClass cls) => cls switch
    {
        NeedClass.Gap => (Palette.VermillionText, Palette.Paper),
        NeedClass.Parity => ("#9AA1AB", Palette.Ink),
        NeedClass.Strength => (Palette.GreenText, Palette.Paper),
        NeedClass.NoCompetitorData => ("#E3E7EC", Palette.Ink),
        _ => (Palette.Orange, Palette.Ink),
    };

    private static string Signed(double v) => (v > 0 ? "+" : v < 0 ? "−" : "") + Math.Abs(v).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>How far apart the centres of tied markers are drawn: a marker is 14–16 wide, so they touch but do not overlap.</summary>
    internal const float TieStep = 16;

    /// <summary>
    /// The x of each marker: its value's x, or for values shared by several markers, side by side centred on that x
    /// (in the given order, left to right), so every tied marker shows and the group stays on its value.
    /// </summary>
    internal static float[] MarkerXs(IReadOnlyList<double> values, Func<double, float> x)
    {
        var result = new float[values.Count];
        foreach (var group in Enumerable.Range(0, values.Count).GroupBy(i => values[i]))
        {
            var members = group.ToList();
            for (var k = 0; k < members.Count; k++)
            {
                result[members[k]] = x(group.Key) + ((k - ((members.Count - 1) / 2f)) * TieStep);
            }
        }

        return result;
    }

    /// <summary>Us: a large circle; competitors: square, triangle, diamond, so the series differ by shape as well as colour.</summary>
    private static void Marker(Scene scene, int shape, float x, float y, string color)
    {
        switch (shape)
        {
            case -1:
                scene.Circle(x, y, 8, color, Palette.Paper, 2);
                break;
            case 0:
                scene.Box(x - 6, y - 6, 12, 12, color, Palette.Paper, 1.5f, 1);
                break;
            case 1:
                scene.Path($"M{Scene.F(x)} {Scene.F(y - 7)}L{Scene.F(x + 7)} {Scene.F(y + 6)}L{Scene.F(x - 7)} {Scene.F(y + 6)}Z", Palette.Paper, 1.5f, color);
                break;
            default:
                scene.Path($"M{Scene.F(x)} {Scene.F(y - 7)}L{Scene.F(x + 7)} {Scene.F(y)}L{Scene.F(x)} {Scene.F(y + 7)}L{Scene.F(x - 7)} {Scene.F(y)}Z", Palette.Paper, 1.5f, color);
                break;
        }
    }
}

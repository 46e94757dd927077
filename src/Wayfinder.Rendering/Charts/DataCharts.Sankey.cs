namespace Wayfinder.Rendering.Charts;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Rendering.Drawing;
using static Wayfinder.Rendering.Drawing.Scene;

public static partial class DataCharts
{
    /// <summary>How many of the top path variants the Sankey draws.</summary>
    public const int SankeyVariants = 20;

    /// <summary>The height all drawn variants' customers take together: a link of c customers is c × this ÷ their total wide.</summary>
    public const float SankeyFlowHeight = 240;

    /// <summary>Opacity of the Sankey's links: filled bands, the only translucent paths it draws.</summary>
    public const float SankeyLinkOpacity = 0.42f;

    private const float SankeyColumn = 150;
    private const float SankeyStageGap = 14;
    private const float NodeWidth = 14;

    /// <summary>
    /// The top path variants as a Sankey: each touchpoint a node in its stage's group of columns (map order, left to
    /// right), each step from one touchpoint to the next a link as wide as the customers who took it. Steps back to an
    /// earlier touchpoint loop under the chart in a second colour. The variants are listed beneath.
    /// </summary>
    public static string SankeySvg(JourneyReport report, Journey journey, BrandStyle? brand = null)
    {
        var variants = report.Metrics.Variants.Where(v => v.Touchpoints.Count > 0 && v.Customers > 0).Take(SankeyVariants).ToList();
        var known = JourneyTouchpoints.Of(journey);
        var byId = known.GroupBy(t => t.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        // Nodes: the touchpoints the variants pass, in map order; ids the map does not know go last, in a group of their own.
        var seen = variants.SelectMany(v => v.Touchpoints).Distinct(StringComparer.Ordinal).ToList();
        var nodes = seen.Where(byId.ContainsKey).Select(id => byId[id]).OrderBy(t => t.Order)
            .Select(t => (t.Id, t.Name, Group: t.StageIndex, GroupName: StageName(journey, t.StageId)))
            .Concat(seen.Where(id => !byId.ContainsKey(id)).Select(id => (Id: id, Name: id, Group: int.MaxValue, GroupName: "Not on the map")))
            .ToList();
        var index = nodes.Select((n, i) => (n.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);

        var total = variants.Sum(v => v.Customers);
        var scale = total == 0 ? 0 : SankeyFlowHeight / total;
        var passes = new int[nodes.Count];
        var starts = new int[nodes.Count];
        var ends = new int[nodes.Count];
        var links = new Dictionary<(int From, int To), int>();
        foreach (var v in variants)
        {
            var ids = v.Touchpoints.Select(t => index[t]).ToList();
            starts[ids[0]] += v.Customers;
            ends[ids[^1]] += v.Customers;
            for (var k = 0; k < ids.Count; k++)
            {
                passes[ids[k]] += v.Customers;
                if (k > 0)
                {
                    links[(ids[k - 1], ids[k])] = links.GetValueOrDefault((ids[k - 1], ids[k])) + v.Customers;
                }
            }
        }

        // Columns: one per node, grouped by stage with a gap between groups.
        // Back links turn under the chart with a radius of at least their width: the first column leaves room for that.
        var backMax = links.Where(l => l.Key.To <= l.Key.From).Select(l => l.Value * scale).DefaultIfEmpty(0).Max();
        var turn = MathF.Max(24, backMax);
        var xs = new float[nodes.Count];
        var x = Pad + (backMax > 0 ? turn : 0);
        for (var i = 0; i < nodes.Count; i++)
        {
            if (i > 0 && nodes[i].Group != nodes[i - 1].Group)
            {
                x += SankeyStageGap;
            }

            xs[i] = x;
            x += SankeyColumn;
        }

        var width = MathF.Max(880, x + Pad + turn);
        var scene = new Scene { Width = width, Brand = brand ?? BrandStyle.Default };
        scene.Box(0, 0, 0, 0, Palette.Paper);
        var background = scene.Shapes.Count - 1;
        var title = $"Paths — {journey.Title}";
        var y = Title(scene, title, Subtitle(report, $"the top {variants.Count} path variants ({N(total)} customers); link width = customers who took that step"), width);
        if (variants.Count == 0)
        {
            y = Note(scene, "No data: no customer's path touched a mapped touchpoint, so there are no paths to draw.", Pad, y + 8, width - (2 * Pad));
            return Finish(scene, background, y, title);
        }

        // Stage bands over their columns.
        var groups = nodes.Select((n, i) => (n, i)).GroupBy(p => p.n.Group).ToList();
        var bandLines = groups.Select(g => TextWrapper.Wrap(g.First().n.GroupName, (g.Count() * SankeyColumn) - 24, 12, FontStyleKind.Bold)).ToList();
        var bandHeight = 14 + (bandLines.Max(l => l.Count) * 16);
        for (var g = 0; g < groups.Count; g++)
        {
            var first = groups[g].First().i;
            var last = groups[g].Last().i;
            var left = xs[first] - 6;
            var right = xs[last] + SankeyColumn - 8;
            scene.Box(left, y, right - left, bandHeight, g % 2 == 0 ? Palette.Band : Palette.BandAlt, null, 0, 4);
            scene.Lines(bandLines[g], left + 10, y + 7, 12, 16, Palette.Paper, FontStyleKind.Bold);
        }

        y += bandHeight + 10;

        // Node labels: name, id, how many passed, started and ended there.
        var labels = nodes.Select((n, i) =>
        {
            var name = TextWrapper.Wrap(n.Name, SankeyColumn - 16, 11, FontStyleKind.Bold);
            var id = n.Name == n.Id ? [] : TextWrapper.Wrap(n.Id, SankeyColumn - 16, 9.5f);
            var counts = new List<string> { $"{N(passes[i])} passes" };
            if (starts[i] > 0)
            {
                counts.Add($"{N(starts[i])} start here");
            }

            if (ends[i] > 0)
            {
                counts.Add($"{N(ends[i])} end here");
            }

            return (Name: name, Id: id, Counts: counts);
        }).ToList();
        var labelHeight = labels.Max(l => (l.Name.Count * 15) + (l.Id.Count * 13) + (l.Counts.Count * 13));
        for (var i = 0; i < nodes.Count; i++)
        {
            var (name, id, counts) = labels[i];
            var ly = scene.Lines(name, xs[i], y, 11, 15, Palette.Ink, FontStyleKind.Bold);
            ly = scene.Lines(id, xs[i], ly, 9.5f, 13, Palette.InkMuted);
            scene.Lines(counts, xs[i], ly, 9.5f, 13, Palette.BlueText, FontStyleKind.Bold);
        }

        var flowTop = y + labelHeight + 14;
        var heights = passes.Select(p => MathF.Max(2, p * scale)).ToArray();

        // A node sits below the forward links that skip over it, so they pass above it instead of through it.
        var tops = new float[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var over = links.Where(l => l.Key.From < i && i < l.Key.To).ToList();
            tops[i] = flowTop + (over.Count == 0 ? 0 : over.Sum(l => l.Value * scale) + 10);
        }

        var flowBottom = Enumerable.Range(0, nodes.Count).Max(i => tops[i] + heights[i]);

        // Where each link leaves and enters, stacked from the node's top: forward links first (leaving: the farthest target
        // on top; entering: the farthest source on top), back links last.
        var ordered = links.OrderBy(l => l.Key.From).ThenBy(l => l.Key.To).ToList();
        var outOffset = new float[nodes.Count];
        var inOffset = new float[nodes.Count];
        var placed = new Dictionary<(int From, int To), (float Y1, float Y2, float W)>();
        foreach (var ((from, to), count) in ordered.OrderBy(l => l.Key.To <= l.Key.From).ThenBy(l => l.Key.From).ThenByDescending(l => l.Key.To))
        {
            var w = count * scale;
            placed[(from, to)] = (tops[from] + outOffset[from] + (w / 2), 0, w);
            outOffset[from] += w;
        }

        foreach (var ((from, to), _) in ordered.OrderBy(l => l.Key.To <= l.Key.From).ThenBy(l => l.Key.To).ThenBy(l => l.Key.From))
        {
            var p = placed[(from, to)];
            placed[(from, to)] = p with { Y2 = tops[to] + inOffset[to] + (p.W / 2) };
            inOffset[to] += p.W;
        }

        // Links first, nodes over them. Back links run in lanes under the chart.
        var backY = flowBottom + 22;
        var linkLabels = new List<(float X1, float Y1, float X2, float Y2, int Count)>();
        var backLabels = new List<(float X, float Y, string Text)>();
        // Back links in lanes from the shortest span (innermost) to the longest, so their loops nest instead of crossing.
        foreach (var ((from, to), count) in ordered.OrderBy(l => l.Key.To <= l.Key.From ? l.Key.From - l.Key.To : -1).ThenBy(l => l.Key.From))
        {
            var (y1, y2, w) = placed[(from, to)];
            var x1 = xs[from] + NodeWidth;
            var x2 = xs[to];
            if (to > from)
            {
                // A filled band as tall as the link is wide at both ends (strokes would end in round caps).
                var mx = (x1 + x2) / 2;
                var h = w / 2;
                scene.Path(
                    $"M{F(x1)} {F(y1 - h)}C{F(mx)} {F(y1 - h)} {F(mx)} {F(y2 - h)} {F(x2)} {F(y2 - h)}L{F(x2)} {F(y2 + h)}C{F(mx)} {F(y2 + h)} {F(mx)} {F(y1 + h)} {F(x1)} {F(y1 + h)}Z",
                    null, 1, Palette.SkyBlue, null, false, SankeyLinkOpacity);
                linkLabels.Add((x1, y1, x2, y2, count));
            }
            else
            {
                // Out of the source's right side, down and back along a lane under the chart, up into the target's left side.
                var lane = backY + (w / 2);
                var r = MathF.Max(24, w);
                var h = w / 2;
                scene.Path(
                    $"M{F(x1)} {F(y1 - h)}C{F(x1 + r + h)} {F(y1 - h)} {F(x1 + r + h)} {F(lane + h)} {F(x1)} {F(lane + h)}" +
                    $"L{F(x2)} {F(lane + h)}C{F(x2 - r - h)} {F(lane + h)} {F(x2 - r - h)} {F(y2 - h)} {F(x2)} {F(y2 - h)}" +
                    $"L{F(x2)} {F(y2 + h)}C{F(x2 - r + h)} {F(y2 + h)} {F(x2 - r + h)} {F(lane - h)} {F(x2)} {F(lane - h)}" +
                    $"L{F(x1)} {F(lane - h)}C{F(x1 + r - h)} {F(lane - h)} {F(x1 + r - h)} {F(y1 + h)} {F(x1)} {F(y1 + h)}Z",
                    null, 1, Palette.ReddishPurple, null, false, SankeyLinkOpacity);
                backLabels.Add(((x1 + x2) / 2, lane, $"{N(count)} back"));
                backY += w + 12;
            }
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            scene.Box(xs[i], tops[i], NodeWidth, heights[i], Palette.Blue, null, 0, 2);
        }

        // Forward counts sit just left of where the link enters its target, nudged apart when links enter close together;
        // back counts sit on their lane.
        // Each count goes where it is free of nodes and other counts: on its band's middle, else just before its target,
        // else just after its source, else below the nearest free spot before its target. Bigger flows choose first.
        var taken = Enumerable.Range(0, nodes.Count).Select(i => (X: xs[i] - 2, Y: tops[i], W: NodeWidth + 4, H: heights[i])).ToList();
        bool Free((float X, float Y, float W, float H) r) =>
            !taken.Exists(t => r.X < t.X + t.W && t.X < r.X + r.W && r.Y < t.Y + t.H && t.Y < r.Y + r.H);
        foreach (var (x1, y1, x2, y2, count) in linkLabels.OrderByDescending(l => l.Count).ThenBy(l => l.X1))
        {
            var text = N(count);
            var lw = DejaVuMeasurer.Instance.Measure(text, 10, FontStyleKind.Bold) + 10;
            (float X, float Y, float W, float H) At(float cx, float cy) => (cx - (lw / 2) - 2, cy - 9, lw + 4, 18);
            var candidates = new[] { ((x1 + x2) / 2, (y1 + y2) / 2), (x2 - (lw / 2) - 6, y2), (x1 + (lw / 2) + 6, y1) };
            var spot = candidates.Select(c => (c.Item1, c.Item2)).FirstOrDefault(c => Free(At(c.Item1, c.Item2)), (float.NaN, float.NaN));
            if (float.IsNaN(spot.Item1))
            {
                var cy = y2;
                while (!Free(At(x2 - (lw / 2) - 6, cy)))
                {
                    cy += 18;
                }

                spot = (x2 - (lw / 2) - 6, cy);
            }

            taken.Add(At(spot.Item1, spot.Item2));
            CountLabel(scene, spot.Item1, spot.Item2, text, Palette.BlueText);
        }

        foreach (var (lx, ly, text) in backLabels)
        {
            CountLabel(scene, lx, ly, text, Palette.PurpleText);
        }

        y = MathF.Max(flowBottom + 16, backY) + 14;

        // Key and the variants themselves.
        scene.Box(Pad, y, 26, 8, Palette.SkyBlue, null, 0, 2);
        scene.Text(Pad + 34, y + 8, "a step forward along the map", 11, Palette.Ink);
        var kx = Pad + 250;
        scene.Box(kx, y, 26, 8, Palette.ReddishPurple, null, 0, 2);
        scene.Text(kx + 34, y + 8, "a step back to an earlier touchpoint", 11, Palette.Ink);
        y += 30;
        scene.Text(Pad, y, "TOP PATH VARIANTS", 10.5f, Palette.InkMuted, FontStyleKind.Bold);
        y += 10;
        var names = nodes.ToDictionary(n => n.Id, n => n.Name, StringComparer.Ordinal);
        for (var v = 0; v < variants.Count; v++)
        {
            var variant = variants[v];
            var head = $"{v + 1}.  {N(variant.Customers)} · {Pct(variant.Share)}";
            var path = TextWrapper.Wrap(string.Join(" → ", variant.Touchpoints.Select(t => names[t])), width - (2 * Pad) - 150, 11.5f);
            scene.Text(Pad, y + 14, head, 11.5f, Palette.Ink, FontStyleKind.Bold);
            y = scene.Lines(path, Pad + 150, y + 2, 11.5f, 16, Palette.Ink) + 4;
        }

        return Finish(scene, background, y, title);
    }

    private static void CountLabel(Scene scene, float cx, float cy, string text, string color)
    {
        var lw = DejaVuMeasurer.Instance.Measure(text, 10, FontStyleKind.Bold) + 10;
        scene.Box(cx - (lw / 2), cy - 8, lw, 16, Palette.Paper, "#D5DAE1", 0.8f, 4);
        scene.Text(cx, cy + 4, text, 10, color, FontStyleKind.Bold, "middle");
    }
}

namespace Wayfinder.Rendering.Charts;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Rendering.Drawing;
using static Wayfinder.Rendering.Drawing.Scene;

/// <summary>A stage of the flow chart: customers whose path starts and ends there, and moves between its own touchpoints.</summary>
internal sealed record StageFlowNode(string StageId, string Name, int Starts, int Ends, int Within);

/// <summary>Moves from one stage to another (by index in the journey); forward when <see cref="To"/> is later.</summary>
internal sealed record StageFlowLink(int From, int To, int Count)
{
    public bool Forward => To > From;
}

/// <summary>
/// The touchpoint flow graph folded to stages (<see cref="Moves"/>: all moves in it): every customer's every move from one mapped touchpoint to the next,
/// counted once per move. <see cref="Other"/> holds the moves drawn as "other": those touching an id the map does not
/// know, and stage-to-stage flows under <see cref="DataCharts.FlowOtherShare"/> of all moves between stages.
/// </summary>
internal sealed record StageFlow(IReadOnlyList<StageFlowNode> Stages, IReadOnlyList<StageFlowLink> Links, int Other, int Moves);

public static partial class DataCharts
{
    /// <summary>Stage-to-stage flows smaller than this share of all moves between stages are folded into "other".</summary>
    public const double FlowOtherShare = 0.01;

    /// <summary>How many path variants the list beside the flow chart shows.</summary>
    public const int FlowVariants = 12;

    private const float FlowBoxX = Pad + 180;
    private const float FlowBoxWidth = 310;
    private const float FlowBoxHeight = 54;
    private const float FlowGap = 40;
    private const float FlowMaxWidth = 26;

    /// <summary>The stage-level flows of a report (see <see cref="StageFlow"/>).</summary>
    internal static StageFlow StageFlows(JourneyReport report, Journey journey)
    {
        var stageOf = JourneyTouchpoints.Of(journey).GroupBy(t => t.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().StageIndex, StringComparer.Ordinal);
        var starts = new int[journey.Stages.Count];
        var ends = new int[journey.Stages.Count];
        var within = new int[journey.Stages.Count];
        foreach (var e in report.Metrics.Endpoints)
        {
            if (stageOf.TryGetValue(e.TouchpointId, out var s))
            {
                starts[s] += e.Starts;
                ends[s] += e.Ends;
            }
        }

        var other = 0;
        var between = new Dictionary<(int From, int To), int>();
        foreach (var edge in report.Metrics.Flow)
        {
            if (!stageOf.TryGetValue(edge.From, out var from) || !stageOf.TryGetValue(edge.To, out var to))
            {
                other += edge.Count;
            }
            else if (from == to)
            {
                within[from] += edge.Count;
            }
            else
            {
                between[(from, to)] = between.GetValueOrDefault((from, to)) + edge.Count;
            }
        }

        var moves = between.Values.Sum();
        var links = new List<StageFlowLink>();
        foreach (var ((from, to), count) in between.OrderBy(l => l.Key.From).ThenBy(l => l.Key.To))
        {
            if (count < moves * FlowOtherShare)
            {
                other += count;
            }
            else
            {
                links.Add(new StageFlowLink(from, to, count));
            }
        }

        var nodes = journey.Stages.Select((s, i) => new StageFlowNode(s.Id, s.Name, starts[i], ends[i], within[i])).ToList();
        return new StageFlow(nodes, links, other, report.Metrics.Flow.Sum(e => e.Count));
    }

    /// <summary>
    /// The paths as a stage-level flow chart: the stages top to bottom, forward moves to the next stage between them,
    /// longer forward moves arcing on the right and moves back on the left (width = moves), where customers start and
    /// leave at each stage, small flows as "other"; beside it the top path variants with their customers and share.
    /// </summary>
    public static string FlowSvg(JourneyReport report, Journey journey, BrandStyle? brand = null)
    {
        var flow = StageFlows(report, journey);
        var scene = new Scene { Width = 1180, Brand = brand ?? BrandStyle.Default };
        scene.Box(0, 0, 0, 0, Palette.Paper);
        var background = scene.Shapes.Count - 1;
        var title = $"Paths — {journey.Title}";
        var y = Title(scene, title, Subtitle(report, "moves between stages, all customers; width = moves"), scene.Width);
        if (flow.Stages.Count == 0 || (flow.Links.Count == 0 && flow.Stages.All(s => s.Starts == 0 && s.Within == 0)))
        {
            y = Note(scene, "No data: no customer's path touched a mapped touchpoint, so there are no paths to draw.", Pad, y + 8, scene.Width - (2 * Pad));
            return Finish(scene, background, y, title);
        }

        var top = y + 8;
        float BoxTop(int i) => top + (i * (FlowBoxHeight + FlowGap));
        var biggest = Math.Max(1, flow.Links.Select(l => l.Count).DefaultIfEmpty(0).Max());
        float W(int count) => MathF.Max(1.5f, count * FlowMaxWidth / biggest);
        var labels = new List<(float X, float Y, float W, float H)>();

        // Longer arcs further out, so they nest instead of crossing.
        var right = 0;
        var left = 0;
        foreach (var link in flow.Links.OrderBy(l => Math.Abs(l.To - l.From)).ThenBy(l => l.From))
        {
            var (from, to) = (link.From, link.To);
            var w = W(link.Count);
            if (link.Forward && to == from + 1)
            {
                var cx = FlowBoxX + (FlowBoxWidth / 2);
                var y1 = BoxTop(from) + FlowBoxHeight;
                var y2 = BoxTop(to);
                scene.Path($"M{F(cx - (w / 2))} {F(y1)}L{F(cx + (w / 2))} {F(y1)}L{F(cx + (w / 2))} {F(y2 - 6)}L{F(cx)} {F(y2)}L{F(cx - (w / 2))} {F(y2 - 6)}Z", null, 1, Palette.SkyBlue, null, false, SankeyLinkOpacity + 0.2f);
                FlowLabel(scene, labels, cx + (w / 2) + 8, (y1 + y2) / 2, $"{N(link.Count)} on", Palette.BlueText, "start");
                continue;
            }

            // Out of the source's side, round and into the target's side: right for forward, left for back.
            var lane = link.Forward ? ++right : ++left;
            var reach = 18 + (lane * 22);
            var sy = BoxTop(from) + (FlowBoxHeight / 2) + (link.Forward ? 8 : -8);
            var ty = BoxTop(to) + (FlowBoxHeight / 2) + (link.Forward ? -8 : 8);
            var (edge, outward) = link.Forward ? (FlowBoxX + FlowBoxWidth, reach) : (FlowBoxX, -reach);
            var color = link.Forward ? Palette.SkyBlue : Palette.ReddishPurple;
            scene.Path($"M{F(edge)} {F(sy)}C{F(edge + outward)} {F(sy)} {F(edge + outward)} {F(ty)} {F(edge + 6 * Math.Sign(outward))} {F(ty)}", color, w, "none", null, false, 0.75f);
            FlowLabel(scene, labels, edge + (outward * 0.75f) + (4 * Math.Sign(outward)), (sy + ty) / 2, link.Forward ? $"{N(link.Count)} skip on" : $"{N(link.Count)} back", link.Forward ? Palette.BlueText : Palette.PurpleText, link.Forward ? "start" : "end");
        }

        for (var i = 0; i < flow.Stages.Count; i++)
        {
            var stage = flow.Stages[i];
            var by = BoxTop(i);
            scene.Box(FlowBoxX, by, FlowBoxWidth, FlowBoxHeight, i % 2 == 0 ? Palette.Band : Palette.BandAlt, null, 0, 5);
            var name = TextWrapper.Wrap($"{i + 1:00}  {stage.Name}", FlowBoxWidth - 20, 12.5f, FontStyleKind.Bold);
            scene.Text(FlowBoxX + 10, by + 20, name[0] + (name.Count > 1 ? "…" : ""), 12.5f, Palette.Paper, FontStyleKind.Bold);
            var facts = new List<string>();
            if (stage.Starts > 0)
            {
                facts.Add($"{N(stage.Starts)} start");
            }

            // Where paths end: past the last stage that is the journey done; before it, customers leave.
            if (stage.Ends > 0)
            {
                facts.Add(i == flow.Stages.Count - 1 ? $"{N(stage.Ends)} end here" : $"{N(stage.Ends)} leave");
            }

            if (stage.Within > 0)
            {
                facts.Add($"{N(stage.Within)} moves within");
            }

            scene.Text(FlowBoxX + 10, by + 40, string.Join(" · ", facts), 10.5f, Palette.Paper);
        }

        var bottom = BoxTop(flow.Stages.Count) - FlowGap + 20;
        if (flow.Other > 0)
        {
            scene.Text(Pad, bottom + 6, $"other: {N(flow.Other)} moves (off the map, or flows under {Pct(FlowOtherShare, 0)} of the moves between stages) not drawn", 10.5f, Palette.InkMuted);
            bottom += 18;
        }

        // Key.
        scene.Box(Pad, bottom + 6, 26, 8, Palette.SkyBlue, null, 0, 2);
        scene.Text(Pad + 34, bottom + 14, "on to a later stage", 11, Palette.Ink);
        scene.Box(Pad + 170, bottom + 6, 26, 8, Palette.ReddishPurple, null, 0, 2);
        scene.Text(Pad + 204, bottom + 14, "back to an earlier stage", 11, Palette.Ink);
        bottom += 24;

        var listBottom = FlowVariantList(scene, report, journey, 760, top - 4, scene.Width - Pad - 760);
        return Finish(scene, background, MathF.Max(bottom, listBottom), title);
    }

    private static void FlowLabel(Scene scene, List<(float X, float Y, float W, float H)> taken, float x, float cy, string text, string color, string anchor)
    {
        var w = DejaVuMeasurer.Instance.Measure(text, 10, FontStyleKind.Bold) + 10;
        var lx = MathF.Max(4, anchor switch { "middle" => x - (w / 2), "end" => x - w, _ => x });
        bool Free(float ty) => !taken.Exists(t => lx < t.X + t.W && t.X < lx + w && ty - 8 < t.Y + t.H && t.Y < ty + 8);
        while (!Free(cy))
        {
            cy += 17;
        }

        taken.Add((lx, cy - 8, w, 16));
        scene.Box(lx, cy - 8, w, 16, Palette.Paper, "#D5DAE1", 0.8f, 4);
        scene.Text(lx + (w / 2), cy + 4, text, 10, color, FontStyleKind.Bold, "middle");
    }

    /// <summary>The top path variants (customers, share, the touchpoints) and "other" for the customers on the rest.</summary>
    private static float FlowVariantList(Scene scene, JourneyReport report, Journey journey, float x, float y, float width)
    {
        var names = JourneyTouchpoints.Of(journey).GroupBy(t => t.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var variants = report.Metrics.Variants.Where(v => v.Customers > 0).Take(FlowVariants).ToList();
        scene.Text(x, y + 10, "TOP PATH VARIANTS", 10.5f, Palette.InkMuted, FontStyleKind.Bold);
        scene.Text(x + width, y + 10, "CUSTOMERS · SHARE", 10.5f, Palette.InkMuted, FontStyleKind.Bold, "end");
        y += 18;
        for (var v = 0; v < variants.Count; v++)
        {
            var variant = variants[v];
            var path = TextWrapper.Wrap(string.Join(" → ", variant.Touchpoints.Select(t => names.GetValueOrDefault(t, t))), width - 130, 11);
            scene.Line(x, y, x + width, y, Palette.Rule);
            scene.Text(x, y + 16, $"{v + 1}.", 11, Palette.InkMuted, FontStyleKind.Bold);
            scene.Text(x + width, y + 16, $"{N(variant.Customers)} · {Pct(variant.Share)}", 11, Palette.Ink, FontStyleKind.Bold, "end");
            y = scene.Lines(path, x + 24, y + 4, 11, 15, Palette.Ink) + 6;
        }

        var rest = report.Metrics.Customers - variants.Sum(v => v.Customers);
        if (rest > 0)
        {
            scene.Line(x, y, x + width, y, Palette.Rule);
            var share = report.Metrics.Customers == 0 ? 0 : (double)rest / report.Metrics.Customers;
            scene.Text(x + 24, y + 16, "other variants", 11, Palette.InkMuted, FontStyleKind.Italic);
            scene.Text(x + width, y + 16, $"{N(rest)} · {Pct(share)}", 11, Palette.InkMuted, FontStyleKind.Bold, "end");
            y += 24;
        }

        return y;
    }
}

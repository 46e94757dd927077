namespace Wayfinder.Rendering.Slides;

using System.Globalization;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.Tables;

/// <summary>A stage's slide: its name and goal, its data, its lanes as cards and its KPIs as a table.</summary>
public static partial class SlideDeckBuilder
{
    private const float CardSize = 10f;

    private static Slide StageSlide(Journey journey, Workspace workspace, Stage stage, int index, JourneyReport? data)
    {
        var phase = journey.Timeline?.Phases.Find(p => p.Stages.Contains(stage.Id, StringComparer.Ordinal))?.Name;
        var overline = $"Stage {index + 1} of {journey.Stages.Count}" + (phase is null ? "" : "  ·  " + phase);
        var title = Xml.Clean(stage.Name);
        var goal = stage.Goal is { Length: > 0 } ? "Goal: " + stage.Goal : null;
        List<SlideElement> elements = [Heading(title, goal ?? overline, goal is null ? null : overline)];
        var top = ContentTop;
        if (data is not null && DataLine(stage, data) is { } line)
        {
            elements.Add(SlideFit.Box(Margin, top, SlideDeck.Width - (2 * Margin), 28, [new SlideLine(line, 12, Palette.BlueText, Bold: true)]));
            top += 28;
        }

        var bottom = ContentBottom;
        var kpis = KpiRows(journey, stage, data);
        if (kpis.Count > 0)
        {
            var rows = Math.Min(kpis.Count, 4);
            var height = (rows + 1) * 20f;
            bottom -= height + Gap;
            elements.Add(Table(Margin, bottom + Gap, SlideDeck.Width - (2 * Margin), [0.4f, 0.2f, 0.2f, 0.2f], ["KPI", "Target", "Actual", "Status"], kpis, 10f, height));
        }

        var cards = journey.Lanes
            .Where(l => l.Type is not (LaneType.Kpis or LaneType.Metrics) && l.Items.Any(i => i.Stage == stage.Id))
            .ToList();
        if (cards.Count == 0)
        {
            elements.Add(SlideFit.Box(Margin, top + Gap, 600, 30, [new SlideLine("Nothing mapped in this stage yet.", 14, Palette.InkMuted)]));
            return new Slide(title, elements);
        }

        var rowCount = cards.Count <= 4 ? 1 : cards.Count <= 10 ? 2 : 3;
        var columns = (int)Math.Ceiling(cards.Count / (double)rowCount);
        var width = (SlideDeck.Width - (2 * Margin) - ((columns - 1) * Gap)) / columns;
        var cardHeight = (bottom - top - Gap - ((rowCount - 1) * Gap)) / rowCount;
        var texts = cards.Select(lane => lane.Items.Where(it => it.Stage == stage.Id).Select(it => "• " + CardText(lane.Type, it, workspace)).ToList()).ToList();
        var size = CardTextSize(cards, texts, width, cardHeight);
        for (var i = 0; i < cards.Count; i++)
        {
            var lane = cards[i];
            var kind = LaneKinds.Of(lane.Type);
            var x = Margin + (i % columns * (width + Gap));
            var y = top + Gap + (i / columns * (cardHeight + Gap));
            var fill = kind.CardFill.Equals(Palette.Paper, StringComparison.OrdinalIgnoreCase) ? Palette.Canvas : kind.CardFill;
            elements.Add(SlideFit.Box(x, y, width, cardHeight, CardLines(lane, texts[i], size), fill, kind.Accent));
        }

        return new Slide(title, elements);
    }

    /// <summary>The largest text size from 16 pt down to 10 pt at which every card of the slide holds all its items; 10 pt (cut) when none does.</summary>
    private static float CardTextSize(List<Lane> cards, List<List<string>> texts, float width, float height)
    {
        for (var size = 16f; size > CardSize; size -= 1f)
        {
            var fits = true;
            for (var i = 0; i < cards.Count && fits; i++)
            {
                var lines = CardLines(cards[i], texts[i], size);
                fits = SlideFit.Paragraphs(lines, width - (2 * SlideText.Padding) - 4, float.MaxValue).Sum(p => p.Height) <= height - (2 * SlideText.Padding);
            }

            if (fits)
            {
                return size;
            }
        }

        return CardSize;
    }

    private static List<SlideLine> CardLines(Lane lane, List<string> texts, float size) =>
        [new(Marker(lane.Type) + lane.DisplayName(), size + 1, Palette.Ink, Bold: true), .. texts.Select(t => new SlideLine(t, size, Palette.Ink))];

    /// <summary>Pain points and opportunities carry a sign before their lane's name, so they stand out without colour.</summary>
    private static string Marker(LaneType type) => type switch
    {
        LaneType.PainPoints => "⚠ ",
        LaneType.Opportunities => "★ ",
        _ => "",
    };

    /// <summary>An item's text on a card: emotion as a word and its score, the others as the spreadsheet writes them.</summary>
    private static string CardText(LaneType type, LaneItem item, Workspace workspace)
    {
        if (type == LaneType.Emotion && item.Score is { } score)
        {
            var value = $"{EmotionWord(score)} ({score.ToString("+0.#;−0.#;0", CultureInfo.InvariantCulture)})";
            return string.IsNullOrWhiteSpace(item.Text) ? value : $"{item.Text}: {value}";
        }

        if (type == LaneType.Images)
        {
            return "Image: " + (item.Alt ?? item.Text ?? item.Src ?? "");
        }

        return LaneGrid.Card(type, item, workspace);
    }

    /// <summary>A score from −2 to +2 in words, in bands of one point around the whole numbers.</summary>
    internal static string EmotionWord(double score) => score switch
    {
        <= -1.5 => "very negative",
        <= -0.5 => "negative",
        < 0.5 => "neutral",
        < 1.5 => "positive",
        _ => "very positive",
    };

    /// <summary>The stage's reach, conversion and drop-off from the report's funnel, or null when the funnel has no such stage.</summary>
    private static string? DataLine(Stage stage, JourneyReport data)
    {
        var step = data.Metrics.Funnel.FirstOrDefault(f => f.StageId == stage.Id);
        if (step is null)
        {
            return null;
        }

        var first = data.Metrics.Funnel[0].StageId == stage.Id;
        var parts = new List<string> { $"Reached by {step.Customers.ToString("N0", CultureInfo.InvariantCulture)} customers" };
        if (!first)
        {
            parts.Add($"conversion {Percent(step.Conversion)} from the previous stage");
        }

        parts.Add($"drop-off {step.DropOff.ToString("N0", CultureInfo.InvariantCulture)}");
        return string.Join("  ·  ", parts) + (step.SmallSample ? $"  (small sample: n = {step.SampleSize})" : "");
    }

    /// <summary>The stage's KPI and metric items: metric, target, actual and status; measured values from the report when it has them.</summary>
    private static List<IReadOnlyList<string>> KpiRows(Journey journey, Stage stage, JourneyReport? data)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var item in journey.Lanes.Where(l => l.Type is LaneType.Kpis or LaneType.Metrics).SelectMany(l => l.Items).Where(i => i.Stage == stage.Id))
        {
            var measured = item.Metric is null ? null : data?.Kpis.FirstOrDefault(k => k.StageId == stage.Id && k.Metric == item.Metric);
            var actual = measured is not null ? measured.ActualText : item.Actual ?? "–";
            var status = measured?.Status ?? item.Status;
            rows.Add([item.Text ?? item.Metric ?? "", item.Target ?? measured?.Target ?? "–", actual, Palette.KpiStatus(status).Label]);
        }

        return rows;
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

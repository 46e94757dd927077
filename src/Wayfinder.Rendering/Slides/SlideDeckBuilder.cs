namespace Wayfinder.Rendering.Slides;

using System.Globalization;
using System.Text.RegularExpressions;
using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Tables;

/// <summary>
/// Builds a journey's deck once: a title slide, the whole map, one slide per stage (its lanes as cards, its KPIs and its
/// data when the options carry a report), the opportunities, and a value gap slide per value gap map of the journey's
/// personas. The PPTX and the slides PDF are both written from it.
/// </summary>
public static partial class SlideDeckBuilder
{
    internal const float Margin = 36f;
    internal const float ContentTop = 86f;
    internal const float ContentBottom = 506f;
    private const float Gap = 10f;

    public static SlideDeck Build(Journey journey, Workspace workspace, MapRenderOptions options = default)
    {
        var today = options.Today ?? DateOnly.FromDateTime(DateTime.Today);
        var band = BandColor(workspace.Config.Brand?.Primary);
        var slides = new List<Slide> { TitleSlide(journey, workspace, today, band), MapSlide(journey, workspace, options) };
        // The stage slides show the view asked for (--lanes, --stages, empty lanes hidden), as the map slide does.
        var shown = JourneyView.Apply(journey, options);
        var stages = shown.Stages;
        for (var i = 0; i < stages.Count; i++)
        {
            slides.Add(StageSlide(shown, workspace, stages[i], i, options.Data));
        }

        slides.Add(OpportunitySlide(journey));
        foreach (var map in workspace.ValueGaps.Select(v => v.Document).Where(m => journey.Personas.Contains(m.Persona, StringComparer.Ordinal)))
        {
            slides.Add(ValueGapSlide(map, workspace));
        }

        // The band on top and the footer on every slide but the title.
        var title = Xml.Clean(journey.Title);
        var framed = slides.Select((s, i) => i == 0 ? s : s with
        {
            Elements =
            [
                new SlideText(0, 0, SlideDeck.Width, 8, [], band),
                .. s.Elements,
                SlideFit.Box(Margin, SlideDeck.Height - 28, SlideDeck.Width - (2 * Margin), 24,
                    [new SlideLine($"{title}  ·  {i + 1} / {slides.Count}", 9, Palette.InkMuted)]),
            ],
        });
        return new SlideDeck(title, [.. framed]);
    }

    private static Slide TitleSlide(Journey journey, Workspace workspace, DateOnly today, string band)
    {
        var personas = journey.Personas.Select(id => workspace.FindPersona(id) is { } p ? p.Title : id).ToList();
        var first = journey.Stages.FirstOrDefault()?.Name;
        var last = journey.Stages.LastOrDefault()?.Name;
        var scope = journey.Stages.Count switch
        {
            0 => "No stages yet",
            1 => $"1 stage: {first}",
            var n => $"{n} stages, from “{first}” to “{last}”",
        };
        List<SlideLine> lines =
        [
            new(personas.Count == 0 ? "No persona named" : (personas.Count == 1 ? "Persona: " : "Personas: ") + string.Join(", ", personas), 16, Palette.Ink, Bold: true),
        ];
        if (!string.IsNullOrWhiteSpace(journey.Scenario))
        {
            lines.Add(new(journey.Scenario, 15, Palette.Ink));
        }

        if (!string.IsNullOrWhiteSpace(journey.BusinessGoal))
        {
            lines.Add(new("Business goal: " + journey.BusinessGoal, 14, Palette.Ink));
        }

        lines.Add(new(scope + (journey.Timeline?.Span is { } span ? $", over {span}" : ""), 14, Palette.Ink));
        var state = journey.State == JourneyState.Future ? "Future state" : "Current state";
        var meta = string.Join("  ·  ", new[] { state, journey.Owner is null ? null : "owner " + journey.Owner, journey.Revision > 0 ? $"revision {journey.Revision}" : null, today.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) }
            .Where(s => s is not null));
        lines.Add(new(meta, 12, Palette.InkMuted));
        var width = SlideDeck.Width - (2 * 60);
        var heading = SlideFit.Box(60, 168, width, 140, [new SlideLine(journey.Title, 34, Palette.Ink, Bold: true)]) with { IsTitle = true };
        heading = heading with { Height = heading.Paragraphs.Sum(p => p.Height) + (2 * SlideText.Padding) };
        var below = heading.Y + heading.Height + 12;
        return new Slide(Xml.Clean(journey.Title),
        [
            new SlideText(0, 0, SlideDeck.Width, 150, [], band),
            SlideFit.Box(60, 104, width, 34, [new SlideLine("Customer journey map  ·  " + workspace.Config.Name, 16, "#FFFFFF", Bold: true)]),
            heading,
            SlideFit.Box(60, below, width, ContentBottom - below, lines),
        ]);
    }

    private static Slide MapSlide(Journey journey, Workspace workspace, MapRenderOptions options)
    {
        var svg = JourneyMapRenderer.RenderSvg(journey, workspace, options with { Data = options.Data });
        return new Slide("The whole journey",
        [
            Heading("The whole journey", $"{journey.Stages.Count} stages, {journey.Lanes.Count} lanes"),
            Picture(svg, Margin, ContentTop, SlideDeck.Width - (2 * Margin), ContentBottom - ContentTop, "Journey map: " + Xml.Clean(journey.Title)),
        ]);
    }

    private static Slide OpportunitySlide(Journey journey)
    {
        var ranked = OpportunityRanking.Rank([journey]);
        var unscored = OpportunityRanking.Unscored([journey]);
        var stageName = journey.Stages.DistinctBy(s => s.Id).ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
        List<IReadOnlyList<string>> rows =
        [
            .. ranked.Select(r => (IReadOnlyList<string>)[r.Rank.ToString(CultureInfo.InvariantCulture), r.Text, stageName.GetValueOrDefault(r.Stage, r.Stage),
                Number(r.Value), r.Effort.ToString(CultureInfo.InvariantCulture), QuadrantName(r.Quadrant)]),
            .. unscored.Select(u => (IReadOnlyList<string>)["–", u.Text, stageName.GetValueOrDefault(u.Stage, u.Stage), "–", "–", "not rated"]),
        ];
        const string Title = "Opportunities";
        var subtitle = ranked.Count > 0 ? "Ranked by value for effort (value = mean of customer and business value, 1–5)" : "None rated yet";
        if (rows.Count == 0)
        {
            return new Slide(Title, [Heading(Title, ""), SlideFit.Box(Margin, ContentTop, 600, 40, [new SlideLine("No opportunities on this journey yet.", 16, Palette.InkMuted)])]);
        }

        return new Slide(Title,
        [
            Heading(Title, subtitle),
            .. TableAndPicture([0.05f, 0.5f, 0.17f, 0.08f, 0.08f, 0.12f], ["#", "Opportunity", "Stage", "Value", "Effort", "Quadrant"], rows,
                ranked.Count > 0 ? DecisionCharts.OpportunityMatrixSvg(ranked) : null, "Value and effort matrix of the ranked opportunities"),
        ]);
    }

    private static Slide ValueGapSlide(ValueGapMap map, Workspace workspace)
    {
        var result = ValueGapAnalysis.Analyze(map);
        var competitors = workspace.Config.Competitors.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var rows = result.Needs.Select(n => (IReadOnlyList<string>)
        [
            n.Rank.ToString(CultureInfo.InvariantCulture), n.Text, n.Importance.ToString(CultureInfo.InvariantCulture), Number(n.Ours),
            n.BestCompetitor is null ? "–" : $"{competitors.GetValueOrDefault(n.BestCompetitor, n.BestCompetitor)} {Number(n.BestRating ?? 0)}",
            n.Gap is { } gap ? Number(gap) : "–", DecisionCharts.ClassName(n.Class),
        ]).ToList();
        var title = "Value gap: " + Xml.Clean(map.Title);
        var summary = $"Total weighted gap (where we trail): {Number(result.TotalWeightedGap)}; gap = best competitor's rating minus ours";
        return new Slide(title,
        [
            Heading(title, summary),
            .. TableAndPicture([0.05f, 0.45f, 0.1f, 0.07f, 0.15f, 0.07f, 0.11f], ["#", "Need", "Importance", "Us", "Best", "Gap", "Class"], rows,
                DecisionCharts.ValueGapSvg(result, workspace), "Value gap chart: " + Xml.Clean(map.Title)),
        ]);
    }

    /// <summary>The slide's title on one line, with up to two smaller lines under it (each cut to one line).</summary>
    internal static SlideText Heading(string title, string subtitle, string? note = null)
    {
        const float Width = SlideDeck.Width - (2 * Margin);
        SlideParagraph Line(string text, float size, string color, bool bold = false) =>
            SlideFit.Wrap(new SlideLine(SlideFit.OneLine(text, Width - (2 * SlideText.Padding), size, bold), size, color, Bold: bold), float.MaxValue);
        List<SlideParagraph> paragraphs = [Line(title, 24, Palette.Ink, bold: true)];
        if (!string.IsNullOrWhiteSpace(subtitle))
        {
            paragraphs.Add(Line(subtitle, 13, Palette.InkMuted));
        }

        if (!string.IsNullOrWhiteSpace(note))
        {
            paragraphs.Add(Line(note, 11, Palette.InkMuted));
        }

        return new SlideText(Margin, 14, Width, ContentTop - 14, paragraphs, IsTitle: true);
    }

    /// <summary>
    /// A table across the slide with its chart under it when the table is short; a long table on the left with the chart
    /// beside it, each then half as wide.
    /// </summary>
    private static IEnumerable<SlideElement> TableAndPicture(IReadOnlyList<float> shares, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, string? svg, string description)
    {
        const float Width = SlideDeck.Width - (2 * Margin);
        const float Height = ContentBottom - ContentTop;
        var stacked = svg is null || (rows.Count + 1) * 20f <= Height * 0.45f;
        var table = Table(Margin, ContentTop, stacked ? Width : (Width / 2) - 8, shares, header, rows);
        yield return table;
        if (svg is not null)
        {
            yield return stacked
                ? Picture(svg, Margin, table.Y + table.Height + 16, Width, ContentBottom - (table.Y + table.Height + 16), description)
                : Picture(svg, Margin + (Width / 2) + 8, ContentTop, (Width / 2) - 8, Height, description);
        }
    }

    /// <summary>A table whose columns take the given shares of its width; rows beyond the space are counted in a last row.</summary>
    internal static SlideTable Table(float x, float y, float width, IReadOnlyList<float> shares, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, float size = 10f, float? height = null)
    {
        var columns = shares.Select(s => s * width).ToList();
        var rowHeight = size * 2f;
        var room = (int)Math.Floor((height ?? (ContentBottom - y)) / rowHeight) - 1;
        var shown = rows.Count <= room ? rows : [.. rows.Take(Math.Max(0, room - 1)), [$"+ {rows.Count - room + 1} more", .. Enumerable.Repeat("", header.Count - 1)]];
        string Cell(string text, int c, bool bold) => SlideFit.OneLine(text, columns[c] - 8, size, bold);
        var cut = shown.Select(r => (IReadOnlyList<string>)[.. r.Select((t, c) => Cell(t, c, false))]).ToList();
        return new SlideTable(x, y, width, (cut.Count + 1) * rowHeight, columns, [.. header.Select((t, c) => Cell(t, c, true))], cut, size);
    }

    /// <summary>An SVG picture fitted into the box, keeping its proportions, centred across and at the top.</summary>
    internal static SlidePicture Picture(string svg, float x, float y, float width, float height, string description)
    {
        var (w, h) = SvgSize(svg);
        var scale = Math.Min(width / w, height / h);
        return new SlidePicture(x + ((width - (w * scale)) / 2), y, w * scale, h * scale, svg, w, h, description);
    }

    private static (float Width, float Height) SvgSize(string svg)
    {
        var match = SvgSizeRegex().Match(svg);
        return match.Success
            ? (Math.Max(1, float.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)), Math.Max(1, float.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)))
            : (SlideDeck.Width, SlideDeck.Height);
    }

    /// <summary>The brand's primary colour as #RRGGBB (both writers take that form), else the maps' band blue.</summary>
    internal static string BandColor(string? primary) => !HexColor.IsValid(primary) ? Palette.Band
        : primary!.Length == 4 ? $"#{primary[1]}{primary[1]}{primary[2]}{primary[2]}{primary[3]}{primary[3]}" : primary;

    internal static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string QuadrantName(Quadrant quadrant) => quadrant switch
    {
        Quadrant.QuickWin => "quick win",
        Quadrant.BigBet => "big bet",
        Quadrant.FillIn => "fill-in",
        _ => "money pit",
    };

    [GeneratedRegex("<svg[^>]*?\\swidth=\"([0-9.]+)\"[^>]*?\\sheight=\"([0-9.]+)\"")]
    private static partial Regex SvgSizeRegex();
}

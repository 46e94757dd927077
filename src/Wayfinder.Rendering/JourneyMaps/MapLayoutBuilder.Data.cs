namespace Wayfinder.Rendering.JourneyMaps;

using System.Globalization;
using Wayfinder.Core.Metrics;
using Wayfinder.Rendering.Drawing;

public static partial class MapLayoutBuilder
{
    /// <summary>How many of the touchpoints that strand the most customers get the emphasised (solid) badge.</summary>
    public const int WorstStranded = 3;

    /// <summary>Drop-off text on the stage header band: 6.0:1 on <see cref="Palette.Band"/>, 4.7:1 on <see cref="Palette.BandAlt"/>.</summary>
    private const string DropOffOnBand = "#FFCF99";

    /// <summary>The knowledge-gap kinds the map marks, and the words it marks them with.</summary>
    private static readonly Dictionary<string, string> s_gapWords = new(StringComparer.Ordinal)
    {
        ["stage-without-events"] = "no events",
        ["touchpoint-without-events"] = "no events",
        ["stage-without-surveys"] = "no surveys",
        ["touchpoint-without-surveys"] = "no surveys",
    };

    /// <summary>"⊥ 651 stranded · 33.6% exit of 1,937": the badge text of a touchpoint's stranded customers, with the exit rate's n.</summary>
    public static string StrandedText(StrandedRow row) =>
        $"⊥ {row.Stranded.ToString("N0", CultureInfo.InvariantCulture)} stranded · {(row.ExitRate * 100).ToString("0.#", CultureInfo.InvariantCulture)}% exit of {row.Reached.ToString("N0", CultureInfo.InvariantCulture)}"
        + (row.SmallSample ? " · small sample" : "");

    /// <summary>The stranded badge and knowledge-gap markers of a touchpoint card.</summary>
    private static void AddDataRows(Context ctx, List<CardRow> rows, string touchpointId, float width)
    {
        if (ctx.Marks.Stranded(touchpointId) is { } stranded)
        {
            var worst = ctx.Marks.IsWorst(touchpointId);
            rows.Add(new GapRow(6));
            // Below the evidence dot's corner the badge may use the card's right padding too.
            rows.Add(new OverlayRow("stranded", new BadgeRow(ctx.Wrap(StrandedText(stranded), width + CardPlan.PadRight - 8 - 12, BadgeRow.Size, FontStyleKind.Bold), worst)));
        }

        if (ctx.Marks.TouchpointGaps(touchpointId) is { Count: > 0 } gaps)
        {
            rows.Add(new GapRow(5));
            rows.Add(new OverlayRow("gaps", new GapMarkerRow(ctx.Wrap($"gap: {string.Join(", ", gaps)}", width - GapMarkerRow.Indent, 10, FontStyleKind.Italic))));
        }
    }

    /// <summary>A hollow "?" (a knowledge gap) with its words before it (anchor end) or after it (start).</summary>
    private static void GapMarker(Scene scene, float cx, float cy, string stroke, float size, string words, string textFill, string anchor)
    {
        scene.Circle(cx, cy, 7, "none", stroke, 1.5f);
        scene.Text(cx, cy + 4, "?", 10.5f, stroke, FontStyleKind.Bold, "middle");
        if (words.Length > 0)
        {
            scene.Text(anchor == "end" ? cx - 12 : cx + 12, cy + 4, words, size, textFill, FontStyleKind.Bold, anchor);
        }
    }

    /// <summary>The stranded counts and knowledge gaps of a report, by touchpoint and stage id.</summary>
    private sealed class DataMarks
    {
        private readonly Dictionary<string, StrandedRow> _stranded = new(StringComparer.Ordinal);
        private readonly HashSet<string> _worst = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _touchpointGaps = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _stageGaps = new(StringComparer.Ordinal);

        public static DataMarks Of(JourneyReport? report)
        {
            var marks = new DataMarks();
            if (report is null)
            {
                return marks;
            }

            foreach (var row in report.Metrics.Stranded.Where(r => r.Stranded > 0))
            {
                marks._stranded.TryAdd(row.TouchpointId, row);
            }

            foreach (var row in marks._stranded.Values.OrderByDescending(r => r.Stranded).ThenByDescending(r => r.ExitRate).Take(WorstStranded))
            {
                marks._worst.Add(row.TouchpointId);
            }

            foreach (var gap in report.Gaps)
            {
                if (s_gapWords.TryGetValue(gap.Kind, out var words))
                {
                    var map = gap.Kind.StartsWith("stage-", StringComparison.Ordinal) ? marks._stageGaps : marks._touchpointGaps;
                    if (!map.TryGetValue(gap.Target, out var list))
                    {
                        map[gap.Target] = list = [];
                    }

                    if (!list.Contains(words))
                    {
                        list.Add(words);
                    }
                }
            }

            return marks;
        }

        public StrandedRow? Stranded(string touchpointId) => _stranded.GetValueOrDefault(touchpointId);

        public bool IsWorst(string touchpointId) => _worst.Contains(touchpointId);

        public IReadOnlyList<string> TouchpointGaps(string touchpointId) => _touchpointGaps.GetValueOrDefault(touchpointId) ?? [];

        public IReadOnlyList<string> StageGaps(string stageId) => _stageGaps.GetValueOrDefault(stageId) ?? [];

        public bool HasStranded => _stranded.Count > 0;

        public bool HasGaps => _touchpointGaps.Count > 0 || _stageGaps.Count > 0;
    }
}

/// <summary>A warning badge of wrapped text: solid when emphasised, else outlined.</summary>
internal sealed record BadgeRow(IReadOnlyList<string> Lines, bool Emphasised) : CardRow
{
    public const float Size = 10;

    public override float Height => (Lines.Count * 14) + 8;

    public override void Draw(Scene scene, float x, float y, float width)
    {
        var w = Lines.Max(l => DejaVuMeasurer.Instance.Measure(l, Size, FontStyleKind.Bold)) + 12;
        scene.Box(x, y, w, Height, Emphasised ? Palette.VermillionText : Palette.Paper, Palette.VermillionText, 1.2f, 4);
        scene.Lines(Lines, x + 6, y + 4, Size, 14, Emphasised ? Palette.Paper : Palette.VermillionText, FontStyleKind.Bold);
    }
}

/// <summary>A hollow "?" marker and what the data lacks, e.g. "gap: no surveys".</summary>
internal sealed record GapMarkerRow(IReadOnlyList<string> Lines) : CardRow
{
    public const float Indent = 20;

    public override float Height => Math.Max(16, Lines.Count * 14);

    public override void Draw(Scene scene, float x, float y, float width)
    {
        scene.Circle(x + 7, y + 8, 6.5f, Palette.Paper, Palette.InkMuted, 1.3f);
        scene.Text(x + 7, y + 12, "?", 10, Palette.InkMuted, FontStyleKind.Bold, "middle");
        scene.Lines(Lines, x + Indent, y + 1, 10, 14, Palette.InkMuted, FontStyleKind.Italic);
    }
}

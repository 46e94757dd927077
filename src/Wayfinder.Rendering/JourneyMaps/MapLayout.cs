namespace Wayfinder.Rendering.JourneyMaps;

using Wayfinder.Core.Documents;
using Wayfinder.Rendering.Drawing;

/// <summary>Options for a journey map rendering.</summary>
/// <param name="Today">The date staleness is judged on; null takes today's date (UTC).</param>
/// <param name="PngScale">Pixels per SVG unit for PNG output.</param>
/// <param name="Data">What the event and survey data say about the journey: drawn over the map (stage data bars, the
/// measured emotion curve, KPI actuals) when given.</param>
/// <param name="Page">The paper the PDF is laid out on; null is A3 landscape (<see cref="PageSpec.MapDefault"/>).</param>
/// <param name="Lanes">The lanes to draw, in this order (ids); null draws every lane in the journey's order.</param>
/// <param name="Stages">A range of stages to draw, <c>FROM..TO</c> or one stage id; null draws every stage.</param>
/// <param name="ShowEmptyLanes">Draws lanes with nothing in them too (by default they are left out).</param>
/// <param name="Faces">Draws a face on each emotion point.</param>
public readonly record struct MapRenderOptions(
    DateOnly? Today = null,
    float PngScale = 1f,
    Core.Metrics.JourneyReport? Data = null,
    PageSpec? Page = null,
    IReadOnlyList<string>? Lanes = null,
    string? Stages = null,
    bool ShowEmptyLanes = false,
    bool Faces = false);

/// <summary>A stage's column (and its steps' sub-columns) in drawing units.</summary>
public sealed record StageColumn(string StageId, string Name, float X, float Width, IReadOnlyList<StepColumn> Steps);

public sealed record StepColumn(string StepId, string Name, float X, float Width);

/// <summary>A lane's row.</summary>
public sealed record LaneRow(string LaneId, string Name, LaneType Type, float Y, float Height);

/// <summary>A laid-out card: its box, its wrapped body lines and the width those lines may take.</summary>
public sealed record CardBox(string LaneId, string StageId, string? StepId, float X, float Y, float Width, float Height, IReadOnlyList<string> Lines, float TextWidth, EvidenceGrade Grade);

/// <summary>A point of an emotion curve: the designed one, or the measured one (with its sample size).</summary>
public sealed record EmotionPoint(string StageId, string? StepId, double Score, float X, float Y, bool Measured = false, int SampleSize = 0);

/// <summary>An emotion point's label box (a designed score, or a measured score with its sample size), placed clear of every other label and point.</summary>
public sealed record EmotionLabel(string StageId, string Text, float X, float Y, float Width, float Height, bool Measured = false)
{
    /// <summary>True when the two boxes share any area.</summary>
    public bool Overlaps(EmotionLabel other) =>
        X < other.X + other.Width && other.X < X + Width && Y < other.Y + other.Height && other.Y < Y + Height;
}

/// <summary>
/// The map laid out once: every shape in paint order plus the geometry the SVG, the PDF pagination and the
/// tests read (columns, rows, cards, emotion points, pages).
/// </summary>
public sealed class MapLayout
{
    public required Scene Scene { get; init; }

    public float Width => Scene.Width;

    public float Height => Scene.Height;

    /// <summary>Left edge of the lane-name column (the page margin).</summary>
    public float Margin { get; init; }

    /// <summary>Width of the fixed lane-name column.</summary>
    public float LaneColumnWidth { get; init; }

    /// <summary>Left edge of the first stage column.</summary>
    public float GridLeft { get; init; }

    /// <summary>Top of the grid block (phases, loop arrows, stage header band).</summary>
    public float GridTop { get; init; }

    /// <summary>Bottom of the stage header band (and of the step row when there is one).</summary>
    public float HeaderBottom { get; init; }

    /// <summary>Bottom of the last lane row.</summary>
    public float GridBottom { get; init; }

    public required IReadOnlyList<StageColumn> Stages { get; init; }

    public required IReadOnlyList<LaneRow> Lanes { get; init; }

    public required IReadOnlyList<CardBox> Cards { get; init; }

    public required IReadOnlyList<EmotionPoint> EmotionPoints { get; init; }

    /// <summary>The boxes of the emotion points' labels: no two overlap, and none covers a point.</summary>
    public IReadOnlyList<EmotionLabel> EmotionLabels { get; init; } = [];

    /// <summary>The A3 pages of the PDF, planned from the column and row boundaries.</summary>
    public IReadOnlyList<PdfPagePlan> Pages { get; set; } = [];

    /// <summary>The y of an emotion score in a lane row starting at <paramref name="rowTop"/>: +2 at the top of the plot band, −2 at its bottom.</summary>
    public static float EmotionY(float rowTop, double score) =>
        rowTop + MapLayoutBuilder.EmotionTopPad + (float)((2 - Math.Clamp(score, -2, 2)) / 4 * MapLayoutBuilder.EmotionPlotHeight);
}

namespace Wayfinder.Rendering.Drawing;

using Wayfinder.Core.Documents;

/// <summary>A row of a card: measured once, drawn at any position.</summary>
internal abstract record CardRow
{
    public abstract float Height { get; }

    public abstract void Draw(Scene scene, float x, float y, float width);
}

/// <summary>A row drawn from the data, grouped as one overlay (<c>stranded</c>, <c>gaps</c>, <c>kpi</c>) a page can switch off.</summary>
internal sealed record OverlayRow(string Overlay, CardRow Row) : CardRow
{
    public override float Height => Row.Height;

    public override void Draw(Scene scene, float x, float y, float width)
    {
        scene.BeginOverlay(Overlay);
        Row.Draw(scene, x, y, width);
        scene.EndGroup();
    }
}

internal sealed record TextRow(IReadOnlyList<string> Lines, float Size, float LineHeight, FontStyleKind Style, string Fill) : CardRow
{
    public override float Height => Lines.Count * LineHeight;

    public override void Draw(Scene scene, float x, float y, float width) => scene.Lines(Lines, x, y, Size, LineHeight, Fill, Style);
}

/// <summary>A glyph with a label wrapped beside it.</summary>
internal sealed record GlyphRow(string Glyph, string GlyphColor, IReadOnlyList<string> Lines, float Size, float LineHeight, string Fill) : CardRow
{
    public const float Indent = 22;

    public override float Height => Math.Max(18, Lines.Count * LineHeight);

    public override void Draw(Scene scene, float x, float y, float width)
    {
        Glyphs.Draw(scene, Glyph, x, y + ((Math.Min(Height, LineHeight + 2) - 16) / 2), GlyphColor);
        scene.Lines(Lines, x + Indent, y + 1, Size, LineHeight, Fill, FontStyleKind.Bold);
    }
}

/// <summary>Small pills of fixed vocabulary (status words), left to right.</summary>
internal sealed record PillRow(IReadOnlyList<(string Text, string Fill, string TextFill)> Pills) : CardRow
{
    public const float PillHeight = 18;
    public const float PillSize = 10;

    public override float Height => PillHeight + 2;

    public override void Draw(Scene scene, float x, float y, float width)
    {
        foreach (var (text, fill, textFill) in Pills)
        {
            var w = DejaVuMeasurer.Instance.Measure(text, PillSize, FontStyleKind.Bold) + 14;
            scene.Box(x, y + 1, w, PillHeight, fill, null, 0, PillHeight / 2);
            scene.Text(x + (w / 2), y + 1 + Scene.Baseline(PillSize, PillHeight), text, PillSize, textFill, FontStyleKind.Bold, "middle");
            x += w + 6;
        }
    }

    /// <summary>Width the pills take, to check they fit.</summary>
    public float Width => Pills.Sum(p => DejaVuMeasurer.Instance.Measure(p.Text, PillSize, FontStyleKind.Bold) + 20) - 6;
}

/// <summary>A 1–5 rating as a label and five small squares.</summary>
internal sealed record MeterRow(string Label, int Value, string Color) : CardRow
{
    public override float Height => 15;

    public override void Draw(Scene scene, float x, float y, float width)
    {
        scene.Text(x, y + 11, Label, 10, Palette.InkMuted);
        var mx = x + width - (5 * 11) + 1;
        for (var i = 0; i < 5; i++)
        {
            scene.Box(mx + (i * 11), y + 3, 9, 9, i < Value ? Color : Palette.Paper, Color, 1, 1.5f);
        }
    }
}

/// <summary>A bullet bar: actual as a bar in the status colour, target as a tick, on a shared scale.</summary>
internal sealed record BulletRow(double Actual, double Target, string Color) : CardRow
{
    public override float Height => 16;

    public override void Draw(Scene scene, float x, float y, float width)
    {
        var max = Math.Max(Actual, Target) * 1.15;
        if (max <= 0)
        {
            return;
        }

        float X(double v) => x + (float)(Math.Max(0, v) / max * width);
        scene.Box(x, y + 5, width, 6, "#E3E7EC", null, 0, 3);
        scene.Box(x, y + 5, X(Actual) - x, 6, Color, null, 0, 3);
        scene.Box(X(Target) - 1, y + 1, 2.5f, 14, Palette.Ink);
    }

    /// <summary>The first number in a KPI value ("38%", "4.2 days", "1,250"), or null.</summary>
    public static double? Number(string? text)
    {
        var m = System.Text.RegularExpressions.Regex.Match(text ?? "", @"-?\d+(?:[.,]\d+)*");
        return m.Success && double.TryParse(m.Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}

internal sealed record GapRow(float Gap) : CardRow
{
    public override float Height => Gap;

    public override void Draw(Scene scene, float x, float y, float width)
    {
    }
}

/// <summary>A card measured and ready to draw: its rows, size, tint and evidence grade.</summary>
internal sealed class CardPlan
{
    public const float PadTop = 9;
    public const float PadBottom = 9;
    public const float PadLeft = 12;

    /// <summary>Right padding including the evidence dot's corner.</summary>
    public const float PadRight = 24;

    public required IReadOnlyList<CardRow> Rows { get; init; }

    public required string Fill { get; init; }

    public required string Accent { get; init; }

    public required EvidenceGrade Grade { get; init; }

    /// <summary>The main text's wrapped lines (what a reader reads first).</summary>
    public IReadOnlyList<string> BodyLines { get; init; } = [];

    public float Height => PadTop + Rows.Sum(r => r.Height) + PadBottom;

    public static float TextWidth(float cardWidth) => cardWidth - PadLeft - PadRight;

    public void Draw(Scene scene, float x, float y, float width)
    {
        var h = Height;
        scene.Box(x, y, width, h, Fill, Palette.Rule, 1, 6);
        scene.Box(x, y, 4, h, Accent, null, 0, 2);
        var cy = y + PadTop;
        foreach (var row in Rows)
        {
            row.Draw(scene, x + PadLeft, cy, TextWidth(width));
            cy += row.Height;
        }

        scene.BeginOverlay("evidence");
        Glyphs.EvidenceCorner(scene, x + width, y, Grade);
        scene.EndGroup();
    }
}

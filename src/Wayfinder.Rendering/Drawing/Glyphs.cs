namespace Wayfinder.Rendering.Drawing;

using Wayfinder.Core.Workspaces;
using static Wayfinder.Rendering.Drawing.Scene;

/// <summary>Small line-drawn channel glyphs (16 × 16) and the evidence-grade dot.</summary>
public static class Glyphs
{
    /// <summary>The glyph of a channel: its own when known, else one for its kind.</summary>
    public static string For(Channel? channel)
    {
        if (channel?.Glyph is { } g && ChannelGlyphs.IsKnown(g))
        {
            return g.ToLowerInvariant();
        }

        return channel?.Kind switch
        {
            ChannelKind.Physical => "store",
            ChannelKind.Human => "person",
            ChannelKind.Media => "ad",
            _ => "web",
        };
    }

    private const float W = 1.4f;

    /// <summary>
    /// The drawing of each glyph, keyed by the names in <see cref="ChannelGlyphs"/> (plus "image", for image lanes).
    /// The list of names is Core's; only the drawing lives here.
    /// </summary>
    private static readonly Dictionary<string, Action<Scene, float, float, string>> s_drawings = new(StringComparer.Ordinal)
    {
        ["web"] = static (scene, x, y, color) =>
        {
            scene.Circle(x + 8, y + 8, 6.5f, "none", color, W);
            scene.Path($"M{F(x + 8)} {F(y + 1.5f)}C{F(x + 4)} {F(y + 5)} {F(x + 4)} {F(y + 11)} {F(x + 8)} {F(y + 14.5f)}C{F(x + 12)} {F(y + 11)} {F(x + 12)} {F(y + 5)} {F(x + 8)} {F(y + 1.5f)}M{F(x + 1.5f)} {F(y + 8)}H{F(x + 14.5f)}", color, W);
        },
        ["app"] = static (scene, x, y, color) =>
        {
            scene.Box(x + 4, y + 1, 8, 14, "none", color, W, 1.5f);
            scene.Line(x + 7, y + 12.5f, x + 9, y + 12.5f, color, W);
        },
        ["email"] = static (scene, x, y, color) => Envelope(scene, x, y, color, stamp: false),
        ["mail"] = static (scene, x, y, color) => Envelope(scene, x, y, color, stamp: true),
        ["phone"] = static (scene, x, y, color) =>
        {
            scene.Path($"M{F(x + 3)} {F(y + 2)}L{F(x + 6)} {F(y + 2)}L{F(x + 7)} {F(y + 5.5f)}L{F(x + 5.5f)} {F(y + 7)}C{F(x + 6.5f)} {F(y + 9)} {F(x + 7)} {F(y + 9.5f)} {F(x + 9)} {F(y + 10.5f)}L{F(x + 10.5f)} {F(y + 9)}L{F(x + 14)} {F(y + 10)}L{F(x + 14)} {F(y + 13)}C{F(x + 8)} {F(y + 14)} {F(x + 2)} {F(y + 8)} {F(x + 3)} {F(y + 2)}Z", color, W);
        },
        ["chat"] = static (scene, x, y, color) =>
        {
            scene.Path($"M{F(x + 2)} {F(y + 3)}H{F(x + 14)}V{F(y + 11)}H{F(x + 7)}L{F(x + 4)} {F(y + 14)}V{F(y + 11)}H{F(x + 2)}Z", color, W);
        },
        ["store"] = static (scene, x, y, color) =>
        {
            scene.Path($"M{F(x + 1.5f)} {F(y + 6)}L{F(x + 3)} {F(y + 2)}H{F(x + 13)}L{F(x + 14.5f)} {F(y + 6)}ZM{F(x + 3)} {F(y + 6)}V{F(y + 14)}H{F(x + 13)}V{F(y + 6)}M{F(x + 6.5f)} {F(y + 14)}V{F(y + 10)}H{F(x + 9.5f)}V{F(y + 14)}", color, W);
        },
        ["social"] = static (scene, x, y, color) =>
        {
            scene.Circle(x + 4, y + 8, 2.2f, "none", color, W);
            scene.Circle(x + 12, y + 3.5f, 2.2f, "none", color, W);
            scene.Circle(x + 12, y + 12.5f, 2.2f, "none", color, W);
            scene.Path($"M{F(x + 6)} {F(y + 7)}L{F(x + 10)} {F(y + 4.5f)}M{F(x + 6)} {F(y + 9)}L{F(x + 10)} {F(y + 11.5f)}", color, W);
        },
        ["ad"] = static (scene, x, y, color) =>
        {
            scene.Path($"M{F(x + 2)} {F(y + 6)}H{F(x + 5)}L{F(x + 12)} {F(y + 2)}V{F(y + 14)}L{F(x + 5)} {F(y + 10)}H{F(x + 2)}ZM{F(x + 5)} {F(y + 10)}L{F(x + 6.5f)} {F(y + 14.5f)}M{F(x + 14)} {F(y + 6.5f)}V{F(y + 9.5f)}", color, W);
        },
        ["person"] = static (scene, x, y, color) =>
        {
            scene.Circle(x + 8, y + 5, 3, "none", color, W);
            scene.Path($"M{F(x + 2.5f)} {F(y + 15)}C{F(x + 2.5f)} {F(y + 9.5f)} {F(x + 13.5f)} {F(y + 9.5f)} {F(x + 13.5f)} {F(y + 15)}", color, W);
        },
        ["kiosk"] = static (scene, x, y, color) =>
        {
            scene.Box(x + 3, y + 1.5f, 10, 8, "none", color, W, 1);
            scene.Path($"M{F(x + 8)} {F(y + 9.5f)}V{F(y + 14.5f)}M{F(x + 5)} {F(y + 14.5f)}H{F(x + 11)}", color, W);
        },
        ["video"] = static (scene, x, y, color) =>
        {
            scene.Box(x + 1, y + 3, 14, 10, "none", color, W, 1.5f);
            scene.Path($"M{F(x + 6.5f)} {F(y + 5.5f)}L{F(x + 10.5f)} {F(y + 8)}L{F(x + 6.5f)} {F(y + 10.5f)}Z", null, 0, color);
        },
        ["search"] = static (scene, x, y, color) =>
        {
            // A magnifying glass: a search engine, not a page of the website.
            scene.Circle(x + 6.5f, y + 6.5f, 4.5f, "none", color, W);
            scene.Path($"M{F(x + 9.8f)} {F(y + 9.8f)}L{F(x + 14.5f)} {F(y + 14.5f)}", color, W + 0.6f);
        },
        ["message"] = static (scene, x, y, color) =>
        {
            // A phone with a text bubble on its screen: a text message, not a call.
            scene.Box(x + 4, y + 1, 8, 14, "none", color, W, 1.5f);
            scene.Path($"M{F(x + 5.8f)} {F(y + 4)}H{F(x + 10.2f)}V{F(y + 8)}H{F(x + 7.5f)}L{F(x + 6.2f)} {F(y + 9.5f)}V{F(y + 8)}H{F(x + 5.8f)}Z", null, 0, color);
        },
        ["event"] = static (scene, x, y, color) =>
        {
            // A flag on a pole: an event or trade show, not a person at a desk.
            scene.Path($"M{F(x + 3)} {F(y + 15)}V{F(y + 1.5f)}M{F(x + 3)} {F(y + 2)}H{F(x + 13.5f)}L{F(x + 11)} {F(y + 5.5f)}L{F(x + 13.5f)} {F(y + 9)}H{F(x + 3)}", color, W);
        },
        ["plane"] = static (scene, x, y, color) =>
        {
            // An aeroplane seen from above: an airport or a flight.
            scene.Path($"M{F(x + 8)} {F(y + 1)}C{F(x + 9)} {F(y + 1)} {F(x + 9)} {F(y + 2.5f)} {F(x + 9)} {F(y + 3.5f)}V{F(y + 6.5f)}L{F(x + 15)} {F(y + 9.5f)}V{F(y + 11)}L{F(x + 9)} {F(y + 9)}V{F(y + 12.5f)}L{F(x + 11)} {F(y + 14)}V{F(y + 15)}L{F(x + 8)} {F(y + 14)}L{F(x + 5)} {F(y + 15)}V{F(y + 14)}L{F(x + 7)} {F(y + 12.5f)}V{F(y + 9)}L{F(x + 1)} {F(y + 11)}V{F(y + 9.5f)}L{F(x + 7)} {F(y + 6.5f)}V{F(y + 3.5f)}C{F(x + 7)} {F(y + 2.5f)} {F(x + 7)} {F(y + 1)} {F(x + 8)} {F(y + 1)}Z", color, W);
        },
        ["image"] = static (scene, x, y, color) =>
        {
            scene.Box(x + 1, y + 2, 14, 12, "none", color, W, 1);
            scene.Path($"M{F(x + 2)} {F(y + 13)}L{F(x + 6)} {F(y + 8)}L{F(x + 9)} {F(y + 11)}L{F(x + 11)} {F(y + 9)}L{F(x + 14)} {F(y + 13)}", color, W);
            scene.Circle(x + 11, y + 5.5f, 1.4f, color);
        },
    };

    /// <summary>True when <paramref name="name"/> has a drawing of its own (else <see cref="Draw"/> draws a plain circle).</summary>
    public static bool HasDrawing(string name) => s_drawings.ContainsKey(name);

    /// <summary>Draws glyph <paramref name="name"/> in the 16 × 16 box at (x, y).</summary>
    public static void Draw(Scene scene, string name, float x, float y, string color)
    {
        if (s_drawings.TryGetValue(name, out var draw))
        {
            draw(scene, x, y, color);
        }
        else
        {
            scene.Circle(x + 8, y + 8, 5, "none", color, W);
        }
    }

    private static void Envelope(Scene scene, float x, float y, string color, bool stamp)
    {
        scene.Box(x + 1, y + 3.5f, 14, 9.5f, "none", color, W, 1);
        scene.Path($"M{F(x + 1.5f)} {F(y + 4)}L{F(x + 8)} {F(y + 9)}L{F(x + 14.5f)} {F(y + 4)}", color, W);
        if (stamp)
        {
            scene.Box(x + 11, y + 5.5f, 2.5f, 2.5f, color);
        }
    }

    /// <summary>The evidence-grade dot: hollow (assumption), half filled (one source), full (several kinds).</summary>
    public static void EvidenceDot(Scene scene, float cx, float cy, Core.Documents.EvidenceGrade grade, float r = 4.5f)
    {
        const string Color = Palette.Ink;
        switch (grade)
        {
            case Core.Documents.EvidenceGrade.Assumption:
                scene.Circle(cx, cy, r, Palette.Paper, Color, 1.3f);
                break;
            case Core.Documents.EvidenceGrade.OneSource:
                scene.Circle(cx, cy, r, Palette.Paper, Color, 1.3f);
                // Left half filled: an arc from the top to the bottom through the left side.
                scene.Path($"M{F(cx)} {F(cy - r)}A{F(r)} {F(r)} 0 0 0 {F(cx)} {F(cy + r)}Z", null, 0, Color);
                break;
            default:
                scene.Circle(cx, cy, r, Color, Color, 1.3f);
                break;
        }
    }

    /// <summary>
    /// The evidence marker of a card whose top-right corner is (<paramref name="right"/>, <paramref name="top"/>): a tab
    /// cut into the corner, holding the grade's dot. In the corner, never at a line's start, it cannot be taken for a bullet.
    /// </summary>
    public static void EvidenceCorner(Scene scene, float right, float top, Core.Documents.EvidenceGrade grade)
    {
        // The tab follows a card's 6-unit corner radius and rounds its inner corner, so it reads as part of the card's edge.
        scene.Path($"M{F(right - 22)} {F(top)}H{F(right - 6)}A6 6 0 0 1 {F(right)} {F(top + 6)}V{F(top + 20)}H{F(right - 14)}A8 8 0 0 1 {F(right - 22)} {F(top + 12)}Z", null, 0, EvidenceTab);
        EvidenceDot(scene, right - 11, top + 10, grade);
    }

    /// <summary>A key entry for a grade: the corner of a card with its marker, then the grade's words. Returns the entry's width.</summary>
    public static float EvidenceKey(Scene scene, float x, float y, Core.Documents.EvidenceGrade grade, string textFill, float size = 11)
    {
        // A card's corner: its box, two strokes standing for its text, the marker.
        scene.Box(x, y, 40, 22, Palette.Canvas, Palette.Rule, 1, 6);
        scene.Box(x + 5, y + 7, 10, 2.5f, Palette.Rule);
        scene.Box(x + 5, y + 13, 7, 2.5f, Palette.Rule);
        EvidenceCorner(scene, x + 40, y, grade);
        var label = Describe(grade);
        scene.Text(x + 48, y + 15, label, size, textFill);
        return 48 + DejaVuMeasurer.Instance.Measure(label, size);
    }

    /// <summary>The evidence tab's fill: a light blue-grey that both white and tinted cards set off.</summary>
    public const string EvidenceTab = "#E3E9F0";

    /// <summary>The legend's words for a grade.</summary>
    public static string Describe(Core.Documents.EvidenceGrade grade) => grade switch
    {
        Core.Documents.EvidenceGrade.Assumption => "assumption (no evidence)",
        Core.Documents.EvidenceGrade.OneSource => "one kind of source",
        _ => "several kinds of source",
    };
}

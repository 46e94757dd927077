namespace Wayfinder.Rendering.Drawing;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>
/// The Okabe–Ito colour-blind-safe palette and the tints derived from it. Text is always drawn in
/// <see cref="Ink"/> or <see cref="InkMuted"/> on white or on a light tint, or in white on a dark band,
/// so every pairing passes WCAG AA (4.5:1).
/// </summary>
public static class Palette
{
    public const string Orange = "#E69F00";

    /// <summary>The small-sample pill: dark amber text on pale amber (7.6:1).</summary>
    public const string SmallSample = "#FFF0C2";
    public const string SmallSampleText = "#6B4E00";
    public const string SkyBlue = "#56B4E9";
    public const string BluishGreen = "#009E73";
    public const string Yellow = "#F0E442";
    public const string Blue = "#0072B2";
    public const string Vermillion = "#D55E00";
    public const string ReddishPurple = "#CC79A7";
    public const string Black = "#000000";

    /// <summary>Body text: 16.8:1 on white.</summary>
    public const string Ink = "#1B1F24";

    /// <summary>Secondary text: 7.4:1 on white, 6.2:1 on the lightest tints.</summary>
    public const string InkMuted = "#4A5360";

    /// <summary>Hairlines and grid rules.</summary>
    public const string Rule = "#D5DAE1";
    public const string Paper = "#FFFFFF";
    public const string Canvas = "#F6F7F9";

    /// <summary>Stage header band: white text on it is 7.0:1.</summary>
    public const string Band = "#1F4E79";
    public const string BandAlt = "#2A5F8F";

    /// <summary>Darker variants of the Okabe–Ito hues for text and strokes on white (all ≥ 4.5:1).</summary>
    public const string BlueText = "#005A8E";
    public const string GreenText = "#00704F";
    public const string VermillionText = "#A84A00";
    public const string OrangeText = "#8A5F00";
    public const string PurpleText = "#8E3F6E";
    public const string Grey = "#6B7280";

    /// <summary>The accent (stripe, swatch) of a lane type, from <see cref="LaneKinds"/>.</summary>
    public static string LaneAccent(LaneType type) => LaneKinds.Of(type).Accent;

    /// <summary>The background of a card in a lane of this type: a light tint of its accent, from <see cref="LaneKinds"/>.</summary>
    public static string CardFill(LaneType type) => LaneKinds.Of(type).CardFill;

    /// <summary>Colour of a KPI status (darkened Okabe–Ito hues so white text passes AA); null (no status) is grey.</summary>
    public static (string Fill, string Text, string Label) KpiStatus(KpiStatus? status) => status switch
    {
        Core.Documents.KpiStatus.Meets => (GreenText, "#FFFFFF", "meets"),
        Core.Documents.KpiStatus.Exceeds => (Blue, "#FFFFFF", "exceeds"),
        Core.Documents.KpiStatus.DoesNotMeet => (VermillionText, "#FFFFFF", "does not meet"),
        _ => ("#9AA1AB", Ink, "no status"),
    };

    /// <summary>Point colour of an emotion score.</summary>
    public static string Emotion(double score) => score > 0.25 ? BluishGreen : score < -0.25 ? Vermillion : Grey;

    /// <summary>A colour from user config when it is a plain hex colour, else <paramref name="fallback"/> (config never reaches the SVG raw).</summary>
    public static string Safe(string? color, string fallback) => HexColor.IsValid(color) ? color! : fallback;
}

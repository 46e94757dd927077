namespace Wayfinder.Core.Workspaces;

using System.Globalization;

/// <summary>
/// The colours the value gap chart keeps for itself (us and the need classes), the series colours it gives competitors
/// without a colour of their own, and the rule by which a competitor's colour is too close to a reserved one. The
/// validator and the chart read this one list, so what the validator warns about is what the chart replaces.
/// </summary>
public static class ChartColors
{
    /// <summary>
    /// Two colours closer than this (Euclidean distance of their 0–255 RGB components, out of a possible 441) are taken
    /// for one another on a chart: #0072B2 and its darker text shade #005A8E are 43 apart, blue and sky blue 121.
    /// </summary>
    public const double MinDistance = 64;

    /// <summary>The value gap chart's own colours and what each marks.</summary>
    public static IReadOnlyList<(string Color, string Use)> Reserved { get; } =
    [
        ("#0072B2", "us"),
        ("#A84A00", "the gap class"),
        ("#9AA1AB", "the parity class"),
        ("#00704F", "the strength class"),
        ("#E69F00", "the over-served class"),
    ];

    /// <summary>Colours for competitors without a usable colour of their own (Okabe–Ito hues, each at least <see cref="MinDistance"/> from the reserved ones).</summary>
    public static IReadOnlyList<string> Series { get; } = ["#CC79A7", "#56B4E9", "#000000", "#F0E442", "#6B7280"];

    /// <summary>The reserved colour <paramref name="color"/> is too close to, or null when it is free (or not a colour).</summary>
    public static (string Color, string Use)? Collision(string? color)
    {
        if (Rgb(color) is not { } rgb)
        {
            return null;
        }

        foreach (var reserved in Reserved)
        {
            if (Distance(rgb, Rgb(reserved.Color)!.Value) < MinDistance)
            {
                return reserved;
            }
        }

        return null;
    }

    /// <summary>
    /// The colour each competitor of <c>wayfinder.yaml</c> is drawn in, in its order: its own when valid and free of the
    /// reserved colours; else the first series colour, counting from its place in the list, that no other competitor
    /// draws in, so a replaced colour never lands on another competitor's.
    /// </summary>
    public static IReadOnlyList<string> Drawn(IReadOnlyList<Competitor> competitors)
    {
        bool Usable(string? color) => HexColor.IsValid(color) && Collision(color) is null;
        var used = competitors.Where(c => Usable(c.Color)).Select(c => c.Color!).ToList();
        var result = new List<string>();
        for (var i = 0; i < competitors.Count; i++)
        {
            if (Usable(competitors[i].Color))
            {
                result.Add(competitors[i].Color!);
                continue;
            }

            var candidates = Enumerable.Range(0, Series.Count).Select(k => Series[(i + k) % Series.Count]).ToList();
            var color = candidates.FirstOrDefault(s => !used.Exists(u => Distance(u, s) < MinDistance)) ?? candidates[0];
            used.Add(color);
            result.Add(color);
        }

        return result;
    }

    /// <summary>The Euclidean distance of two colours' RGB components (0–441).</summary>
    public static double Distance(string a, string b) =>
        Rgb(a) is { } x && Rgb(b) is { } y ? Distance(x, y) : double.PositiveInfinity;

    private static double Distance((int R, int G, int B) a, (int R, int G, int B) b) =>
        Math.Sqrt(((a.R - b.R) * (a.R - b.R)) + ((a.G - b.G) * (a.G - b.G)) + ((a.B - b.B) * (a.B - b.B)));

    private static (int R, int G, int B)? Rgb(string? color)
    {
        if (!HexColor.IsValid(color))
        {
            return null;
        }

        // #RGB stands for #RRGGBB.
        var hex = color!.Length == 4 ? string.Concat(color.Skip(1).Select(c => $"{c}{c}")) : color[1..];
        int Part(int i) => int.Parse(hex.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (Part(0), Part(1), Part(2));
    }
}

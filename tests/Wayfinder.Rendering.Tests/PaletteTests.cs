namespace Wayfinder.Rendering.Tests;

using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;

/// <summary>Every pairing of text colour and background the renderings use passes WCAG AA (4.5:1).</summary>
public sealed class PaletteTests
{
    /// <summary>Each pairing once: xunit reports rows that repeat another as duplicate test ids.</summary>
    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (text, background) in AllPairs().Distinct())
        {
            data.Add(text, background);
        }

        return data;
    }

    [Fact]
    public void EveryPairingIsCheckedOnce()
    {
        var rows = Pairs().Select(row => ((string)row[0], (string)row[1])).ToList();
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(AllPairs().Distinct().Count(), rows.Count);
    }

    private static List<(string Text, string Background)> AllPairs()
    {
        var data = new List<(string, string)>();
        foreach (var type in Enum.GetValues<LaneType>())
        {
            data.Add((Palette.Ink, Palette.CardFill(type)));
            data.Add((Palette.InkMuted, Palette.CardFill(type)));
        }

        foreach (var status in new KpiStatus?[] { KpiStatus.Meets, KpiStatus.Exceeds, KpiStatus.DoesNotMeet, null })
        {
            var (fill, text, _) = Palette.KpiStatus(status);
            data.Add((text, fill));
        }

        foreach (var quadrant in Enum.GetValues<Quadrant>())
        {
            data.Add((Palette.Paper, MapLayoutBuilder.QuadrantColor(quadrant)));
        }

        foreach (var cls in Enum.GetValues<NeedClass>())
        {
            var (fill, text) = DecisionCharts.ClassColor(cls);
            data.Add((text, fill));
        }

        data.Add((Palette.Paper, Palette.Band));
        data.Add((Palette.Paper, Palette.BandAlt));
        data.Add(("#C9DAEA", Palette.BandAlt));
        data.Add(("#E6EEF6", Palette.BandAlt));
        data.Add((Palette.Band, Palette.Paper));
        data.Add((Palette.Ink, Palette.Orange));
        data.Add((Palette.Paper, Palette.InkMuted));
        data.Add((Palette.Paper, Palette.Blue));
        data.Add((Palette.Paper, Palette.PurpleText));
        data.Add((Palette.GreenText, "#DDF1E9"));
        data.Add((Palette.BlueText, "#DCEBF6"));
        data.Add((Palette.VermillionText, "#FBE3D3"));
        data.Add((Palette.BlueText, Palette.Paper));
        data.Add((Palette.OrangeText, Palette.CardFill(LaneType.Roles)));
        data.Add((Palette.InkMuted, Palette.Canvas));
        data.Add((Palette.InkMuted, "#E8EEF5"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void TextPassesWcagAa(string text, string background) =>
        Assert.True(Contrast(text, background) >= 4.5, $"{text} on {background}: {Contrast(text, background):0.00}");

    [Fact]
    public void ContrastMatchesTheWcagFormula()
    {
        // Black on white is (1 + 0.05) / (0 + 0.05) = 21.
        Assert.Equal(21, Contrast("#000000", "#FFFFFF"), 6);
        Assert.Equal(1, Contrast("#777777", "#777777"), 6);
    }

    [Fact]
    public void UserColoursAreUsedOnlyWhenTheyArePlainHex()
    {
        Assert.Equal("#CC79A7", Palette.Safe("#CC79A7", "#000000"));
        Assert.Equal("#abc", Palette.Safe("#abc", "#000000"));
        Assert.Equal("#000000", Palette.Safe("red\" onload=\"x", "#000000"));
        Assert.Equal("#000000", Palette.Safe("url(#x)", "#000000"));
        Assert.Equal("#000000", Palette.Safe(null, "#000000"));
    }

    private static double Contrast(string a, string b)
    {
        static double Luminance(string hex)
        {
            double Channel(int i)
            {
                var c = Convert.ToInt32(hex.Substring(1 + (2 * i), 2), 16) / 255.0;
                return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }

            return (0.2126 * Channel(0)) + (0.7152 * Channel(1)) + (0.0722 * Channel(2));
        }

        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }
}

namespace Wayfinder.Rendering.Tests;

using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;

public sealed class TextWrapperTests
{
    /// <summary>Every character is half the font size wide, so widths are easy to count by hand.</summary>
    private sealed class HalfEm : ITextMeasurer
    {
        public float Measure(string text, float size, FontStyleKind style = FontStyleKind.Regular) => text.Length * size / 2;
    }

    [Fact]
    public void WrapsAtSpacesGreedily()
    {
        // Size 10 → 5 units a character; width 50 → 10 characters a line. "the quick" is 9 (45), adding " brown" would make 15.
        var lines = TextWrapper.Wrap("the quick brown fox jumps", 50, 10, FontStyleKind.Regular, new HalfEm());

        Assert.Equal(["the quick", "brown fox", "jumps"], lines);
    }

    [Fact]
    public void AWordLongerThanTheLineBreaksBetweenCharacters()
    {
        // 25 letters at 5 units in 50: 10 + 10 + 5; the rest of the text continues on the last piece's line when it fits.
        var lines = TextWrapper.Wrap("abcdefghijklmnopqrstuvwxy z", 50, 10, FontStyleKind.Regular, new HalfEm());

        Assert.Equal(["abcdefghij", "klmnopqrst", "uvwxy z"], lines);
    }

    [Fact]
    public void AnIdLongerThanTheLineBreaksAfterItsHyphensNeverMidWord()
    {
        // 12 characters a line. "digital-department-with-long-name" (33) in parts "digital-" (8), "department-" (11),
        // "with-" (5), "long-" (5), "name" (4): each line takes the parts that fit whole.
        var lines = TextWrapper.Wrap("digital-department-with-long-name", 60, 10, FontStyleKind.Regular, new HalfEm());

        Assert.Equal(["digital-", "department-", "with-long-", "name"], lines);

        // At 10 a line "department-" alone is too wide: only that part is cut between characters.
        lines = TextWrapper.Wrap("digital-department-with-long-name", 50, 10, FontStyleKind.Regular, new HalfEm());
        Assert.Equal(["digital-", "department", "-with-", "long-name"], lines);
    }

    [Fact]
    public void HyphenPartsPackGreedilyAndKeepTheBreakCharacter()
    {
        // "owner-cx/team_lead-x": parts "owner-" (6), "cx/" (3), "team_" (5), "lead-" (5), "x" (1); 10 a line.
        var lines = TextWrapper.Wrap("owner-cx/team_lead-x", 50, 10, FontStyleKind.Regular, new HalfEm());

        Assert.Equal(["owner-cx/", "team_lead-", "x"], lines);
        Assert.Equal(["-a-", "b"], TextWrapper.HyphenParts("-a-b"));
        Assert.Equal(["abc"], TextWrapper.HyphenParts("abc"));
    }

    [Fact]
    public void KeepsLineBreaksDropsControlCharactersAndExtraSpaces()
    {
        var lines = TextWrapper.Wrap("one  two\nthree\u0001 four\r\n", 100, 10, FontStyleKind.Regular, new HalfEm());

        Assert.Equal(["one two", "three four"], lines);
    }

    [Fact]
    public void AWordThatExactlyFitsStaysWhole()
    {
        Assert.Equal(["abcdefghij"], TextWrapper.Wrap("abcdefghij", 50, 10, FontStyleKind.Regular, new HalfEm()));
        Assert.Equal(["abcdefghij", "k"], TextWrapper.Wrap("abcdefghijk", 50, 10, FontStyleKind.Regular, new HalfEm()));
    }

    [Fact]
    public void RealDejaVuMetricsWrapExactlyAtTheMeasuredWidth()
    {
        var m = DejaVuMeasurer.Instance;
        Assert.Equal("DejaVu Sans", m.ResolvedFamily);

        // The width of "Hidden fees at" fits those three words and not one more.
        var width = m.Measure("Hidden fees at", 12);
        Assert.Equal(["Hidden fees at", "checkout"], TextWrapper.Wrap("Hidden fees at checkout", width, 12));
        Assert.Equal(["Hidden fees", "at checkout"], TextWrapper.Wrap("Hidden fees at checkout", width - 0.01f, 12));

        // DejaVu Sans advances in font units of 2048 per em ("i" 569, "W" 2025, space 651), unhinted as Svg.Skia draws them.
        Assert.Equal(569 * 20f / 2048, m.Measure("i", 20), 3);
        Assert.Equal(2025 * 20f / 2048, m.Measure("W", 20), 3);
        Assert.Equal(651 * 20f / 2048, m.Measure(" ", 20), 3);
    }

    [Fact]
    public void NoCardLineIsWiderThanItsCardAndNoCardLeavesItsCell()
    {
        var journey = TestJourneys.Map(15, longTexts: true) with { Title = new string('W', 400) };
        var layout = JourneyMapRenderer.Layout(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today));

        Assert.NotEmpty(layout.Cards);
        foreach (var card in layout.Cards)
        {
            Assert.True(card.TextWidth < card.Width);
            Assert.All(card.Lines, line => Assert.True(DejaVuMeasurer.Instance.Measure(line, MapLayoutBuilder.BodySize) <= card.TextWidth, $"'{line}' overflows {card.TextWidth}"));
            var column = layout.Stages.Single(s => s.StageId == card.StageId);
            Assert.InRange(card.X, column.X, column.X + column.Width);
            Assert.InRange(card.X + card.Width, column.X, column.X + column.Width);
            var row = layout.Lanes.Single(l => l.LaneId == card.LaneId);
            Assert.InRange(card.Y, row.Y, row.Y + row.Height);
            Assert.InRange(card.Y + card.Height, row.Y, row.Y + row.Height);
        }

        // Every text line of the scene stays inside the drawing.
        foreach (var text in layout.Scene.Shapes.OfType<TextShape>().Where(t => t.Anchor == "start"))
        {
            Assert.True(text.X + DejaVuMeasurer.Instance.Measure(text.Text, text.Size, text.Style) <= layout.Width, $"'{text.Text}' runs off the page");
        }
    }

    [Fact]
    public void RowsGrowToTheTallestCell()
    {
        var journey = TestJourneys.Map(15, longTexts: true);
        var layout = JourneyMapRenderer.Layout(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today));

        // A row is never shorter than its tallest cell plus padding; where that cell is the tallest thing in the row
        // (the actions lane's long text), it is exactly that tall.
        foreach (var row in layout.Lanes.Where(r => layout.Cards.Any(c => c.LaneId == r.LaneId)))
        {
            var bottom = layout.Cards.Where(c => c.LaneId == row.LaneId).Max(c => c.Y + c.Height);
            Assert.True(bottom + MapLayoutBuilder.CellPad <= row.Y + row.Height + 0.01f);
        }

        var actions = layout.Lanes.Single(l => l.LaneId == "actions");
        var tallest = layout.Cards.Where(c => c.LaneId == "actions").Max(c => c.Y + c.Height);
        Assert.Equal(actions.Y + actions.Height, tallest + MapLayoutBuilder.CellPad, 2);
        Assert.True(actions.Height > 100);
    }
}

namespace Wayfinder.Web.Components.Tests.Editor;

using Microsoft.AspNetCore.Components.Web;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Components.Editor;

/// <summary>
/// The emotion editor: pixels map to scores exactly (24 px margin, 30 px a point, so +2 is at y 24, 0 at y 84, −2 at
/// y 144; columns are 120 px wide), by dragging, typing and arrow keys, always within −2…+2.
/// </summary>
public sealed class EmotionEditorTests : BunitContext
{
    private readonly List<ScoreChange> _changes = [];

    private static readonly Stage[] s_stages = [new() { Id = "aware", Name = "Aware" }, new() { Id = "book", Name = "Book" }, new() { Id = "fly", Name = "Fly" }];

    private static Lane Emotions() => new()
    {
        Id = "emotion",
        Type = LaneType.Emotion,
        Items = [new LaneItem { Id = "e1", Stage = "aware", Score = -1 }, new LaneItem { Id = "e2", Stage = "book", Score = 2 }],
    };

    private IRenderedComponent<EmotionEditor> Editor(bool readOnly = false) => Render<EmotionEditor>(p => p
        .Add(e => e.Stages, s_stages)
        .Add(e => e.Lane, Emotions())
        .Add(e => e.ReadOnly, readOnly)
        .Add(e => e.OnScore, (ScoreChange c) => _changes.Add(c)));

    [Theory]
    [InlineData(24, 2)]
    [InlineData(84, 0)]
    [InlineData(144, -2)]
    [InlineData(69, 0.5)] // 2 − 45/30 = 0.5
    [InlineData(62, 0.5)] // 2 − 38/30 = 0.73…, nearest half point 0.5
    [InlineData(77, 0)] // 0.23… rounds to 0
    [InlineData(0, 2)] // above the chart: clamped
    [InlineData(400, -2)] // below the chart: clamped
    public void A_height_maps_to_a_score_to_the_nearest_half_point(double y, double score) =>
        Assert.Equal(score, EmotionEditor.ScoreAt(y));

    [Fact]
    public void Dragging_in_a_column_sets_that_stage_once_on_release()
    {
        var cut = Editor();
        var chart = cut.Find("svg");

        chart.PointerDown(new PointerEventArgs { OffsetX = 130, OffsetY = 24 });
        cut.Find("svg").PointerMove(new PointerEventArgs { OffsetX = 135, OffsetY = 100 });
        cut.Find("svg").PointerMove(new PointerEventArgs { OffsetX = 135, OffsetY = 129 });
        Assert.Equal("-1.5", cut.Find("circle[data-stage='book']").GetAttribute("aria-valuenow"));
        cut.Find("svg").PointerUp(new PointerEventArgs { OffsetX = 135, OffsetY = 129 });

        Assert.Equal([new ScoreChange("book", -1.5)], _changes);
    }

    [Fact]
    public void Dragging_where_a_stage_has_no_point_yet_gives_it_one()
    {
        var cut = Editor();

        cut.Find("svg").PointerDown(new PointerEventArgs { OffsetX = 250, OffsetY = 54 });
        cut.Find("svg").PointerUp(new PointerEventArgs { OffsetX = 250, OffsetY = 54 });

        Assert.Equal([new ScoreChange("fly", 1)], _changes);
    }

    [Fact]
    public void Typing_a_score_sets_it_clamped()
    {
        var cut = Editor();

        cut.Find("input[data-stage='aware']").Change("1.5");
        cut.Find("input[data-stage='aware']").Change("7");
        cut.Find("input[data-stage='fly']").Change("-9");

        Assert.Equal([new ScoreChange("aware", 1.5), new ScoreChange("aware", 2), new ScoreChange("fly", -2)], _changes);
    }

    [Fact]
    public void Arrow_keys_move_a_point_by_one_and_stop_at_the_ends()
    {
        var cut = Editor();

        cut.Find("circle[data-stage='aware']").KeyDown(new KeyboardEventArgs { Key = "ArrowUp" });
        cut.Find("circle[data-stage='aware']").KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        cut.Find("circle[data-stage='book']").KeyDown(new KeyboardEventArgs { Key = "ArrowUp" });
        cut.Find("circle[data-stage='book']").KeyDown(new KeyboardEventArgs { Key = "Home" });

        Assert.Equal([new ScoreChange("aware", 0), new ScoreChange("aware", -2), new ScoreChange("book", -2)], _changes);
    }

    [Fact]
    public void Points_sit_at_their_score_and_read_only_nothing_changes()
    {
        var cut = Editor(readOnly: true);

        Assert.Equal("114", cut.Find("circle[data-stage='aware']").GetAttribute("cy"));
        Assert.Equal("24", cut.Find("circle[data-stage='book']").GetAttribute("cy"));
        Assert.Equal("180", cut.Find("circle[data-stage='book']").GetAttribute("cx"));
        cut.Find("svg").PointerDown(new PointerEventArgs { OffsetX = 10, OffsetY = 24 });
        cut.Find("svg").PointerUp(new PointerEventArgs { OffsetX = 10, OffsetY = 24 });
        cut.Find("circle[data-stage='aware']").KeyDown(new KeyboardEventArgs { Key = "ArrowUp" });

        Assert.Empty(_changes);
    }

    [Fact]
    public void Setting_a_score_changes_the_stage_point_or_adds_one()
    {
        var journey = new Journey { Id = "j", Title = "J", Stages = [.. s_stages], Lanes = [Emotions()] };

        var changed = JourneyEdits.SetScore(JourneyEdits.SetScore(journey, "emotion", "aware", 1.5), "emotion", "fly", -3);

        var items = changed.Lanes[0].Items;
        Assert.Equal([("e1", "aware", 1.5), ("e2", "book", 2.0), ("emotion-fly", "fly", -2.0)], items.Select(i => (i.Id!, i.Stage, i.Score!.Value)));
        Assert.Equal(-1, journey.Lanes[0].Items[0].Score);
    }
}

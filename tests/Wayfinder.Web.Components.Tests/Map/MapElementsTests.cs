namespace Wayfinder.Web.Components.Tests.Map;

using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Store;
using Wayfinder.Web.Components.Map;

/// <summary>The map page's elements list and the periods of the cut selector.</summary>
public sealed class MapElementsTests
{
    [Fact]
    public void Elements_are_stages_with_their_steps_then_lanes_with_their_cards()
    {
        var journey = new Journey
        {
            Id = "j",
            Title = "J",
            Stages = [new Stage { Id = "book", Name = "Book", Steps = [new Step { Id = "pick", Name = "Pick a seat" }] }, new Stage { Id = "fly", Name = "Fly" }],
            Lanes = [new Lane { Id = "touch", Type = LaneType.Touchpoints, Items = [new LaneItem { Id = "app", Stage = "book", Text = "App" }, new LaneItem { Stage = "fly", Text = "no id" }] }],
        };

        var elements = MapElements.Of(journey);

        Assert.Equal(["book:stage", "pick:step", "fly:stage", "touch:lane", "app:touchpoint"], elements.Select(e => $"{e.Id}:{e.Kind}"));
        Assert.Equal("App", elements[^1].Label);
    }

    [Fact]
    public void Periods_are_the_years_then_the_quarters_the_events_cover_newest_first()
    {
        // 2025-11-20 to 2026-04-02: years 2026, 2025; quarters 2026-Q2 back to 2025-Q4.
        static long Micros(DateTime t) => (t - DateTime.UnixEpoch).Ticks / 10;
        var summary = new EventSummary(10, 3, Micros(new DateTime(2025, 11, 20)), Micros(new DateTime(2026, 4, 2)), []);

        Assert.Equal(["2026", "2025", "2026-Q2", "2026-Q1", "2025-Q4"], MapElements.Periods(summary));
        Assert.Empty(MapElements.Periods(EventSummary.Empty));
    }
}

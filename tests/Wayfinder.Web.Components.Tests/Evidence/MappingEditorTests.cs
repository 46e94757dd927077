namespace Wayfinder.Web.Components.Tests.Evidence;

using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;
using Wayfinder.Web.Components.Evidence;

/// <summary>The data mapping editor: the counts the engine gives for each touchpoint, the unmapped events, and its edits.</summary>
public sealed class MappingEditorTests : BunitContext
{
    // The rows of tests/Wayfinder.Web.Tests/Evidence/first-flight-events.csv.
    private const string Events = """
        customer_id,timestamp,event,channel
        c1,2026-10-01T09:00:00Z,fare_search,web
        c1,2026-10-02T10:00:00Z,booking_started,web
        c1,2026-10-02T10:06:00Z,booking_completed,web
        c1,2026-10-10T08:00:00Z,pretrip_email_opened,email
        c2,2026-10-03T09:00:00Z,fare_search,web
        c2,2026-10-04T12:00:00Z,booking_completed,web
        c3,2026-10-05T09:00:00Z,fare_search_referral,search
        c3,2026-10-05T09:01:00Z,fare_search,web
        c4,2026-10-06T09:00:00Z,page_view,web
        c4,2026-10-06T09:00:40Z,fare_search,web
        """;

    private static Journey Flight => new()
    {
        Id = "flight",
        Title = "First flight",
        Stages = [new Stage { Id = "plan", Name = "Plan" }, new Stage { Id = "book", Name = "Book" }],
        Lanes =
        [
            new Lane
            {
                Id = "touchpoints",
                Type = LaneType.Touchpoints,
                Items =
                [
                    new LaneItem { Id = "tp-finder", Stage = "plan", Text = "Fare finder", Events = ["fare_search"] },
                    new LaneItem { Id = "tp-search", Stage = "plan", Text = "Any search", Events = ["fare_search*"] },
                    new LaneItem { Stage = "book", Text = "Booking", Channel = "web", Events = ["booking_*"] },
                ],
            },
        ],
    };

    [Fact]
    public async Task The_engine_counts_each_touchpoint_the_first_claimant_winning_and_lists_the_events_none_names()
    {
        var counts = await CountAsync(Flight);

        // fare_search: 4 rows of c1..c4, claimed by tp-finder first; fare_search_referral: c3's one row, left to tp-search;
        // booking_*: c1's two rows and c2's one.
        Assert.Equal(new TouchpointCount(4, 4), counts.Of("tp-finder"));
        Assert.Equal(new TouchpointCount(1, 1), counts.Of("tp-search"));
        Assert.Equal(new TouchpointCount(3, 2), counts.Of("touchpoints-3"));
        Assert.Equal([new EventNameCount("page_view", 1), new EventNameCount("pretrip_email_opened", 1)], counts.Unmapped);
        Assert.Equal(10, counts.Events);
    }

    [Fact]
    public async Task The_editor_shows_the_exact_counts_of_each_touchpoint()
    {
        var counts = await CountAsync(Flight);

        var cut = Render<MappingEditor>(p => p.Add(e => e.Journey, Flight).Add(e => e.Counts, counts).Add(e => e.CanEdit, true));

        Assert.Equal(["4", "1", "3"], cut.FindAll("tr[data-touchpoint] td.events").Select(td => td.TextContent).ToList());
        Assert.Equal(["4", "1", "2"], cut.FindAll("tr[data-touchpoint] td.customers").Select(td => td.TextContent).ToList());
        Assert.Equal(["page_view", "pretrip_email_opened"], cut.FindAll("tr[data-event]").Select(tr => tr.GetAttribute("data-event")).ToList());
    }

    [Fact]
    public void Map_to_adds_the_event_to_the_chosen_touchpoint()
    {
        Journey? changed = null;
        var counts = new MappingCounts(new Dictionary<string, TouchpointCount>(), [new EventNameCount("page_view", 1)], 10);
        var cut = Render<MappingEditor>(p => p.Add(e => e.Journey, Flight).Add(e => e.Counts, counts).Add(e => e.CanEdit, true)
            .Add(e => e.OnChange, j => changed = j));

        cut.Find("select[aria-label='Touchpoint to map page_view to']").Change("tp-search");
        cut.Find("button[aria-label='Map page_view']").Click();

        Assert.NotNull(changed);
        Assert.Equal(["fare_search*", "page_view"], changed.Lanes[0].Items[1].Events.Select(e => e.Name).ToList());
        Assert.Equal(["fare_search"], changed.Lanes[0].Items[0].Events.Select(e => e.Name).ToList());
    }

    [Fact]
    public void An_event_with_a_condition_is_added_and_one_is_removed()
    {
        Journey? changed = null;
        var cut = Render<MappingEditor>(p => p.Add(e => e.Journey, Flight).Add(e => e.CanEdit, true).Add(e => e.OnChange, j => changed = j));

        cut.Find("button[aria-label='Add an event to Booking']").Click();
        cut.Find("input[aria-label='Event name or pattern for Booking']").Input("checkout_done");
        cut.Find("input[aria-label='Condition for Booking (optional)']").Input("plan = \"pro\"");
        cut.FindAll("button").Single(b => b.TextContent == "Add").Click();

        Assert.Equal([new EventMatcher { Name = "booking_*" }, new EventMatcher { Name = "checkout_done", Where = "plan = \"pro\"" }], changed!.Lanes[0].Items[2].Events);

        cut.Find("button[aria-label='Remove fare_search from Fare finder']").Click();
        Assert.Empty(changed.Lanes[0].Items[0].Events);
    }

    [Fact]
    public void A_condition_that_cannot_be_read_is_refused_in_place_and_changes_nothing()
    {
        Journey? changed = null;
        var cut = Render<MappingEditor>(p => p.Add(e => e.Journey, Flight).Add(e => e.CanEdit, true).Add(e => e.OnChange, j => changed = j));

        cut.Find("button[aria-label='Add an event to Booking']").Click();
        cut.Find("input[aria-label='Event name or pattern for Booking']").Input("checkout_done");
        cut.Find("input[aria-label='Condition for Booking (optional)']").Input("plan = ");
        cut.FindAll("button").Single(b => b.TextContent == "Add").Click();

        Assert.Null(changed);
        Assert.StartsWith("The condition cannot be read at column ", cut.Find(".field-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("input[aria-label='Condition for Booking (optional)']").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void A_viewer_sees_the_mapping_and_counts_without_edit_controls()
    {
        var cut = Render<MappingEditor>(p => p.Add(e => e.Journey, Flight).Add(e => e.CanEdit, false)
            .Add(e => e.Counts, new MappingCounts(new Dictionary<string, TouchpointCount>(), [new EventNameCount("<img src=x onerror=alert(1)>", 2)], 2)));

        Assert.Empty(cut.FindAll("button"));
        Assert.Empty(cut.FindAll("select"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Equal("<img src=x onerror=alert(1)>", cut.Find("tr[data-event] code").TextContent);
    }

    private static async Task<MappingCounts> CountAsync(Journey journey)
    {
        var folder = Directory.CreateTempSubdirectory("wayfinder-mapping-").FullName;
        try
        {
            var file = Path.Combine(folder, "events.csv");
            await File.WriteAllTextAsync(file, Events.ReplaceLineEndings("\n") + "\n");
            var store = new EventStore(Path.Combine(folder, "store"));
            var report = await store.ImportAsync(file, new EventImportOptions());
            Assert.True(report.Succeeded, report.Error);
            return await MappingCounts.CountAsync(store, journey);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

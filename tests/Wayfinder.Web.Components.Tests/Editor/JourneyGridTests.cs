namespace Wayfinder.Web.Components.Tests.Editor;

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Components.Editor;

/// <summary>The journey grid by keyboard and mouse: each action raises exactly one change with the resulting journey.</summary>
public sealed class JourneyGridTests : BunitContext
{
    private readonly List<JourneyChange> _changes = [];
    private readonly List<string?> _selections = [];

    public JourneyGridTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    private static Journey Sample() => new()
    {
        Id = "trip",
        Title = "Trip",
        Stages =
        [
            new Stage { Id = "aware", Name = "Aware" },
            new Stage { Id = "book", Name = "Book", Steps = [new Step { Id = "pick", Name = "Pick a fare" }] },
            new Stage { Id = "fly", Name = "Fly", LoopsTo = "book" },
        ],
        Lanes =
        [
            new Lane { Id = "actions", Type = LaneType.Actions, Items = [new LaneItem { Id = "action-1", Stage = "book", Text = "Compares fares" }] },
            new Lane { Id = "pain-points", Type = LaneType.PainPoints },
        ],
    };

    private IRenderedComponent<JourneyGrid> Grid(Journey? journey = null, bool readOnly = false) => Render<JourneyGrid>(p => p
        .Add(g => g.Journey, journey ?? Sample())
        .Add(g => g.ReadOnly, readOnly)
        .Add(g => g.OnChange, (JourneyChange c) => _changes.Add(c))
        .Add(g => g.SelectionChanged, (string? s) => _selections.Add(s)));

    private static KeyboardEventArgs Key(string key, bool alt = false) => new() { Key = key, AltKey = alt };

    private JourneyChange Single()
    {
        Assert.Single(_changes);
        return _changes[0];
    }

    [Fact]
    public void Alt_right_moves_a_stage_one_place_right()
    {
        var cut = Grid();

        cut.Find("th[data-key='stage:aware']").KeyDown(Key("ArrowRight", alt: true));

        var change = Single();
        Assert.Equal(["book", "aware", "fly"], change.Journey.Stages.Select(s => s.Id));
        Assert.Equal("move stage Aware right", change.What);
    }

    [Fact]
    public void Alt_left_on_the_first_stage_changes_nothing()
    {
        var cut = Grid();

        cut.Find("th[data-key='stage:aware']").KeyDown(Key("ArrowLeft", alt: true));

        Assert.Empty(_changes);
    }

    [Fact]
    public void A_stage_is_added_by_keyboard_with_an_id_from_its_name()
    {
        var cut = Grid();

        cut.Find("th.add-column button").Click();
        cut.Find("input[aria-label='New stage name']").Input("Pay & go");
        cut.Find("input[aria-label='New stage name']").KeyDown(Key("Enter"));

        var change = Single();
        Assert.Equal(["aware", "book", "fly", "pay-go"], change.Journey.Stages.Select(s => s.Id));
        Assert.Equal("Pay & go", change.Journey.Stages[3].Name);
        Assert.Empty(change.Journey.Stages[3].Steps);
        Assert.Equal("add stage Pay & go", change.What);
    }

    [Fact]
    public void Enter_renames_a_stage_and_enter_again_keeps_the_name()
    {
        var cut = Grid();

        cut.Find("th[data-key='stage:book']").KeyDown(Key("Enter"));
        var input = cut.Find("input[aria-label='Stage name']");
        Assert.Equal("Book", input.GetAttribute("value"));
        input.Input("Booking");
        cut.Find("input[aria-label='Stage name']").KeyDown(Key("Enter"));

        var change = Single();
        Assert.Equal(["Aware", "Booking", "Fly"], change.Journey.Stages.Select(s => s.Name));
        Assert.Equal(["aware", "book", "fly"], change.Journey.Stages.Select(s => s.Id));
        Assert.Equal("rename stage Booking", change.What);
        Assert.Empty(cut.FindAll("input[aria-label='Stage name']"));
    }

    [Fact]
    public void Escape_cancels_a_rename()
    {
        var cut = Grid();

        cut.Find("th[data-key='stage:book']").KeyDown(Key("F2"));
        cut.Find("input[aria-label='Stage name']").Input("Something else");
        cut.Find("input[aria-label='Stage name']").KeyDown(Key("Escape"));

        Assert.Empty(_changes);
        Assert.Equal("Book", cut.Find("th[data-key='stage:book'] .stage-name").TextContent);
    }

    [Fact]
    public void Delete_removes_a_stage_with_its_cards_and_the_loops_back_to_it()
    {
        var cut = Grid();

        cut.Find("th[data-key='stage:book']").KeyDown(Key("Delete"));

        var change = Single();
        Assert.Equal(["aware", "fly"], change.Journey.Stages.Select(s => s.Id));
        Assert.Null(change.Journey.Stages[1].LoopsTo);
        Assert.Empty(change.Journey.Lanes[0].Items);
        Assert.Equal("delete stage Book", change.What);
    }

    [Fact]
    public void Alt_down_moves_a_lane_and_delete_removes_one()
    {
        var cut = Grid();

        cut.Find("th[data-key='lane:actions']").KeyDown(Key("ArrowDown", alt: true));
        cut.Find("th[data-key='lane:pain-points']").KeyDown(Key("Delete"));

        Assert.Equal(2, _changes.Count);
        Assert.Equal(["pain-points", "actions"], _changes[0].Journey.Lanes.Select(l => l.Id));
        Assert.Equal("move lane Actions down", _changes[0].What);
        Assert.Equal(["actions"], _changes[1].Journey.Lanes.Select(l => l.Id));
        Assert.Equal("delete lane Pain points", _changes[1].What);
    }

    [Fact]
    public void A_lane_is_renamed_by_keyboard_and_added_from_the_list_of_kinds()
    {
        var cut = Grid();

        cut.Find("th[data-key='lane:actions']").KeyDown(Key("Enter"));
        cut.Find("input[aria-label='Lane name']").Input("What they do");
        cut.Find("input[aria-label='Lane name']").KeyDown(Key("Enter"));
        cut.Find("#new-lane-type").Change(LaneType.Kpis.ToString());
        cut.Find(".add-lane button").Click();

        Assert.Equal(2, _changes.Count);
        Assert.Equal("What they do", _changes[0].Journey.Lanes[0].Name);
        Assert.Equal(LaneType.Actions, _changes[0].Journey.Lanes[0].Type);
        var added = _changes[1].Journey.Lanes[2];
        Assert.Equal(("kpis", LaneType.Kpis, (string?)null), (added.Id, added.Type, added.Name));
        Assert.Equal("add lane KPIs", _changes[1].What);
    }

    [Fact]
    public void A_card_is_edited_in_place_by_click_and_enter()
    {
        var cut = Grid();

        cut.Find("[data-key='item:action-1']").Click();
        cut.Find("textarea[aria-label='Card text']").Input("Compares fares on two sites");
        cut.Find("textarea[aria-label='Card text']").KeyDown(Key("Enter"));

        var change = Single();
        var item = Assert.Single(change.Journey.Lanes[0].Items);
        Assert.Equal(("action-1", "book", (string?)null, "Compares fares on two sites"), (item.Id, item.Stage, item.Step, item.Text));
        Assert.Equal("edit card text", change.What);
        Assert.Equal(["action-1"], _selections);
    }

    [Fact]
    public void A_card_is_added_to_a_cell_and_selected()
    {
        var cut = Grid();

        cut.Find("button[aria-label='Add a card to Pain points in Fly']").Click();
        cut.Find("textarea[aria-label='New card in Pain points, Fly']").Input("Seat too small");
        cut.Find("textarea[aria-label='New card in Pain points, Fly']").KeyDown(Key("Enter"));

        var change = Single();
        var item = Assert.Single(change.Journey.Lanes[1].Items);
        Assert.Equal(("pain-fly-seat-too-small", "fly", "Seat too small"), (item.Id, item.Stage, item.Text));
        Assert.Equal(["pain-fly-seat-too-small"], _selections);
    }

    [Fact]
    public void A_step_is_added_and_moved_by_keyboard()
    {
        var cut = Grid();

        cut.Find("button[aria-label='Add a step to Book']").Click();
        cut.Find("input[aria-label='New step in Book']").Input("Pay");
        cut.Find("input[aria-label='New step in Book']").KeyDown(Key("Enter"));
        cut.Find("[data-key='step:pick']").KeyDown(Key("ArrowRight", alt: true));

        Assert.Equal(2, _changes.Count);
        Assert.Equal(["pick", "pay"], _changes[0].Journey.Stages[1].Steps.Select(s => s.Id));
        Assert.Equal("add step Pay", _changes[0].What);
        Assert.Equal("move step Pick a fare right", _changes[1].What);
    }

    [Fact]
    public void Read_only_it_offers_no_editing_and_ignores_keys()
    {
        var cut = Grid(readOnly: true);

        cut.Find("th[data-key='stage:aware']").KeyDown(Key("ArrowRight", alt: true));
        cut.Find("th[data-key='stage:aware']").KeyDown(Key("Delete"));

        Assert.Empty(_changes);
        Assert.Empty(cut.FindAll("button"));
        Assert.Null(cut.Find("th[data-key='stage:aware']").GetAttribute("draggable"));
    }

    [Fact]
    public void Markup_in_a_stage_name_or_card_shows_as_text()
    {
        const string Payload = "<img src=x onerror=alert(1)>";
        var journey = Sample() with
        {
            Stages = [new Stage { Id = "aware", Name = Payload }],
            Lanes = [new Lane { Id = "actions", Type = LaneType.Actions, Items = [new LaneItem { Id = "a", Stage = "aware", Text = Payload }] }],
        };

        var cut = Grid(journey);

        Assert.Empty(cut.FindAll("img"));
        Assert.Equal(Payload, cut.Find(".stage-name").TextContent);
        Assert.Equal(Payload, cut.Find(".card-text").TextContent);
    }

    [Fact]
    public void Problems_are_marked_on_the_element_they_name()
    {
        var cut = Render<JourneyGrid>(p => p
            .Add(g => g.Journey, Sample())
            .Add(g => g.ProblemsById, new Dictionary<string, IReadOnlyList<string>> { ["action-1"] = ["text is too long"] }));

        var card = cut.Find("[data-key='item:action-1']");
        Assert.Contains("has-problem", card.ClassList);
        Assert.Equal("Problem: text is too long", card.QuerySelector(".problem-mark")!.GetAttribute("aria-label"));
        Assert.Single(cut.FindAll(".problem-mark"));
    }
}

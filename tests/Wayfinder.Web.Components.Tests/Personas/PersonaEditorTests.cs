namespace Wayfinder.Web.Components.Tests.Personas;

using System.Text.Json;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Workspaces;
using Wayfinder.Web.Components.Personas;

/// <summary>The persona editor's lists: add, change, reorder and remove items, each edit handed out, the result exact.</summary>
public sealed class PersonaEditorTests : BunitContext
{
    private static readonly WorkspaceConfig Config = new() { Name = "demo", Channels = [new Channel { Id = "app", Name = "Mobile app" }] };

    private Persona _persona = new() { Id = "maya", Title = "Maya", Goals = ["A", "B"], Needs = [new Need { Id = "n1", Text = "Fast", Importance = 3 }] };

    private readonly List<string> _edits = [];

    private IRenderedComponent<PersonaEditor> RenderEditor() =>
        Render<PersonaEditor>(p => p.Add(e => e.Value, _persona).Add(e => e.Config, Config).Add(e => e.OnEdit, (PersonaEdit edit) =>
        {
            // As the page does: the change is applied to a deep copy of what is shown.
            _persona = edit.Change(Wayfinder.Web.Components.Editing.EditSession<Persona>.Clone(_persona));
            _edits.Add(edit.What);
        }));

    private static string Json(Persona persona) => JsonSerializer.Serialize(persona, DocumentJson.Options);

    [Fact]
    public void Adding_changing_moving_and_removing_goals_gives_exactly_the_persona_expected()
    {
        var cut = RenderEditor();

        cut.FindAll("button").Single(b => b.TextContent == "+ Add goal").Click();
        cut.Render(p => p.Add(e => e.Value, _persona));
        cut.Find("input[aria-label='Goal 3']").Change("  C  ");
        cut.Render(p => p.Add(e => e.Value, _persona));
        cut.Find("input[aria-label='Goal 3 cites (evidence ids, separated by commas)']").Change("int-1, survey-q3, int-1");
        cut.Render(p => p.Add(e => e.Value, _persona));
        cut.Find("button[aria-label='Move goal 3 up']").Click();
        cut.Render(p => p.Add(e => e.Value, _persona));
        cut.Find("button[aria-label='Remove goal 1']").Click();

        var expected = new Persona
        {
            Id = "maya",
            Title = "Maya",
            Goals = [new Trait { Text = "C", Evidence = ["int-1", "survey-q3"] }, "B"],
            Needs = [new Need { Id = "n1", Text = "Fast", Importance = 3 }],
        };
        Assert.Equal(Json(expected), Json(_persona));
        Assert.Equal(["add a goal", "change goal 3", "change goal 3", "move goal 3 up", "remove goal 1"], _edits);
    }

    [Fact]
    public void A_need_gets_a_free_id_and_its_importance_and_attributes_their_keys()
    {
        var cut = RenderEditor();

        cut.FindAll("button").Single(b => b.TextContent == "+ Add need").Click();
        cut.Render(p => p.Add(e => e.Value, _persona));
        cut.Find("input[aria-label='Need 2']").Change("Cheap");
        cut.Render(p => p.Add(e => e.Value, _persona));
        cut.Find("select[aria-label='Need 2 importance']").Change("5");
        cut.Render(p => p.Add(e => e.Value, _persona));
        cut.FindAll("button").Single(b => b.TextContent == "+ Add attribute").Click();
        cut.Render(p => p.Add(e => e.Value, _persona));
        cut.Find("input[aria-label='Attribute 1 key']").Change("trips_per_year");
        cut.Render(p => p.Add(e => e.Value, _persona));
        cut.Find("input[aria-label='Attribute 1 value (Trips per year)']").Change("2");

        Assert.Equal([("n1", "Fast", 3), ("need-1", "Cheap", 5)], _persona.Needs.Select(n => (n.Id, n.Text, n.Importance)));
        Assert.Equal(new Dictionary<string, string> { ["trips_per_year"] = "2" }, _persona.Demographics!.Other);
    }

    [Fact]
    public void The_empathy_map_and_channels_are_edited_in_place()
    {
        var cut = RenderEditor();

        cut.FindAll("button").Single(b => b.TextContent == "+ Add feeling").Click();
        cut.Render(p => p.Add(e => e.Value, _persona));
        cut.Find("input[aria-label='Feeling 1']").Change("Nervous");
        cut.Render(p => p.Add(e => e.Value, _persona));
        cut.Find("input[type=checkbox]").Change(true);

        Assert.Equal(["Nervous"], _persona.EmpathyMap!.Feels.Select(t => t.Text));
        Assert.Empty(_persona.EmpathyMap.Says);
        Assert.Equal(["app"], _persona.Channels);
    }
}

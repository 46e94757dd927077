namespace Wayfinder.Web.Components.Tests;

using Wayfinder.Web.Components.Shared;

/// <summary>The shared pieces every page uses: text from users is shown as text, links are escaped for the path.</summary>
public sealed class SharedComponentsTests : BunitContext
{
    [Fact]
    public void A_notice_shows_markup_from_a_user_as_text()
    {
        var cut = Render<Notice>(p => p.Add(n => n.Kind, NoticeKind.Error).Add(n => n.Text, "<img src=x onerror=alert(1)>"));

        Assert.Empty(cut.FindAll("img"));
        Assert.Equal("<img src=x onerror=alert(1)>", cut.Find("p").TextContent);
        Assert.Equal("alert", cut.Find("div").GetAttribute("role"));
    }

    [Fact]
    public void An_empty_state_names_itself_by_its_title()
    {
        var cut = Render<EmptyState>(p => p.Add(e => e.Title, "No maps yet"));

        var heading = cut.Find("h2");
        Assert.Equal("No maps yet", heading.TextContent);
        Assert.Equal(heading.Id, cut.Find("section").GetAttribute("aria-labelledby"));
    }

    [Theory]
    [InlineData("demo", "first-flight", "/w/demo/journeys/first-flight")]
    [InlineData("a b", "x/y", "/w/a%20b/journeys/x%2Fy")]
    public void Links_escape_ids_for_the_path(string workspace, string id, string expected) =>
        Assert.Equal(expected, WorkspaceLinks.Journey(workspace, id));

    [Theory]
    [InlineData("demo", null, "/w/demo/value-gaps/new")]
    [InlineData("a b", "ana & co", "/w/a%20b/value-gaps/new?persona=ana%20%26%20co")]
    public void The_new_value_gap_link_names_its_persona_escaped(string workspace, string? persona, string expected) =>
        Assert.Equal(expected, WorkspaceLinks.NewValueGap(workspace, persona));

    [Fact]
    public void A_new_id_names_its_file_and_a_wrong_one_says_what_to_use()
    {
        string? typed = null;
        var cut = Render<NewIdField>(p => p.Add(f => f.InputId, "nv-id").Add(f => f.Folder, "value-gaps").Add(f => f.Value, "maya-needs")
            .Add(f => f.ValueChanged, (string id) => typed = id));

        Assert.Equal("false", cut.Find("#nv-id").GetAttribute("aria-invalid"));
        Assert.Equal("Lowercase letters, digits and dashes; it names the file value-gaps/maya-needs.yaml and never changes.", cut.Find("#nv-id-hint").TextContent);

        cut.Find("#nv-id").Input("  Maya's Needs ");
        Assert.Equal("Maya's Needs", typed);

        cut.Render(p => p.Add(f => f.Value, "Maya's Needs"));
        Assert.Equal("true", cut.Find("#nv-id").GetAttribute("aria-invalid"));
        Assert.Equal("error", cut.Find("#nv-id-hint").ClassName);
        Assert.Equal("“Maya's Needs” is not an id: use lowercase letters, digits and single dashes, e.g. maya-s-needs.", cut.Find("#nv-id-hint").TextContent);
        Assert.Null(NewIdField.Problem(""));
        Assert.Null(NewIdField.Problem("a-1"));
        Assert.NotNull(NewIdField.Problem("a--1"));
    }

    [Theory]
    [InlineData("w/demo/journeys/x", "demo")]
    [InlineData("w/a%20b", "a b")]
    [InlineData("w/demo?q=1", "demo")]
    [InlineData("account", null)]
    [InlineData("", null)]
    public void The_workspace_is_read_from_the_address(string path, string? expected) =>
        Assert.Equal(expected, WorkspaceLinks.WorkspaceOf(path));
}

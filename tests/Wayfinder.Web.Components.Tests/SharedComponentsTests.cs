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
    [InlineData("w/demo/journeys/x", "demo")]
    [InlineData("w/a%20b", "a b")]
    [InlineData("w/demo?q=1", "demo")]
    [InlineData("account", null)]
    [InlineData("", null)]
    public void The_workspace_is_read_from_the_address(string path, string? expected) =>
        Assert.Equal(expected, WorkspaceLinks.WorkspaceOf(path));
}

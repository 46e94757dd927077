namespace Wayfinder.Web.Components.Tests.Home;

using Wayfinder.Core.Documents;
using Wayfinder.Web.Components.Home;

/// <summary>The search results: grouped by document, the match marked by splitting the text, markup from users shown as text.</summary>
public sealed class SearchResultsTests : BunitContext
{
    [Fact]
    public void A_hit_is_marked_and_links_to_its_element()
    {
        var groups = WorkspaceSearch.Run([new Persona { Id = "maya", Title = "Maya", Pains = [new Trait { Id = "pain-queues", Text = "Fear of queues at security" }] }], [], "QUEUES");

        var cut = Render<SearchResults>(p => p.Add(r => r.Workspace, "demo").Add(r => r.Query, "QUEUES").Add(r => r.Groups, groups));

        Assert.Equal("1 match in 1 document", cut.Find(".search-summary").TextContent);
        var hit = cut.Find("a.search-hit");
        Assert.Equal("/w/demo/personas/maya?element=pain-queues", hit.GetAttribute("href"));
        Assert.Equal("pain", hit.QuerySelector(".search-label")!.TextContent);
        Assert.Equal("Fear of queues at security", hit.QuerySelector(".search-text")!.TextContent);
        Assert.Equal(["queues"], hit.QuerySelectorAll("mark").Select(m => m.TextContent));
        Assert.Equal("/w/demo/personas/maya", cut.Find("a.search-title").GetAttribute("href"));
    }

    [Fact]
    public void Markup_in_a_title_or_text_is_shown_as_text()
    {
        const string payload = "<img src=x onerror=alert(1)>";
        var journey = new Journey
        {
            Id = "x",
            Title = payload,
            Stages = [new Stage { Id = "s", Name = "Stage " + payload }],
        };
        var groups = WorkspaceSearch.Run([journey], [], "onerror");

        var cut = Render<SearchResults>(p => p.Add(r => r.Workspace, "demo").Add(r => r.Query, "onerror").Add(r => r.Groups, groups));

        Assert.Empty(cut.FindAll("img"));
        Assert.Equal(payload, cut.Find("a.search-title").TextContent);
        Assert.Equal("Stage " + payload, cut.Find(".search-text").TextContent);
        Assert.Equal(["onerror", "onerror"], cut.FindAll("mark").Select(m => m.TextContent));
        Assert.Contains("&lt;img src=x <mark", cut.Find("a.search-title").InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void No_match_says_so_and_what_to_try()
    {
        var cut = Render<SearchResults>(p => p.Add(r => r.Workspace, "demo").Add(r => r.Query, "zzz").Add(r => r.Groups, []));

        Assert.Equal("Nothing matches “zzz”", cut.Find("h2").TextContent);
        Assert.Empty(cut.FindAll("a"));
    }

    [Fact]
    public void Hits_past_the_limit_are_counted_not_listed()
    {
        var persona = new Persona { Id = "p", Title = "P", Goals = [.. Enumerable.Range(1, 5).Select(i => new Trait { Id = $"g{i}", Text = $"bag {i}" })] };
        var groups = WorkspaceSearch.Run([persona], [], "bag");

        var cut = Render<SearchResults>(p => p.Add(r => r.Workspace, "demo").Add(r => r.Query, "bag").Add(r => r.Groups, groups).Add(r => r.MaxHitsPerDocument, 3));

        Assert.Equal(3, cut.FindAll("a.search-hit").Count);
        Assert.Equal("and 2 more in this persona", cut.Find(".search-more").TextContent);
    }
}

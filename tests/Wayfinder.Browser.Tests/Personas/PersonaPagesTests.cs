namespace Wayfinder.Browser.Tests.Personas;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Access;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Workspaces;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// Personas, value gap maps and opportunities in a real browser: a team creates a persona and edits it, reads its card,
/// re-rates a value gap map and sees the chart redraw, drags an opportunity on the matrix and the stored journey changes.
/// </summary>
public sealed class PersonaPagesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Payload = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_new_persona_starts_from_a_template_and_opens_in_the_editor()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await b.GoToAsync("/w/demo/personas/new");

        await b.Page.GetByLabel("Title", new() { Exact = true }).FillAsync("Ana, the budget traveller");
        await Expect(b.Page.GetByLabel("Id", new() { Exact = true })).ToHaveValueAsync("ana");
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("personas-new");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Create and edit" }).ClickAsync();

        await b.ExpectAtAsync("/w/demo/personas/ana/edit");
        await Expect(b.Page.Locator("main h1")).ToHaveTextAsync("Edit Ana");
        await Expect(b.Page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync("Ana, the budget traveller");
        await b.Page.GetByLabel("Role", new() { Exact = true }).FillAsync("Weekend flyer");
        await b.Page.GetByLabel("Role", new() { Exact = true }).PressAsync("Tab");
        await Expect(b.Page.GetByRole(AriaRole.Button, new() { Name = "↶ Undo change the role" })).ToBeEnabledAsync();
        await Expect(b.Page.Locator("[data-test=problems]")).ToBeHiddenAsync();

        // Checked as it is edited: an empty goal is a problem until it says something.
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "+ Add goal" }).ClickAsync();
        await Expect(b.Page.Locator("[data-test=problems] li")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"^goals\[\d+\]"));
        var goal = b.Page.Locator("input[aria-label^='Goal ']:not([aria-label*='cites'])").Last;
        await goal.FillAsync("Fly for under 60 pounds");
        await goal.PressAsync("Tab");
        await Expect(b.Page.Locator("[data-test=problems]")).ToBeHiddenAsync();
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("personas-editor");

        // The stored persona is the template's start under the new name, as `wayfinder new persona ana` makes it.
        var stored = await ReadAsync(r => r.FindPersona("ana"));
        Assert.Equal(("Ana", "Ana, the budget traveller"), (stored!.Name, stored.Title));
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), stored.Review!.LastReviewed);

        await b.GoToAsync("/w/demo/personas/ana");
        await Expect(b.Page.Locator("main h1")).ToHaveTextAsync("Ana");
        await Expect(b.Page.Locator("[data-test=no-data]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_card_of_a_persona_reads_whole_with_its_downloads()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Viewer);
        await b.GoToAsync("/w/demo/personas/first-time-flyer");

        await Expect(b.Page.Locator("main h1")).ToHaveTextAsync("Maya");
        await Expect(b.Page.Locator(".empathy-quadrant h3")).ToHaveTextAsync(["Says", "Thinks", "Does", "Feels"]);
        Assert.Equal(0, await b.Page.GetByRole(AriaRole.Link, new() { Name = "Edit persona" }).CountAsync());
        var png = await b.Page.GetByRole(AriaRole.Link, new() { Name = "Download PNG" }).GetAttributeAsync("href");
        var response = await b.Context.APIRequest.GetAsync(png!);
        Assert.Equal(("image/png", 200), (response.Headers["content-type"], response.Status));
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("personas-card");
    }

    [Fact]
    public async Task Markup_in_a_persona_and_an_opportunity_shows_as_text()
    {
        await SaveAsync(new Persona { Id = "xss-persona", Title = "XSS", Name = Payload, Quote = Payload, Goals = [Payload] });
        await SaveAsync(JourneyWith("xss-journey", Payload, customer: 3, business: 3, effort: 3));
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);

        await b.GoToAsync("/w/demo/personas/xss-persona");
        await Expect(b.Page.Locator("main h1")).ToHaveTextAsync(Payload);
        await Expect(b.Page.Locator("blockquote")).ToHaveTextAsync($"“{Payload}”");
        await Expect(b.Page.Locator("#ps-goals + ul .persona-item-text")).ToHaveTextAsync(Payload);
        await b.GoToAsync("/w/demo/personas/xss-persona/edit");
        await Expect(b.Page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(Payload);
        await b.GoToAsync("/w/demo/opportunities");
        await Expect(b.Page.Locator(".opp-table").GetByRole(AriaRole.Button, new() { Name = Payload })).ToBeVisibleAsync();
        Assert.Equal(0, await b.Page.Locator("main img").CountAsync());
    }

    [Fact]
    public async Task Dragging_an_opportunity_re_scores_the_stored_journey_and_the_arrow_keys_too()
    {
        await SaveAsync(JourneyWith("drag-journey", "Print boarding passes at home", customer: 2, business: 2, effort: 4));
        var before = (await ReadAsync(w => w.FindJourney("drag-journey")))!.Revision;
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await b.GoToAsync("/w/demo/opportunities");

        // From value 2, effort 4 to value 4, effort 2: the matrix's units are scaled to the drawn width (viewBox 640 wide).
        var svg = await b.Page.Locator("svg.matrix-svg[data-ready=true]").BoundingBoxAsync();
        var point = b.Page.Locator("g.point[data-key='drag-journey/o1']");
        var from = await point.BoundingBoxAsync();
        var scale = svg!.Width / 640;
        await b.Page.Mouse.MoveAsync(from!.X + (from.Width / 2), from.Y + (from.Height / 2));
        await b.Page.Mouse.DownAsync();
        await b.Page.Mouse.MoveAsync(svg.X + (220 * scale), svg.Y + (120 * scale), new() { Steps = 8 }); // near effort 2 (x 202), value 4 (y 124)
        await b.Page.Mouse.UpAsync();

        await Expect(b.Page.Locator("main .notice")).ToHaveTextAsync("Re-scored “Print boarding passes at home”: customer value 4, business value 4, effort 2.");
        var item = await OpportunityAsync("drag-journey");
        Assert.Equal((4, 4, 2, before + 1), (item.Item.CustomerValue, item.Item.BusinessValue, item.Item.Effort, item.Revision));

        await Expect(point).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("value 4, effort 2$"));
        await point.FocusAsync();
        await point.PressAsync("ArrowUp");
        await Expect(b.Page.Locator("main .notice")).ToHaveTextAsync("Re-scored “Print boarding passes at home”: customer value 5, business value 4, effort 2.");
        item = await OpportunityAsync("drag-journey");
        Assert.Equal((5, 4, 2, before + 2), (item.Item.CustomerValue, item.Item.BusinessValue, item.Item.Effort, item.Revision));
        await Expect(b.Page.Locator("tr.selected")).ToHaveCountAsync(1);
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("opportunities");
    }

    [Fact]
    public async Task The_value_gap_chart_redraws_after_a_rating_change()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await b.GoToAsync("/w/demo/value-gaps/first-time-flyer-vs-competitors");

        var chart = b.Page.Locator(".vg-svg svg");
        var drawn = await chart.InnerHTMLAsync();
        var ours = b.Page.Locator("input[aria-label^='Our rating of']").First;
        var rating = await ours.InputValueAsync();
        await ours.FillAsync(rating == "1" ? "5" : "1");
        await ours.PressAsync("Tab");

        await Expect(b.Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^↶ Undo rate us on") })).ToBeEnabledAsync();
        Assert.NotEqual(drawn, await chart.InnerHTMLAsync());
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("value-gap");

        // Retitled in the browser; the chart's downloads are the API's renderings of the stored map.
        await b.Page.GetByLabel("Title", new() { Exact = true }).FillAsync("Maya: where we win");
        await b.Page.GetByLabel("Title", new() { Exact = true }).PressAsync("Tab");
        await Expect(b.Page.Locator("main h1")).ToHaveTextAsync("Maya: where we win");
        var stored = "";
        for (var tries = 0; tries < 100 && stored != "Maya: where we win"; tries++)
        {
            await Task.Delay(tries == 0 ? 0 : 100); // the editor saves 300 ms after the last edit
            stored = (await ReadAsync(w => w.FindValueGap("first-time-flyer-vs-competitors")))!.Title;
        }

        Assert.Equal("Maya: where we win", stored);
        var png = await b.Context.APIRequest.GetAsync((await b.Page.GetByRole(AriaRole.Link, new() { Name = "Download PNG" }).GetAttributeAsync("href"))!);
        Assert.Equal((200, "image/png"), (png.Status, png.Headers["content-type"]));
        Assert.Equal("/api/v1/workspaces/demo/documents/value_gap/first-time-flyer-vs-competitors/render.pdf",
            await b.Page.GetByRole(AriaRole.Link, new() { Name = "Download PDF" }).GetAttributeAsync("href"));
    }

    [Fact]
    public async Task A_value_gap_map_and_a_persona_are_shared_by_a_read_only_link()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await b.GoToAsync("/w/demo/personas/business-traveller");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Share" }).ClickAsync();
        await Expect(b.Page.Locator("#share-title")).ToHaveTextAsync("Share “Sam, the frequent business traveller”");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        await b.GoToAsync("/w/demo/value-gaps/first-time-flyer-vs-competitors");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Share" }).ClickAsync();
        await b.Page.GetByRole(AriaRole.Tab, new() { Name = "Read-only link" }).ClickAsync();
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Make a read-only link" }).ClickAsync();
        var link = await b.Page.Locator("#share-link").InputValueAsync();
        Assert.StartsWith($"{app.Url}/w/demo/value-gaps/first-time-flyer-vs-competitors?share=wfs_", link, StringComparison.Ordinal);
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("value-gap-share");

        // Someone signed out opens it: the chart and the ratings, no controls, downloads through the link.
        await using var outsider = await app.NewPageAsync();
        await outsider.GoToAsync(link[app.Url.Length..]);
        await Expect(outsider.Page.Locator(".vg-svg svg")).ToBeVisibleAsync();
        await Expect(outsider.Page.GetByLabel("Title", new() { Exact = true })).ToBeDisabledAsync();
        Assert.Equal(0, await outsider.Page.GetByRole(AriaRole.Button, new() { Name = "Share" }).CountAsync());
        var token = link[(link.IndexOf("share=", StringComparison.Ordinal) + "share=".Length)..];
        Assert.EndsWith($"render.png?share={token}", await outsider.Page.GetByRole(AriaRole.Link, new() { Name = "Download PNG" }).GetAttributeAsync("href"), StringComparison.Ordinal);
        var png = await outsider.Context.APIRequest.GetAsync((await outsider.Page.GetByRole(AriaRole.Link, new() { Name = "Download PNG" }).GetAttributeAsync("href"))!);
        Assert.Equal(200, png.Status);
    }

    [Fact]
    public async Task A_value_gap_map_started_from_a_persona_holds_its_needs_and_the_competitors_to_rate()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await b.GoToAsync("/w/demo/personas/business-traveller");
        await b.Page.GetByRole(AriaRole.Link, new() { Name = "Rate against competitors" }).ClickAsync();

        await b.ExpectAtAsync("/w/demo/value-gaps/new?persona=business-traveller");
        var persona = b.Page.GetByLabel("Persona", new() { Exact = true });
        await Expect(persona).ToHaveValueAsync("business-traveller");
        await Expect(b.Page.Locator("#nv-persona-hint")).ToHaveTextAsync("The map starts with this persona's 4 needs, to rate for you and AeroLux and BudgetJet.");
        await Expect(b.Page.GetByLabel("Id", new() { Exact = true })).ToHaveValueAsync("business-traveller-needs");
        await b.Page.GetByLabel("Title", new() { Exact = true }).FillAsync("Sam: Skylark against the big two");
        await Expect(b.Page.GetByLabel("Id", new() { Exact = true })).ToHaveValueAsync("sam-skylark-against-the-big-two");
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("value-gap-new");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Create and rate" }).ClickAsync();

        await b.ExpectAtAsync("/w/demo/value-gaps/sam-skylark-against-the-big-two");
        await Expect(b.Page.Locator("main h1")).ToHaveTextAsync("Sam: Skylark against the big two");
        await Expect(b.Page.Locator("input[aria-label^='Need ']")).ToHaveCountAsync(4);
        await Expect(b.Page.Locator("input[aria-label^=\"AeroLux's rating of\"]")).ToHaveCountAsync(4);

        // Stored as `wayfinder new value-gap --persona business-traveller` makes it: the persona's needs with their
        // importance, ours in the middle of the scale, both competitors named and not rated yet.
        var map = (await ReadAsync(w => w.FindValueGap("sam-skylark-against-the-big-two")))!;
        Assert.Equal("business-traveller", map.Persona);
        Assert.Equal(["aerolux", "budgetjet"], map.Competitors);
        Assert.Equal(
            [("fast-rebooking", 5, 3.0), ("fast-track", 4, 3.0), ("lounge", 3, 3.0), ("upgrades", 2, 3.0)],
            map.Needs.Select(n => (n.Id, n.Importance, n.Ours)));
        Assert.All(map.Needs, n => Assert.Empty(n.Ratings));

        // The same id again is refused in words, and nothing is overwritten.
        await b.GoToAsync("/w/demo/value-gaps/new");
        await persona.SelectOptionAsync("business-traveller");
        await b.Page.GetByLabel("Title", new() { Exact = true }).FillAsync("Sam: Skylark against the big two");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Create and rate" }).ClickAsync();
        await Expect(b.Page.Locator("main .notice-error")).ToHaveTextAsync(
            "Not created: the workspace already has a value gap map “sam-skylark-against-the-big-two”. Choose another id, or open that map.");
        Assert.Equal(map.Revision, (await ReadAsync(w => w.FindValueGap("sam-skylark-against-the-big-two")))!.Revision);
    }

    [Fact]
    public async Task A_document_is_deleted_after_asking_never_while_others_name_it_nor_over_a_newer_save()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);

        // Maya is on three journeys and a value gap map: the dialog names them and offers no delete.
        await b.GoToAsync("/w/demo/personas/first-time-flyer");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(b.Page.Locator("[data-test=used-by]")).ToHaveTextAsync(
            "It is not deleted: 4 documents still name this persona, and would be refused at their next save. Take it off them first, then delete it.");
        Assert.Equal(
            ["Check-in at the airport (detail)", "Maya's first flight (future)", "Maya's first flight (today)", "Maya: Skylark vs AeroLux and BudgetJet"],
            (await b.Page.Locator(".delete-used-by a").AllTextContentsAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(0, await b.Page.GetByRole(AriaRole.Button, new() { Name = "Delete persona" }).CountAsync());
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("delete-used-by");
        await b.Page.Keyboard.PressAsync("Escape");
        await Expect(b.Page.Locator(".delete-dialog")).ToHaveCountAsync(0);
        Assert.NotNull(await ReadAsync(w => w.FindPersona("first-time-flyer")));

        // A map nobody names: saved by someone else after the dialog opened, the delete is refused and the map kept.
        await SaveAsync(new ValueGapMap { Id = "to-delete", Title = "To delete", Persona = "business-traveller" });
        await b.GoToAsync("/w/demo/value-gaps/to-delete");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        var delete = b.Page.GetByRole(AriaRole.Button, new() { Name = "Delete value gap map" });
        await Expect(delete).ToBeEnabledAsync();
        await b.ScreenshotAsync("delete-confirm");
        var stored = (await ReadAsync(w => w.FindValueGap("to-delete")))!;
        await SaveAsync(stored with { Title = "To delete, renamed" }, stored.Revision);
        await delete.ClickAsync();
        await Expect(b.Page.Locator(".delete-dialog .notice-error")).ToHaveTextAsync(
            "Not deleted: someone saved it since this dialog opened. Close it, look at their change, and delete again if you still want to.");
        Assert.Equal("To delete, renamed", (await ReadAsync(w => w.FindValueGap("to-delete")))!.Title);

        // Asked again, it is deleted and the list opens.
        await b.GoToAsync("/w/demo/value-gaps/to-delete");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Delete value gap map" }).ClickAsync();
        await b.ExpectAtAsync("/w/demo/value-gaps");
        Assert.Null(await ReadAsync(w => w.FindValueGap("to-delete")));
        await Expect(b.Page.Locator("table .doc-title", new() { HasTextString = "To delete" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_value_gap_maps_history_says_what_each_save_changed_and_brings_an_older_one_back()
    {
        await SaveAsync(new ValueGapMap { Id = "with-history", Title = "With history", Persona = "business-traveller", Needs = [new ValueNeed { Id = "n1", Text = "Fast rebooking", Importance = 5, Ours = 3 }] });
        var first = (await ReadAsync(w => w.FindValueGap("with-history")))!;
        await SaveAsync(first with { Title = "With history, renamed", Needs = [first.Needs[0] with { Text = "Rebooking within the hour" }] }, first.Revision);
        var second = (await ReadAsync(w => w.FindValueGap("with-history")))!.Revision;

        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await b.GoToAsync("/w/demo/value-gaps/with-history");
        await b.Page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await b.ExpectAtAsync("/w/demo/value-gaps/with-history/history");
        await Expect(b.Page.Locator("main h1")).ToHaveTextAsync("History of “With history, renamed”");
        Assert.Equal(
            ["Changed title “With history” → “With history, renamed”", "Changed need “Rebooking within the hour”: text “Fast rebooking” → “Rebooking within the hour”"],
            await b.Page.Locator($"li[data-revision='{second}'] .revision-changes li").AllTextContentsAsync());
        Assert.Equal(["The first revision in the history."], await b.Page.Locator($"li[data-revision='{first.Revision}'] .revision-changes li").AllTextContentsAsync());
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("value-gap-history");

        await b.Page.GetByRole(AriaRole.Button, new() { Name = $"Restore… revision {first.Revision}" }).ClickAsync();
        await b.Page.GetByRole(AriaRole.Button, new() { Name = $"Restore revision {first.Revision}" }).ClickAsync();
        await Expect(b.Page.Locator("main .notice-success")).ToHaveTextAsync($"Restored revision {first.Revision} as revision {second + 1}.");
        var restored = (await ReadAsync(w => w.FindValueGap("with-history")))!;
        Assert.Equal(("With history", "Fast rebooking", second + 1), (restored.Title, restored.Needs[0].Text, restored.Revision));
        await Expect(b.Page.Locator("li.revision").First).ToHaveAttributeAsync("data-revision", $"{second + 1}");
    }

    private static Journey JourneyWith(string id, string opportunity, int customer, int business, int effort) => new()
    {
        Id = id,
        Title = $"Journey {id}",
        Stages = [new Stage { Id = "book", Name = "Book" }],
        Lanes =
        [
            new Lane
            {
                Id = "opportunities",
                Type = LaneType.Opportunities,
                Items = [new LaneItem { Id = "o1", Stage = "book", Text = opportunity, CustomerValue = customer, BusinessValue = business, Effort = effort }],
            },
        ],
    };

    private Task SaveAsync(IDocument document, int? expectedRevision = null) => app.SaveDocumentAsync(document, expectedRevision);

    private Task<T?> ReadAsync<T>(Func<Wayfinder.Core.Workspaces.Workspace, T?> read) => app.ReadWorkspaceAsync(read);

    private async Task<(LaneItem Item, int Revision)> OpportunityAsync(string journeyId)
    {
        var journey = (await ReadAsync(w => w.FindJourney(journeyId)))!;
        return (journey.Lanes.Single(l => l.Type == LaneType.Opportunities).Items.Single(), journey.Revision);
    }
}

namespace Wayfinder.Browser.Tests.Editor;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wayfinder.Web.Access;
using Wayfinder.Web.Workspaces;

/// <summary>
/// The journey editor in a real browser, on the demo's first flight map: a team's real paths (a map from a template, stages
/// added by keyboard and moved by drag, a touchpoint, the emotion curve, a KPI, undo/redo). Saving is the collaboration
/// host's, so these check what the page shows.
/// </summary>
public sealed class EditorTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Payload = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task The_gallery_creates_a_journey_from_a_template_and_opens_its_editor()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await b.GoToAsync("/w/demo/journeys/new");
        await b.Page.Locator(".thumb svg").First.WaitForAsync();
        Assert.Equal(8, await b.Page.Locator(".gallery .template").CountAsync());
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("editor-gallery");

        await b.Page.Locator(".template").Filter(new() { Has = b.Page.Locator(".template-name", new() { HasText = "First flight" }) }).GetByRole(AriaRole.Button).ClickAsync();
        await b.Page.Locator(".template.chosen .template-name").Filter(new() { HasText = "First flight" }).WaitForAsync();
        await b.Page.Locator("#journey-title").FillAsync($"Renewal {Payload}");
        // The id is suggested from the title once the server has the title (a round trip): wait for it.
        await Assertions.Expect(b.Page.Locator("#journey-id")).ToHaveValueAsync("renewal-img-src-x-onerror-alert-1");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Create and edit" }).ClickAsync();

        await b.ExpectAtAsync("/w/demo/journeys/renewal-img-src-x-onerror-alert-1/edit");
        await b.Page.Locator("th[data-key='stage:plan']").WaitForAsync();
        Assert.Equal($"Renewal {Payload}", await b.Page.Locator("main h1").TextContentAsync());
    }

    [Fact]
    public async Task A_template_naming_personas_the_workspace_lacks_makes_them_with_the_journey()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await b.GoToAsync("/w/demo/journeys/new");
        await b.Page.Locator(".template").Filter(new() { Has = b.Page.Locator(".template-name", new() { HasText = "B2B SaaS purchase" }) }).GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(b.Page.Locator("#journey-missing-personas")).ToHaveTextAsync(
            "The map names the personas “b2b-champion” and “b2b-economic-buyer”, not in this workspace yet: they are made from their persona templates with the journey.");
        await b.Page.Locator("#journey-title").FillAsync("Winning Acme");
        await Assertions.Expect(b.Page.Locator("#journey-id")).ToHaveValueAsync("winning-acme");
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("editor-new-with-personas");
        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Create and edit" }).ClickAsync();

        await b.ExpectAtAsync("/w/demo/journeys/winning-acme/edit");
        await Assertions.Expect(b.Page.Locator("main h1")).ToHaveTextAsync("Winning Acme");
        await using var scope = app.Services.CreateAsyncScope();
        var repository = (await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync("demo", CancellationToken.None))!;
        var (workspace, _) = await repository.LoadAsync();
        Assert.Equal(["b2b-champion", "b2b-economic-buyer"], workspace.FindJourney("winning-acme")!.Personas);
        Assert.Equal(("Sam", "Sam, B2B end user and champion"), (workspace.FindPersona("b2b-champion")!.Name, workspace.FindPersona("b2b-champion")!.Title));
        Assert.Equal("b2b-economic-buyer", workspace.FindPersona("b2b-economic-buyer")!.Id);
        Assert.DoesNotContain("template", workspace.FindPersona("b2b-champion")!.Tags);

        // Choosing a primary persona of the workspace replaces the template's first; the second is still made.
        await b.GoToAsync("/w/demo/journeys/new");
        await b.Page.Locator(".template").Filter(new() { Has = b.Page.Locator(".template-name", new() { HasText = "Online shop" }) }).GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(b.Page.Locator("#journey-missing-personas")).ToHaveTextAsync(
            "The map names the persona “busy-parent-shopper”, not in this workspace yet: it is made from its persona template with the journey.");
        await b.Page.Locator("#journey-persona").SelectOptionAsync("first-time-flyer");
        await Assertions.Expect(b.Page.Locator("#journey-missing-personas")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Stages_are_added_by_keyboard_moved_by_drag_and_the_moves_undone_and_redone()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await b.GoToAsync("/w/demo/journeys/first-flight/edit");
        var page = b.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "+ Stage" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var input = page.Locator("input[aria-label='New stage name']");
        await input.FillAsync(Payload);
        await input.PressAsync("Enter");
        var added = page.Locator("th[data-key='stage:img-src-x-onerror-alert-1']");
        await added.WaitForAsync();
        Assert.Equal(Payload, await added.Locator(".stage-name").TextContentAsync());
        Assert.Equal(10, await page.Locator("th.stage").CountAsync());

        // Dragged onto the last demo stage, it takes that stage's place (the 9th stage, the 10th column with the lanes').
        await added.DragToAsync(page.Locator("th[data-key='stage:fly-again']"));
        await page.Locator("thead tr:first-child th:nth-child(10)[data-key='stage:img-src-x-onerror-alert-1']").WaitForAsync();
        Assert.Equal($"Undo move stage {Payload}", (await page.Locator(".editor-toolbar button").First.TextContentAsync())?.Trim());

        await added.PressAsync("Alt+ArrowLeft");
        await page.Locator("thead tr:first-child th:nth-child(9)[data-key='stage:img-src-x-onerror-alert-1']").WaitForAsync();

        await added.PressAsync("Control+z");
        await page.Locator("thead tr:first-child th:nth-child(10)[data-key='stage:img-src-x-onerror-alert-1']").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Redo move stage {Payload} left" }).ClickAsync();
        await page.Locator("thead tr:first-child th:nth-child(9)[data-key='stage:img-src-x-onerror-alert-1']").WaitForAsync();

        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("editor-grid");
    }

    [Fact]
    public async Task A_touchpoint_is_added_with_channel_owner_and_event_and_an_emotion_point_dragged()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await b.GoToAsync("/w/demo/journeys/first-flight/edit");
        var page = b.Page;

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a card to Touchpoints in Get ready" }).ClickAsync();
        var text = page.Locator("textarea[aria-label='New card in Touchpoints, Get ready']");
        await text.FillAsync("Airport guide in the app");
        await text.PressAsync("Enter");
        await page.Locator("#tp-channel").WaitForAsync();
        await page.Locator("#tp-channel").SelectOptionAsync("app");
        await page.Locator("#tp-owner").FillAsync("digital");
        await page.Locator("#tp-owner").PressAsync("Tab");
        await page.Locator("#tp-event").FillAsync("airport_guide_opened");
        await page.GetByRole(AriaRole.Button, new() { Name = "Map event" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove the event airport_guide_opened" }).WaitForAsync();

        var card = page.Locator("[data-key='item:touchpoint-prepare-airport-guide-in-the']");
        await card.Locator(".badge", new() { HasText = "app" }).WaitForAsync();
        Assert.Equal("Airport guide in the app", await card.Locator(".card-text").TextContentAsync());
        Assert.Equal("1 event", await card.Locator(".meta").TextContentAsync());
        Assert.Equal("digital", await page.Locator("#tp-owner").InputValueAsync());

        // Plan the trip is the first column (x 0…120); dragging to y 129 is 2 − (129 − 24) / 30 = −1.5.
        var chart = page.Locator("svg.emotion-chart");
        await chart.ScrollIntoViewIfNeededAsync();
        var box = (await chart.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 60, box.Y + 40);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 60, box.Y + 100, new() { Steps = 4 });
        await page.Mouse.MoveAsync(box.X + 60, box.Y + 129, new() { Steps = 2 });
        await page.Mouse.UpAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo set the emotion at Plan the trip" }).WaitForAsync();
        Assert.Equal("-1.5", await page.Locator("circle[data-stage='plan']").GetAttributeAsync("aria-valuenow"));
        Assert.Equal("-1.5", await page.Locator("input[data-stage='plan']").InputValueAsync());

        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("editor-touchpoint-emotion");
    }

    [Fact]
    public async Task A_bad_kpi_metric_is_explained_where_it_is_typed_and_a_good_one_accepted()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await b.GoToAsync("/w/demo/journeys/first-flight/edit");
        var page = b.Page;

        await page.Locator("[data-key='item:kpi-booking-conversion']").ClickAsync();
        var metric = page.Locator("#kpi-metric");
        await metric.FillAsync("convrsion(book)");
        var check = page.Locator("#kpi-metric-check.error");
        await check.WaitForAsync();
        var message = (await check.TextContentAsync())!;
        Assert.StartsWith("At column 1: unknown metric 'convrsion'", message);
        Assert.EndsWith("did you mean conversion?", message);
        await b.ScreenshotAsync("editor-kpi-error");

        await metric.FillAsync("conversion(book -> board)");
        await page.Locator("#kpi-metric-check.ok").WaitForAsync();
        await metric.PressAsync("Tab");
        await page.Locator("[data-key='item:kpi-booking-conversion'] code.metric", new() { HasText = "conversion(book -> board)" }).WaitForAsync();
        Assert.Equal("Undo set the KPI metric", (await page.Locator(".editor-toolbar button").First.TextContentAsync())?.Trim());
    }

    [Fact]
    public async Task Compare_shows_current_and_future_side_by_side_with_the_differences_highlighted()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await b.GoToAsync("/w/demo/journeys/first-flight/compare/first-flight-future");

        var current = b.Page.Locator(".compare section").Nth(0);
        var future = b.Page.Locator(".compare section").Nth(1);
        await future.Locator("[data-key='item:tp-first-flight-guide'].changed").WaitForAsync();
        Assert.Equal(0, await current.Locator("[data-key='item:tp-first-flight-guide']").CountAsync());
        Assert.Equal(1, await current.Locator("[data-key='item:tp-bag-drop'].changed").CountAsync());
        Assert.Equal(0, await future.Locator("[data-key='item:tp-bag-drop']").CountAsync());
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("editor-compare");
    }

    [Fact]
    public async Task Duplicate_as_future_state_opens_the_linked_copy()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await b.GoToAsync("/w/demo/journeys/first-flight/edit");

        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Duplicate as future state" }).ClickAsync();

        await b.ExpectAtAsync("/w/demo/journeys/first-flight-future-2/edit");
        await b.Page.GetByRole(AriaRole.Link, new() { Name = "Compare with the current state" }).WaitForAsync();
        Assert.Equal("Maya's first flight (today) (future)", await b.Page.Locator("main h1").TextContentAsync());
        Assert.Equal("Future state", await b.Page.Locator(".editor-header .badge").TextContentAsync());
    }
}

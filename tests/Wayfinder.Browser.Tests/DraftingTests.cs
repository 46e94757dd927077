namespace Wayfinder.Browser.Tests;

using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wayfinder.App.Documents;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Access;
using Wayfinder.Web.Workspaces;

/// <summary>
/// Drafting in a real browser: from the New journey page to "Draft a journey", the form filled and drafted offline, and
/// the editor of the new map showing whose draft it is.
/// </summary>
public sealed class DraftingTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_journey_drafted_from_the_new_journey_page_opens_in_the_editor_with_its_draft_note()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        var page = b.Page;
        await b.GoToAsync("/w/demo/journeys/new");
        await page.GetByRole(AriaRole.Link, new() { Name = "Draft a journey" }).ClickAsync();
        await b.ExpectAtAsync("/w/demo/journeys/draft");

        await page.Locator("#draft-persona").SelectOptionAsync("first-time-flyer");
        await page.Locator("#draft-scenario").FillAsync("first international flight");
        await page.Locator("#draft-goal").FillAsync("more first-time flyers book again");
        await page.Locator("#draft-title-input").FillAsync("Maya's drafted flight");
        // The id is suggested from the title once the server has the title (a round trip): wait for it.
        await Assertions.Expect(page.Locator("#draft-id")).ToHaveValueAsync("maya-s-drafted-flight");
        Assert.Equal(0, await page.Locator("input[value='model']").CountAsync());
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("draft-dialog");

        await page.GetByRole(AriaRole.Button, new() { Name = "Draft the journey" }).ClickAsync();

        await b.ExpectAtAsync("/w/demo/journeys/maya-s-drafted-flight/edit");
        var banner = page.Locator(".draft-banner");
        await banner.WaitForAsync();
        Assert.Equal("Draft by the offline drafter on " + DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            (await banner.Locator("h2").TextContentAsync())?.Trim());
        Assert.StartsWith("Drafted by Wayfinder's offline drafter (no language model)", await banner.Locator(".draft-note").TextContentAsync(), StringComparison.Ordinal);
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("draft-result");

        // Marked reviewed, the banner goes and the autosave stores the map without the tag and the note.
        await banner.GetByRole(AriaRole.Button, new() { Name = "Mark as reviewed" }).ClickAsync();
        await Assertions.Expect(banner).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-save-state='saved'][data-revision='1']")).ToHaveCountAsync(1);
    }

    /// <summary>
    /// A map of three stages, none with a KPI, and no events or research in the workspace: the KPI rule proposes one
    /// KPI a stage (docs/drafting.md, "Proposals for an existing map"), numbered in stage order. Rejecting writes nothing;
    /// accepting saves the map once, and the KPI shows in the grid.
    /// </summary>
    [Fact]
    public async Task Suggestions_list_the_kpi_rule_proposals_a_rejected_one_writes_nothing_and_an_accepted_one_is_saved()
    {
        var revision = await SaveThreeStageMapAsync("suggested-trip");
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        var page = b.Page;
        await b.GoToAsync("/w/demo/journeys/suggested-trip/edit");
        await page.Locator($"[data-save-state='saved'][data-revision='{revision}']").WaitForAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Suggestions", Exact = true }).ClickAsync();
        var panel = page.Locator(".proposals-panel");
        var proposals = panel.Locator("li.proposal");
        await Assertions.Expect(proposals).ToHaveCountAsync(3);
        Assert.Equal("Suggestions from data and research", (await panel.Locator("h2").TextContentAsync())?.Trim());
        Assert.Equal(["Customers who go on from Pick a trip to Pay for it", "Customers who go on from Pay for it to Fly home", "Customers who reach Fly home after Pick a trip"],
            await proposals.Locator(".proposal-text").AllTextContentsAsync());
        // A KPI shows the metric it would add, so an editor sees the formula before accepting it.
        Assert.Equal(["conversion(pick -> pay)", "conversion(pay -> fly)", "conversion(pick -> fly)"], await proposals.Locator(".proposal-metric code").AllTextContentsAsync());
        Assert.Equal(["KPI", "KPI", "KPI"], await proposals.Locator(".proposal-head .badge").AllTextContentsAsync());
        Assert.Equal(["in Pick a trip", "in Pay for it", "in Fly home"], await proposals.Locator(".proposal-head .meta").AllTextContentsAsync());
        Assert.Equal(
            [
                "stage “Pick a trip” has no KPI; conversion into the next stage says whether customers move on; no target, as no customers reach the stage in the events",
                "stage “Pay for it” has no KPI; conversion into the next stage says whether customers move on; no target, as no customers reach the stage in the events",
                "stage “Fly home” has no KPI; conversion from the first stage to the last says whether customers move on; no target, as no customers reach the stage in the events",
            ],
            await proposals.Locator(".proposal-reason").AllTextContentsAsync());
        Assert.Equal(["Source: rule: conversion into the next stage", "Source: rule: conversion into the next stage", "Source: rule: conversion from the first stage to the last"],
            await proposals.Locator(".proposal-source").AllTextContentsAsync());
        Assert.Equal("Accept all (3)", (await panel.Locator(".proposal-actions button").TextContentAsync())?.Trim());

        // Rejected: gone from the list, said in the status line, and nothing written (the page and the store keep the revision).
        await proposals.Filter(new() { HasText = "Pay for it to Fly home" }).GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Assertions.Expect(proposals).ToHaveCountAsync(2);
        Assert.Equal("Rejected: KPI in pay: Customers who go on from Pay for it to Fly home. It stays hidden while this page is open; nothing was written.",
            (await panel.Locator(".proposals-message").TextContentAsync())?.Trim());
        Assert.Equal(["Customers who go on from Pick a trip to Pay for it", "Customers who reach Fly home after Pick a trip"], await proposals.Locator(".proposal-text").AllTextContentsAsync());
        Assert.Equal(revision.ToString(CultureInfo.InvariantCulture), await page.Locator("[data-save-state]").GetAttributeAsync("data-revision"));
        Assert.Equal(revision, (await StoredAsync("suggested-trip")).Revision);
        Assert.Equal(0, await page.Locator("code.metric").CountAsync());
        await b.AssertAccessibleAsync();
        await ScrolledToTopAsync(page);
        await b.ScreenshotAsync("proposals-panel");

        // Accepted: saved once (the revision shown goes up by one), the KPI card in its stage, and the list made again for
        // the new revision: the rejected one still hidden, the accepted one no longer proposed.
        await proposals.Filter(new() { HasText = "Pick a trip to Pay for it" }).GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await page.Locator($"[data-save-state='saved'][data-revision='{revision + 1}']").WaitForAsync();
        var card = page.Locator(".card-item", new() { Has = page.Locator("code.metric", new() { HasText = "conversion(pick -> pay)" }) });
        await card.WaitForAsync();
        Assert.Equal("Customers who go on from Pick a trip to Pay for it", await card.Locator(".card-text").TextContentAsync());
        Assert.Equal(1, await page.Locator("code.metric").CountAsync());
        Assert.Equal("Saved · revision " + (revision + 1).ToString(CultureInfo.InvariantCulture), (await page.Locator("[data-save-state]").InnerTextAsync()).Trim());
        await Assertions.Expect(panel.Locator(".proposals-message")).ToHaveTextAsync("Added: KPI in pick: Customers who go on from Pick a trip to Pay for it.");
        await Assertions.Expect(proposals).ToHaveCountAsync(1);
        Assert.Equal("Customers who reach Fly home after Pick a trip", await proposals.Locator(".proposal-text").TextContentAsync());

        var stored = await StoredAsync("suggested-trip");
        Assert.Equal(revision + 1, stored.Revision);
        var kpi = Assert.Single(stored.Lanes.Where(l => l.Type == LaneType.Kpis).SelectMany(l => l.Items));
        Assert.Equal(("pick", "conversion(pick -> pay)", (string?)null), (kpi.Stage, kpi.Metric, kpi.Target));
        await b.AssertAccessibleAsync();
        await ScrolledToTopAsync(page);
        await b.ScreenshotAsync("proposals-accepted");
    }

    /// <summary>
    /// A viewer may read a map's proposals but not accept them. The editor page (and so the panel) needs the editor role, so
    /// a viewer reads them where the viewer role is enough, the proposals API, from the same signed-in browser.
    /// </summary>
    [Fact]
    public async Task A_viewer_reads_the_proposals_but_has_no_accept_and_cannot_apply_them()
    {
        var revision = await SaveThreeStageMapAsync("suggested-trip-for-viewers");
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Viewer);
        var page = b.Page;
        await b.GoToAsync("/w/demo/journeys/suggested-trip-for-viewers/edit");
        await page.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this" }).WaitForAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Suggestions" }).CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).CountAsync());

        var listed = await b.Context.APIRequest.GetAsync("/api/v1/workspaces/demo/journeys/suggested-trip-for-viewers/proposals");
        Assert.Equal(200, listed.Status);
        using var json = JsonDocument.Parse(await listed.TextAsync());
        Assert.Equal(revision, json.RootElement.GetProperty("revision").GetInt32());
        var items = json.RootElement.GetProperty("proposals").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], items.Select(p => p.GetProperty("number").GetInt32()));
        Assert.Equal(["conversion(pick -> pay)", "conversion(pay -> fly)", "conversion(pick -> fly)"], items.Select(p => p.GetProperty("item").GetProperty("metric").GetString()));
        Assert.Equal(["KPI in pick: Customers who go on from Pick a trip to Pay for it", "KPI in pay: Customers who go on from Pay for it to Fly home", "KPI in fly: Customers who reach Fly home after Pick a trip"],
            items.Select(p => p.GetProperty("text").GetString()));

        var applied = await b.Context.APIRequest.PostAsync("/api/v1/workspaces/demo/journeys/suggested-trip-for-viewers/proposals/apply", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["If-Match"] = $"\"{revision}\"" },
            DataObject = new Dictionary<string, object> { ["numbers"] = new[] { 1 } },
        });
        Assert.Equal(403, applied.Status);
        Assert.Equal(revision, (await StoredAsync("suggested-trip-for-viewers")).Revision);
    }

    // The clicks scroll the page, and a full-page screenshot of a scrolled page paints the sticky header mid-page.
    private static Task ScrolledToTopAsync(IPage page) => page.EvaluateAsync("window.scrollTo(0, 0)");

    /// <summary>A map of three stages with a touchpoint and no KPI, saved straight to the demo workspace; its revision.</summary>
    private async Task<int> SaveThreeStageMapAsync(string id)
    {
        var journey = new Journey
        {
            Id = id,
            Title = "A trip to suggest KPIs for",
            Stages = [new Stage { Id = "pick", Name = "Pick a trip" }, new Stage { Id = "pay", Name = "Pay for it" }, new Stage { Id = "fly", Name = "Fly home" }],
            Lanes = [new Lane { Id = "touchpoints", Type = LaneType.Touchpoints, Items = [new LaneItem { Id = "tp-search", Stage = "pick", Text = "Search for fares", Channel = "web" }] }],
        };
        await using var scope = app.Services.CreateAsyncScope();
        var repository = (await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync("demo", CancellationToken.None))!;
        var saved = await repository.SaveAsync(journey, null, new SaveInfo("browser-test", "a map with no KPI"), CancellationToken.None);
        Assert.True(saved.Succeeded, saved.Message);
        return saved.Document!.Revision;
    }

    private async Task<Journey> StoredAsync(string id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var repository = (await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync("demo", CancellationToken.None))!;
        return (await repository.LoadAsync(CancellationToken.None)).Workspace.FindJourney(id)!;
    }
}

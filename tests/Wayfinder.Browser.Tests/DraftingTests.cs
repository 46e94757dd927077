namespace Wayfinder.Browser.Tests;

using Microsoft.Playwright;
using Wayfinder.Web.Access;

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
        await page.WaitForURLAsync("**/w/demo/journeys/draft");

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

        await page.WaitForURLAsync("**/w/demo/journeys/maya-s-drafted-flight/edit");
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
}

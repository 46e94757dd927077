namespace Wayfinder.Browser.Tests.Evidence;

using Microsoft.Playwright;
using Wayfinder.Web.Access;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// A team's first day with data: the analysis asks for events, an editor uploads them, sees the event no touchpoint
/// claims, maps it and watches the touchpoint's count move, then saves the mapping.
/// </summary>
public sealed class EvidenceMappingTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Markup = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task Mapping_an_unmapped_event_to_a_touchpoint_shows_its_live_count_and_saves()
    {
        await using var browser = await app.SignedInPageAsync(WorkspaceRole.Editor);
        var page = browser.Page;
        await browser.GoToAsync("/w/demo/evidence/first-flight");
        await Expect(page.Locator("main h2")).ToHaveTextAsync("No events imported yet");
        await browser.AssertAccessibleAsync();
        await browser.ScreenshotAsync("evidence-analysis-empty");

        await browser.GoToAsync("/w/demo/evidence?journey=first-flight");
        await EvidenceFiles.UploadAsync(browser, "events-with-markup.csv");
        await Expect(page.Locator(".import-report .report-headline")).ToHaveTextAsync("events-with-markup.csv: 11 rows stored.");

        // The event named with markup is shown as its text, in the names and among the unmapped events.
        await Expect(page.Locator($"tr[data-event='{Markup}'] code")).ToHaveTextAsync(Markup);
        await Expect(page.Locator(".event-names code", new() { HasTextString = Markup })).ToBeVisibleAsync();

        // The pre-trip email claims c1's pretrip_email_opened: 1 event, 1 customer; c4's page_view is claimed by none.
        var pretrip = page.Locator("tr[data-touchpoint='tp-pretrip-email']");
        await Expect(pretrip.Locator("td.events")).ToHaveTextAsync("1");
        await Expect(pretrip.Locator("td.customers")).ToHaveTextAsync("1");
        await page.Locator("select[aria-label='Touchpoint to map page_view to']").SelectOptionAsync("tp-pretrip-email");
        await page.Locator("button[aria-label='Map page_view']").ClickAsync();

        await Expect(pretrip.Locator("td.events")).ToHaveTextAsync("2");
        await Expect(pretrip.Locator("td.customers")).ToHaveTextAsync("2");
        await Expect(page.Locator("tr[data-event='page_view']")).ToHaveCountAsync(0);
        await browser.AssertAccessibleAsync();
        await browser.ScreenshotAsync("evidence-mapping");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save mapping" }).ClickAsync();
        await Expect(page.Locator(".save-bar .meta")).ToContainTextAsync("Saved (revision");
        await browser.GoToAsync("/w/demo/evidence?journey=first-flight");
        await Expect(page.Locator("tr[data-touchpoint='tp-pretrip-email'] td.events")).ToHaveTextAsync("2");
    }
}

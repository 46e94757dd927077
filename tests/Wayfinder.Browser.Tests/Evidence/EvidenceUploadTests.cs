namespace Wayfinder.Browser.Tests.Evidence;

using Microsoft.Playwright;
using Wayfinder.Web.Access;
using static Microsoft.Playwright.Assertions;

/// <summary>An editor uploads the demo's events from the evidence page and reads the journey's funnel; a broken file stores nothing.</summary>
public sealed class EvidenceUploadTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task An_uploaded_events_file_is_reported_stored_and_the_funnel_shows_its_customers()
    {
        await using var browser = await app.SignedInPageAsync(WorkspaceRole.Editor);
        var page = browser.Page;
        await browser.GoToAsync("/w/demo/evidence");
        await Expect(page.Locator("#stat-events")).ToHaveTextAsync("0");

        await EvidenceFiles.UploadAsync(browser, "first-flight-events.csv");

        await Expect(page.Locator(".upload-percent")).ToHaveTextAsync("100%");
        await Expect(page.Locator(".import-report .report-headline")).ToHaveTextAsync("first-flight-events.csv: 10 rows stored.");
        await Expect(page.Locator("#stat-events")).ToHaveTextAsync("10");
        await Expect(page.Locator("#stat-customers")).ToHaveTextAsync("4");
        await browser.AssertAccessibleAsync();
        await browser.ScreenshotAsync("evidence-uploaded");

        await page.Locator("#upload-kind").SelectOptionAsync("surveys");
        await EvidenceFiles.UploadAsync(browser, "post-flight-surveys.csv");
        await Expect(page.Locator(".import-report .report-headline")).ToHaveTextAsync("post-flight-surveys.csv: 3 rows stored.");
        await Expect(page.Locator("#stat-surveys")).ToHaveTextAsync("3");

        await browser.GoToAsync("/w/demo/evidence/first-flight");

        // Plan the trip: c1, c2 and c4 searched fares, c3 came from a fare search referral: 4 customers.
        await Expect(page.Locator("tr[data-stage='plan'] td.reach")).ToHaveTextAsync("4");
        // Book a flight: c1 and c2 have booking_* events.
        await Expect(page.Locator("tr[data-stage='book'] td.reach")).ToHaveTextAsync("2");
        await Expect(page.Locator("#funnel img")).ToBeVisibleAsync();
        // The boarding gate: c2 answered NPS 9 (a promoter), c3 answered 5 (a detractor): 50% − 50% = 0, out of 2 answers.
        await Expect(page.Locator("tr[data-satisfaction='touchpoint:tp-boarding-gate'] td.nps")).ToHaveTextAsync("0 (n=2)");
        await browser.AssertAccessibleAsync();
        await browser.ScreenshotAsync("evidence-analysis");
    }

    [Fact]
    public async Task A_file_with_a_bad_line_is_refused_whole_and_the_report_names_the_line_and_why()
    {
        await using var browser = await app.SignedInPageAsync(WorkspaceRole.Editor);
        var page = browser.Page;
        await browser.GoToAsync("/w/demo/evidence");
        var before = await page.Locator("#stat-events").TextContentAsync();

        await EvidenceFiles.UploadAsync(browser, "first-flight-events-bad-line-4.csv");

        await Expect(page.Locator(".import-report .report-headline")).ToHaveTextAsync("first-flight-events-bad-line-4.csv: nothing was stored.");
        var row = page.Locator(".bad-rows tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        Assert.Equal("4", await row.Locator("td").Nth(0).TextContentAsync());
        Assert.Equal("timestamp", await row.Locator("td").Nth(1).TextContentAsync());
        Assert.Contains("the second of October", await row.Locator("td").Nth(2).TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await page.Locator("#stat-events").TextContentAsync());
        await browser.AssertAccessibleAsync();
        await browser.ScreenshotAsync("evidence-refused");
    }
}

namespace Wayfinder.Browser.Tests.Evidence;

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

/// <summary>The evidence files the browser tests upload (copies of tests/Wayfinder.Web.Tests/Evidence), and the upload itself.</summary>
internal static class EvidenceFiles
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Files", "Evidence", name);

    /// <summary>Chooses the file with the page's file chooser, uploads it and waits for the import's report.</summary>
    public static async Task UploadAsync(BrowserPage browser, string name)
    {
        var page = browser.Page;
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator("#upload-file").ClickAsync());
        await chooser.SetFilesAsync(Path(name));
        var upload = page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true });
        await Expect(upload).ToBeEnabledAsync();
        await upload.ClickAsync();
        await Expect(page.Locator(".import-report .report-headline")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }
}

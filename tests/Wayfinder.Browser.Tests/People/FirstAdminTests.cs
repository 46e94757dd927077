namespace Wayfinder.Browser.Tests.People;

using Microsoft.Playwright;

/// <summary>A new server's first run: the setup link it printed makes the first admin, signed in on their workspaces.</summary>
public sealed class FirstAdminTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task The_setup_link_makes_the_first_admin_who_lands_signed_in_on_the_workspaces()
    {
        await using var browser = await app.NewPageAsync();
        var code = app.SetupCode;
        Assert.NotNull(code);

        var response = await browser.Page.GotoAsync($"/setup?code={Uri.EscapeDataString(code)}");
        Assert.Equal(200, response?.Status);
        await browser.AssertAccessibleAsync();
        await browser.ScreenshotAsync("people-setup");
        await browser.Page.GetByLabel("Your user name").FillAsync("ada");
        await browser.Page.GetByLabel("Password").FillAsync("correct horse battery staple");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Make the first admin" }).ClickAsync();

        await browser.ExpectAtAsync("/");
        await browser.WaitInteractiveAsync();
        Assert.Equal("demo · you are owner", (await browser.Page.Locator("main .card .meta").TextContentAsync())?.Trim());
        Assert.Equal("ada", (await browser.Page.Locator(".topbar a[href='/account']").TextContentAsync())?.Trim());
        Assert.Null(app.SetupCode);
    }
}

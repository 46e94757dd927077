namespace Wayfinder.Browser.Tests;

using Microsoft.Playwright;
using Wayfinder.Web.Access;

/// <summary>The app's shell in a real browser: the workspaces page signed out and signed in, interactive, accessible.</summary>
public sealed class ShellTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Signed_out_the_home_page_invites_to_sign_in()
    {
        await using var browser = await app.NewPageAsync();

        await browser.GoToAsync("/");

        Assert.Equal("Welcome to Wayfinder", await browser.Page.Locator("main h2").TextContentAsync());
        await browser.AssertAccessibleAsync();
        await browser.ScreenshotAsync("home-signed-out");
    }

    [Fact]
    public async Task Signed_in_the_home_page_lists_the_workspaces_of_the_person()
    {
        await using var browser = await app.SignedInPageAsync(WorkspaceRole.Editor);

        await browser.GoToAsync("/");

        var card = browser.Page.Locator("main .card");
        Assert.Equal(1, await card.CountAsync());
        Assert.Equal("demo · you are editor", (await card.Locator(".meta").TextContentAsync())?.Trim());
        await browser.AssertAccessibleAsync();
    }
}

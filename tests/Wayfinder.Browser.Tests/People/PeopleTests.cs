namespace Wayfinder.Browser.Tests.People;

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wayfinder.Web.Access;
using Wayfinder.Web.Storage;

/// <summary>People and access in a real browser: signing in, inviting a colleague, personal access tokens.</summary>
public sealed class PeopleTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Payload = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_wrong_password_is_refused_in_plain_words_then_the_right_one_returns_to_the_page_asked_for()
    {
        var (userName, password) = await app.UserAsync(WorkspaceRole.Viewer);
        await using var browser = await app.NewPageAsync();

        var response = await browser.Page.GotoAsync("/sign-in?return_url=%2Fw%2Fdemo%2Fpeople");
        Assert.Equal(200, response?.Status);
        await browser.Page.GetByLabel("User name").FillAsync(userName);
        await browser.Page.GetByLabel("Password").FillAsync("not my password");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var error = browser.Page.Locator(".notice-error");
        await error.WaitForAsync();
        Assert.Equal("The user name or the password is wrong.", (await error.TextContentAsync())?.Trim());
        Assert.Equal(userName, await browser.Page.GetByLabel("User name").InputValueAsync());
        Assert.Equal("", await browser.Page.GetByLabel("Password").InputValueAsync());
        await browser.AssertAccessibleAsync();
        await browser.ScreenshotAsync("people-sign-in-refused");

        await browser.Page.GetByLabel("Password").FillAsync(password);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await browser.ExpectAtAsync("/w/demo/people");
        await browser.WaitInteractiveAsync();
        Assert.Equal("People", await browser.Page.Locator("main h1").TextContentAsync());
    }

    [Fact]
    public async Task Signing_out_is_a_form_that_ends_on_the_sign_in_page()
    {
        await using var browser = await app.SignedInPageAsync(WorkspaceRole.Viewer);

        await browser.Page.GotoAsync("/sign-out");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await browser.ExpectAtAsync("/sign-in?signed_out=true");
        Assert.Equal("You are signed out.", (await browser.Page.Locator(".notice-success").TextContentAsync())?.Trim());
        var me = await browser.Context.APIRequest.GetAsync("/api/v1/account/me");
        Assert.Equal(401, me.Status);
    }

    [Fact]
    public async Task An_owner_invites_an_editor_who_makes_an_account_and_joins()
    {
        await using var owner = await app.SignedInPageAsync(WorkspaceRole.Owner);
        var (named, _) = await app.UserAsync(WorkspaceRole.Commenter);
        await SetDisplayNameAsync(named, Payload);

        await owner.GoToAsync("/w/demo/people");
        await owner.Page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Editor");
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Make an invitation link" }).ClickAsync();
        var link = await owner.Page.Locator("#new-invitation").InputValueAsync();

        Assert.StartsWith(app.Url + "/invitations/wfi_", link, StringComparison.Ordinal);
        Assert.Equal(1, await owner.Page.GetByText(Payload, new() { Exact = true }).CountAsync());
        await owner.AssertAccessibleAsync();
        await owner.ScreenshotAsync("people-people-owner");

        await using var invited = await app.NewPageAsync();
        var opened = await invited.Page.GotoAsync(link);
        Assert.Equal(200, opened?.Status);
        Assert.Equal("editor", await invited.Page.Locator(".invitation-facts .badge").TextContentAsync());
        await invited.AssertAccessibleAsync();
        await invited.ScreenshotAsync("people-invitation");
        await invited.Page.GetByLabel("Choose a user name").FillAsync("grace");
        await invited.Page.GetByLabel("Choose a password").FillAsync("another long passphrase");
        await invited.Page.GetByRole(AriaRole.Button, new() { Name = "Make my account and join" }).ClickAsync();
        await invited.ExpectAtAsync("/w/demo");

        await invited.GoToAsync("/w/demo/people");
        var row = invited.Page.Locator("tbody tr", new() { HasText = "grace" });
        Assert.Equal("editor", (await row.Locator("td").Nth(1).TextContentAsync())?.Trim());

        await using var late = await app.NewPageAsync();
        await late.Page.GotoAsync(link);
        Assert.Equal("This invitation cannot be used", await late.Page.Locator("h1").TextContentAsync());
        Assert.Equal("No such invitation. The invitation was used; ask the workspace's owner for a new one.", (await late.Page.Locator(".notice-error").TextContentAsync())?.Trim());
    }

    [Fact]
    public async Task A_token_is_shown_once_works_and_stops_working_when_revoked()
    {
        await using var browser = await app.SignedInPageAsync(WorkspaceRole.Editor);

        await browser.GoToAsync("/account");
        await browser.Page.GetByLabel("Name", new() { Exact = true }).FillAsync(Payload);
        await browser.Page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Viewer");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var token = await browser.Page.Locator("#new-token").InputValueAsync();

        Assert.StartsWith("wf_", token, StringComparison.Ordinal);
        var row = browser.Page.Locator("tbody tr");
        Assert.Equal(1, await row.CountAsync());
        Assert.Equal(Payload, await row.Locator(".token-name").TextContentAsync());
        Assert.Equal("active", await row.Locator(".badge").TextContentAsync());
        Assert.Equal(200, await StatusWithTokenAsync(browser, token));
        await browser.AssertAccessibleAsync();
        await browser.ScreenshotAsync("people-account");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke token {Payload}" }).ClickAsync();

        await row.Locator(".badge", new() { HasText = "revoked" }).WaitForAsync();
        Assert.Equal(0, await browser.Page.Locator("#new-token").CountAsync());
        Assert.Equal(401, await StatusWithTokenAsync(browser, token));
    }

    private static async Task<int> StatusWithTokenAsync(BrowserPage browser, string token) =>
        (await browser.Context.APIRequest.GetAsync("/api/v1/workspaces/demo/documents/", new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token } })).Status;

    private async Task SetDisplayNameAsync(string userName, string displayName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WayfinderUser>>();
        var user = (await users.FindByNameAsync(userName))!;
        user.DisplayName = displayName;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }
}

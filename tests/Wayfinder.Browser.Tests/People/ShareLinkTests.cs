namespace Wayfinder.Browser.Tests.People;

using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Access;
using Wayfinder.Web.Components.Sharing;

/// <summary>
/// A read-only link in a real browser: opened signed out it shows the map (the map page is the map helper's: only that it
/// answers and is not the sign-in page is checked here); once revoked it is refused in plain words.
/// </summary>
public sealed class ShareLinkTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_share_link_opens_the_map_signed_out_until_it_is_revoked()
    {
        var (userName, _) = await app.UserAsync(WorkspaceRole.Editor);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, await UserIdAsync(userName)), new Claim(ClaimTypes.Name, userName)], "test"));
        var sharing = app.Services.GetRequiredService<ShareActions>();
        var (link, problem) = await sharing.CreateLinkAsync("demo", DocumentKind.Journey, "first-flight", 7, user);
        Assert.Null(problem);
        await using var visitor = await app.NewPageAsync();

        var opened = await visitor.Page.GotoAsync(link!);

        Assert.Equal(200, opened?.Status);
        Assert.Equal(0, await visitor.Page.GetByText("Sign in to see this page").CountAsync());

        var made = (await sharing.OpenLinksAsync("demo", DocumentKind.Journey, "first-flight")).Single(l => l.CreatedBy == userName);
        Assert.Null(await sharing.RevokeLinkAsync("demo", made.Id, user));
        await visitor.Page.GotoAsync(link!);

        await visitor.Page.GetByText("This share link cannot be used: the share link was revoked at", new() { Exact = false }).WaitForAsync();
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<WayfinderUser>>();
        return (await users.FindByNameAsync(userName))!.Id;
    }
}

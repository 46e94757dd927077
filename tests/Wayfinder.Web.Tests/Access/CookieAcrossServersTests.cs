namespace Wayfinder.Web.Tests.Access;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;
using Wayfinder.Web.Storage;

/// <summary>
/// Two server processes on one PostgreSQL database (replicas behind a load balancer): a browser signed in on one is
/// signed in on the other, since the keys that protect the cookie are kept in the database.
/// </summary>
public sealed class CookieAcrossServersTests : IDisposable
{
    private const string Password = "a long enough password";
    private readonly PostgresTestDatabase _database = new();
    private readonly WayfinderServerFactory _a;
    private readonly WayfinderServerFactory _b;

    public CookieAcrossServersTests()
    {
        _a = new WayfinderServerFactory(_database.ConnectionString);
        _b = new WayfinderServerFactory(_database.ConnectionString);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task ACookieMadeByOneServerSignsInOnTheOther()
    {
        var (user, _, _) = await _a.MemberAsync(WorkspaceRole.Viewer, password: Password);
        using var onA = _a.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var signedIn = await onA.PostAsJsonAsync("/api/v1/account/sign-in", new { user_name = user.UserName, password = Password });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("wayfinder=", StringComparison.Ordinal)).Split(';')[0];

        using var onB = _b.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/account/me");
        request.Headers.Add("Cookie", cookie);
        var me = await onB.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(user.UserName, (string?)JsonNode.Parse(await me.Content.ReadAsStringAsync())!["user_name"]);

        // The one key both used is the database's (in one test process both servers would otherwise share a folder's).
        await using var scope = _b.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<WayfinderDbContext>().DataProtectionKeys.ToListAsync();
        Assert.Single(keys);
        Assert.Contains("<key id=", keys[0].Xml, StringComparison.Ordinal);
    }
}

namespace Wayfinder.Web.Tests.Access;

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;
using Wayfinder.Web.Storage;
using static AccessTestKit;

/// <summary>Personal access tokens (expiry, revocation, role cap, hashed) and share links (one document, revocable).</summary>
public class TokensAndShareLinksTests : IDisposable
{
    private const string Sam = "/api/v1/workspaces/demo/documents/persona/business-traveller";
    private readonly WayfinderServerFactory _server;

    public TokensAndShareLinksTests()
        : this(new WayfinderServerFactory())
    {
    }

    protected TokensAndShareLinksTests(WayfinderServerFactory server) => _server = server;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _server.Dispose();
        }
    }

    [Fact]
    public async Task AnExpiredTokenIs401SayingWhenItExpired()
    {
        var expiresAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var (_, token, _) = await _server.MemberAsync(WorkspaceRole.Editor, expiresAt: expiresAt);

        var refused = await _server.WithToken(token).GetAsync(Sam);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("the token \"tests\" expired at 2026-01-02 03:04:05Z; create a new one", (string?)(await JsonAsync(refused))["detail"]);
    }

    [Fact]
    public async Task ARevokedTokenIs401SayingItWasRevoked()
    {
        var (_, token, id) = await _server.MemberAsync(WorkspaceRole.Editor);
        var client = _server.WithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Sam)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/account/tokens/{id}")).StatusCode);
        var refused = await client.GetAsync(Sam);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.StartsWith("the token \"tests\" was revoked at ", (string?)(await JsonAsync(refused))["detail"], StringComparison.Ordinal);
        var unknown = await _server.WithToken("wf_not-a-token").GetAsync(Sam);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task ATokenIsShownOnceStoredHashedAndNoStrongerThanItsCreator()
    {
        await _server.MemberAsync(WorkspaceRole.Editor, password: Password);
        var browser = _server.CreateClient();
        await SignInAsync(browser, "editor");

        var tooStrong = await browser.PostAsJsonAsync("/api/v1/account/tokens", new { name = "ci", workspace = "demo", role = "owner" });
        var created = await browser.PostAsJsonAsync("/api/v1/account/tokens", new { name = "ci", workspace = "demo", role = "viewer", expires_in_days = 7 });

        Assert.Equal(HttpStatusCode.Forbidden, tooStrong.StatusCode);
        Assert.Equal("a token's role cannot be stronger than yours: you are editor in \"demo\", the token asks for owner", (string?)(await JsonAsync(tooStrong))["detail"]);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        var token = (string)body["token"]!;
        Assert.StartsWith("wf_", token, StringComparison.Ordinal);
        Assert.Equal(7, ((DateTimeOffset)body["expires_at"]! - (DateTimeOffset)body["created_at"]!).TotalDays);
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<WayfinderDbContext>().Set<AccessTokenRow>().SingleAsync(t => t.Name == "ci");
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), stored.Hash);
        }

        var listed = await JsonAsync(await browser.GetAsync("/api/v1/account/tokens"));
        Assert.Equal(["tests", "ci"], listed.AsArray().Select(t => (string?)t!["name"]));
        Assert.All(listed.AsArray(), t => Assert.Null(t!["token"]));
        var viewer = _server.WithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(Sam)).StatusCode);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, Sam);
        delete.Headers.IfMatch.ParseAdd("\"3\"");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendAsync(delete)).StatusCode);
    }

    [Fact]
    public async Task ATokenActsOnlyInItsOwnWorkspace()
    {
        var owner = _server.CreateClient();
        await _server.MemberAsync(WorkspaceRole.Owner, password: Password);
        await SignInAsync(owner, "owner");
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync("/api/v1/workspaces", new { id = "other", name = "Other" })).StatusCode);
        var token = (string)(await JsonAsync(await owner.PostAsJsonAsync("/api/v1/account/tokens", new { name = "demo only", workspace = "demo", role = "owner" })))["token"]!;

        var inOther = await _server.WithToken(token).GetAsync("/api/v1/workspaces/other/documents");
        var inDemo = await _server.WithToken(token).GetAsync("/api/v1/workspaces/demo/documents");
        var listed = await JsonAsync(await _server.WithToken(token).GetAsync("/api/v1/workspaces"));

        Assert.Equal(HttpStatusCode.NotFound, inOther.StatusCode);
        Assert.Equal("No such workspace", (string?)(await JsonAsync(inOther))["title"]);
        Assert.Equal(HttpStatusCode.OK, inDemo.StatusCode);
        Assert.Equal("""[{"id":"demo","name":"Skylark Airways","role":"owner"}]""", listed.ToJsonString());
        Assert.Equal("""[{"id":"demo","name":"Skylark Airways","role":"owner"},{"id":"other","name":"Other","role":"owner"}]""",
            (await JsonAsync(await owner.GetAsync("/api/v1/workspaces"))).ToJsonString());
    }

    [Fact]
    public async Task AShareLinkReadsItsOneDocumentAndNothingElseUntilRevoked()
    {
        var editor = _server.ClientAs(WorkspaceRole.Editor);
        var viewerTry = await _server.ClientAs(WorkspaceRole.Viewer).PostAsJsonAsync("/api/v1/workspaces/demo/share-links", new { kind = "persona", id = "business-traveller" });
        var created = await editor.PostAsJsonAsync("/api/v1/workspaces/demo/share-links", new { kind = "persona", id = "business-traveller", expires_in_days = 3 });
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Created), (viewerTry.StatusCode, created.StatusCode));
        var link = await JsonAsync(created);
        var token = (string)link["token"]!;
        var anonymous = _server.CreateClient();

        var shared = await anonymous.GetAsync((string)link["url"]!);
        var byQuery = await anonymous.GetAsync($"{Sam}?share={token}");
        using var byHeader = new HttpRequestMessage(HttpMethod.Get, Sam);
        byHeader.Headers.Add(AccessSchemes.ShareHeader, token);
        var headerRead = await anonymous.SendAsync(byHeader);
        var otherPersona = await anonymous.GetAsync($"/api/v1/workspaces/demo/documents/persona/first-time-flyer?share={token}");
        var list = await anonymous.GetAsync($"/api/v1/workspaces/demo/documents?share={token}");
        var history = await anonymous.GetAsync($"{Sam}/history?share={token}");
        var write = await anonymous.PutAsync($"{Sam}?share={token}", JsonContent.Create(new { id = "business-traveller" }));

        Assert.Equal("Sam, the frequent business traveller", (string?)(await JsonAsync(shared))["title"]);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (byQuery.StatusCode, headerRead.StatusCode));
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            [otherPersona.StatusCode, list.StatusCode, history.StatusCode, write.StatusCode]);

        var id = (long)link["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync($"/api/v1/workspaces/demo/share-links/{id}")).StatusCode);
        var afterShared = await anonymous.GetAsync((string)link["url"]!);
        var afterQuery = await anonymous.GetAsync($"{Sam}?share={token}");

        Assert.Equal(HttpStatusCode.NotFound, afterShared.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterQuery.StatusCode);
        Assert.StartsWith("the share link was revoked at ", (string?)(await JsonAsync(afterQuery))["detail"], StringComparison.Ordinal);
        var listed = await JsonAsync(await editor.GetAsync("/api/v1/workspaces/demo/share-links"));
        Assert.Single(listed.AsArray());
        Assert.NotNull((string?)listed[0]!["revoked_at"]);
        Assert.Null(listed[0]!["token"]);
    }

    [Fact]
    public async Task AShareLinkForADocumentThatDoesNotExistIsRefused()
    {
        var created = await _server.ClientAs(WorkspaceRole.Owner).PostAsJsonAsync("/api/v1/workspaces/demo/share-links", new { kind = "persona", id = "nobody" });

        Assert.Equal(HttpStatusCode.NotFound, created.StatusCode);
        Assert.Equal("there is no persona \"nobody\" in workspace \"demo\"", (string?)(await JsonAsync(created))["detail"]);
    }
}

/// <summary>Tokens and share links on PostgreSQL.</summary>
public sealed class TokensAndShareLinksOnPostgresTests : TokensAndShareLinksTests
{
    private readonly PostgresTestDatabase _database;

    public TokensAndShareLinksOnPostgresTests()
        : this(new PostgresTestDatabase())
    {
    }

    private TokensAndShareLinksOnPostgresTests(PostgresTestDatabase database)
        : base(new WayfinderServerFactory(database.ConnectionString)) => _database = database;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }
}

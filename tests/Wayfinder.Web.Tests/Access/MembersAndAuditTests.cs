namespace Wayfinder.Web.Tests.Access;

using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;
using static AccessTestKit;

/// <summary>Members and roles, invitations by link, and the audit trail that records them.</summary>
public class MembersAndAuditTests : IDisposable
{
    private const string Members = "/api/v1/workspaces/demo/members";
    private readonly WayfinderServerFactory _server;

    public MembersAndAuditTests()
        : this(new WayfinderServerFactory())
    {
    }

    protected MembersAndAuditTests(WayfinderServerFactory server) => _server = server;

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
    public async Task OwnersChangeRolesButNeverRemoveTheLastOwner()
    {
        var owner = _server.ClientAs(WorkspaceRole.Owner);
        await _server.MemberAsync(WorkspaceRole.Viewer);

        var promoted = await owner.PutAsJsonAsync($"{Members}/viewer", new { role = "editor" });
        var lastOwner = await owner.PutAsJsonAsync($"{Members}/owner", new { role = "viewer" });
        var removeLast = await owner.DeleteAsync($"{Members}/owner");
        var nobody = await owner.PutAsJsonAsync($"{Members}/nobody", new { role = "viewer" });

        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.NotFound), (lastOwner.StatusCode, removeLast.StatusCode, nobody.StatusCode));
        Assert.Equal("""[{"user_name":"owner","role":"owner"},{"user_name":"viewer","role":"editor"}]""",
            (await JsonAsync(await owner.GetAsync(Members))).ToJsonString());
        var members = await _server.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IWorkspaceMembers>().ListAsync("demo", CancellationToken.None);
        Assert.Equal([new WorkspaceMember("owner", null, WorkspaceRole.Owner), new WorkspaceMember("viewer", null, WorkspaceRole.Editor)], members);
    }

    [Fact]
    public async Task AnInvitationLetsANewPersonInWithItsRoleOnce()
    {
        var owner = _server.ClientAs(WorkspaceRole.Owner);
        var invitation = await JsonAsync(await owner.PostAsJsonAsync("/api/v1/workspaces/demo/invitations", new { role = "commenter", expires_in_days = 2 }));
        var token = (string)invitation["token"]!;
        var browser = _server.CreateClient();

        var shown = await JsonAsync(await browser.GetAsync($"/api/v1/invitations/{token}"));
        var accepted = await browser.PostAsJsonAsync($"/api/v1/invitations/{token}/accept", new { user_name = "grace", password = Password });
        var again = await _server.CreateClient().PostAsJsonAsync($"/api/v1/invitations/{token}/accept", new { user_name = "mallory", password = Password });

        Assert.Equal(("demo", "commenter"), ((string?)shown["workspace"], (string?)shown["role"]));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("""[{"id":"demo","name":"Skylark Airways","role":"commenter"}]""", (await JsonAsync(await browser.GetAsync("/api/v1/account/me")))["workspaces"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("the invitation was used; ask the workspace's owner for a new one", (string?)(await JsonAsync(again))["detail"]);
        var signInAsMallory = await _server.CreateClient().PostAsJsonAsync("/api/v1/account/sign-in", new { user_name = "mallory", password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, signInAsMallory.StatusCode);
    }

    [Fact]
    public async Task TheAuditTrailRecordsSignInsRolesTokensShareLinksAndDeletions()
    {
        var owner = _server.ClientAs(WorkspaceRole.Owner);
        await _server.MemberAsync(WorkspaceRole.Editor, password: Password);
        var browser = _server.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsJsonAsync("/api/v1/account/sign-in", new { user_name = "editor", password = "not the password" })).StatusCode);
        await SignInAsync(browser, "editor");
        var token = await JsonAsync(await browser.PostAsJsonAsync("/api/v1/account/tokens", new { name = "ci", workspace = "demo", role = "viewer" }));
        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync($"/api/v1/account/tokens/{token["id"]}")).StatusCode);
        var link = await JsonAsync(await owner.PostAsJsonAsync("/api/v1/workspaces/demo/share-links", new { kind = "persona", id = "business-traveller" }));
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/workspaces/demo/share-links/{link["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"{Members}/editor", new { role = "commenter" })).StatusCode);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/workspaces/demo/documents/journey/corporate-programme?message=gone");
        delete.Headers.IfMatch.ParseAdd("\"1\"");
        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(delete)).StatusCode);

        var audit = await JsonAsync(await owner.GetAsync("/api/v1/workspaces/demo/audit"));
        var viewer = await _server.ClientAs(WorkspaceRole.Viewer).GetAsync("/api/v1/workspaces/demo/audit");

        string Line(System.Text.Json.Nodes.JsonNode? e) => $"{e!["actor"]} {e["action"]} {e["target"]} | {e["detail"]}";
        Assert.Equal(
            [
                "owner document_deleted journey/corporate-programme | gone",
                "owner role_changed editor | editor → commenter",
                "owner share_link_revoked persona/business-traveller | share link 1",
                "owner share_link_created persona/business-traveller | share link 1",
                $"editor token_revoked token {token["id"]} | \"ci\"",
                $"editor token_created token {token["id"]} | \"ci\", viewer, expires {((DateTimeOffset)token["expires_at"]!).ToString("u", System.Globalization.CultureInfo.InvariantCulture)}",
                "editor signed_in editor | password",
                " sign_in_failed editor | wrong password",
            ],
            audit.AsArray().Select(Line));
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
    }
}

/// <summary>Members, invitations and the audit trail on PostgreSQL.</summary>
public sealed class MembersAndAuditOnPostgresTests : MembersAndAuditTests
{
    private readonly PostgresTestDatabase _database;

    public MembersAndAuditOnPostgresTests()
        : this(new PostgresTestDatabase())
    {
    }

    private MembersAndAuditOnPostgresTests(PostgresTestDatabase database)
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

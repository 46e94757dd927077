namespace Wayfinder.Web.Tests.Workspaces;

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;
using Wayfinder.Web.Comments;
using Wayfinder.Web.Evidence;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Tests.Evidence;
using static Wayfinder.Web.Tests.Access.AccessTestKit;

/// <summary>
/// <c>DELETE /api/v1/workspaces/{workspace}?confirm={workspace}</c>: an owner signed in deletes a whole workspace, and
/// every row and file of it goes, on SQLite (its cascades) as on PostgreSQL (<see cref="DeleteWorkspaceOnPostgresTests"/>).
/// </summary>
public class DeleteWorkspaceTests : IDisposable
{
    private readonly WayfinderServerFactory _server;

    public DeleteWorkspaceTests()
        : this(new WayfinderServerFactory())
    {
    }

    protected DeleteWorkspaceTests(WayfinderServerFactory server) => _server = server;

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
    public async Task AnOwnerSignedInDeletesTheWorkspaceWithEverythingInItAndAnotherWorkspaceKeepsItsOwn()
    {
        var owner = _server.CreateClient();
        await _server.MemberAsync(WorkspaceRole.Owner, password: Password);
        await SignInAsync(owner, "owner");
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync("/api/v1/workspaces", new { id = "other", name = "Other" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await EvidenceFiles.UploadAsync(owner, "events", EvidenceFiles.Events)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync("/api/v1/workspaces/demo/share-links", new { kind = "persona", id = "business-traveller" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync("/api/v1/workspaces/demo/comments", new { document_kind = "persona", document_id = "business-traveller", text = "Sharper goals?" })).StatusCode);
        var folder = _server.Services.GetRequiredService<EvidenceWorkspaces>().FolderOf("demo")!;
        Assert.True(Directory.Exists(folder));

        var unconfirmed = await owner.DeleteAsync("/api/v1/workspaces/demo");
        var deleted = await owner.DeleteAsync("/api/v1/workspaces/demo?confirm=demo");

        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(
            "deleting \"demo\" takes its documents, history, members, comments and evidence, for good; send confirm=demo to do it",
            (string?)(await JsonAsync(unconfirmed))["detail"]);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/api/v1/workspaces/demo/documents")).StatusCode);
        Assert.False(Directory.Exists(folder));
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WayfinderDbContext>();
        Assert.Equal(
            (0, 0, 0, 0, 0, 0),
            (await db.Documents.CountAsync(d => d.WorkspaceId == "demo"), await db.Revisions.CountAsync(),
             await db.Set<MembershipRow>().CountAsync(m => m.WorkspaceId == "demo"), await db.Set<ShareLinkRow>().CountAsync(),
             await db.Set<CommentThreadRow>().CountAsync(), await db.Set<AccessTokenRow>().CountAsync(t => t.WorkspaceId == "demo")));
        Assert.Equal(1, await db.Set<MembershipRow>().CountAsync(m => m.WorkspaceId == "other"));
        var audit = await db.Set<AuditRow>().Where(a => a.Action == AuditActions.WorkspaceDeleted).SingleAsync();
        Assert.Equal(("demo", "owner", "demo", "Skylark Airways"), (audit.WorkspaceId, audit.Actor, audit.Target, audit.Detail));

        // The id is free again: a new workspace of that id starts empty, with a trail of its own (the old one is not shown).
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync("/api/v1/workspaces", new { id = "demo", name = "Demo again" })).StatusCode);
        Assert.Equal("[]", await owner.GetStringAsync("/api/v1/workspaces/demo/documents"));
        var trail = (await JsonAsync(await owner.GetAsync("/api/v1/workspaces/demo/audit"))).AsArray();
        Assert.Equal(["workspace_created"], trail.Where(e => (string?)e!["target"] == "demo").Select(e => (string?)e!["action"]));
        Assert.DoesNotContain(trail, e => (string?)e!["action"] is "workspace_deleted" or "share_link_created");
    }

    [Fact]
    public async Task ATokenAnEditorOrAMemberOfAnotherWorkspaceDeletesNothing()
    {
        var ownerToken = _server.ClientAs(WorkspaceRole.Owner);
        var editor = _server.CreateClient();
        await _server.MemberAsync(WorkspaceRole.Editor, password: Password);
        await SignInAsync(editor, "editor");

        var byToken = await ownerToken.DeleteAsync("/api/v1/workspaces/demo?confirm=demo");
        var byEditor = await editor.DeleteAsync("/api/v1/workspaces/demo?confirm=demo");

        Assert.Equal(HttpStatusCode.Forbidden, byToken.StatusCode);
        Assert.Equal("a token cannot delete a workspace; sign in as one of its owners to delete it", (string?)(await JsonAsync(byToken))["detail"]);
        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownerToken.GetAsync("/api/v1/workspaces/demo/documents")).StatusCode);
    }
}

/// <summary>The same deletions on a database of its own on the test PostgreSQL server.</summary>
public sealed class DeleteWorkspaceOnPostgresTests : DeleteWorkspaceTests
{
    private readonly PostgresTestDatabase _database;

    public DeleteWorkspaceOnPostgresTests()
        : this(new PostgresTestDatabase())
    {
    }

    private DeleteWorkspaceOnPostgresTests(PostgresTestDatabase database)
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

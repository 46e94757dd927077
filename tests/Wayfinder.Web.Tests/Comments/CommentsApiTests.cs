namespace Wayfinder.Web.Tests.Comments;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;
using Wayfinder.Web.Comments;
using Wayfinder.Web.Live;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Tests.Revisions;

/// <summary>Comment threads through the API on the demo workspace, whose members (for @mentions) are ana and sofia.marin.</summary>
public class CommentsApiTests : IDisposable
{
    private const string Comments = "/api/v1/workspaces/demo/comments";
    private const string Trip = "/api/v1/workspaces/demo/documents/journey/trip";
    private const string TripJson = """
        {"kind":"journey","id":"trip","title":"A trip","revision":1,"personas":["first-time-flyer"],
         "stages":[{"id":"search","name":"Search"},{"id":"book","name":"Book"}],
         "lanes":[{"id":"pains","type":"pain_points","items":[{"id":"pain-fees","stage":"book","text":"Hidden fees"}]}]}
        """;

    private readonly WayfinderServerFactory _factory;
    private readonly WebApplicationFactory<Program> _server;
    private readonly RecordedEvents _events = new();
    private readonly HttpClient _commenter;

    public CommentsApiTests()
        : this(new WayfinderServerFactory())
    {
    }

    protected CommentsApiTests(WayfinderServerFactory factory)
    {
        _factory = factory;
        _server = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<IWorkspaceEvents>(_events);
            s.AddSingleton<IWorkspaceMembers>(new Members());
        }));
        _commenter = ClientAs(WorkspaceRole.Commenter);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _commenter.Dispose();
            _server.Dispose();
            _factory.Dispose();
        }
    }

    [Fact]
    public async Task AThreadOnAnElementFollowsItWhenItMovesAndIsFlaggedOnceItIsRemoved()
    {
        await SendAsync(HttpMethod.Put, Trip, TripJson, ifMatch: null);

        var created = await _commenter.PostAsJsonAsync(Comments, new { document_kind = "journey", document_id = "trip", element_id = "book", text = "Is @ana happy with this? cc @bob and @Sofia.Marin." });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var thread = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var id = (long)thread["id"]!;
        Assert.Equal($"{Comments}/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(("journey", "trip", "book", false, false), ((string?)thread["document_kind"], (string?)thread["document_id"], (string?)thread["element_id"], (bool)thread["on_removed_element"]!, (bool)thread["resolved"]!));
        // bob is no member; sofia.marin is, spelled as the member list spells her.
        Assert.Equal("""["ana","sofia.marin"]""", thread["comments"]![0]!["mentions"]!.ToJsonString());
        Assert.Equal("\"1\"", (await ClientAs(WorkspaceRole.Viewer).GetAsync(Trip)).Headers.ETag?.Tag);

        var moved = TripJson.Replace("""{"id":"search","name":"Search"},{"id":"book","name":"Book"}""", """{"id":"book","name":"Book"},{"id":"search","name":"Search"}""", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, Trip, moved, ifMatch: "\"1\"")).StatusCode);
        var afterMove = await ListAsync("?kind=journey&id=trip&element=book");
        Assert.Equal((id, false), ((long)afterMove.Single()!["id"]!, (bool)afterMove.Single()!["on_removed_element"]!));

        var removed = TripJson.Replace(""",{"id":"book","name":"Book"}""", "", StringComparison.Ordinal).Replace("\"stage\":\"book\"", "\"stage\":\"search\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, Trip, removed, ifMatch: "\"2\"")).StatusCode);
        var afterRemoval = await ListAsync("?kind=journey&id=trip");
        Assert.Equal((id, true), ((long)afterRemoval.Single()!["id"]!, (bool)afterRemoval.Single()!["on_removed_element"]!));
    }

    [Fact]
    public async Task RepliesResolveAndReopenNeverChangeTheDocumentsRevision()
    {
        var created = await _commenter.PostAsJsonAsync(Comments, new { document_kind = "persona", document_id = "business-traveller", text = "Is this persona still right?" });
        var id = (long)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;

        var reply = await _commenter.PostAsJsonAsync($"{Comments}/{id}/replies", new { text = "Yes, @ana checked it" });
        var resolved = await _commenter.PostAsync($"{Comments}/{id}/resolve", null);
        var openAfterResolve = await ListAsync("?open=true");
        var closed = await ListAsync("?open=false&kind=persona&id=business-traveller");
        var reopened = await _commenter.PostAsync($"{Comments}/{id}/reopen", null);
        var openAfterReopen = await ListAsync("?open=true");

        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        var replied = JsonNode.Parse(await reply.Content.ReadAsStringAsync())!;
        Assert.Equal(["Is this persona still right?", "Yes, @ana checked it"], replied["comments"]!.AsArray().Select(c => (string?)c!["text"]));
        Assert.Equal("""["ana"]""", replied["comments"]![1]!["mentions"]!.ToJsonString());
        Assert.True((bool)JsonNode.Parse(await resolved.Content.ReadAsStringAsync())!["resolved"]!);
        Assert.Empty(openAfterResolve);
        Assert.Equal(id, (long)closed.Single()!["id"]!);
        Assert.False((bool)JsonNode.Parse(await reopened.Content.ReadAsStringAsync())!["resolved"]!);
        Assert.Equal(id, (long)openAfterReopen.Single()!["id"]!);
        Assert.Equal("\"3\"", (await ClientAs(WorkspaceRole.Viewer).GetAsync("/api/v1/workspaces/demo/documents/persona/business-traveller")).Headers.ETag?.Tag);
        Assert.Equal(
            [$"thread {id}", $"thread {id} comment {(long)replied["comments"]![1]!["id"]!}", $"thread {id} resolved", $"thread {id} reopened"],
            _events.All.Select(e => e.Type == WorkspaceEventTypes.Commented && e.DocumentKind == "persona" && e.DocumentId == "business-traveller" ? e.Detail : "other"));
    }

    [Theory]
    [InlineData("""{"document_kind":"journey","document_id":"nowhere","text":"hi"}""", 404, "there is no journey \"nowhere\" in workspace \"demo\" to comment on")]
    [InlineData("""{"document_kind":"persona","document_id":"business-traveller","element_id":"no-such-trait","text":"hi"}""", 422, "persona/business-traveller has no element \"no-such-trait\" at revision 3; leave element_id out to comment on the whole document")]
    [InlineData("""{"document_kind":"poem","document_id":"business-traveller","text":"hi"}""", 422, "\"poem\" is not a kind of document; use persona, journey or value_gap")]
    [InlineData("""{"document_kind":"persona","document_id":"business-traveller","text":"  "}""", 422, "send the comment in \"text\"")]
    public async Task ABadThreadIsAProblemAndStoresNothing(string body, int status, string detail)
    {
        var refused = await _commenter.PostAsync(Comments, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(detail, (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"]);
        Assert.Empty(await ListAsync(""));
        Assert.Empty(_events.All);
    }

    [Fact]
    public async Task ATextOverTheLimitIsRefused()
    {
        var refused = await _commenter.PostAsJsonAsync(Comments, new { document_kind = "persona", document_id = "business-traveller", text = new string('x', CommentRow.MaxTextLength + 1) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("a comment holds at most 4000 characters; this one has 4001", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"]);
        Assert.Empty(await ListAsync(""));
    }

    [Fact]
    public async Task OnlyItsAuthorEditsOrDeletesAComment()
    {
        var created = await _commenter.PostAsJsonAsync(Comments, new { document_kind = "persona", document_id = "business-traveller", text = "first" });
        var thread = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var (id, mine) = ((long)thread["id"]!, (long)thread["comments"]![0]!["id"]!);
        long anas;
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            // Somebody else's reply, as ana would have written it.
            var db = scope.ServiceProvider.GetRequiredService<WayfinderDbContext>();
            var row = new CommentRow { ThreadKey = id, Author = "ana", Text = "ana's reply", CreatedAt = DateTimeOffset.UnixEpoch };
            db.Set<CommentRow>().Add(row);
            await db.SaveChangesAsync();
            anas = row.Key;
        }

        var edited = await _commenter.PatchAsJsonAsync($"{Comments}/{id}/comments/{mine}", new { text = "first, edited for @ana" });
        var notMineEdit = await _commenter.PatchAsJsonAsync($"{Comments}/{id}/comments/{anas}", new { text = "hijacked" });
        var notMineDelete = await _commenter.DeleteAsync($"{Comments}/{id}/comments/{anas}");
        var deleted = await _commenter.DeleteAsync($"{Comments}/{id}/comments/{mine}");
        var missing = await _commenter.DeleteAsync($"{Comments}/{id}/comments/999");

        var afterEdit = JsonNode.Parse(await edited.Content.ReadAsStringAsync())!["comments"]![0]!;
        Assert.Equal(("first, edited for @ana", """["ana"]""", true), ((string?)afterEdit["text"], afterEdit["mentions"]!.ToJsonString(), afterEdit["edited_at"] is not null));
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (notMineEdit.StatusCode, notMineDelete.StatusCode));
        Assert.Equal("comment " + anas + " was written by ana; only its author may edit or delete it", (string?)JsonNode.Parse(await notMineEdit.Content.ReadAsStringAsync())!["detail"]);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted.StatusCode, missing.StatusCode));
        var left = JsonNode.Parse(await ClientAs(WorkspaceRole.Viewer).GetStringAsync($"{Comments}/{id}"))!["comments"]!.AsArray();
        Assert.Equal(["ana's reply"], left.Select(c => (string?)c!["text"]));
    }

    private async Task<JsonArray> ListAsync(string query) =>
        JsonNode.Parse(await ClientAs(WorkspaceRole.Viewer).GetStringAsync(Comments + query))!.AsArray();

    /// <summary>A client of this server acting with a token of <paramref name="role"/> (the factory's database, which this server shares).</summary>
    private HttpClient ClientAs(WorkspaceRole role)
    {
        var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _factory.TokenAsync(role).GetAwaiter().GetResult());
        return client;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string json, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        using var editor = ClientAs(WorkspaceRole.Editor);
        return await editor.SendAsync(request);
    }

    /// <summary>The demo workspace's members until the access helper keeps real ones.</summary>
    private sealed class Members : IWorkspaceMembers
    {
        public Task<IReadOnlyList<WorkspaceMember>> ListAsync(string workspaceId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<WorkspaceMember>>(workspaceId == "demo"
                ? [new("ana", "Ana", WorkspaceRole.Editor), new("sofia.marin", "Sofia Marín", WorkspaceRole.Owner)]
                : []);
    }
}

/// <summary>Every comments test again, on a database of its own on the test PostgreSQL server.</summary>
public sealed class CommentsApiOnPostgresTests : CommentsApiTests
{
    private readonly PostgresTestDatabase _database;

    public CommentsApiOnPostgresTests()
        : this(new PostgresTestDatabase())
    {
    }

    private CommentsApiOnPostgresTests(PostgresTestDatabase database)
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

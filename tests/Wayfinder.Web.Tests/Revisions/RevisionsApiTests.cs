namespace Wayfinder.Web.Tests.Revisions;

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Wayfinder.Web.Access;
using Wayfinder.Web.Live;

/// <summary>Diff, read and restore of a document's revisions, on a small journey made through the API.</summary>
public class RevisionsApiTests : IDisposable
{
    private const string Trip = "/api/v1/workspaces/demo/documents/journey/trip";

    /// <summary>Revision 1 of the journey; <see cref="CreateAsync"/> saves it, then revision 2 with stage "book" renamed.</summary>
    private const string TripJson = """
        {"kind":"journey","id":"trip","title":"A trip","revision":1,"personas":["first-time-flyer"],
         "stages":[{"id":"search","name":"Search"},{"id":"book","name":"Book"},{"id":"fly","name":"Fly"}],
         "lanes":[{"id":"pains","type":"pain_points","items":[{"id":"pain-fees","stage":"book","text":"Hidden fees"}]}]}
        """;

    private readonly WayfinderServerFactory _factory;
    private readonly WebApplicationFactory<Program> _server;
    private readonly RecordedEvents _events;
    private readonly HttpClient _editor;

    public RevisionsApiTests()
        : this(new WayfinderServerFactory())
    {
    }

    protected RevisionsApiTests(WayfinderServerFactory factory)
    {
        _factory = factory;
        (_server, _events) = RecordedEvents.On(_factory);
        _editor = ClientAs(WorkspaceRole.Editor);
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
            _editor.Dispose();
            _server.Dispose();
            _factory.Dispose();
        }
    }

    [Fact]
    public async Task TheDiffOfARenameListsTheStageWithOldAndNewNameAndTheTextHunk()
    {
        await CreateAsync();

        var diff = JsonNode.Parse(await ClientAs(WorkspaceRole.Viewer).GetStringAsync($"{Trip}/diff?from=1&to=2"))!;

        Assert.Equal((1, 2), ((int?)diff["from"], (int?)diff["to"]));
        Assert.Equal("""[]""", diff["document"]!.ToJsonString());
        Assert.Equal(
            """[{"element_id":"book","element":"stage","change":"changed","old_path":"stages[1]","new_path":"stages[1]","fields":[{"field":"name","old":"Book","new":"Book a seat"}]}]""",
            diff["elements"]!.ToJsonString());

        // Lines 5 (revision) and 13 (the stage's name) changed; three lines of context each, so two hunks: 2–8 and 10–16.
        Assert.Equal("""
            --- journeys/trip.yaml@1
            +++ journeys/trip.yaml@2
            @@ -2,7 +2,7 @@
             kind: journey
             id: trip
             title: A trip
            -revision: 1
            +revision: 2
             personas:
               - first-time-flyer
             state: current
            @@ -10,7 +10,7 @@
               - id: search
                 name: Search
               - id: book
            -    name: Book
            +    name: Book a seat
               - id: fly
                 name: Fly
             lanes:

            """.ReplaceLineEndings("\n"), (string?)diff["text_diff"]);
    }

    [Fact]
    public async Task WithoutToTheDiffIsAgainstTheCurrentRevision()
    {
        await CreateAsync();
        var moved = TripJson.Replace("""{"id":"search","name":"Search"},{"id":"book","name":"Book"},{"id":"fly","name":"Fly"}""", """{"id":"fly","name":"Fly"},{"id":"search","name":"Search"},{"id":"book","name":"Book a seat"}""", StringComparison.Ordinal)
            .Replace("\"Hidden fees\"", "\"Fees shown late\"", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, Trip, moved, ifMatch: "\"2\"")).StatusCode);

        var diff = JsonNode.Parse(await ClientAs(WorkspaceRole.Viewer).GetStringAsync($"{Trip}/diff?from=2"))!;

        // Revision 2 → 3: fly went first (search and book keep their order), the pain's text changed.
        Assert.Equal((2, 3), ((int?)diff["from"], (int?)diff["to"]));
        Assert.Equal(
            """[{"element_id":"fly","element":"stage","change":"moved","old_path":"stages[2]","new_path":"stages[0]","fields":[]},""" +
            """{"element_id":"pain-fees","element":"lane_item","change":"changed","old_path":"lanes[0].items[0]","new_path":"lanes[0].items[0]","fields":[{"field":"text","old":"Hidden fees","new":"Fees shown late"}]}]""",
            diff["elements"]!.ToJsonString());
    }

    [Fact]
    public async Task ARevisionIsReadAsItWasAndAMissingOneIs404()
    {
        await CreateAsync();
        var viewer = ClientAs(WorkspaceRole.Viewer);

        var first = JsonNode.Parse(await viewer.GetStringAsync($"{Trip}/revisions/1"))!;
        var missing = await viewer.GetAsync($"{Trip}/revisions/7");
        var noFrom = await viewer.GetAsync($"{Trip}/diff");

        Assert.Equal((1, "Book"), ((int?)first["revision"], (string?)first["stages"]![1]!["name"]));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal("journey/trip has no revision 7; its history lists the revisions it has", (string?)JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["detail"]);
        Assert.Equal(HttpStatusCode.BadRequest, noFrom.StatusCode);
    }

    [Fact]
    public async Task ARestoreIsANewRevisionWithTheOldTextAndPublishesRestored()
    {
        await CreateAsync();

        var restored = await SendAsync(HttpMethod.Post, $"{Trip}/restore?revision=1", null, ifMatch: "\"2\"");

        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal("\"3\"", restored.Headers.ETag?.Tag);
        var body = JsonNode.Parse(await restored.Content.ReadAsStringAsync())!;
        Assert.Equal((3, "book", "Book"), ((int?)body["revision"], (string?)body["stages"]![1]!["id"], (string?)body["stages"]![1]!["name"]));
        var history = JsonNode.Parse(await ClientAs(WorkspaceRole.Viewer).GetStringAsync($"/api/v1/workspaces/demo/documents/journey/trip/history"))!.AsArray();
        Assert.Equal([(3, "restored revision 1"), (2, null), (1, null)], history.Select(h => ((int)h!["revision"]!, (string?)h["message"])));

        // The restored text is revision 1's but for its revision line: the diff finds no element and no field changed.
        var diff = JsonNode.Parse(await ClientAs(WorkspaceRole.Viewer).GetStringAsync($"{Trip}/diff?from=1&to=3"))!;
        Assert.Equal(("[]", "[]"), (diff["elements"]!.ToJsonString(), diff["document"]!.ToJsonString()));
        var restoredEvent = Assert.Single(_events.All, e => e.Type == WorkspaceEventTypes.Restored);
        Assert.Equal(new WorkspaceEvent("demo", WorkspaceEventTypes.Restored, "editor", "journey", "trip", 3, "revision 1"), restoredEvent);
    }

    [Fact]
    public async Task ARestoreOnAStaleIfMatchIs412AndChangesNothing()
    {
        await CreateAsync();

        var stale = await SendAsync(HttpMethod.Post, $"{Trip}/restore?revision=1", null, ifMatch: "\"1\"");
        var blind = await SendAsync(HttpMethod.Post, $"{Trip}/restore?revision=1", null, ifMatch: null);
        var unknown = await SendAsync(HttpMethod.Post, $"{Trip}/restore?revision=9", null, ifMatch: "\"2\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = JsonNode.Parse(await stale.Content.ReadAsStringAsync())!;
        Assert.Equal((1, 2), ((int?)problem["expected_revision"], (int?)problem["stored_revision"]));
        Assert.Equal(HttpStatusCode.PreconditionRequired, blind.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var current = await ClientAs(WorkspaceRole.Viewer).GetAsync(Trip);
        Assert.Equal("\"2\"", current.Headers.ETag?.Tag);
        Assert.DoesNotContain(_events.All, e => e.Type == WorkspaceEventTypes.Restored);
    }

    /// <summary>
    /// A client of the server that records events, acting with a token of <paramref name="role"/> (the token of the
    /// factory's database, which this server shares).
    /// </summary>
    private HttpClient ClientAs(WorkspaceRole role)
    {
        var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _factory.TokenAsync(role).GetAwaiter().GetResult());
        return client;
    }

    /// <summary>Saves the journey at revision 1, then renames stage "book" (revision 2).</summary>
    private async Task CreateAsync()
    {
        var created = await SendAsync(HttpMethod.Put, Trip, TripJson, ifMatch: null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var renamed = await SendAsync(HttpMethod.Put, Trip, TripJson.Replace("\"Book\"", "\"Book a seat\"", StringComparison.Ordinal), ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? json, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return await _editor.SendAsync(request);
    }
}

/// <summary>Every revisions test again, on a database of its own on the test PostgreSQL server.</summary>
public sealed class RevisionsApiOnPostgresTests : RevisionsApiTests
{
    private readonly PostgresTestDatabase _database;

    public RevisionsApiOnPostgresTests()
        : this(new PostgresTestDatabase())
    {
    }

    private RevisionsApiOnPostgresTests(PostgresTestDatabase database)
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

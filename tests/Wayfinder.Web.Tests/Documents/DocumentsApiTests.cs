namespace Wayfinder.Web.Tests.Documents;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Wayfinder.App.Documents;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Templates;
using Wayfinder.Web.Access;

/// <summary>The documents API on SQLite in memory; <see cref="DocumentsApiOnPostgresTests"/> runs the same tests on PostgreSQL.</summary>
public class DocumentsApiTests : IDisposable
{
    private const string Documents = "/api/v1/workspaces/demo/documents";
    private readonly WayfinderServerFactory _server;
    private readonly HttpClient _client;

    public DocumentsApiTests()
        : this(new WayfinderServerFactory())
    {
    }

    protected DocumentsApiTests(WayfinderServerFactory server)
    {
        _server = server;
        _client = _server.ClientAs(WorkspaceRole.Editor);
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
            _client.Dispose();
            _server.Dispose();
        }
    }

    [Fact]
    public async Task TheDemoWorkspaceIsSeededOnFirstStart()
    {
        var list = await _client.GetFromJsonAsync<JsonArray>(Documents);

        Assert.Contains(list!, e => (string?)e!["kind"] == "persona" && (string?)e["id"] == "business-traveller" && (string?)e["file"] == "personas/business-traveller.yaml" && (int?)e["revision"] == 3);
        Assert.Contains(list!, e => (string?)e!["kind"] == "value_gap");
        Assert.Equal(8, list!.Count);
    }

    [Fact]
    public async Task ADocumentRoundTripsAsJsonInTheFilesShapeWithItsRevisionAsETag()
    {
        var read = await _client.GetAsync($"{Documents}/persona/business-traveller");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"3\"", read.Headers.ETag?.Tag);
        var json = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        Assert.Equal("Sam, the frequent business traveller", (string?)json["title"]);
        Assert.Equal("sofia.marin", (string?)json["owner"]);

        json["title"] = "Sam, who flies every week";
        var put = await Put("persona/business-traveller?message=retitled", json.ToJsonString(), ifMatch: "\"3\"");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("\"4\"", put.Headers.ETag?.Tag);
        var again = await _client.GetAsync($"{Documents}/persona/business-traveller");
        Assert.Equal("\"4\"", again.Headers.ETag?.Tag);
        var stored = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
        Assert.Equal("Sam, who flies every week", (string?)stored["title"]);
        Assert.Equal(4, (int?)stored["revision"]);
    }

    [Fact]
    public async Task ANewDocumentWithoutIfMatchIsCreatedWith201AndItsLocation()
    {
        var maya = TemplateCatalog.Personas.First(t => t.Id == "first-time-flyer").Create("maya", "Maya");

        var created = await Put("persona/maya", DocumentJson.Write(maya), ifMatch: null);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"0\"", created.Headers.ETag?.Tag);
        Assert.Equal($"{Documents}/persona/maya", created.Headers.Location?.OriginalString);
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.StartsWith("goal-", (string?)body["goals"]![0]!["id"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStaleIfMatchIs412WithAProblemNamingTheStoredRevisionAndWhoSavedIt()
    {
        var read = await _client.GetAsync($"{Documents}/persona/business-traveller");
        var json = await read.Content.ReadAsStringAsync();
        await _server.SaveAsync("demo", async r =>
            await r.SaveAsync(DocumentJson.Read<Persona>(json)! with { Title = "Ana's title" }, expectedRevision: 3, new SaveInfo("ana", "sharper title")));

        var stale = await Put("persona/business-traveller", json, ifMatch: "\"3\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await stale.Content.ReadAsStringAsync())!;
        Assert.Equal(412, (int?)problem["status"]);
        Assert.Equal((3, 4, "ana"), ((int?)problem["expected_revision"], (int?)problem["stored_revision"], (string?)problem["saved_by"]));
        Assert.Equal("the document was saved in between: expected revision 3, found 4 saved by ana", (string?)problem["detail"]);
        var after = JsonNode.Parse(await _client.GetStringAsync($"{Documents}/persona/business-traveller"))!;
        Assert.Equal("Ana's title", (string?)after["title"]);
    }

    [Fact]
    public async Task AnUpdateWithoutIfMatchIs428AndChangesNothing()
    {
        var json = await _client.GetStringAsync($"{Documents}/persona/business-traveller");

        var blind = await Put("persona/business-traveller", json, ifMatch: null);

        Assert.Equal(HttpStatusCode.PreconditionRequired, blind.StatusCode);
        Assert.Equal("application/problem+json", blind.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, (int?)JsonNode.Parse(await blind.Content.ReadAsStringAsync())!["stored_revision"]);
        Assert.Equal("\"3\"", (await _client.GetAsync($"{Documents}/persona/business-traveller")).Headers.ETag?.Tag);
    }

    [Theory]
    [InlineData("/api/v1/workspaces/demo/documents/persona/nobody")]
    [InlineData("/api/v1/workspaces/demo/documents/poster/business-traveller")]
    [InlineData("/api/v1/workspaces/elsewhere/documents/persona/business-traveller")]
    [InlineData("/api/v1/workspaces/elsewhere/documents")]
    [InlineData("/api/v1/workspaces/demo/documents/persona/nobody/history")]
    public async Task WhatDoesNotExistIs404ProblemDetails(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (int?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]);
    }

    [Fact]
    public async Task HistoryListsEveryRevisionNewestFirstWithItsMessage()
    {
        var json = JsonNode.Parse(await _client.GetStringAsync($"{Documents}/persona/business-traveller"))!;
        json["title"] = "Second";
        await Put("persona/business-traveller?message=second", json.ToJsonString(), "\"3\"");
        json["title"] = "Third";
        await Put("persona/business-traveller?message=third", json.ToJsonString(), "\"4\"");

        var history = await _client.GetFromJsonAsync<JsonArray>($"{Documents}/persona/business-traveller/history");

        // The seed (revision 3, as the demo file carries it) has no message.
        Assert.Equal(["5 third", "4 second", "3 "], history!.Select(h => $"{(int?)h!["revision"]} {(string?)h["message"]}"));
    }

    [Fact]
    public async Task DeleteNeedsTheCurrentIfMatchAndThenTheDocumentIsGone()
    {
        var path = $"{Documents}/persona/business-traveller";
        using var blind = new HttpRequestMessage(HttpMethod.Delete, path);
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await _client.SendAsync(blind)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Delete($"{Documents}/journey/corporate-programme", "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Delete(path, "\"2\"")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Delete(path, "\"3\"")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Delete(path, "\"3\"")).StatusCode);
    }

    [Fact]
    public async Task ASaveThatWouldMakeADocumentNamingItInvalidIsRefusedWith422NamingThatDocument()
    {
        // first-flight-future names first-flight as its current map; first-flight turned future would break it.
        var json = JsonNode.Parse(await _client.GetStringAsync($"{Documents}/journey/first-flight"))!;
        json["state"] = "future";
        json["current_map"] = "corporate-programme";

        var response = await Put("journey/first-flight", json.ToJsonString(), "\"7\"");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(
            "journey/first-flight was not saved: 1 error(s), in journeys/first-flight-future.yaml (a document that names it would become invalid)",
            (string?)problem["detail"]);
        var error = Assert.Single(problem["errors"]!.AsArray())!;
        Assert.Equal(("journeys/first-flight-future.yaml", "current_map", "current-map-is-future"),
            ((string?)error["file"], (string?)error["path"], (string?)error["code"]));
        Assert.Equal("\"7\"", (await _client.GetAsync($"{Documents}/journey/first-flight")).Headers.ETag?.Tag);

        // A change the map naming it does not care about saves.
        json["state"] = "current";
        json.AsObject().Remove("current_map");
        json["title"] = "Maya's first flight";
        Assert.Equal(HttpStatusCode.OK, (await Put("journey/first-flight", json.ToJsonString(), "\"7\"")).StatusCode);
    }

    [Fact]
    public async Task ADocumentOthersStillNameIsNotDeletedAnd409ListsThem()
    {
        var response = await Delete($"{Documents}/journey/airport-check-in", "\"2\"");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("The document is still named by others", (string?)problem["title"]);
        Assert.Equal(
            "journey/airport-check-in was not deleted: journey \"first-flight\" (journeys/first-flight.yaml) still names it and would be refused at its next save; "
            + "take it off that document (or delete that too) first",
            (string?)problem["detail"]);
        var usedBy = Assert.Single(problem["used_by"]!.AsArray())!;
        Assert.Equal(("journey", "first-flight", "Maya's first flight (today)", "journeys/first-flight.yaml"),
            ((string?)usedBy["kind"], (string?)usedBy["id"], (string?)usedBy["title"], (string?)usedBy["file"]));
        Assert.Equal("\"2\"", (await _client.GetAsync($"{Documents}/journey/airport-check-in")).Headers.ETag?.Tag);

        var persona = await Delete($"{Documents}/persona/first-time-flyer", "\"4\"");
        Assert.Equal(HttpStatusCode.Conflict, persona.StatusCode);
        Assert.Equal(["airport-check-in", "first-flight-future", "first-flight", "first-time-flyer-vs-competitors"],
            JsonNode.Parse(await persona.Content.ReadAsStringAsync())!["used_by"]!.AsArray().Select(r => (string)r!["id"]!));
    }

    [Fact]
    public async Task DeletedDocumentsAreListedAndBroughtBackAfterTheChecksOfASaveWithTheirHistoryGoingOn()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await Delete($"{Documents}/journey/corporate-programme", "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Delete($"{Documents}/persona/travel-manager", "\"2\"")).StatusCode);

        var listed = (await _client.GetFromJsonAsync<JsonArray>($"{Documents}/deleted"))!;
        Assert.Equal(
            ["persona travel-manager personas/travel-manager.yaml 3 2", "journey corporate-programme journeys/corporate-programme.yaml 2 1"],
            listed.Select(d => $"{d!["kind"]} {d["id"]} {d["file"]} {d["deleted_revision"]} {d["last_revision"]}"));
        Assert.Equal("Winning a corporate travel programme", (string?)listed[1]!["title"]);
        Assert.StartsWith("editor", (string?)listed[1]!["deleted_by"], StringComparison.Ordinal);

        // The journey names the persona deleted after it: refused, saying so, until the persona is back.
        var named = await _client.PostAsync($"{Documents}/journey/corporate-programme/undelete", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, named.StatusCode);
        Assert.Contains(JsonNode.Parse(await named.Content.ReadAsStringAsync())!["errors"]!.AsArray(),
            e => (string?)e!["code"] == "unknown-persona" && ((string?)e["message"])!.Contains("\"travel-manager\"", StringComparison.Ordinal));

        var persona = await _client.PostAsync($"{Documents}/persona/travel-manager/undelete", null);
        var journey = await _client.PostAsync($"{Documents}/journey/corporate-programme/undelete", null);
        var again = await _client.PostAsync($"{Documents}/journey/corporate-programme/undelete", null);

        Assert.Equal((HttpStatusCode.OK, "\"4\""), (persona.StatusCode, persona.Headers.ETag?.Tag));
        Assert.Equal((HttpStatusCode.OK, "\"3\""), (journey.StatusCode, journey.Headers.ETag?.Tag));
        Assert.Equal("Winning a corporate travel programme", (string?)JsonNode.Parse(await journey.Content.ReadAsStringAsync())!["title"]);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("the journey “corporate-programme” is not deleted: someone brought it back or made a new one of that id",
            (string?)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["detail"]);
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>($"{Documents}/deleted"))!);
        var history = (await _client.GetFromJsonAsync<JsonArray>($"{Documents}/journey/corporate-programme/history"))!;
        Assert.Equal("3 brought back after deletion (revision 1)", $"{history[0]!["revision"]} {history[0]!["message"]}");
    }

    [Fact]
    public async Task AMalformedBodyOrIfMatchIs400AndChangesNothing()
    {
        var json = await _client.GetStringAsync($"{Documents}/persona/business-traveller");

        Assert.Equal(HttpStatusCode.BadRequest, (await Put("persona/business-traveller", "{ \"title\": ", "\"3\"")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Put("persona/business-traveller", json, "W/\"3\"")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Put("persona/someone-else", json, "\"3\"")).StatusCode);
        Assert.Equal("\"3\"", (await _client.GetAsync($"{Documents}/persona/business-traveller")).Headers.ETag?.Tag);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheDocumentsApi()
    {
        var openApi = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!;

        var paths = openApi["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/workspaces/{workspace}/documents/{kind}/{id}", paths);
        Assert.Contains("/api/v1/workspaces/{workspace}/documents/{kind}/{id}/history", paths);
    }

    private async Task<HttpResponseMessage> Put(string relative, string json, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{Documents}/{relative}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> Delete(string path, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return await _client.SendAsync(request);
    }
}

/// <summary>Every documents API test again, on a database of its own on the test PostgreSQL server.</summary>
public sealed class DocumentsApiOnPostgresTests : DocumentsApiTests
{
    private readonly PostgresTestDatabase _database;

    public DocumentsApiOnPostgresTests()
        : this(new PostgresTestDatabase())
    {
    }

    private DocumentsApiOnPostgresTests(PostgresTestDatabase database)
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

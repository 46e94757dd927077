namespace Wayfinder.Web.Tests.Documents;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Wayfinder.App.Documents;
using Wayfinder.App.Templates;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>
/// <c>GET …/files</c> and <c>POST …/push</c> on SQLite in memory; <see cref="PushApiOnPostgresTests"/> runs the same tests
/// on PostgreSQL. A push is saved whole or not at all.
/// </summary>
public class PushApiTests : IDisposable
{
    private const string Files = "/api/v1/workspaces/demo/files";
    private const string Push = "/api/v1/workspaces/demo/push";
    private const string Sam = "personas/business-traveller.yaml";
    private const string Dana = "personas/travel-manager.yaml";
    private const string Corporate = "journeys/corporate-programme.yaml";
    private readonly WayfinderServerFactory _server;
    private readonly HttpClient _viewer;
    private readonly HttpClient _editor;

    public PushApiTests()
        : this(new WayfinderServerFactory())
    {
    }

    protected PushApiTests(WayfinderServerFactory server)
    {
        _server = server;
        _viewer = _server.ClientAs(WorkspaceRole.Viewer);
        _editor = _server.ClientAs(WorkspaceRole.Editor);
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
            _viewer.Dispose();
            _editor.Dispose();
            _server.Dispose();
        }
    }

    [Fact]
    public async Task FilesGivesEveryStoredTextAsSeededWithItsRevisionAndTheConfig()
    {
        var files = await ReadFiles();

        var demo = WorkspaceSeeds.Demo();
        Assert.Equal(demo[WorkspaceLoader.ConfigFileName], (string?)files["config"]);
        var documents = files["documents"]!.AsArray();
        // The demo's 8 documents, sorted by file.
        Assert.Equal(
            ["journeys/airport-check-in.yaml", "journeys/corporate-programme.yaml", "journeys/first-flight-future.yaml", "journeys/first-flight.yaml",
             "personas/business-traveller.yaml", "personas/first-time-flyer.yaml", "personas/travel-manager.yaml", "value-gaps/first-time-flyer-vs-competitors.yaml"],
            documents.Select(d => (string)d!["file"]!));
        foreach (var document in documents)
        {
            Assert.Equal(demo[(string)document!["file"]!], (string?)document["text"]);
        }

        var sam = documents.Single(d => (string?)d!["file"] == Sam)!;
        Assert.Equal("persona", (string?)sam["kind"]);
        Assert.Equal("business-traveller", (string?)sam["id"]);
        Assert.Equal(3, (int?)sam["revision"]);
        Assert.Equal("value_gap", (string?)documents.Single(d => (string?)d!["file"] == "value-gaps/first-time-flyer-vs-competitors.yaml")!["kind"]);
    }

    [Fact]
    public async Task TwoChangedDocumentsAreSavedTogetherWithTheirNextRevisionsAndTheStoredTexts()
    {
        var before = await Texts();
        var sam = before[Sam].Text.Replace("title: Sam, the frequent business traveller", "title: Sam, who flies every week", StringComparison.Ordinal);
        var dana = before[Dana].Text.Replace("title: Dana, the corporate travel manager", "title: Dana, who buys the travel", StringComparison.Ordinal);

        var response = await _editor.PostAsJsonAsync(Push, Body("retitled", Doc(Sam, 3, sam), Doc(Dana, 2, dana)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["documents"]!.AsArray();
        Assert.Equal([Sam, Dana], saved.Select(d => (string)d!["file"]!));
        Assert.Equal([4, 3], saved.Select(d => (int)d!["revision"]!));
        Assert.Equal(["saved", "saved"], saved.Select(d => (string)d!["outcome"]!));
        var after = await Texts();
        Assert.Equal((4, (string?)saved[0]!["text"]), (after[Sam].Revision, after[Sam].Text));
        Assert.Equal((3, (string?)saved[1]!["text"]), (after[Dana].Revision, after[Dana].Text));
        Assert.Equal("Sam, who flies every week", DocumentYaml.Read<Persona>(after[Sam].Text).Title);
        Assert.Equal(4, DocumentYaml.Read<Persona>(after[Sam].Text).Revision);
        var history = await _viewer.GetFromJsonAsync<JsonArray>("/api/v1/workspaces/demo/documents/persona/travel-manager/history");
        Assert.Equal("retitled", (string?)history![0]!["message"]);
        Assert.Equal(3, (int?)history[0]!["revision"]);
    }

    [Fact]
    public async Task ADocumentSavedInBetweenRefusesTheWholePushWith409NamingItAndWhoSavedAndNothingIsWritten()
    {
        var before = await Texts();
        var json = await _viewer.GetStringAsync("/api/v1/workspaces/demo/documents/persona/business-traveller");
        await _server.SaveAsync("demo", async r =>
            await r.SaveAsync(DocumentJson.Read<Persona>(json)! with { Title = "Ana's title" }, expectedRevision: 3, new SaveInfo("ana", "sharper title")));
        var afterAna = await Texts();
        var sam = before[Sam].Text.Replace("title: Sam, the frequent business traveller", "title: Mine", StringComparison.Ordinal);
        var dana = before[Dana].Text.Replace("title: Dana, the corporate travel manager", "title: Dana, who buys the travel", StringComparison.Ordinal);

        var response = await _editor.PostAsJsonAsync(Push, Body(null, Doc(Dana, 2, dana), Doc(Sam, 3, sam)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Nothing was pushed", (string?)problem["title"]);
        var refused = Assert.Single(problem["refused"]!.AsArray())!;
        Assert.Equal(Sam, (string?)refused["file"]);
        Assert.Equal("stale", (string?)refused["reason"]);
        Assert.Equal(3, (int?)refused["expected_revision"]);
        Assert.Equal(4, (int?)refused["stored_revision"]);
        Assert.Equal("ana", (string?)refused["saved_by"]);
        Assert.Equal("the document was saved in between: pulled at revision 3, the server has 4 saved by ana", (string?)refused["message"]);
        Assert.Equal(afterAna, await Texts());
    }

    [Fact]
    public async Task AnInvalidDocumentRefusesTheWholePushWith422ListingItsErrorsAndNothingIsWritten()
    {
        var before = await Texts();
        var dana = before[Dana].Text.Replace("title: Dana, the corporate travel manager", "title: Dana, who buys the travel", StringComparison.Ordinal);
        var corporate = before[Corporate].Text.Replace("  - id: run-tender", "  - id: review-deal", StringComparison.Ordinal);

        var response = await _editor.PostAsJsonAsync(Push, Body(null, Doc(Dana, 2, dana), Doc(Corporate, 1, corporate)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var refused = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["refused"]!.AsArray())!;
        Assert.Equal(Corporate, (string?)refused["file"]);
        Assert.Equal("invalid", (string?)refused["reason"]);
        var error = Assert.Single(refused["errors"]!.AsArray(), e => (string?)e!["code"] == "duplicate-id")!;
        Assert.Equal("stages[1].id", (string?)error["path"]);
        Assert.Equal(before, await Texts());
    }

    [Fact]
    public async Task ANewDocumentAndADeletionArePushedTogetherAndTheNewOneMayBeNamedByAnotherInTheSamePush()
    {
        var before = await Texts();
        var newcomer = before[Dana].Text.Replace("id: travel-manager", "id: newcomer", StringComparison.Ordinal);
        var corporate = before[Corporate].Text.Replace("  - travel-manager", "  - newcomer", StringComparison.Ordinal);

        var response = await _editor.PostAsJsonAsync(Push, Body(null,
            Doc("personas/newcomer.yaml", null, newcomer), Doc(Corporate, 1, corporate), new { file = "journeys/first-flight-future.yaml", expected_revision = 3, deleted = true }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["documents"]!.AsArray();
        Assert.Equal(["saved", "saved", "deleted"], saved.Select(d => (string)d!["outcome"]!));
        var after = await Texts();
        Assert.Equal(2, after["personas/newcomer.yaml"].Revision);
        Assert.Equal(2, after[Corporate].Revision);
        Assert.False(after.ContainsKey("journeys/first-flight-future.yaml"));
    }

    [Fact]
    public async Task ADeletionADocumentLeftStillNamesRefusesThePushAndItGoesWhenThePushTakesTheNameOff()
    {
        const string CheckIn = "journeys/airport-check-in.yaml";
        const string FirstFlight = "journeys/first-flight.yaml";
        var before = await Texts();

        var named = await _editor.PostAsJsonAsync(Push, Body(null, new { file = CheckIn, expected_revision = 2, deleted = true }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, named.StatusCode);
        var refused = Assert.Single(JsonNode.Parse(await named.Content.ReadAsStringAsync())!["refused"]!.AsArray())!;
        Assert.Equal((CheckIn, "invalid"), ((string?)refused["file"], (string?)refused["reason"]));
        Assert.Equal(
            "not deleted: journey \"first-flight\" (journeys/first-flight.yaml) still names it and would be refused at its next save; take it off that document (or delete that too) first",
            (string?)refused["message"]);
        Assert.Equal(before, await Texts());

        var unlinked = before[FirstFlight].Text.Replace("    sub_journey: airport-check-in\n", "", StringComparison.Ordinal);
        Assert.NotEqual(before[FirstFlight].Text, unlinked);
        var both = await _editor.PostAsJsonAsync(Push, Body(null, Doc(FirstFlight, 7, unlinked), new { file = CheckIn, expected_revision = 2, deleted = true }));

        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        var after = await Texts();
        Assert.False(after.ContainsKey(CheckIn));
        Assert.Equal(8, after[FirstFlight].Revision);
    }

    [Fact]
    public async Task ANewFileNamedOtherThanItsIdAndAFileOutsideTheDocumentFoldersAreRefusedAndNothingIsWritten()
    {
        var before = await Texts();
        var newcomer = before[Dana].Text.Replace("id: travel-manager", "id: newcomer", StringComparison.Ordinal);

        var misnamed = await _editor.PostAsJsonAsync(Push, Body(null, Doc("personas/someone.yaml", null, newcomer)));
        var outside = await _editor.PostAsJsonAsync(Push, Body(null, Doc("../secrets.yaml", null, newcomer)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, misnamed.StatusCode);
        var refused = Assert.Single(JsonNode.Parse(await misnamed.Content.ReadAsStringAsync())!["refused"]!.AsArray())!;
        Assert.Equal("a new persona is stored as personas/newcomer.yaml; rename the file to its id", (string?)refused["message"]);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Equal(
            "documents[0].file \"../secrets.yaml\" is not a document's file (personas/, journeys/ or value-gaps/, a .yaml file). Nothing was saved.",
            (string?)JsonNode.Parse(await outside.Content.ReadAsStringAsync())!["detail"]);
        Assert.Equal(before, await Texts());
    }

    [Fact]
    public async Task ARepositorySaveJoinsTheTransactionItRunsInSoARollbackUndoesItAsPushReliesOn()
    {
        var before = await Texts();
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WayfinderDbContext>();
            var repository = (await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync("demo", CancellationToken.None))!;
            await using var transaction = await db.Database.BeginTransactionAsync();
            var sam = (await repository.ReadAsync(DocumentKind.Persona, "business-traveller"))!;
            var saved = await repository.SaveAsync(DocumentYaml.Read<Persona>(sam.Text) with { Title = "In the transaction" }, expectedRevision: 3);
            Assert.Equal((SaveOutcome.Saved, 4), (saved.Outcome, saved.Document!.Revision));
            await transaction.RollbackAsync();
        }

        Assert.Equal(before, await Texts());
    }

    [Fact]
    public async Task APushWithoutDocumentsIs400AndSaysWhat()
    {
        var response = await _editor.PostAsJsonAsync(Push, new { message = "nothing" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("\"documents\" must list at least one document (or \"settings\" give wayfinder.yaml's new text). Nothing was saved.", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]);
    }

    [Fact]
    public async Task AnOwnerPushesTheSettingsWithTheDocumentsTheyNeedAllTogether()
    {
        const string Future = "journeys/first-flight-future.yaml";
        var owner = _server.ClientAs(WorkspaceRole.Owner);
        var files = await ReadFiles();
        var config = (string)files["config"]!;
        var before = await Texts();
        var noKiosk = config.Replace("  - id: kiosk\n    name: Self-service kiosk\n    kind: physical\n    glyph: kiosk\n", "", StringComparison.Ordinal);
        Assert.NotEqual(config, noKiosk);
        var settings = new { text = noKiosk, expected_version = WorkspaceSettings.Version(config) };

        // Alone, the settings would leave the future map's bag drop on a channel that is gone: refused, naming the map.
        var alone = await owner.PostAsJsonAsync(Push, new { message = "no kiosks", documents = Array.Empty<object>(), settings });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, alone.StatusCode);
        var refused = Assert.Single(JsonNode.Parse(await alone.Content.ReadAsStringAsync())!["refused"]!.AsArray())!;
        Assert.Equal(Future, (string?)refused["file"]);
        Assert.Equal("this push would make it invalid (1 error(s)); push a change to it with the others, or leave out the change that breaks it", (string?)refused["message"]);
        var error = Assert.Single(refused["errors"]!.AsArray())!;
        Assert.Equal(("unknown-channel", Future, 165), ((string?)error["code"], (string?)error["file"], (int?)error["line"]));
        Assert.Equal(config, (string?)(await ReadFiles())["config"]);

        // With the map moved to another channel in the same push, both are saved.
        var moved = before[Future].Text.Replace("        channel: kiosk\n", "        channel: airport\n", StringComparison.Ordinal);
        var both = await owner.PostAsJsonAsync(Push, new { message = "no kiosks", documents = new[] { Doc(Future, 3, moved) }, settings });

        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        var result = JsonNode.Parse(await both.Content.ReadAsStringAsync())!;
        Assert.Equal(WorkspaceSettings.Version(noKiosk), (string?)result["settings_version"]);
        Assert.Equal(noKiosk, (string?)(await ReadFiles())["config"]);
        Assert.Equal(4, (await Texts())[Future].Revision);
        var audit = JsonNode.Parse(await owner.GetStringAsync("/api/v1/workspaces/demo/audit"))!.AsArray();
        Assert.Contains(audit, e => (string?)e!["action"] == "settings_changed");

        // The version it was made on is gone now: the same push again is stale.
        var again = await owner.PostAsJsonAsync(Push, new { documents = Array.Empty<object>(), settings });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var stale = Assert.Single(JsonNode.Parse(await again.Content.ReadAsStringAsync())!["refused"]!.AsArray())!;
        Assert.Equal(("wayfinder.yaml", "stale", "the settings were changed on the server since you pulled them"),
            ((string?)stale["file"], (string?)stale["reason"], (string?)stale["message"]));
    }

    [Fact]
    public async Task SettingsFromAnEditorOrThatDoNotReadAreRefusedAndNothingIsWritten()
    {
        var config = (string)(await ReadFiles())["config"]!;
        var before = await Texts();
        var dana = before[Dana].Text.Replace("title: Dana, the corporate travel manager", "title: Dana, who buys the travel", StringComparison.Ordinal);
        var renamed = config.Replace("name: Skylark Airways", "name: Skylark", StringComparison.Ordinal);

        var editor = await _editor.PostAsJsonAsync(Push, new { documents = new[] { Doc(Dana, 2, dana) }, settings = new { text = renamed, expected_version = WorkspaceSettings.Version(config) } });
        var owner = _server.ClientAs(WorkspaceRole.Owner);
        var broken = await owner.PostAsJsonAsync(Push, new { documents = new[] { Doc(Dana, 2, dana) }, settings = new { text = "channels: [", expected_version = WorkspaceSettings.Version(config) } });
        var unversioned = await owner.PostAsJsonAsync(Push, new { settings = new { text = renamed } });

        Assert.Equal(HttpStatusCode.Forbidden, editor.StatusCode);
        Assert.Equal("only an owner changes the settings of \"demo\" (wayfinder.yaml); ask one, or push without that change. Nothing was saved.",
            (string?)JsonNode.Parse(await editor.Content.ReadAsStringAsync())!["detail"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        var refused = Assert.Single(JsonNode.Parse(await broken.Content.ReadAsStringAsync())!["refused"]!.AsArray())!;
        Assert.Equal(("wayfinder.yaml", "the settings do not read"), ((string?)refused["file"], (string?)refused["message"]));
        Assert.NotEmpty(refused["errors"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, unversioned.StatusCode);
        Assert.Equal(
            "settings.expected_version is missing; send the version of the settings the change was made on (the ETag of GET …/settings). Nothing was saved.",
            (string?)JsonNode.Parse(await unversioned.Content.ReadAsStringAsync())!["detail"]);
        Assert.Equal(config, (string?)(await ReadFiles())["config"]);
        Assert.Equal(before, await Texts());
    }

    private static object Doc(string file, int? expected, string text) => new { file, expected_revision = expected, text };

    private static object Body(string? message, params object[] documents) => new { message, documents };

    private async Task<JsonNode> ReadFiles()
    {
        var response = await _viewer.GetAsync(Files);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<Dictionary<string, (int Revision, string Text)>> Texts() =>
        (await ReadFiles())["documents"]!.AsArray().ToDictionary(d => (string)d!["file"]!, d => ((int)d!["revision"]!, (string)d["text"]!));
}

/// <summary>Every push test again, on a database of its own on the test PostgreSQL server.</summary>
public sealed class PushApiOnPostgresTests : PushApiTests
{
    private readonly PostgresTestDatabase _database;

    public PushApiOnPostgresTests()
        : this(new PostgresTestDatabase())
    {
    }

    private PushApiOnPostgresTests(PostgresTestDatabase database)
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

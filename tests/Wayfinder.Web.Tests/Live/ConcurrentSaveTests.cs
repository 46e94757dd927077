namespace Wayfinder.Web.Tests.Live;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Wayfinder.Web.Access;

/// <summary>
/// Twenty editors on one document through the API, on SQLite in memory; <see cref="ConcurrentSaveOnPostgresTests"/> runs
/// the same on PostgreSQL.
/// </summary>
public class ConcurrentSaveTests : IDisposable
{
    private const string Persona = "/api/v1/workspaces/demo/documents/persona/business-traveller";
    private const int Editors = 20;
    private readonly WayfinderServerFactory _server;

    public ConcurrentSaveTests()
        : this(new WayfinderServerFactory())
    {
    }

    protected ConcurrentSaveTests(WayfinderServerFactory server) => _server = server;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task OfTwentySavesOnOneRevisionExactlyOneWinsAndNineteenAreToldTheStoredRevision()
    {
        var clients = Enumerable.Range(0, Editors).Select(_ => _server.ClientAs(WorkspaceRole.Editor)).ToArray();
        var historyBefore = await HistoryCountAsync(clients[0]);

        // Every editor reads revision 3 first, then all write at once.
        var read = await Task.WhenAll(clients.Select(ReadAsync));
        Assert.All(read, r => Assert.Equal("\"3\"", r.ETag));
        var responses = await Task.WhenAll(clients.Select((c, i) => PutAsync(c, read[i].Json, $"Sam, edited by editor {i}", read[i].ETag)));

        var won = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal("\"4\"", won.Headers.ETag?.Tag);
        var refused = responses.Where(r => r != won).ToList();
        Assert.Equal(Editors - 1, refused.Count);
        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(3, (int?)problem["expected_revision"]);
            Assert.Equal(4, (int?)problem["stored_revision"]);
        }

        var winner = Array.IndexOf(responses, won);
        Assert.Equal(historyBefore + 1, await HistoryCountAsync(clients[0]));
        var stored = await ReadAsync(clients[0]);
        Assert.Equal("\"4\"", stored.ETag);
        Assert.Equal($"Sam, edited by editor {winner}", (string?)stored.Json["title"]);
    }

    [Fact]
    public async Task TwentyEditorsSavingInTurnOnTheirFreshRevisionAllSucceed()
    {
        var clients = Enumerable.Range(0, Editors).Select(_ => _server.ClientAs(WorkspaceRole.Editor)).ToArray();
        var historyBefore = await HistoryCountAsync(clients[0]);

        for (var i = 0; i < Editors; i++)
        {
            var read = await ReadAsync(clients[i]);
            Assert.Equal($"\"{3 + i}\"", read.ETag);
            var response = await PutAsync(clients[i], read.Json, $"Sam, edited by editor {i}", read.ETag);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(historyBefore + Editors, await HistoryCountAsync(clients[0]));
        var stored = await ReadAsync(clients[0]);
        Assert.Equal($"\"{3 + Editors}\"", stored.ETag);
        Assert.Equal($"Sam, edited by editor {Editors - 1}", (string?)stored.Json["title"]);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _server.Dispose();
        }
    }

    private static async Task<(JsonNode Json, string ETag)> ReadAsync(HttpClient client)
    {
        var response = await client.GetAsync(Persona);
        response.EnsureSuccessStatusCode();
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync())!, response.Headers.ETag!.Tag);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, JsonNode document, string title, string ifMatch)
    {
        var changed = document.DeepClone();
        changed["title"] = title;
        using var put = new HttpRequestMessage(HttpMethod.Put, Persona) { Content = new StringContent(changed.ToJsonString(), Encoding.UTF8, "application/json") };
        put.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return await client.SendAsync(put);
    }

    private static async Task<int> HistoryCountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonArray>(Persona + "/history"))!.Count;
}

/// <summary>The twenty editors on PostgreSQL.</summary>
public sealed class ConcurrentSaveOnPostgresTests : ConcurrentSaveTests
{
    private readonly PostgresTestDatabase _database;

    public ConcurrentSaveOnPostgresTests()
        : this(new PostgresTestDatabase())
    {
    }

    private ConcurrentSaveOnPostgresTests(PostgresTestDatabase database)
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

namespace Wayfinder.Web.Tests.Live;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Wayfinder.Web.Access;

/// <summary>The live hub on SQLite in memory: events of a workspace reach its clients, and presence.</summary>
public sealed class LiveEventsTests : IDisposable
{
    private const string Persona = "/api/v1/workspaces/demo/documents/persona/business-traveller";
    private readonly WayfinderServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Theory]
    [InlineData(HttpTransportType.LongPolling)]
    [InlineData(HttpTransportType.WebSockets)]
    public async Task AClientOfTheWorkspaceHearsADocumentSavedThroughTheApi(HttpTransportType transport)
    {
        await using var listener = await LiveClient.ConnectAsync(_server, WorkspaceRole.Viewer, transport);
        await listener.JoinAsync("demo");
        var editor = _server.ClientAs(WorkspaceRole.Editor);

        var saved = await SaveTitleAsync(editor, Persona, "\"3\"", "Sam, who flies every week");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var received = await listener.NextAsync();
        Assert.Equal("demo", received.GetProperty("workspace").GetString());
        Assert.Equal("saved", received.GetProperty("type").GetString());
        Assert.Equal("persona", received.GetProperty("document_kind").GetString());
        Assert.Equal("business-traveller", received.GetProperty("document_id").GetString());
        Assert.Equal(4, received.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task ADeleteIsHeardAsDeletedWithoutARevision()
    {
        await using var listener = await LiveClient.ConnectAsync(_server);
        await listener.JoinAsync();
        var editor = _server.ClientAs(WorkspaceRole.Editor);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/workspaces/demo/documents/journey/corporate-programme");
        delete.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.NoContent, (await editor.SendAsync(delete)).StatusCode);

        var received = await listener.NextAsync();
        Assert.Equal("deleted", received.GetProperty("type").GetString());
        Assert.Equal("corporate-programme", received.GetProperty("document_id").GetString());
        Assert.False(received.TryGetProperty("revision", out _));
    }

    [Fact]
    public async Task AClientThatDidNotJoinHearsNothingAndAnUnknownWorkspaceCannotBeJoined()
    {
        await using var outsider = await LiveClient.ConnectAsync(_server);
        await using var member = await LiveClient.ConnectAsync(_server);
        await member.JoinAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => outsider.JoinAsync("nowhere"));
        Assert.Contains("there is no workspace \"nowhere\" that you may read", refused.Message, StringComparison.Ordinal);

        await SaveTitleAsync(_server.ClientAs(WorkspaceRole.Editor), Persona, "\"3\"", "Sam, who flies every week");

        // The member heard the save, so it was sent before the outsider could have been sent it.
        Assert.Equal("saved", (await member.NextAsync()).GetProperty("type").GetString());
        Assert.False(outsider.HasPending);
    }

    [Fact]
    public async Task ViewingIsHeardListedAndLeftOnLeavingAndOnDisconnect()
    {
        await using var watcher = await LiveClient.ConnectAsync(_server);
        await watcher.JoinAsync();
        var viewer = await LiveClient.ConnectAsync(_server);
        await viewer.JoinAsync();

        await viewer.ViewAsync("demo", "persona", "business-traveller");
        var viewing = await watcher.NextAsync();
        Assert.Equal("viewing", viewing.GetProperty("type").GetString());
        Assert.Equal("persona", viewing.GetProperty("document_kind").GetString());
        Assert.Equal("business-traveller", viewing.GetProperty("document_id").GetString());

        var listed = await Presence();
        var only = Assert.Single(listed);
        Assert.Equal("persona", (string?)only!["document_kind"]);
        Assert.Equal("business-traveller", (string?)only["document_id"]);
        Assert.NotNull((string?)only["since"]);

        // Joining answers who views what already.
        await using var late = await LiveClient.ConnectAsync(_server);
        var present = Assert.Single(await late.JoinAsync());
        Assert.Equal("business-traveller", present.GetProperty("document_id").GetString());

        // Viewing another document leaves the first.
        await viewer.ViewAsync("demo", "journey", "first-flight");
        var left = await watcher.NextAsync();
        Assert.Equal(("left", "persona", "business-traveller"), Describe(left));
        Assert.Equal(("viewing", "journey", "first-flight"), Describe(await watcher.NextAsync()));
        Assert.Equal("first-flight", (string?)Assert.Single(await Presence())!["document_id"]);

        await viewer.LeavingAsync("demo");
        Assert.Equal(("left", "journey", "first-flight"), Describe(await watcher.NextAsync()));
        Assert.Empty(await Presence());

        await viewer.ViewAsync("demo", "persona", "business-traveller");
        Assert.Equal(("viewing", "persona", "business-traveller"), Describe(await watcher.NextAsync()));
        await viewer.DisposeAsync();
        Assert.Equal(("left", "persona", "business-traveller"), Describe(await watcher.NextAsync()));
        Assert.Empty(await Presence());
    }

    [Fact]
    public async Task ViewingIsRefusedBeforeJoiningAndForAKindThatIsNone()
    {
        await using var client = await LiveClient.ConnectAsync(_server);

        var notJoined = await Assert.ThrowsAsync<HubException>(() => client.ViewAsync("demo", "persona", "business-traveller"));
        Assert.Contains("join workspace \"demo\" before viewing its documents", notJoined.Message, StringComparison.Ordinal);

        await client.JoinAsync();
        var noKind = await Assert.ThrowsAsync<HubException>(() => client.ViewAsync("demo", "<b>", "x"));
        Assert.Contains("\"<b>\" is not a document kind", noKind.Message, StringComparison.Ordinal);
        Assert.Empty(await Presence());
    }

    [Fact]
    public async Task ThePresenceOfAWorkspaceThatIsNoneIsAProblem404()
    {
        var response = await _server.ClientAs(WorkspaceRole.Viewer).GetAsync("/api/v1/workspaces/nowhere/presence");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("there is no workspace \"nowhere\" that you can see", (string?)problem["detail"]);
    }

    /// <summary>Reads the document, sets its title and PUTs it with <paramref name="ifMatch"/>.</summary>
    internal static async Task<HttpResponseMessage> SaveTitleAsync(HttpClient client, string path, string ifMatch, string title)
    {
        var json = JsonNode.Parse(await client.GetStringAsync(path))!;
        json["title"] = title;
        using var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json") };
        put.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return await client.SendAsync(put);
    }

    private static (string?, string?, string?) Describe(JsonElement e) =>
        (e.GetProperty("type").GetString(), e.GetProperty("document_kind").GetString(), e.GetProperty("document_id").GetString());

    private async Task<JsonArray> Presence() =>
        (await _server.ClientAs(WorkspaceRole.Viewer).GetFromJsonAsync<JsonArray>("/api/v1/workspaces/demo/presence"))!;
}

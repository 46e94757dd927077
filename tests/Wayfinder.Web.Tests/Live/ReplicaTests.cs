namespace Wayfinder.Web.Tests.Live;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wayfinder.Web.Access;
using Wayfinder.Web.Live;

/// <summary>Two server processes on one PostgreSQL database hear each other's events and presence (LISTEN/NOTIFY).</summary>
public sealed class ReplicaTests : IDisposable
{
    private readonly PostgresTestDatabase _database = new();
    private readonly WayfinderServerFactory _a;
    private readonly WayfinderServerFactory _b;
    private int _tries;

    public ReplicaTests()
    {
        _a = new WayfinderServerFactory(_database.ConnectionString);
        _b = new WayfinderServerFactory(_database.ConnectionString);
    }

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task ASaveOnOneServerIsHeardByAClientOfTheOther()
    {
        // A starts first, so it alone makes the schema and seeds the demo.
        var editorOfA = _a.ClientAs(WorkspaceRole.Editor);
        await using var clientOfB = await LiveClient.ConnectAsync(_b);
        await clientOfB.JoinAsync();
        await ListeningAsync(_a, _b);

        var saved = await LiveEventsTests.SaveTitleAsync(editorOfA, "/api/v1/workspaces/demo/documents/persona/business-traveller", "\"3\"", "Sam, who flies every week");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var received = await clientOfB.NextAsync();
        Assert.Equal(("saved", "persona", "business-traveller", 4), (received.GetProperty("type").GetString(), received.GetProperty("document_kind").GetString(), received.GetProperty("document_id").GetString(), received.GetProperty("revision").GetInt32()));

        // Each process delivers an event once: B heard nothing more (A's own client would have heard it once from A).
        await using var clientOfA = await LiveClient.ConnectAsync(_a);
        await clientOfA.JoinAsync();
        await LiveEventsTests.SaveTitleAsync(editorOfA, "/api/v1/workspaces/demo/documents/persona/business-traveller", "\"4\"", "Sam again");
        Assert.Equal(5, (await clientOfA.NextAsync()).GetProperty("revision").GetInt32());
        Assert.Equal(5, (await clientOfB.NextAsync()).GetProperty("revision").GetInt32());
        await LiveEventsTests.SaveTitleAsync(editorOfA, "/api/v1/workspaces/demo/documents/persona/business-traveller", "\"5\"", "Sam once more");
        Assert.Equal(6, (await clientOfA.NextAsync()).GetProperty("revision").GetInt32());
        Assert.Equal(6, (await clientOfB.NextAsync()).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task APersonViewingOnOneServerIsListedAndHeardOnTheOther()
    {
        _ = _a.ClientAs(WorkspaceRole.Viewer);
        await using var watcherOnB = await LiveClient.ConnectAsync(_b);
        await watcherOnB.JoinAsync();
        await using var viewerOnA = await LiveClient.ConnectAsync(_a);
        await viewerOnA.JoinAsync();
        await ListeningAsync(_a, _b);

        await viewerOnA.ViewAsync("demo", "journey", "first-flight");
        var viewing = await watcherOnB.NextAsync();
        Assert.Equal(("viewing", "first-flight"), (viewing.GetProperty("type").GetString(), viewing.GetProperty("document_id").GetString()));
        var listedOnB = await _b.ClientAs(WorkspaceRole.Viewer).GetFromJsonAsync<JsonArray>("/api/v1/workspaces/demo/presence");
        Assert.Equal("first-flight", (string?)Assert.Single(listedOnB!)!["document_id"]);

        await viewerOnA.DisposeAsync();
        var left = await watcherOnB.NextAsync();
        Assert.Equal(("left", "first-flight"), (left.GetProperty("type").GetString(), left.GetProperty("document_id").GetString()));
        Assert.Empty((await _b.ClientAs(WorkspaceRole.Viewer).GetFromJsonAsync<JsonArray>("/api/v1/workspaces/demo/presence"))!);
    }

    [Fact]
    public async Task AServerThatComesUpLaterIsToldWhoViewsWhat()
    {
        await using var viewerOnA = await LiveClient.ConnectAsync(_a);
        await viewerOnA.JoinAsync();
        await ListeningAsync(_a);
        await viewerOnA.ViewAsync("demo", "persona", "business-traveller");

        // B starts now: its hello makes A tell its viewers again.
        _ = _b.ClientAs(WorkspaceRole.Viewer);
        await ListeningAsync(_b);
        JsonArray listed;
        do
        {
            listed = (await _b.ClientAs(WorkspaceRole.Viewer).GetFromJsonAsync<JsonArray>("/api/v1/workspaces/demo/presence"))!;
        }
        while (listed.Count == 0 && await Retry());

        Assert.Equal("business-traveller", (string?)Assert.Single(listed)!["document_id"]);
    }

    [Fact]
    public async Task AServerWhoseListeningConnectionIsLostListensAgainAndHearsTheNextSave()
    {
        var editorOfA = _a.ClientAs(WorkspaceRole.Editor);
        await using var clientOfB = await LiveClient.ConnectAsync(_b);
        await clientOfB.JoinAsync();
        await ListeningAsync(_a, _b);

        // What an administrator's restart or a network cut does to both listening connections.
        const string Listeners = "FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN wayfinder_live' AND pid <> pg_backend_pid()";
        var lost = await QueryAsync<int[]>($"SELECT coalesce(array_agg(pid), '{{}}') {Listeners}");
        Assert.Equal(2, lost.Length);
        Assert.Equal(2L, await QueryAsync<long>($"SELECT count(pg_terminate_backend(pid)) {Listeners}"));
        while (await QueryAsync<long>($"SELECT count(*) {Listeners} AND NOT pid = ANY(@lost)", lost) < 2 && await Retry())
        {
        }

        var saved = await LiveEventsTests.SaveTitleAsync(editorOfA, "/api/v1/workspaces/demo/documents/persona/business-traveller", "\"3\"", "Sam, who flies every week");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(4, (await clientOfB.NextAsync("saved")).GetProperty("revision").GetInt32());
    }

    private async Task<T> QueryAsync<T>(string sql, int[]? lost = null)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (lost is not null)
        {
            command.Parameters.AddWithValue("lost", lost);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static Task ListeningAsync(params WayfinderServerFactory[] servers) =>
        Task.WhenAll(servers.Select(s => s.Services.GetRequiredService<PostgresLiveRelay>().Listening)).WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Waits a little for a message to come round, at most 50 times (5 s): true while it may still come.</summary>
    private async Task<bool> Retry()
    {
        await Task.Delay(100);
        return ++_tries < 50;
    }
}

namespace Wayfinder.Web.Tests.Live;

using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Wayfinder.Web.Access;
using Wayfinder.Web.Live;

/// <summary>
/// A SignalR client of a test server's hub, as a member with a role (its token sent as a bearer token), that keeps every
/// <c>event</c> it receives, as the JSON sent, to be awaited in order.
/// </summary>
internal sealed class LiveClient : IAsyncDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();

    private LiveClient(HubConnection connection)
    {
        Connection = connection;
        Connection.On<JsonElement>("event", e => _events.Writer.TryWrite(e));
    }

    public HubConnection Connection { get; }

    /// <summary>Connects over long polling through the test server's handler, or over its WebSockets.</summary>
    public static async Task<LiveClient> ConnectAsync(WayfinderServerFactory server, WorkspaceRole role = WorkspaceRole.Viewer, HttpTransportType transport = HttpTransportType.LongPolling)
    {
        var token = await server.TokenAsync(role);
        var testServer = server.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(testServer.BaseAddress, LiveApi.HubPath), transport, o =>
            {
                o.HttpMessageHandlerFactory = _ => testServer.CreateHandler();
                o.WebSocketFactory = async (context, cancellationToken) =>
                {
                    // The test server's WebSockets take no client options: the token goes on the upgrade request itself.
                    var webSockets = testServer.CreateWebSocketClient();
                    webSockets.ConfigureRequest = r => r.Headers.Authorization = $"Bearer {token}";
                    return await webSockets.ConnectAsync(context.Uri, cancellationToken);
                };
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        var client = new LiveClient(connection);
        await connection.StartAsync().WaitAsync(s_wait);
        return client;
    }

    public Task<JsonElement[]> JoinAsync(string workspace = "demo") =>
        Connection.InvokeAsync<JsonElement[]>(nameof(LiveHub.JoinWorkspace), workspace).WaitAsync(s_wait);

    public Task ViewAsync(string workspace, string kind, string id) =>
        Connection.InvokeAsync(nameof(LiveHub.Viewing), workspace, kind, id).WaitAsync(s_wait);

    public Task LeavingAsync(string workspace) =>
        Connection.InvokeAsync(nameof(LiveHub.Leaving), workspace).WaitAsync(s_wait);

    /// <summary>The next event received, waiting at most 10 seconds for it.</summary>
    public async Task<JsonElement> NextAsync() => await _events.Reader.ReadAsync().AsTask().WaitAsync(s_wait);

    /// <summary>The next event of <paramref name="type"/>, skipping others (e.g. presence while waiting for a save).</summary>
    public async Task<JsonElement> NextAsync(string type)
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.GetProperty("type").GetString() == type)
            {
                return next;
            }
        }
    }

    /// <summary>Whether an event has been received and not yet read.</summary>
    public bool HasPending => _events.Reader.TryPeek(out _);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

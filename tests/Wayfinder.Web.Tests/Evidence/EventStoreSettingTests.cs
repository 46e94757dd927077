namespace Wayfinder.Web.Tests.Evidence;

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Wayfinder.Web.Access;

/// <summary>
/// <c>Wayfinder:Events</c>: every workspace's events in ClickHouse. A store that cannot be reached answers 503 with
/// problem details naming the address, never a stack trace. (Runs against real servers are in the ClickHouse tests.)
/// </summary>
public sealed class EventStoreSettingTests : IDisposable
{
    private readonly WayfinderServerFactory _server = new();
    private readonly int _port = ClosedPort();

    public EventStoreSettingTests() => _server.Settings["Wayfinder:Events"] = $"clickhouse://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/analytics";

    public void Dispose() => _server.Dispose();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task AnEventStoreThatCannotBeReachedIsA503SayingSo()
    {
        using var viewer = _server.ClientAs(WorkspaceRole.Viewer);

        var response = await viewer.GetAsync("/api/v1/workspaces/demo/evidence");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("The event store cannot answer", (string?)problem["title"]);
        Assert.Equal(
            $"could not reach ClickHouse at 127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)} (connection refused or host unreachable, tried 6 times); check that the server runs and that the address gives its HTTP port (8123 by default).",
            (string?)problem["detail"]);
    }
}

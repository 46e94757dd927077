namespace Wayfinder.Cli.Tests;

using System.Globalization;
using System.Net;
using System.Net.Sockets;

/// <summary>
/// <c>--events</c> and wayfinder.yaml's <c>store:</c> section from the command line: a wrong address is a usage error,
/// credentials are refused in it and never repeated, the option wins over the file, and a server that cannot be reached
/// is one plain error naming the address, never a stack trace. (Runs against a real server are in the ClickHouse tests.)
/// </summary>
public sealed class EventStoreOptionTests
{
    /// <summary>A port on 127.0.0.1 nothing listens on (taken from the system, then let go).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Unreachable(int port) =>
        $"error: could not reach ClickHouse at 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)} (connection refused or host unreachable, tried 6 times); check that the server runs and that the address gives its HTTP port (8123 by default).";

    [Fact]
    public async Task AnAddressWithCredentialsIsAUsageErrorThatDoesNotRepeatThem()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(temp.Path, "init", "ws")).ExitCode);

        var result = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "first-flight", "--events", "clickhouse://admin:hunter2@127.0.0.1:8123/analytics");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            [
                "error: --events: the ClickHouse address has a user or password in it; give them in WAYFINDER_CLICKHOUSE_USER and WAYFINDER_CLICKHOUSE_PASSWORD (or a secrets file named by WAYFINDER_CLICKHOUSE_SECRETS) instead, so they are never written down with the workspace.",
                "Run `wayfinder analyze --help` for usage.",
            ],
            result.ErrorLines);
        Assert.DoesNotContain("hunter2", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAddressTheParserRefusesIsAUsageErrorOnEveryDataCommand()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(temp.Path, "init", "ws")).ExitCode);
        string[][] commands = [["import", "events", "x.csv"], ["import", "data"], ["analyze", "first-flight"], ["gaps"], ["personas", "discover", "first-flight"], ["sample-data"], ["serve"]];

        foreach (var command in commands)
        {
            var result = await CliRunner.RunAsync(temp.Combine("ws"), [.. command, "--events", "clickhouse://127.0.0.1:8123/my-db"]);

            Assert.True(result.ExitCode == 2, string.Join(' ', command) + "\n" + result);
            Assert.Equal("error: --events: 'my-db' cannot be a ClickHouse database name: use letters, digits and underscores.", result.ErrorLines[0]);
        }
    }

    [Fact]
    public async Task AStoreInWayfinderYamlThatCannotBeReachedIsOnePlainError()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(temp.Path, "init", "ws")).ExitCode);
        var port = ClosedPort();
        File.AppendAllText(temp.Combine("ws", "wayfinder.yaml"), $"store:\n  events: clickhouse://127.0.0.1:{port}/analytics\n");

        var result = await CliRunner.RunAsync(temp.Combine("ws"), "gaps");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([Unreachable(port)], result.ErrorLines);
    }

    [Fact]
    public async Task TheOptionWinsOverTheFileBothWays()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(temp.Path, "init", "ws")).ExitCode);
        var port = ClosedPort();

        // The file says embedded (by default): --events sends the command to the (unreachable) ClickHouse server.
        var toClickHouse = await CliRunner.RunAsync(temp.Combine("ws"), "gaps", "--events", $"clickhouse://127.0.0.1:{port}/analytics");
        Assert.Equal(1, toClickHouse.ExitCode);
        Assert.Equal([Unreachable(port)], toClickHouse.ErrorLines);

        // The file names the unreachable server: --events embedded keeps the command on the workspace's own store.
        File.AppendAllText(temp.Combine("ws", "wayfinder.yaml"), $"store:\n  events: clickhouse://127.0.0.1:{port}/analytics\n");
        var embedded = await CliRunner.RunAsync(temp.Combine("ws"), "gaps", "--events", "embedded");
        Assert.True(embedded.ExitCode == 0, embedded.ToString());
    }

    [Fact]
    public async Task ValidateReportsAWrongStoreAddressWhereItIsWritten()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(temp.Path, "init", "ws", "--empty")).ExitCode);
        var lines = File.ReadAllLines(temp.Combine("ws", "wayfinder.yaml")).Length;
        File.AppendAllText(temp.Combine("ws", "wayfinder.yaml"), "store:\n  events: clickhouse://127.0.0.1:8123/analytics?user=admin\n");

        var result = await CliRunner.RunAsync(temp.Combine("ws"), "validate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(
            $"wayfinder.yaml:{lines + 2}:11 store.events: the ClickHouse address has a user in it; give it in WAYFINDER_CLICKHOUSE_USER or a secrets file named by WAYFINDER_CLICKHOUSE_SECRETS instead",
            result.ErrorLines);
    }

    [Fact]
    public async Task ServeStopsAtOnceWhenItsEventStoreCannotBeReached()
    {
        using var temp = new TempFolder();
        var port = ClosedPort();

        var result = await CliRunner.RunAsync(temp.Path, "serve", "--data", temp.Path, "--port", ClosedPort().ToString(CultureInfo.InvariantCulture), "--events", $"clickhouse://127.0.0.1:{port}/analytics");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([Unreachable(port)], result.ErrorLines);
        Assert.Equal("", result.Stdout);
    }
}

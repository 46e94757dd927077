namespace Wayfinder.Evidence.ClickHouse.Tests;

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Wayfinder.App.Workspaces;
using Wayfinder.Cli;

/// <summary>
/// A workspace pointed at ClickHouse by configuration alone, through the CLI as a user runs it: <c>store:</c> in
/// wayfinder.yaml or <c>--events</c>, against the real servers of the fixture (one server and the two-shard cluster).
/// </summary>
[Collection(ClickHouseCollection.Name)]
public sealed class ConfigurationTests(ClickHouseServers servers) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wayfinder-ch-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Workspace => Path.Combine(_folder, "ws");

    private string Report => Path.Combine(Workspace, "out", "analysis", "first-flight", "report.json");

    private static async Task<(int Code, string Out, string Err)> Run(string directory, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Cli.RunAsync(args, stdout, stderr, directory);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static async Task Succeeds(string directory, params string[] args)
    {
        var (code, output, errors) = await Run(directory, args);
        Assert.True(code == 0, $"wayfinder {string.Join(' ', args)}: exit {code}\n{output}\n{errors}");
    }

    private string SingleAddress => $"clickhouse://127.0.0.1:{servers.HttpPort(0).ToString(CultureInfo.InvariantCulture)}/wayfinder_tests";

    private string ClusterAddress(string table) =>
        $"clickhouse://127.0.0.1:{servers.HttpPort(0).ToString(CultureInfo.InvariantCulture)},127.0.0.1:{servers.HttpPort(1).ToString(CultureInfo.InvariantCulture)}/wayfinder_tests?cluster={ClickHouseServers.ClusterName}&table={table}";

    /// <summary>The acceptance test: the same report.json bytes on the embedded store, one server and the cluster.</summary>
    [Fact]
    public async Task AnalyzeOnAWorkspaceSwitchedToClickHouseByConfigurationWritesTheSameReport()
    {
        await Succeeds(_folder, "init", "ws");
        await Succeeds(Workspace, "sample-data", "-n", "300", "--seed", "11", "--no-import");
        await Succeeds(Workspace, "import", "data");
        await Succeeds(Workspace, "analyze", "first-flight");
        var embedded = await File.ReadAllBytesAsync(Report);

        // Switched by wayfinder.yaml alone: the same import and analysis, now in ClickHouse.
        File.AppendAllText(Path.Combine(Workspace, "wayfinder.yaml"), $"store:\n  events: {SingleAddress}\n  table: {ClickHouseServers.NewPrefix()}\n");
        File.Delete(Report);
        await Succeeds(Workspace, "import", "data");
        await Succeeds(Workspace, "analyze", "first-flight");
        Assert.Equal(embedded, await File.ReadAllBytesAsync(Report));

        // The two-shard cluster, named on the command line over the file.
        var cluster = ClusterAddress(ClickHouseServers.NewPrefix());
        File.Delete(Report);
        await Succeeds(Workspace, "import", "data", "--events", cluster);
        await Succeeds(Workspace, "analyze", "first-flight", "--events", cluster);
        Assert.Equal(embedded, await File.ReadAllBytesAsync(Report));
    }

    [Fact]
    public async Task ServeRefusesToStartWhenClickHouseRefusesTheCredentialsAndNeverShowsThem()
    {
        const string Password = "not-the-password-7f3a";
        var secrets = Path.Combine(_folder, "clickhouse.secrets");
        File.WriteAllText(secrets, $"user=default\npassword={Password}\n");
        var before = Environment.GetEnvironmentVariable(ClickHouseSettings.SecretsFileVariable);
        Environment.SetEnvironmentVariable(ClickHouseSettings.SecretsFileVariable, secrets);
        try
        {
            var data = Path.Combine(_folder, "server");
            var (code, output, errors) = await Run(_folder, "serve", "--data", data, "--port", FreePort(), "--events", SingleAddress);

            Assert.Equal(1, code);
            Assert.Equal("", output);
            Assert.StartsWith($"error: ClickHouse at 127.0.0.1:{servers.HttpPort(0).ToString(CultureInfo.InvariantCulture)} refused the user or password (", errors, StringComparison.Ordinal);
            Assert.EndsWith("); set WAYFINDER_CLICKHOUSE_USER and WAYFINDER_CLICKHOUSE_PASSWORD.\n", errors.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.DoesNotContain(Password, errors, StringComparison.Ordinal);
            Assert.False(Directory.Exists(data) && Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Any(f => File.ReadAllText(f).Contains(Password, StringComparison.Ordinal)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ClickHouseSettings.SecretsFileVariable, before);
        }
    }

    [Fact]
    public async Task TheCheckAtStartPassesOnOneServerAndOnTheCluster()
    {
        // What serve runs before it listens: every host answers and is new enough (no credentials on the fixture's servers).
        await EvidenceStores.ConnectAsync(EvidenceStores.Parse(SingleAddress, EvidenceStores.Option, _ => null));
        await EvidenceStores.ConnectAsync(EvidenceStores.Parse(ClusterAddress("wayfinder"), EvidenceStores.Option, _ => null));
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port.ToString(CultureInfo.InvariantCulture);
    }
}

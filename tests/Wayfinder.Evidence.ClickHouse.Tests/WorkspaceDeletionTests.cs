namespace Wayfinder.Evidence.ClickHouse.Tests;

using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Wayfinder.App;
using Wayfinder.Evidence.Import;
using Wayfinder.Web.Evidence;

/// <summary>
/// A workspace deleted on a server that keeps events in ClickHouse takes its tables with it
/// (<see cref="EvidenceWorkspaces.ForgetAsync"/>), and another workspace's stay.
/// </summary>
[Collection(ClickHouseCollection.Name)]
public sealed class WorkspaceDeletionTests(ClickHouseServers servers) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wayfinder-ch-delete-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task TheDeletedWorkspacesTablesAreDroppedAndTheOthersKept()
    {
        var prefix = ClickHouseServers.NewPrefix();
        var address = $"clickhouse://127.0.0.1:{servers.HttpPort(0).ToString(CultureInfo.InvariantCulture)}/wayfinder_tests?table={prefix}";
        using var evidence = new EvidenceWorkspaces(
            Options.Create(new EvidenceOptions { DataFolder = _folder, Events = address }),
            Options.Create(new WayfinderOptions()),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["db"] = "Data Source=unused.db" }).Build());
        var csv = Path.Combine(_folder, "events.csv");
        File.WriteAllText(csv, "timestamp,customer_id,event\n2026-01-05T10:00:00Z,c1,search\n2026-01-05T10:05:00Z,c1,booking_completed\n");
        await evidence.Open(null!, "team-a")!.Events.ImportAsync(csv, new EventImportOptions());
        await evidence.Open(null!, "team-b")!.Events.ImportAsync(csv, new EventImportOptions());
        using var client = new ClickHouseEventStore(servers.Single.ForTable(prefix));
        async Task<List<string>> TablesAsync(string workspace) =>
            [.. (await client.Client.QueryAsync($"SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE '{prefix}_{workspace}%'"))
                .Select(row => row.GetProperty("name").GetString()!).Order(StringComparer.Ordinal)];
        Assert.NotEmpty(await TablesAsync("team_ha"));
        var before = evidence.Generation("team-a");

        var left = await evidence.ForgetAsync("team-a");

        Assert.Null(left);
        Assert.Empty(await TablesAsync("team_ha"));
        Assert.NotEmpty(await TablesAsync("team_hb"));
        Assert.True(evidence.Generation("team-a") > before);
        Assert.Equal(0, (await evidence.Open(null!, "team-a")!.Events.SummaryAsync()).Events);
    }
}

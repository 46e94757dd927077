namespace Wayfinder.Web.Tests.Evidence;

using System.Net;
using Wayfinder.Web.Access;
using Wayfinder.Web.Tests.Live;

/// <summary>An upload is heard live by the workspace's clients: its progress first, then what it stored.</summary>
public sealed class ImportEventsTests : IDisposable
{
    private readonly WayfinderServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task AnUploadIsHeardAsProgressThenImportedWithItsReport()
    {
        await using var listener = await LiveClient.ConnectAsync(_server);
        await listener.JoinAsync("demo");

        var uploaded = await EvidenceFiles.UploadAsync(_server.ClientAs(WorkspaceRole.Editor), "events", EvidenceFiles.Events);

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var progress = await listener.NextAsync("import_progress");
        Assert.StartsWith("events: received ", progress.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("editor", progress.GetProperty("actor").GetString());
        var imported = await listener.NextAsync("imported");
        Assert.Equal("events: 10 rows read, 10 added, 0 already there, 0 bad", imported.GetProperty("detail").GetString());
        Assert.Equal(("demo", "editor"), (imported.GetProperty("workspace").GetString(), imported.GetProperty("actor").GetString()));
    }
}

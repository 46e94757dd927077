namespace Wayfinder.Web.Tests.Evidence;

using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;
using Wayfinder.Web.Evidence;

/// <summary>Uploads of evidence into a workspace's stores, and what the stores then hold.</summary>
public sealed class EvidenceApiTests : IDisposable
{
    private const string Evidence = "/api/v1/workspaces/demo/evidence";
    private readonly WayfinderServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task AnUploadedEventsFileIsImportedWithTheReportTheCliPrintsAndCounted()
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);

        var upload = await EvidenceFiles.UploadAsync(editor, "events", EvidenceFiles.Events, "&preset=plain");

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var report = JsonNode.Parse(await upload.Content.ReadAsStringAsync())!;
        Assert.Equal(("first-flight-events.csv", "csv", true), ((string?)report["file"], (string?)report["format"], (bool?)report["succeeded"]));
        Assert.Equal((10L, 10L, 0L, 0L), ((long?)report["rows_read"], (long?)report["rows_added"], (long?)report["duplicates"], (long?)report["bad_rows"]));
        Assert.Empty(report["problems"]!.AsArray());

        using var viewer = _server.ClientAs(WorkspaceRole.Viewer);
        var summary = JsonNode.Parse(await viewer.GetStringAsync(Evidence))!;
        Assert.Equal((10L, 4, 0, 0), ((long?)summary["events"], (int?)summary["customers"], (int?)summary["surveys"], (int?)summary["insights"]));
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero), (DateTimeOffset?)summary["from"]);
        Assert.Equal(new DateTimeOffset(2026, 10, 10, 8, 0, 0, TimeSpan.Zero), (DateTimeOffset?)summary["to"]);
        Assert.Equal(4L, (long?)summary["event_names"]!.AsArray().Single(e => (string?)e!["event"] == "fare_search")!["events"]);
    }

    [Fact]
    public async Task TheSameFileUploadedAgainAddsNothingAndCountsItsRowsAsDuplicates()
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);
        await EvidenceFiles.UploadAsync(editor, "events", EvidenceFiles.Events);

        var again = JsonNode.Parse(await (await EvidenceFiles.UploadAsync(editor, "events", EvidenceFiles.Events)).Content.ReadAsStringAsync())!;

        Assert.Equal((10L, 0L, 10L), ((long?)again["rows_read"], (long?)again["rows_added"], (long?)again["duplicates"]));
        Assert.Equal(10L, (long?)JsonNode.Parse(await editor.GetStringAsync(Evidence))!["events"]);
    }

    [Fact]
    public async Task AFileWithABadRowIsRefusedNamingItsLineAndTheStoreIsUnchanged()
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);

        var refused = await EvidenceFiles.UploadAsync(editor, "events", EvidenceFiles.EventsWithBadLine4);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        var report = problem["report"]!;
        Assert.Equal((4L, 0L, 1L), ((long?)report["rows_read"], (long?)report["rows_added"], (long?)report["bad_rows"]));
        var bad = report["problems"]!.AsArray().Single()!;
        Assert.Equal((4L, "timestamp"), ((long?)bad["line"], (string?)bad["field"]));
        Assert.StartsWith("first-flight-events-bad-line-4.csv: nothing was stored: 1 bad row, and none is accepted by default", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0L, (long?)JsonNode.Parse(await editor.GetStringAsync(Evidence))!["events"]);
    }

    [Fact]
    public async Task WithMaxBadRowsTheGoodRowsAreStoredAndTheBadOneLeftOut()
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);

        var upload = await EvidenceFiles.UploadAsync(editor, "events", EvidenceFiles.EventsWithBadLine4, "&max_bad_rows=1");

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var report = JsonNode.Parse(await upload.Content.ReadAsStringAsync())!;
        Assert.Equal((4L, 3L, 1L, 1L), ((long?)report["rows_read"], (long?)report["rows_added"], (long?)report["bad_rows"], (long?)report["max_bad_rows"]));
        Assert.Equal(3L, (long?)JsonNode.Parse(await editor.GetStringAsync(Evidence))!["events"]);
    }

    [Fact]
    public async Task AnUploadShorterThanItsContentLengthIsAProblemAndChangesNothing()
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);
        var bytes = await File.ReadAllBytesAsync(EvidenceFiles.PathOf(EvidenceFiles.Events));
        var shortBody = new ByteArrayContent(bytes[..100]);
        shortBody.Headers.ContentLength = bytes.Length;

        var cut = await editor.PostAsync($"{Evidence}/events?name=events.csv", shortBody);

        Assert.Equal(HttpStatusCode.BadRequest, cut.StatusCode);
        Assert.Equal("application/problem+json", cut.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await cut.Content.ReadAsStringAsync())!;
        Assert.Equal($"events.csv: 100 of the {bytes.Length} bytes announced in Content-Length arrived; nothing was imported and the stores are unchanged; send the whole file again", (string?)problem["detail"]);
        Assert.Equal(0L, (long?)JsonNode.Parse(await editor.GetStringAsync(Evidence))!["events"]);
        Assert.Empty(Directory.EnumerateFiles(Uploads));
    }

    [Fact]
    public async Task AnUploadWhoseSenderFailsHalfWayChangesNothing()
    {
        using var held = new HeldContent(await File.ReadAllBytesAsync(EvidenceFiles.PathOf(EvidenceFiles.Events)), failOnRelease: true);
        using var sender = await StreamingClientAsync();
        // The connection drops: the request is aborted as the sender fails. (The in-memory test server does not abort a
        // request whose body merely stops with an error: the client then waited out its 100-second timeout, twice.)
        using var dropped = new CancellationTokenSource();
        var sending = sender.PostAsync($"{Evidence}/events?name=events.csv", held, dropped.Token);
        await WhileAsync(() => !Directory.Exists(Uploads) || !Directory.EnumerateFiles(Uploads).Any());

        await dropped.CancelAsync();
        held.Release();
        await Assert.ThrowsAnyAsync<Exception>(() => sending);
        await WhileAsync(() => Directory.EnumerateFiles(Uploads).Any());

        using var editor = _server.ClientAs(WorkspaceRole.Editor);
        Assert.Equal(0L, (long?)JsonNode.Parse(await editor.GetStringAsync(Evidence))!["events"]);
        Assert.Equal(HttpStatusCode.OK, (await EvidenceFiles.UploadAsync(editor, "events", EvidenceFiles.Events)).StatusCode);
    }

    [Fact]
    public async Task ASecondImportWhileOneIsRunningIs409()
    {
        using var held = new HeldContent(await File.ReadAllBytesAsync(EvidenceFiles.PathOf(EvidenceFiles.Events)), failOnRelease: false);
        using var sender = await StreamingClientAsync();
        var first = sender.PostAsync($"{Evidence}/events?name=events.csv", held);
        await WhileAsync(() => !Directory.Exists(Uploads) || !Directory.EnumerateFiles(Uploads).Any());

        using var editor = _server.ClientAs(WorkspaceRole.Editor);
        var second = await EvidenceFiles.UploadAsync(editor, "surveys", EvidenceFiles.Surveys);
        held.Release();

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        var summary = JsonNode.Parse(await editor.GetStringAsync(Evidence))!;
        Assert.Equal((10L, 0), ((long?)summary["events"], (int?)summary["surveys"]));
    }

    [Fact]
    public async Task MappingEntriesInTheQueryNameTheColumnsAndTheTimeFormat()
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);
        var mapping = "&mapping.customer_id=who&mapping.timestamp=when&mapping.event=what&mapping.timestamp_format=" + Uri.EscapeDataString("dd/MM/yyyy HH:mm");

        var upload = await EvidenceFiles.UploadAsync(editor, "events", EvidenceFiles.OwnColumns, mapping);

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal((3L, 3L), ((long?)JsonNode.Parse(await upload.Content.ReadAsStringAsync())!["rows_read"], (long?)JsonNode.Parse(await upload.Content.ReadAsStringAsync())!["rows_added"]));
        var summary = JsonNode.Parse(await editor.GetStringAsync(Evidence))!;
        Assert.Equal((3L, 2), ((long?)summary["events"], (int?)summary["customers"]));
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero), (DateTimeOffset?)summary["from"]);
    }

    [Fact]
    public async Task SurveyAnswersAreUploadedAndCounted()
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);

        var upload = await EvidenceFiles.UploadAsync(editor, "surveys", EvidenceFiles.Surveys);

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var report = JsonNode.Parse(await upload.Content.ReadAsStringAsync())!;
        Assert.Equal((3L, 3L), ((long?)report["rows_read"], (long?)report["rows_added"]));
        Assert.Equal(3, (int?)JsonNode.Parse(await editor.GetStringAsync(Evidence))!["surveys"]);
    }

    [Theory]
    [InlineData("/api/v1/workspaces/demo/evidence/events?preset=nielsen", 400)]
    [InlineData("/api/v1/workspaces/demo/evidence/surveys?preset=plain", 400)]
    [InlineData("/api/v1/workspaces/demo/evidence/events?format=xml", 400)]
    [InlineData("/api/v1/workspaces/demo/evidence/events?max_bad_rows=-1", 400)]
    [InlineData("/api/v1/workspaces/demo/evidence/events?format=parquet", 422)]
    [InlineData("/api/v1/workspaces/demo/evidence/events?format=ndjson", 422)]
    [InlineData("/api/v1/workspaces/demo/evidence/events?mapping.timestamp_format=%25Q", 422)]
    [InlineData("/api/v1/workspaces/demo/evidence/insights", 422)]
    [InlineData("/api/v1/workspaces/demo/evidence/clicks", 404)]
    [InlineData("/api/v1/workspaces/elsewhere/evidence/events", 404)]
    [InlineData("/api/v1/workspaces/%2E%2E/evidence/events", 404)]
    [InlineData("/api/v1/workspaces/..%2Fdemo/evidence/events", 404)]
    public async Task ABadUploadIsAProblemAndStoresNothing(string path, int status)
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);

        var response = await editor.PostAsync(path, EvidenceFiles.Content(EvidenceFiles.Events));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0L, (long?)JsonNode.Parse(await editor.GetStringAsync(Evidence))!["events"]);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../demo")]
    [InlineData("demo/../..")]
    [InlineData("/etc")]
    [InlineData("Demo")]
    [InlineData("")]
    public void AWorkspaceIdThatIsNoSlugHasNoFolder(string id)
    {
        var evidence = _server.Services.GetRequiredService<EvidenceWorkspaces>();

        Assert.Null(evidence.FolderOf(id));
        Assert.Equal(Path.Combine(evidence.Root, "workspaces", "demo"), evidence.FolderOf("demo"));
    }

    private string Uploads => Path.Combine(_server.Services.GetRequiredService<EvidenceWorkspaces>().FolderOf("demo")!, ".uploads");

    /// <summary>
    /// An editor's client that streams a request body as it is written: the factory's clients buffer it whole first (to
    /// follow redirects), so a body held or failing half-way needs the test server's own handler.
    /// </summary>
    private async Task<HttpClient> StreamingClientAsync()
    {
        var client = _server.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await _server.TokenAsync(WorkspaceRole.Editor));
        return client;
    }

    /// <summary>Waits while <paramref name="condition"/> holds (what the server does on its own threads), giving up after 30 seconds.</summary>
    private static async Task WhileAsync(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (condition())
        {
            await Task.Delay(10, patience.Token);
        }
    }

    /// <summary>Sends its first 10 bytes, then waits until released before sending the rest (or failing, as a dropped connection does).</summary>
    private sealed class HeldContent(byte[] bytes, bool failOnRelease) : HttpContent
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, 10));
            await stream.FlushAsync();
            await _released.Task;
            if (failOnRelease)
            {
                throw new IOException("the connection was reset");
            }

            await stream.WriteAsync(bytes.AsMemory(10));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

namespace Wayfinder.Web.Tests.Workspaces;

using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Wayfinder.App.Templates;
using Wayfinder.Core.Workspaces;
using Wayfinder.Web.Access;

/// <summary>Export of a workspace as a zip in the CLI's layout, and import of such a zip into a new workspace.</summary>
public partial class WorkspaceZipTests : IDisposable
{
    private const string Copy = "/api/v1/workspaces/copy";
    private readonly WayfinderServerFactory _server;

    public WorkspaceZipTests()
        : this(new WayfinderServerFactory())
    {
    }

    protected WorkspaceZipTests(WayfinderServerFactory server) => _server = server;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _server.Dispose();
        }
    }

    [Fact]
    public async Task AnExportHoldsTheFilesBytesAndTheCommentsAndRoundTripsThroughAnImport()
    {
        var commenter = _server.ClientAs(WorkspaceRole.Commenter);
        var journey = JsonNode.Parse(await commenter.GetStringAsync("/api/v1/workspaces/demo/documents/journey/first-flight"))!;
        var stage = (string)journey["stages"]![1]!["id"]!;
        var thread = JsonNode.Parse(await (await commenter.PostAsJsonAsync("/api/v1/workspaces/demo/comments", new { document_kind = "journey", document_id = "first-flight", element_id = stage, text = "Still true?" })).Content.ReadAsStringAsync())!;
        await commenter.PostAsync($"/api/v1/workspaces/demo/comments/{(long)thread["id"]!}/resolve", null);

        var exported = await Unzip(await _server.ClientAs(WorkspaceRole.Viewer).GetAsync("/api/v1/workspaces/demo/export"));
        var imported = await _server.ClientAs(WorkspaceRole.Owner, "copy").PostAsync($"{Copy}/import", Zip(exported));
        var again = await Unzip(await _server.ClientAs(WorkspaceRole.Viewer, "copy").GetAsync($"{Copy}/export"));

        // The seeded files, byte for byte, and one comments file beside them.
        var seeded = WorkspaceSeeds.Demo().Where(f => f.Key == WorkspaceLoader.ConfigFileName || WorkspaceLoader.KindOfPath(f.Key) is not null).ToDictionary();
        Assert.Equal(["comments/journeys/first-flight.yaml", .. seeded.Keys.Order(StringComparer.Ordinal)], exported.Keys);
        Assert.All(seeded, f => Assert.Equal(f.Value, exported[f.Key]));
        Assert.Equal(
            $"""
            threads:
              - element_id: {stage}
                resolved: true
                resolved_by: commenter
                resolved_at: <time>
                created_at: <time>
                comments:
                  - author: commenter
                    text: Still true?
                    created_at: <time>

            """.ReplaceLineEndings("\n"),
            Times().Replace(exported["comments/journeys/first-flight.yaml"], "<time>"));
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var summary = JsonNode.Parse(await imported.Content.ReadAsStringAsync())!;
        Assert.Equal(("copy", 8, 1), ((string?)summary["workspace"], (int?)summary["documents"], (int?)summary["comment_threads"]));
        Assert.Equal(exported, again);
        var copied = JsonNode.Parse(await _server.ClientAs(WorkspaceRole.Viewer, "copy").GetStringAsync($"{Copy}/comments?element={stage}"))!.AsArray();
        Assert.Equal(("Still true?", true, false), ((string?)copied.Single()!["comments"]![0]!["text"], (bool)copied.Single()!["resolved"]!, (bool)copied.Single()!["on_removed_element"]!));
    }

    [Fact]
    public async Task AnImportIntoAWorkspaceWithDocumentsIsRefused()
    {
        var exported = await Unzip(await _server.ClientAs(WorkspaceRole.Viewer).GetAsync("/api/v1/workspaces/demo/export"));

        var refused = await _server.ClientAs(WorkspaceRole.Owner).PostAsync("/api/v1/workspaces/demo/import", Zip(exported));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("workspace \"demo\" already has documents or comments; import into a new or empty workspace", await DetailAsync(refused));
    }

    public static TheoryData<string, string, int, string> BadEntries => new()
    {
        { "climbs", "../evil.yaml", 422, "the entry \"../evil.yaml\" is an absolute path or climbs out of the workspace (\"..\"); entries are relative paths such as journeys/onboarding.yaml" },
        { "absolute", "/etc/journeys.yaml", 422, "the entry \"/etc/journeys.yaml\" is an absolute path or climbs out of the workspace (\"..\"); entries are relative paths such as journeys/onboarding.yaml" },
        { "inside", "journeys/../../evil.yaml", 422, "the entry \"journeys/../../evil.yaml\" is an absolute path or climbs out of the workspace (\"..\"); entries are relative paths such as journeys/onboarding.yaml" },
        { "outside", "notes/readme.yaml", 422, "the entry \"notes/readme.yaml\" is outside a workspace's layout: wayfinder.yaml, personas/, journeys/ and value-gaps/ YAML files, and comments/<folder>/<id>.yaml" },
        { "deeper", "journeys/old/trip.yaml", 422, "the entry \"journeys/old/trip.yaml\" is outside a workspace's layout: wayfinder.yaml, personas/, journeys/ and value-gaps/ YAML files, and comments/<folder>/<id>.yaml" },
    };

    [Theory]
    [MemberData(nameof(BadEntries))]
    public async Task AnEntryOutsideTheLayoutIsRefusedAndNothingIsMade(string why, string path, int status, string detail)
    {
        _ = why;
        var files = GoodFiles();
        files[path] = "kind: journey\nid: evil\ntitle: Evil\n";

        var refused = await _server.ClientAs(WorkspaceRole.Owner, "copy").PostAsync($"{Copy}/import", Zip(files));

        Assert.Equal(status, (int)refused.StatusCode);
        Assert.Equal(detail, await DetailAsync(refused));
        await AssertNothingMadeAsync();
    }

    [Fact]
    public async Task ASymbolicLinkEntryIsRefused()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var link = zip.CreateEntry("personas/link.yaml");
            link.ExternalAttributes = unchecked((int)0xA1FF0000); // S_IFLNK | 0777, as zip -y writes a link
            await using var stream = await link.OpenAsync();
            await stream.WriteAsync("/etc/passwd"u8.ToArray());
        }

        var refused = await _server.ClientAs(WorkspaceRole.Owner, "copy").PostAsync($"{Copy}/import", new ByteArrayContent(buffer.ToArray()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("the entry \"personas/link.yaml\" is a symbolic link; a workspace zip holds only files", await DetailAsync(refused));
        await AssertNothingMadeAsync();
    }

    [Fact]
    public async Task BrokenYamlIsRefusedNamingItsFileLineAndColumn()
    {
        var files = GoodFiles();
        files["journeys/trip.yaml"] = "kind: journey\nid: trip\ntitle: [unclosed\n";

        var refused = await _server.ClientAs(WorkspaceRole.Owner, "copy").PostAsync($"{Copy}/import", Zip(files));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.StartsWith("journeys/trip.yaml:3:8: ", await DetailAsync(refused), StringComparison.Ordinal);
        await AssertNothingMadeAsync();
    }

    [Fact]
    public async Task AZipBombIsRefusedBeforeItIsUnpacked()
    {
        var files = GoodFiles();
        files["journeys/bomb.yaml"] = new string(' ', (int)Wayfinder.Web.Workspaces.WorkspaceZip.MaxUncompressedBytes);

        var body = Zip(files);
        var refused = await _server.ClientAs(WorkspaceRole.Owner, "copy").PostAsync($"{Copy}/import", body);

        // 64 MiB of spaces compress to well under 1 MiB: the cap is on what the entries unpack to.
        Assert.True((await body.ReadAsByteArrayAsync()).Length < 1024 * 1024);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("its files hold more than 64 MiB once unpacked (at journeys/bomb.yaml); a workspace is far smaller, so this zip is refused", await DetailAsync(refused));
        await AssertNothingMadeAsync();
    }

    [Fact]
    public async Task ATruncatedZipIsRefused()
    {
        var whole = await (await _server.ClientAs(WorkspaceRole.Viewer).GetAsync("/api/v1/workspaces/demo/export")).Content.ReadAsByteArrayAsync();

        var refused = await _server.ClientAs(WorkspaceRole.Owner, "copy").PostAsync($"{Copy}/import", new ByteArrayContent(whole[..(whole.Length / 2)]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("the zip is truncated or damaged (", await DetailAsync(refused), StringComparison.Ordinal);
        await AssertNothingMadeAsync();
    }

    [Fact]
    public async Task AnEntryTwiceIsRefused()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var title in new[] { "Maya", "Not Maya" })
            {
                await using var stream = await zip.CreateEntry("personas/maya.yaml").OpenAsync();
                await stream.WriteAsync(Encoding.UTF8.GetBytes($"kind: persona\nid: maya\ntitle: {title}\n"));
            }
        }

        var refused = await _server.ClientAs(WorkspaceRole.Owner, "copy").PostAsync($"{Copy}/import", new ByteArrayContent(buffer.ToArray()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("the entry \"personas/maya.yaml\" is in the zip twice; which one is meant cannot be told", await DetailAsync(refused));
        await AssertNothingMadeAsync();
    }

    /// <summary>A small valid workspace: its config and one persona.</summary>
    private static Dictionary<string, string> GoodFiles() => new(StringComparer.Ordinal)
    {
        [WorkspaceLoader.ConfigFileName] = "name: Copy\n",
        ["personas/maya.yaml"] = "kind: persona\nid: maya\ntitle: Maya\n",
    };

    private async Task AssertNothingMadeAsync()
    {
        // The workspace the import went to is as it was: there, and empty.
        var documents = await _server.ClientAs(WorkspaceRole.Viewer, "copy").GetFromJsonAsync<JsonArray>($"{Copy}/documents");
        Assert.Empty(documents!);
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"];
    }

    private static ByteArrayContent Zip(IReadOnlyDictionary<string, string> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, text) in files)
            {
                using var stream = zip.CreateEntry(path).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new("application/zip");
        return content;
    }

    private static async Task<SortedDictionary<string, string>> Unzip(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), new UTF8Encoding(false));
            files[entry.FullName] = await reader.ReadToEndAsync();
        }

        return files;
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT[\d:.]+[+]00:00")]
    private static partial Regex Times();
}

/// <summary>Every export and import test again, on a database of its own on the test PostgreSQL server.</summary>
public sealed class WorkspaceZipOnPostgresTests : WorkspaceZipTests
{
    private readonly PostgresTestDatabase _database;

    public WorkspaceZipOnPostgresTests()
        : this(new PostgresTestDatabase())
    {
    }

    private WorkspaceZipOnPostgresTests(PostgresTestDatabase database)
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

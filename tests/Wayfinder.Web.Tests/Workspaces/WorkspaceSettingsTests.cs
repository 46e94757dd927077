namespace Wayfinder.Web.Tests.Workspaces;

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App.Templates;
using Wayfinder.Web.Access;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>A workspace's settings read and changed over the API: checked against every document, never over a newer version.</summary>
public sealed class WorkspaceSettingsTests : IDisposable
{
    private const string Settings = "/api/v1/workspaces/demo/settings";
    private readonly WayfinderServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task AnOwnerAddsACompetitorOnTheVersionRead()
    {
        var owner = _server.ClientAs(WorkspaceRole.Owner);
        var read = await owner.GetAsync(Settings);
        var text = await read.Content.ReadAsStringAsync();
        Assert.Equal(WorkspaceSeeds.Demo()["wayfinder.yaml"], text);
        var etag = read.Headers.ETag!.Tag;
        Assert.Equal($"\"{WorkspaceSettings.Version(text)}\"", etag);

        var changed = text.Replace("competitors:\n", "competitors:\n  - id: skyways\n    name: SkyWays\n    color: '#009E73'\n", StringComparison.Ordinal)
            .Replace("name: Skylark Airways", "name: Skylark Airways (2027)", StringComparison.Ordinal);
        var blind = await owner.PutAsync(Settings, Yaml(changed));
        var saved = await owner.SendAsync(Put(changed, etag));
        var again = await owner.SendAsync(Put(changed, etag));

        Assert.Equal(HttpStatusCode.PreconditionRequired, blind.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal($"\"{WorkspaceSettings.Version(changed)}\"", saved.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, again.StatusCode);
        Assert.Equal(changed, await owner.GetStringAsync(Settings));

        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WayfinderDbContext>();
        Assert.Equal("Skylark Airways (2027)", (await db.Workspaces.AsNoTracking().SingleAsync(w => w.Id == "demo")).Name);
        var audit = JsonNode.Parse(await owner.GetStringAsync("/api/v1/workspaces/demo/audit"))!.AsArray();
        Assert.Contains(audit, e => (string?)e!["action"] == AuditActions.SettingsChanged && (string?)e["target"] == "wayfinder.yaml");
    }

    [Fact]
    public async Task SettingsThatDoNotReadOrBreakADocumentAreRefusedWithWhereAndNothingChanges()
    {
        var owner = _server.ClientAs(WorkspaceRole.Owner);
        var read = await owner.GetAsync(Settings);
        var text = await read.Content.ReadAsStringAsync();
        var etag = read.Headers.ETag!.Tag;

        var broken = await owner.SendAsync(Put(text.Replace("channels:\n", "channels: [\n", StringComparison.Ordinal), etag));
        var withoutKiosk = await owner.SendAsync(Put(text.Replace("  - id: kiosk\n    name: Self-service kiosk\n    kind: physical\n    glyph: kiosk\n", "", StringComparison.Ordinal), etag));
        var asViewer = await _server.ClientAs(WorkspaceRole.Viewer).SendAsync(Put(text, etag));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        var syntax = JsonNode.Parse(await broken.Content.ReadAsStringAsync())!["problems"]!.AsArray();
        // "channels: [" on line 4 opens a flow list; the parser fails where a block item follows it, on line 5.
        Assert.Equal(("wayfinder.yaml", 5), ((string?)syntax[0]!["file"], (int)syntax[0]!["line"]!));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutKiosk.StatusCode);
        var problems = JsonNode.Parse(await withoutKiosk.Content.ReadAsStringAsync())!["problems"]!.AsArray();
        Assert.Equal(
            [("journeys/first-flight-future.yaml", "unknown-channel")],
            problems.Select(p => ((string)p!["file"]!, (string)p["code"]!)));
        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(text, await owner.GetStringAsync(Settings));
    }

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private static HttpRequestMessage Put(string text, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Settings) { Content = Yaml(text) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return request;
    }
}

namespace Wayfinder.Web.Tests.Live;

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;
using Wayfinder.Web.Workspaces;

/// <summary>A map read is answered from the JSON made once per revision, but only for the very text it was made from.</summary>
public sealed class DocumentJsonCacheTests : IDisposable
{
    private const string Persona = "/api/v1/workspaces/demo/documents/persona/business-traveller";
    private readonly WayfinderServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task ATextPutInUnderARevisionSeenBeforeIsReadAsItsOwnJson()
    {
        var client = _server.ClientAs(WorkspaceRole.Viewer);
        Assert.Equal("Sam, the frequent business traveller", (string?)(await client.GetFromJsonAsync<JsonNode>(Persona))!["title"]);

        // As a seed or an import does: the file put in as it is, still at revision 3, with another title.
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var repository = await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync("demo", CancellationToken.None);
            var read = await repository!.ReadAsync(Core.Documents.DocumentKind.Persona, "business-traveller");
            await repository.PutFileAsync(read!.File, read.Text.Replace("title: Sam, the frequent business traveller", "title: Sam, put in again", StringComparison.Ordinal));
        }

        var again = await client.GetAsync(Persona);
        Assert.Equal("\"3\"", again.Headers.ETag?.Tag);
        Assert.Equal("application/json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Sam, put in again", (string?)JsonNode.Parse(await again.Content.ReadAsStringAsync())!["title"]);
    }
}

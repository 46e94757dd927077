namespace Wayfinder.Web.Tests.Documents;

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Wayfinder.Web.Access;

/// <summary>A save through the API is validated in its workspace first; errors in the document refuse it with 422.</summary>
public sealed class SaveValidationTests : IDisposable
{
    private const string Journey = "/api/v1/workspaces/demo/documents/journey/first-flight";
    private readonly WayfinderServerFactory _server = new();
    private readonly HttpClient _client;

    public SaveValidationTests() => _client = _server.ClientAs(WorkspaceRole.Editor);

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task ADocumentWithADuplicateStageIdIs422ListingTheErrorAndNothingIsStored()
    {
        var (json, etag) = await Read();
        var first = (string)json["stages"]![0]!["id"]!;
        var second = (string)json["stages"]![1]!["id"]!;
        json["stages"]![1]!["id"] = first;

        var put = await Put(json, etag);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;
        Assert.Equal(422, (int?)problem["status"]);
        Assert.Equal("The document has errors", (string?)problem["title"]);
        var errors = problem["errors"]!.AsArray();
        var duplicate = Assert.Single(errors, e => (string?)e!["code"] == "duplicate-id");
        Assert.Equal("stages[1].id", (string?)duplicate!["path"]);
        Assert.Equal($"duplicate id \"{first}\" (also at 35:9)", (string?)duplicate["message"]);
        Assert.Equal("journeys/first-flight.yaml", (string?)duplicate["file"]);

        var (after, afterEtag) = await Read();
        Assert.Equal(etag, afterEtag);
        Assert.Equal(second, (string?)after["stages"]![1]!["id"]);
    }

    [Fact]
    public async Task AValidDocumentIsSavedWith200()
    {
        var (json, etag) = await Read();
        json["title"] = "First flight, retold";

        var put = await Put(json, etag);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.NotEqual(etag, put.Headers.ETag?.Tag);
    }

    private async Task<(JsonNode Json, string ETag)> Read()
    {
        var read = await _client.GetAsync(Journey);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        return (JsonNode.Parse(await read.Content.ReadAsStringAsync())!, read.Headers.ETag!.Tag);
    }

    private async Task<HttpResponseMessage> Put(JsonNode json, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Journey) { Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await _client.SendAsync(request);
    }
}

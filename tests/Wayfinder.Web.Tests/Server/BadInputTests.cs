namespace Wayfinder.Web.Tests.Server;

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Wayfinder.Web.Access;

/// <summary>Bad requests to the documents API: each is a problem-details error that says what is wrong, and nothing changes.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string Persona = "/api/v1/workspaces/demo/documents/persona/business-traveller";
    private readonly WayfinderServerFactory _server = new();
    private readonly HttpClient _client;

    public BadInputTests() => _client = _server.ClientAs(WorkspaceRole.Editor);

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [Theory]
    [InlineData("{\"id\": \"business-traveller\", \"title\": ", "The body is not a document")]
    [InlineData("not json at all", "The body is not a document")]
    [InlineData("{\"id\": \"business-traveller\", \"title\": [1, 2]}", "The body is not a document")]
    [InlineData("{\"id\": \"business-traveller\", \"revision\": \"three\"}", "The body is not a document")]
    [InlineData("[]", "The body is not a document")]
    [InlineData("null", "The body is not this document")]
    [InlineData("{\"id\": \"someone-else\", \"title\": \"x\"}", "The body is not this document")]
    public async Task MalformedJsonOrWrongTypesAre400AndChangeNothing(string body, string title)
    {
        var before = await _client.GetStringAsync(Persona);

        var response = await Put(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(title, (string?)problem["title"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        Assert.Equal(before, await _client.GetStringAsync(Persona));
    }

    [Fact]
    public async Task ADocumentOver8MegabytesIs413AndChangesNothing()
    {
        var before = await _client.GetStringAsync(Persona);
        var body = "{\"id\": \"business-traveller\", \"title\": \"" + new string('x', 50 * 1024 * 1024) + "\"}";

        var response = await Put(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("The document is too large", (string?)problem["title"]);
        Assert.Equal("a document may be at most 8 MB (8388608 bytes) of JSON; split the map into sub-journeys or shorten its texts", (string?)problem["detail"]);
        Assert.Equal(before, await _client.GetStringAsync(Persona));
    }

    [Fact]
    public async Task TextWithMarkupIsStoredAndServedAsTextInJson()
    {
        var json = JsonNode.Parse(await _client.GetStringAsync(Persona))!;
        json["title"] = "<img src=x onerror=alert(1)>";

        var response = await Put(json.ToJsonString(), "\"3\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var raw = await _client.GetStringAsync(Persona);
        Assert.Contains("\\u003Cimg src=x onerror=alert(1)\\u003E", raw, StringComparison.Ordinal);
        Assert.Equal("<img src=x onerror=alert(1)>", (string?)JsonNode.Parse(raw)!["title"]);
    }

    private Task<HttpResponseMessage> Put(string body, string? ifMatch = "\"3\"")
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Persona) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return _client.SendAsync(request);
    }
}

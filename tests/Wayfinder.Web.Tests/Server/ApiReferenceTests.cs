namespace Wayfinder.Web.Tests.Server;

using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Wayfinder.Web.Access;

/// <summary>The API reference page runs only the scripts its own response's policy allows, and the OpenAPI document says how to authenticate.</summary>
public sealed partial class ApiReferenceTests : IDisposable
{
    private readonly WayfinderServerFactory _server = new();
    private readonly HttpClient _client;

    public ApiReferenceTests() => _client = _server.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task TheReferencePageIsHtmlWhoseEveryScriptCarriesTheNonceItsPolicyAllows()
    {
        // /api/reference answers with a redirect to /api/reference/, so the page's relative asset URLs resolve; the client follows it.
        var response = await _client.GetAsync("/api/reference");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Wayfinder API</title>", html, StringComparison.Ordinal);
        var scripts = ScriptTag().Matches(html);
        Assert.NotEmpty(scripts);
        var nonce = Assert.Single(scripts.Select(s => s.Groups["nonce"].Value).Distinct());
        Assert.NotEmpty(nonce);
        Assert.Equal($"script-src 'self' 'nonce-{nonce}'", ScriptSource(response));
    }

    [Fact]
    public async Task EachRequestForThePageGetsANonceOfItsOwn()
    {
        var first = ScriptSource(await _client.GetAsync("/api/reference/"));
        var second = ScriptSource(await _client.GetAsync("/api/reference/"));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task EveryOtherResponseKeepsThePolicyWithNoInlineScript()
    {
        var response = await _client.GetAsync("/healthz");

        Assert.Equal(AccessSetup.ContentSecurityPolicy, string.Join("; ", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("script-src 'self'", ScriptSource(response));
    }

    [Fact]
    public async Task ThePageLoadsItsScriptsFromTheServerItselfNotACdn()
    {
        var html = await _client.GetStringAsync("/api/reference/");
        var sources = ScriptTag().Matches(html).Select(s => s.Groups["src"].Value).Where(s => s.Length > 0).ToList();

        Assert.Equal(["scalar.js", "scalar.aspnetcore.js"], sources);
        foreach (var source in sources)
        {
            var script = await _client.GetAsync("/api/reference/" + source);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        }

        Assert.DoesNotContain("proxy", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheOpenApiDocumentDeclaresTheBearerSchemeAndWhichOperationsNeedIt()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("/openapi/v1.json"))!;

        Assert.Equal("Wayfinder API", (string?)document["info"]?["title"]);
        Assert.Contains("Authorization: Bearer wf_", (string?)document["info"]?["description"], StringComparison.Ordinal);
        var bearer = document["components"]?["securitySchemes"]?["Bearer"];
        Assert.Equal("http", (string?)bearer?["type"]);
        Assert.Equal("bearer", (string?)bearer?["scheme"]);
        // Reading one's own account needs a token; signing in does not.
        Assert.NotNull(document["paths"]?["/api/v1/account/me"]?["get"]?["security"]?[0]?["Bearer"]);
        Assert.Null(document["paths"]?["/api/v1/account/sign-in"]?["post"]?["security"]);
    }

    /// <summary>The <c>script-src</c> directive of the response's Content-Security-Policy.</summary>
    private static string ScriptSource(HttpResponseMessage response) =>
        Assert.Single(string.Join(";", response.Headers.GetValues("Content-Security-Policy")).Split(';', StringSplitOptions.TrimEntries),
            d => d.StartsWith("script-src ", StringComparison.Ordinal));

    /// <summary>Every script tag: its src (empty when inline) and its nonce (empty when none, which would fail the test).</summary>
    [GeneratedRegex("<script(?=(?:[^>]*?\\ssrc=\"(?<src>[^\"]*)\")?)(?=(?:[^>]*?\\snonce=\"(?<nonce>[^\"]*)\")?)[^>]*>")]
    private static partial Regex ScriptTag();
}

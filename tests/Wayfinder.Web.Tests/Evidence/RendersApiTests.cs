namespace Wayfinder.Web.Tests.Evidence;

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Wayfinder.Web.Access;

/// <summary>Documents as downloads in every format the CLI renders, with entity tags and escaped text.</summary>
public sealed class RendersApiTests : IDisposable
{
    private const string FirstFlight = "/api/v1/workspaces/demo/documents/journey/first-flight";
    private readonly WayfinderServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Theory]
    [InlineData("svg", "image/svg+xml", "first-flight.svg", "<")]
    [InlineData("png", "image/png", "first-flight.png", "\u0089PNG")]
    [InlineData("pdf", "application/pdf", "first-flight.pdf", "%PDF-")]
    [InlineData("html", "text/html", "first-flight.html", "<!DOCTYPE html>")]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "first-flight.xlsx", "PK\u0003\u0004")]
    [InlineData("csv", "text/csv", "first-flight.csv", "")]
    [InlineData("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "first-flight.pptx", "PK\u0003\u0004")]
    [InlineData("slides.pdf", "application/pdf", "first-flight.slides.pdf", "%PDF-")]
    [InlineData("mmd", "text/plain", "first-flight.mmd", "journey")]
    [InlineData("mermaid", "text/plain", "first-flight.mmd", "journey")]
    [InlineData("yaml", "application/yaml", "first-flight.yaml", "# yaml-language-server")]
    public async Task AJourneyRendersToEveryFormatWithItsMediaTypeAndFileName(string format, string mediaType, string fileName, string start)
    {
        using var viewer = _server.ClientAs(WorkspaceRole.Viewer);

        var response = await viewer.GetAsync($"{FirstFlight}/render.{format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 100, $"{bytes.Length} bytes");
        Assert.StartsWith(start, Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSvgIsXmlWithTheJourneysTitle()
    {
        using var viewer = _server.ClientAs(WorkspaceRole.Viewer);

        var svg = XDocument.Parse(await viewer.GetStringAsync($"{FirstFlight}/render.svg"));

        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains(svg.Descendants(), e => e.Nodes().OfType<XText>().Any(t => t.Value.Contains("Maya's first flight (today)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ATitleWithMarkupIsEscapedInTheSvgAndTheHtml()
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);
        const string Attack = "<img src=x onerror=alert(1)>";
        var journey = JsonNode.Parse(await editor.GetStringAsync(FirstFlight))!;
        journey["title"] = Attack;
        using var put = new HttpRequestMessage(HttpMethod.Put, FirstFlight) { Content = new StringContent(journey.ToJsonString(), Encoding.UTF8, "application/json") };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue("\"7\""));
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(put)).StatusCode);

        var svg = await editor.GetStringAsync($"{FirstFlight}/render.svg");
        var html = await editor.GetStringAsync($"{FirstFlight}/render.html");

        Assert.DoesNotContain("<img", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", svg, StringComparison.Ordinal);
        Assert.Contains(XDocument.Parse(svg).Descendants(), e => e.Nodes().OfType<XText>().Any(t => t.Value.Contains(Attack, StringComparison.Ordinal)));
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMatchingIfNoneMatchIs304UntilTheEvidenceOrTheDocumentChanges()
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);
        var first = await editor.GetAsync($"{FirstFlight}/render.svg");
        var tag = first.Headers.ETag!;
        Assert.StartsWith("\"7-", tag.Tag, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotModified, (await GetIfNoneMatch(editor, "render.svg", tag)).StatusCode);
        var png = await GetIfNoneMatch(editor, "render.png", tag);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);

        await EvidenceFiles.UploadAsync(editor, "events", EvidenceFiles.Events);
        var withData = await GetIfNoneMatch(editor, "render.svg", tag);

        Assert.Equal(HttpStatusCode.OK, withData.StatusCode);
        Assert.NotEqual(tag, withData.Headers.ETag);
        Assert.NotEqual(await first.Content.ReadAsStringAsync(), await withData.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotModified, (await GetIfNoneMatch(editor, "render.svg", withData.Headers.ETag!)).StatusCode);
    }

    [Theory]
    [InlineData("persona/business-traveller/render.png", 200)]
    [InlineData("value_gap/first-time-flyer-vs-competitors/render.pdf", 200)]
    [InlineData("persona/business-traveller/render.csv", 404)]
    [InlineData("journey/first-flight/render.docx", 404)]
    [InlineData("journey/nobody/render.svg", 404)]
    [InlineData("poster/first-flight/render.svg", 404)]
    public async Task PersonasAndValueGapMapsRenderToImagesOnly(string path, int status)
    {
        using var viewer = _server.ClientAs(WorkspaceRole.Viewer);

        var response = await viewer.GetAsync($"/api/v1/workspaces/demo/documents/{path}");

        Assert.Equal(status, (int)response.StatusCode);
    }

    private static async Task<HttpResponseMessage> GetIfNoneMatch(HttpClient client, string render, EntityTagHeaderValue tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{FirstFlight}/{render}");
        request.Headers.IfNoneMatch.Add(tag);
        return await client.SendAsync(request);
    }
}

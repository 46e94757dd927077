namespace Wayfinder.Web.Tests.Evidence;

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Wayfinder.Web.Access;
using Wayfinder.Web.Evidence;

/// <summary>
/// A journey's analysis on the server: the CLI's JSON, cached until the next import or save; its charts; the knowledge
/// gaps. On SQLite in memory; <see cref="AnalysisApiOnPostgresTests"/> runs the same tests on PostgreSQL.
/// </summary>
public class AnalysisApiTests : IDisposable
{
    private const string Analysis = "/api/v1/workspaces/demo/journeys/first-flight/analysis";
    private readonly WayfinderServerFactory _server;

    public AnalysisApiTests()
        : this(new WayfinderServerFactory())
    {
    }

    protected AnalysisApiTests(WayfinderServerFactory server) => _server = server;

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
    public async Task TheFunnelCountsTheUploadedCustomersStageByStage()
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);
        await EvidenceFiles.UploadAsync(editor, "events", EvidenceFiles.Events);
        using var viewer = _server.ClientAs(WorkspaceRole.Viewer);

        var report = JsonNode.Parse(await viewer.GetStringAsync(Analysis))!;

        // Plan: all 4 (c3 by two touchpoints, c4 after an unclaimed page view); book: c1 and c2; prepare: c1; no one further.
        var metrics = report["metrics"]!;
        Assert.Equal(("first-flight", 4, 9, 1), ((string?)report["journey_id"], (int?)metrics["customers"], (int?)metrics["mapped_events"], (int?)metrics["unmapped_events"]));
        Assert.Equal(
            ["plan 4", "book 2", "prepare 1", "check-in 0", "security 0", "board 0", "fly 0", "arrive 0", "fly-again 0"],
            metrics["funnel"]!.AsArray().Select(f => $"{(string?)f!["stage_id"]} {(int?)f["customers"]}"));
        Assert.Equal(0.5, (double?)metrics["funnel"]![1]!["conversion"]);
    }

    [Fact]
    public async Task ACutOnAChannelCountsOnlyItsEvents()
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);
        await EvidenceFiles.UploadAsync(editor, "events", EvidenceFiles.Events);

        var report = JsonNode.Parse(await editor.GetStringAsync(Analysis + "?channel=email"))!;

        // Only c1's pretrip email is on the email channel: the ordered funnel then starts nowhere.
        Assert.Equal((1, 1), ((int?)report["metrics"]!["customers"], (int?)report["metrics"]!["mapped_events"]));
    }

    [Fact]
    public async Task AnAnalysisIsServedFromTheCacheUntilAnImportOrASave()
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);

        Assert.Equal("miss", await CacheOf(editor, Analysis));
        Assert.Equal("hit", await CacheOf(editor, Analysis));
        Assert.Equal("miss", await CacheOf(editor, Analysis + "?period=2026-Q4"));
        Assert.Equal("hit", await CacheOf(editor, Analysis));

        await EvidenceFiles.UploadAsync(editor, "events", EvidenceFiles.Events);
        var afterImport = await editor.GetAsync(Analysis);
        Assert.Equal("miss", afterImport.Headers.GetValues(AnalysisApi.CacheHeader).Single());
        Assert.Equal(4, (int?)JsonNode.Parse(await afterImport.Content.ReadAsStringAsync())!["metrics"]!["customers"]);
        Assert.Equal("hit", await CacheOf(editor, Analysis));

        var persona = JsonNode.Parse(await editor.GetStringAsync("/api/v1/workspaces/demo/documents/persona/business-traveller"))!;
        persona["title"] = "Sam, who flies every week";
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/workspaces/demo/documents/persona/business-traveller")
        {
            Content = new StringContent(persona.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue("\"3\""));
        Assert.Equal(HttpStatusCode.OK, (await editor.SendAsync(put)).StatusCode);

        Assert.Equal("miss", await CacheOf(editor, Analysis));
        Assert.Equal("hit", await CacheOf(editor, Analysis));
    }

    [Theory]
    [InlineData("/api/v1/workspaces/demo/journeys/last-flight/analysis", 404, "there is no journey \"last-flight\" in workspace \"demo\"; journeys: airport-check-in, corporate-programme, first-flight-future, first-flight")]
    [InlineData("/api/v1/workspaces/demo/journeys/first-flight/analysis?persona=maya", 400, "no persona 'maya' in the workspace; `wayfinder list` shows the ids")]
    [InlineData("/api/v1/workspaces/demo/journeys/first-flight/analysis?trend=week", 400, "trend takes month or quarter, not \"week\"")]
    [InlineData("/api/v1/workspaces/demo/journeys/first-flight/analysis?keep_repeats=maybe", 400, "keep_repeats takes true or false, not \"maybe\"")]
    [InlineData("/api/v1/workspaces/elsewhere/journeys/first-flight/analysis", 404, "there is no workspace \"elsewhere\" that you can see")]
    public async Task WhatCannotBeAnalysedIsAProblemSayingWhy(string path, int status, string detail)
    {
        using var viewer = _server.ClientAs(WorkspaceRole.Viewer);

        var response = await viewer.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(detail, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]);
    }

    [Theory]
    [InlineData("?keep_repeats=true", 200)]
    [InlineData("?keep_repeats=false&trend=quarter", 200)]
    [InlineData("?keep_repeats=maybe", 400)]
    public async Task KeepRepeatsIsReadFromTheQuery(string query, int status)
    {
        using var viewer = _server.ClientAs(WorkspaceRole.Viewer);

        var response = await viewer.GetAsync(Analysis + query);

        Assert.Equal(status, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("funnel", "svg", "image/svg+xml")]
    [InlineData("paths", "svg", "image/svg+xml")]
    [InlineData("trend", "svg", "image/svg+xml")]
    [InlineData("funnel", "png", "image/png")]
    public async Task TheChartsOfAnAnalysisAreDrawn(string chart, string format, string mediaType)
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);
        await EvidenceFiles.UploadAsync(editor, "events", EvidenceFiles.Events);

        var response = await editor.GetAsync($"/api/v1/workspaces/demo/journeys/first-flight/charts/{chart}.{format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"first-flight-{chart}.{format}", response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (format == "svg")
        {
            Assert.Equal("svg", System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes)).Root!.Name.LocalName);
        }
        else
        {
            Assert.Equal([0x89, 0x50, 0x4E, 0x47], bytes[..4]);
        }
    }

    [Fact]
    public async Task AnUnknownChartIs404()
    {
        using var viewer = _server.ClientAs(WorkspaceRole.Viewer);

        var response = await viewer.GetAsync("/api/v1/workspaces/demo/journeys/first-flight/charts/pie.svg");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("there is no chart \"pie.svg\"; charts: funnel, paths, trend, each as .svg or .png", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]);
    }

    [Fact]
    public async Task KnowledgeGapsListWhatTheEvidenceDoesNotCoverYet()
    {
        using var editor = _server.ClientAs(WorkspaceRole.Editor);
        string[] covered = ["touchpoint-without-events first-flight tp-fare-finder", "stage-without-events first-flight book"];
        const string Uncovered = "touchpoint-without-events first-flight tp-bag-drop";

        var before = await GapsAsync(editor);
        await EvidenceFiles.UploadAsync(editor, "events", EvidenceFiles.Events);
        var after = await GapsAsync(editor);

        Assert.All(covered, gap => Assert.Contains(gap, before));
        Assert.All(covered, gap => Assert.DoesNotContain(gap, after));
        Assert.Contains(Uncovered, before);
        Assert.Contains(Uncovered, after);
    }

    private static async Task<List<string>> GapsAsync(HttpClient client) =>
        [.. JsonNode.Parse(await client.GetStringAsync("/api/v1/workspaces/demo/knowledge-gaps"))!.AsArray()
            .Select(g => $"{(string?)g!["kind"]} {(string?)g["document_id"]} {(string?)g["target"]}")];

    private static async Task<string> CacheOf(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues(AnalysisApi.CacheHeader).Single();
    }
}

public sealed class AnalysisApiOnPostgresTests : AnalysisApiTests
{
    private readonly PostgresTestDatabase _database;

    public AnalysisApiOnPostgresTests()
        : this(new PostgresTestDatabase())
    {
    }

    private AnalysisApiOnPostgresTests(PostgresTestDatabase database)
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

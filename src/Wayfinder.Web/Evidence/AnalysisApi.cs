namespace Wayfinder.Web.Evidence;

using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Wayfinder.App.Analysis;
using Wayfinder.App.Rendering;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Rendering;
using Wayfinder.Rendering.Charts;
using Wayfinder.Web.Access;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>
/// A journey's analysis on a cut (<c>/journeys/{id}/analysis</c>, the JSON of <c>wayfinder analyze --json</c>), its charts,
/// and the workspace's knowledge gaps. Analyses are cached until the next import or save (<see cref="AnalysisCache"/>);
/// the header <c>X-Wayfinder-Cache</c> says <c>hit</c> or <c>miss</c>.
/// </summary>
public static class AnalysisApi
{
    /// <summary>The response header that says whether an analysis came from the cache.</summary>
    public const string CacheHeader = "X-Wayfinder-Cache";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JourneyReport, byte[]> s_json = [];

    /// <summary>The charts of an analysis, by name in the route.</summary>
    public static IReadOnlyList<string> Charts { get; } = ["funnel", "paths", "trend"];

    public static RouteGroupBuilder MapAnalysis(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}").WithTags("Analysis");
        group.MapGet("/journeys/{id}/analysis", Analysis).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapGet("/journeys/{id}/charts/{chart}.{format}", Chart).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapGet("/knowledge-gaps", Gaps).RequireWorkspaceRole(WorkspaceRole.Viewer);
        return group;
    }

    /// <summary>The cut as the query gives it, as <c>wayfinder analyze</c> takes it.</summary>
    /// <remarks><c>keep_repeats</c> is read as text, so a value that is no boolean is a 400 problem saying so, never an exception.</remarks>
    public sealed record Cut(string? Persona, string? Channel, string? Period, string? Trend, [property: FromQuery(Name = "keep_repeats")] string? KeepRepeats)
    {
        /// <summary>Why the cut cannot be read, or null.</summary>
        public string? Problem =>
            ToRequest().TrendGrain is not ("month" or "quarter") ? $"trend takes month or quarter, not \"{Trend}\""
            : Blank(KeepRepeats) is { } keep && !bool.TryParse(keep, out _) ? $"keep_repeats takes true or false, not \"{KeepRepeats}\""
            : null;

        public AnalysisRequest ToRequest() => new()
        {
            PersonaId = Blank(Persona),
            Channel = Blank(Channel),
            Period = Blank(Period),
            TrendGrain = Blank(Trend) ?? "month",
            CollapseRepeats = !(bool.TryParse(Blank(KeepRepeats), out var keep) && keep),
        };

        private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static async Task<IResult> Analysis(string workspace, string id, [AsParameters] Cut cut, HttpContext http, WayfinderDbContext db, EvidenceWorkspaces evidence, WorkspaceRepositories workspaces, AnalysisCache cache, CancellationToken cancellationToken)
    {
        var analysis = await AnalyzeAsync(workspace, id, cut, db, evidence, workspaces, cache, cancellationToken);
        if (analysis is null || analysis.Problem is not null)
        {
            return analysis?.Problem ?? EvidenceApi.NoWorkspace(workspace);
        }

        http.Response.Headers[CacheHeader] = analysis.Cached!.Hit ? "hit" : "miss";
        if (analysis.Cached.Result.Report is not { } report)
        {
            return TypedResults.Json<JourneyReport?>(null, EvidenceJson.Options);
        }

        // A cached analysis is written as JSON once, while the cache keeps it.
        return TypedResults.Bytes(s_json.GetValue(report, r => JsonSerializer.SerializeToUtf8Bytes(r, EvidenceJson.Options)), "application/json; charset=utf-8");
    }

    private static async Task<IResult> Chart(string workspace, string id, string chart, string format, [AsParameters] Cut cut, HttpContext http, WayfinderDbContext db, EvidenceWorkspaces evidence, WorkspaceRepositories workspaces, AnalysisCache cache, CancellationToken cancellationToken)
    {
        if (!Charts.Contains(chart) || format is not ("svg" or "png"))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such chart",
                detail: $"there is no chart \"{chart}.{format}\"; charts: {string.Join(", ", Charts)}, each as .svg or .png");
        }

        var analysis = await AnalyzeAsync(workspace, id, cut, db, evidence, workspaces, cache, cancellationToken);
        if (analysis is null || analysis.Problem is not null)
        {
            return analysis?.Problem ?? EvidenceApi.NoWorkspace(workspace);
        }

        var (result, _, stamp) = analysis.Cached!;
        var tag = new EntityTagHeaderValue($"\"{EvidenceWorkspaces.Hash(string.Join('|', workspace, id, chart, format, cut.ToString(), stamp))}\"");
        if (Renders.Matches(http.Request, tag))
        {
            return Renders.NotModified(http, tag);
        }

        var (journey, report) = (result.Journey!, result.Report!);
        var svg = chart switch
        {
            "funnel" => DataCharts.FunnelSvg(report, journey),
            "paths" => DataCharts.SankeySvg(report, journey),
            _ => DataCharts.TrendSvg(report, journey),
        };
        var bytes = format == "svg" ? RenderFormats.RenderImage(svg, RenderFormat.Svg) : Rasterizer.SvgToPng(svg);
        return Renders.File(http, bytes, format == "svg" ? RenderFormat.Svg : RenderFormat.Png, $"{journey.Id}-{chart}.{format}", tag);
    }

    private static async Task<IResult> Gaps(string workspace, EvidenceWorkspaces evidence, WorkspaceRepositories workspaces, AnalysisService analysis, AnalysisCache cache, CancellationToken cancellationToken)
    {
        if (await EvidenceApi.OpenAsync(workspace, evidence, workspaces, cancellationToken) is not { } stores)
        {
            return EvidenceApi.NoWorkspace(workspace);
        }

        return TypedResults.Json(await analysis.GapsAsync(stores, cache.Today, cancellationToken), EvidenceJson.Options);
    }

    /// <summary>The analysis, or the problem to answer instead; null when there is no such workspace.</summary>
    private static async Task<Outcome?> AnalyzeAsync(string workspace, string id, Cut cut, WayfinderDbContext db, EvidenceWorkspaces evidence, WorkspaceRepositories workspaces, AnalysisCache cache, CancellationToken cancellationToken)
    {
        if (cut.Problem is { } invalid)
        {
            return new Outcome(null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The cut is not valid", detail: invalid));
        }

        if (await EvidenceApi.OpenAsync(workspace, evidence, workspaces, cancellationToken) is not { } stores)
        {
            return null;
        }

        var cached = await cache.AnalyzeAsync(db, stores, workspace, id, cut.ToRequest(), cancellationToken);
        var result = cached.Result;
        if (result.Journey is null)
        {
            return new Outcome(null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such journey",
                detail: $"there is no journey \"{id}\" in workspace \"{workspace}\"; journeys: {string.Join(", ", result.KnownJourneys)}",
                extensions: new Dictionary<string, object?> { ["journeys"] = result.KnownJourneys }));
        }

        if (result.Report is null)
        {
            return new Outcome(null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The cut cannot be made",
                detail: result.Problem, extensions: new Dictionary<string, object?> { ["warnings"] = result.Warnings }));
        }

        return new Outcome(cached, null);
    }

    private sealed record Outcome(CachedAnalysis? Cached, ProblemHttpResult? Problem);
}

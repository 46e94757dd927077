namespace Wayfinder.Web.Drafting;

using Microsoft.AspNetCore.Http.HttpResults;
using Wayfinder.Drafting;
using Wayfinder.Drafting.Enrich;
using Wayfinder.Web.Access;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Evidence;

/// <summary>
/// Drafting over HTTP, through the services <c>wayfinder draft</c> and <c>wayfinder suggest</c> use: draft a journey
/// (<c>POST /journeys/drafts</c>), list a journey's proposals and apply some or all of them. Every error is a problem-details
/// body in plain words; nothing is written unless it all succeeds.
/// </summary>
public static class DraftingApi
{
    public static RouteGroupBuilder MapDrafting(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/journeys").WithTags("Drafting");
        group.MapPost("/drafts", Draft).RequireWorkspaceRole(WorkspaceRole.Editor)
            .WithSummary("Draft a journey for a persona, scenario and goal (offline, from the event data, or with the configured language model)");
        group.MapGet("/{id}/proposals", Proposals).RequireWorkspaceRole(WorkspaceRole.Viewer)
            .WithSummary("What the data and research say a journey is missing: numbered proposals, each with its reason and source");
        group.MapPost("/{id}/proposals/apply", Apply).RequireWorkspaceRole(WorkspaceRole.Editor)
            .WithSummary("Apply proposals by number, or all, to the revision they were listed for (If-Match)");
        return group;
    }

    private static async Task<Results<Created<DraftCreated>, ProblemHttpResult>> Draft(string workspace, DraftJourneyBody? body, HttpContext http, CancellationToken cancellationToken)
    {
        var problems = body?.Problems() ?? ["the body must be a JSON object such as {\"id\": \"…\", \"scenario\": \"…\", \"goal\": \"…\"}"];
        if (problems.Count > 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The draft request is not complete",
                detail: string.Join("; ", problems), extensions: new Dictionary<string, object?> { ["errors"] = problems });
        }

        var request = body!.ToRequest();
        var author = http.User.Identity?.Name;
        DraftResult? result;
        try
        {
            result = await WorkspaceDrafting.DraftAsync(http.RequestServices, workspace, request, author, progress: null, cancellationToken);
        }
        catch (ArgumentException e)
        {
            // The persona's segment is not one the event store can use (the store's own plain message); nothing was written.
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The persona's segment cannot be used", detail: e.Message);
        }

        if (result is null)
        {
            return EvidenceApi.NoWorkspace(workspace);
        }

        if (DraftProblem.Of(result, workspace, request) is { } problem)
        {
            return Problem(problem);
        }

        var saved = result.Document!;
        http.Response.Headers.ETag = ETags.Of(saved.Revision);
        return TypedResults.Created($"/api/v1/workspaces/{workspace}/documents/journey/{request.Id}", DraftCreated.From(saved, result));
    }

    private static async Task<Results<Ok<ProposalList>, ProblemHttpResult>> Proposals(string workspace, string id, HttpContext http, CancellationToken cancellationToken)
    {
        var result = await WorkspaceDrafting.ProposeAsync(http.RequestServices, workspace, id, cancellationToken);
        return result switch
        {
            null => EvidenceApi.NoWorkspace(workspace),
            { Outcome: SuggestOutcome.NotFound } => Problem(DraftProblem.NoJourney(workspace, id)),
            _ => WithETag(http, result.Revision, TypedResults.Ok(new ProposalList(result.Revision, [.. result.Proposals.Select(ProposalInfo.From)]))),
        };
    }

    private static async Task<Results<Ok<ProposalsApplied>, ProblemHttpResult>> Apply(string workspace, string id, ApplyProposalsBody? body, HttpContext http, CancellationToken cancellationToken)
    {
        if (!ETags.TryParseIfMatch(http.Request.Headers.IfMatch, out var expected))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "If-Match must name one revision",
                detail: "send the proposals' revision as it was given, a quoted number such as \"3\"");
        }

        if (expected is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required to apply proposals",
                detail: $"send the revision the proposals were listed for (the ETag of GET …/journeys/{id}/proposals) in If-Match");
        }

        var (numbers, bad) = body?.Read() ?? (null, "the body must be a JSON object such as {\"numbers\": [1, 3]} or {\"numbers\": \"all\"}");
        if (bad is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Which proposals to apply?", detail: bad);
        }

        var result = await WorkspaceDrafting.ApplyAsync(http.RequestServices, workspace, id, numbers, expected, http.User.Identity?.Name, cancellationToken);
        if (result is null)
        {
            return EvidenceApi.NoWorkspace(workspace);
        }

        if (DraftProblem.Of(result, workspace, id) is { } problem)
        {
            return Problem(problem);
        }

        var saved = result.Document!;
        http.Response.Headers.ETag = ETags.Of(saved.Revision);
        return TypedResults.Ok(new ProposalsApplied(DraftCreated.DocumentNode(saved), [.. result.Applied.Select(p => p.Number)]));
    }

    private static T WithETag<T>(HttpContext http, int revision, T result)
    {
        http.Response.Headers.ETag = ETags.Of(revision);
        return result;
    }

    private static ProblemHttpResult Problem(DraftProblem problem)
    {
        var extensions = new Dictionary<string, object?>();
        if (problem.Known.Count > 0)
        {
            extensions["known"] = problem.Known;
        }

        if (problem.Problems.Count > 0)
        {
            extensions["errors"] = problem.Problems;
        }

        return TypedResults.Problem(statusCode: problem.Status, title: problem.Title, detail: problem.Detail, extensions: extensions);
    }
}

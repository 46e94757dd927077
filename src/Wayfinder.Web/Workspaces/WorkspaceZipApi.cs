namespace Wayfinder.Web.Workspaces;

using Microsoft.AspNetCore.Http.HttpResults;
using Wayfinder.Web.Access;
using Wayfinder.Web.Server;

/// <summary>What an import wrote.</summary>
public sealed record ImportSummary(string Workspace, int Documents, int CommentThreads);

/// <summary>
/// <c>GET /api/v1/workspaces/{workspace}/export</c>: the workspace as a zip in the CLI's layout, with its comments;
/// <c>POST /api/v1/workspaces/{workspace}/import</c>: such a zip into a new or empty workspace, all or nothing.
/// </summary>
public static class WorkspaceZipApi
{
    /// <summary>The largest zip an import takes, in bytes, before unpacking.</summary>
    public const long MaxZipBytes = 32L * 1024 * 1024;

    public static IEndpointRouteBuilder MapWorkspaceZip(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}").WithTags("Workspaces");
        group.MapGet("/export", Export).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapPost("/import", Import).RequireWorkspaceRole(WorkspaceRole.Owner);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(string workspace, WorkspaceZip zips, CancellationToken cancellationToken) =>
        await zips.ExportAsync(workspace, cancellationToken) is { } zip
            ? TypedResults.File(zip, "application/zip", $"{workspace}.zip")
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such workspace", detail: $"there is no workspace \"{workspace}\"");

    private static async Task<Results<Created<ImportSummary>, ProblemHttpResult>> Import(string workspace, HttpRequest request, WorkspaceZip zips, CancellationToken cancellationToken)
    {
        if (workspace.Length > 100 || !workspace.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not a workspace id",
                detail: $"\"{workspace}\" is not a workspace id: use lower-case letters, digits and '-', at most 100");
        }

        // The zip is read whole (a zip's directory is at its end), never more than the cap.
        if (await RequestBodies.ReadAtMostAsync(request, MaxZipBytes, cancellationToken) is not { } bytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The zip is too large",
                detail: $"an import takes a zip of at most {MaxZipBytes / (1024 * 1024)} MiB");
        }

        using var body = new MemoryStream(bytes, writable: false);
        var (problem, documents, threads) = await zips.ImportAsync(workspace, body, cancellationToken);
        return problem is null
            ? TypedResults.Created($"/api/v1/workspaces/{workspace}/documents", new ImportSummary(workspace, documents, threads))
            : TypedResults.Problem(statusCode: problem.Status, title: problem.Title, detail: problem.Detail);
    }
}

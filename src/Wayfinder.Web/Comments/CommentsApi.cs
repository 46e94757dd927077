namespace Wayfinder.Web.Comments;

using Microsoft.AspNetCore.Http.HttpResults;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Web.Access;

/// <summary>A new thread: on a document (kind and id as in the documents' routes), and on one of its elements when given.</summary>
public sealed record NewThread(string? DocumentKind, string? DocumentId, string? ElementId, string? Text);

/// <summary>A comment's text: a reply, or an edit of one's own comment.</summary>
public sealed record CommentText(string? Text);

/// <summary>A thread as the API gives it.</summary>
/// <param name="OnRemovedElement">True when the element it is on is not in the document's current revision (or the document is gone).</param>
public sealed record CommentThread(long Id, string DocumentKind, string DocumentId, string? ElementId, bool OnRemovedElement, bool Resolved, string? ResolvedBy, DateTimeOffset? ResolvedAt, DateTimeOffset CreatedAt, IReadOnlyList<ThreadComment> Comments);

/// <summary>A comment as the API gives it, with the members it mentions.</summary>
public sealed record ThreadComment(long Id, string? Author, string Text, IReadOnlyList<string> Mentions, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt);

/// <summary>
/// <c>/api/v1/workspaces/{workspace}/comments</c>: threads on documents and their elements, replies, @mentions, resolve
/// and reopen, edit and delete of one's own comment. Comments never change a document's revision. The handlers are thin:
/// the rules are <see cref="CommentService"/>'s, which the web app's comment panel uses too.
/// </summary>
public static class CommentsApi
{
    public static RouteGroupBuilder MapComments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/comments").WithTags("Comments");
        group.MapGet("/", List).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapGet("/{thread:long}", Get).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapPost("/", Create).RequireWorkspaceRole(WorkspaceRole.Commenter);
        group.MapPost("/{thread:long}/replies", Reply).RequireWorkspaceRole(WorkspaceRole.Commenter);
        group.MapPost("/{thread:long}/resolve", Resolve).RequireWorkspaceRole(WorkspaceRole.Commenter);
        group.MapPost("/{thread:long}/reopen", Reopen).RequireWorkspaceRole(WorkspaceRole.Commenter);
        group.MapPatch("/{thread:long}/comments/{comment:long}", Edit).RequireWorkspaceRole(WorkspaceRole.Commenter);
        group.MapDelete("/{thread:long}/comments/{comment:long}", Delete).RequireWorkspaceRole(WorkspaceRole.Commenter);
        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<CommentThread>>, ProblemHttpResult>> List(string workspace, string? kind, string? id, string? element, bool? open, CommentService comments, CancellationToken cancellationToken)
    {
        DocumentKind? documentKind = null;
        if (kind is not null)
        {
            if (DocumentYaml.ParseKind(kind) is not { } parsed)
            {
                return UnknownKind(kind);
            }

            documentKind = parsed;
        }

        var (threads, problem) = await comments.ListAsync(workspace, documentKind, id, element, open, cancellationToken);
        return problem is null ? TypedResults.Ok(threads!) : Problem(problem);
    }

    private static async Task<Results<Ok<CommentThread>, ProblemHttpResult>> Get(string workspace, long thread, CommentService comments, CancellationToken cancellationToken) =>
        Ok(await comments.GetAsync(workspace, thread, cancellationToken));

    private static async Task<Results<Created<CommentThread>, ProblemHttpResult>> Create(string workspace, NewThread body, HttpContext http, CommentService comments, CancellationToken cancellationToken)
    {
        if (DocumentYaml.ParseKind(body.DocumentKind) is not { } kind)
        {
            return UnknownKind(body.DocumentKind);
        }

        var (created, problem) = await comments.CreateAsync(workspace, http.User.Identity?.Name, kind, body.DocumentId, body.ElementId, body.Text, cancellationToken);
        return problem is null ? TypedResults.Created($"/api/v1/workspaces/{workspace}/comments/{created!.Id}", created) : Problem(problem);
    }

    private static async Task<Results<Created<CommentThread>, ProblemHttpResult>> Reply(string workspace, long thread, CommentText body, HttpContext http, CommentService comments, CancellationToken cancellationToken)
    {
        var (replied, problem) = await comments.ReplyAsync(workspace, http.User.Identity?.Name, thread, body.Text, cancellationToken);
        return problem is null ? TypedResults.Created($"/api/v1/workspaces/{workspace}/comments/{replied!.Id}", replied) : Problem(problem);
    }

    private static async Task<Results<Ok<CommentThread>, ProblemHttpResult>> Resolve(string workspace, long thread, HttpContext http, CommentService comments, CancellationToken cancellationToken) =>
        Ok(await comments.SetResolvedAsync(workspace, http.User.Identity?.Name, thread, resolved: true, cancellationToken));

    private static async Task<Results<Ok<CommentThread>, ProblemHttpResult>> Reopen(string workspace, long thread, HttpContext http, CommentService comments, CancellationToken cancellationToken) =>
        Ok(await comments.SetResolvedAsync(workspace, http.User.Identity?.Name, thread, resolved: false, cancellationToken));

    private static async Task<Results<Ok<CommentThread>, ProblemHttpResult>> Edit(string workspace, long thread, long comment, CommentText body, HttpContext http, CommentService comments, CancellationToken cancellationToken) =>
        Ok(await comments.EditAsync(workspace, http.User.Identity?.Name, thread, comment, body.Text, cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string workspace, long thread, long comment, HttpContext http, CommentService comments, CancellationToken cancellationToken) =>
        await comments.DeleteAsync(workspace, http.User.Identity?.Name, thread, comment, cancellationToken) is { } problem ? Problem(problem) : TypedResults.NoContent();

    private static Results<Ok<CommentThread>, ProblemHttpResult> Ok((CommentThread? Thread, CommentProblem? Problem) outcome) =>
        outcome.Problem is null ? TypedResults.Ok(outcome.Thread!) : Problem(outcome.Problem);

    private static ProblemHttpResult Problem(CommentProblem problem) =>
        TypedResults.Problem(statusCode: problem.Status, title: problem.Title, detail: problem.Detail);

    private static ProblemHttpResult UnknownKind(string? kind) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No such kind of document",
            detail: $"\"{kind}\" is not a kind of document; use persona, journey or value_gap");
}

namespace Wayfinder.Web.Comments;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wayfinder.App.Documents;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Web.Access;
using Wayfinder.Web.Live;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

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
/// and reopen, edit and delete of one's own comment. Comments never change a document's revision.
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

    private static async Task<Results<Ok<IReadOnlyList<CommentThread>>, ProblemHttpResult>> List(string workspace, string? kind, string? id, string? element, bool? open, WayfinderDbContext db, WorkspaceRepositories workspaces, CancellationToken cancellationToken)
    {
        if (await workspaces.OpenAsync(workspace, cancellationToken) is not { } repository)
        {
            return NoWorkspace(workspace);
        }

        var threads = db.Set<CommentThreadRow>().AsNoTracking().Include(t => t.Comments).Where(t => t.WorkspaceId == workspace);
        if (kind is not null)
        {
            if (DocumentYaml.ParseKind(kind) is not { } documentKind)
            {
                return UnknownKind(kind);
            }

            threads = threads.Where(t => t.DocumentKind == documentKind);
        }

        threads = id is null ? threads : threads.Where(t => t.DocumentId == id);
        threads = element is null ? threads : threads.Where(t => t.ElementId == element);
        threads = open is not { } isOpen ? threads : threads.Where(t => t.Resolved != isOpen);
        var rows = await threads.OrderBy(t => t.Key).ToListAsync(cancellationToken);
        return TypedResults.Ok(await ViewsAsync(repository, rows, cancellationToken));
    }

    private static async Task<Results<Ok<CommentThread>, ProblemHttpResult>> Get(string workspace, long thread, WayfinderDbContext db, WorkspaceRepositories workspaces, CancellationToken cancellationToken)
    {
        if (await workspaces.OpenAsync(workspace, cancellationToken) is not { } repository)
        {
            return NoWorkspace(workspace);
        }

        return await FindAsync(db, workspace, thread, cancellationToken) is { } row
            ? TypedResults.Ok((await ViewsAsync(repository, [row], cancellationToken))[0])
            : NoThread(workspace, thread);
    }

    private static async Task<Results<Created<CommentThread>, ProblemHttpResult>> Create(string workspace, NewThread body, HttpContext http, WayfinderDbContext db, WorkspaceRepositories workspaces, IWorkspaceMembers members, IWorkspaceEvents events, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await workspaces.OpenAsync(workspace, cancellationToken) is not { } repository)
        {
            return NoWorkspace(workspace);
        }

        if (DocumentYaml.ParseKind(body.DocumentKind) is not { } kind)
        {
            return UnknownKind(body.DocumentKind);
        }

        if (string.IsNullOrEmpty(body.DocumentId) || await repository.ReadAsync(kind, body.DocumentId, cancellationToken) is not { } stored)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such document",
                detail: $"there is no {body.DocumentKind} \"{body.DocumentId}\" in workspace \"{workspace}\" to comment on");
        }

        if (body.ElementId is { } elementId && !DocumentSaving.IdsOf(stored.Text, kind).Contains(elementId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No such element",
                detail: $"{body.DocumentKind}/{body.DocumentId} has no element \"{elementId}\" at revision {stored.Revision}; leave element_id out to comment on the whole document");
        }

        if (BadText(body.Text) is { } bad)
        {
            return bad;
        }

        var now = clock.GetUtcNow();
        var row = new CommentThreadRow { WorkspaceId = workspace, DocumentKind = kind, DocumentId = body.DocumentId, ElementId = body.ElementId, CreatedAt = now };
        row.Comments.Add(await NewCommentAsync(workspace, body.Text!, http, members, now, cancellationToken));
        db.Set<CommentThreadRow>().Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(events, http, row, $"thread {row.Key}", cancellationToken);
        return TypedResults.Created($"/api/v1/workspaces/{workspace}/comments/{row.Key}", (await ViewsAsync(repository, [row], cancellationToken))[0]);
    }

    private static async Task<Results<Created<CommentThread>, ProblemHttpResult>> Reply(string workspace, long thread, CommentText body, HttpContext http, WayfinderDbContext db, WorkspaceRepositories workspaces, IWorkspaceMembers members, IWorkspaceEvents events, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await workspaces.OpenAsync(workspace, cancellationToken) is not { } repository)
        {
            return NoWorkspace(workspace);
        }

        if (await FindAsync(db, workspace, thread, cancellationToken, tracked: true) is not { } row)
        {
            return NoThread(workspace, thread);
        }

        if (BadText(body.Text) is { } bad)
        {
            return bad;
        }

        var comment = await NewCommentAsync(workspace, body.Text!, http, members, clock.GetUtcNow(), cancellationToken);
        row.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(events, http, row, $"thread {row.Key} comment {comment.Key}", cancellationToken);
        return TypedResults.Created($"/api/v1/workspaces/{workspace}/comments/{row.Key}", (await ViewsAsync(repository, [row], cancellationToken))[0]);
    }

    private static Task<Results<Ok<CommentThread>, ProblemHttpResult>> Resolve(string workspace, long thread, HttpContext http, WayfinderDbContext db, WorkspaceRepositories workspaces, IWorkspaceEvents events, TimeProvider clock, CancellationToken cancellationToken) =>
        SetResolvedAsync(workspace, thread, resolved: true, http, db, workspaces, events, clock, cancellationToken);

    private static Task<Results<Ok<CommentThread>, ProblemHttpResult>> Reopen(string workspace, long thread, HttpContext http, WayfinderDbContext db, WorkspaceRepositories workspaces, IWorkspaceEvents events, TimeProvider clock, CancellationToken cancellationToken) =>
        SetResolvedAsync(workspace, thread, resolved: false, http, db, workspaces, events, clock, cancellationToken);

    private static async Task<Results<Ok<CommentThread>, ProblemHttpResult>> SetResolvedAsync(string workspace, long thread, bool resolved, HttpContext http, WayfinderDbContext db, WorkspaceRepositories workspaces, IWorkspaceEvents events, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await workspaces.OpenAsync(workspace, cancellationToken) is not { } repository)
        {
            return NoWorkspace(workspace);
        }

        if (await FindAsync(db, workspace, thread, cancellationToken, tracked: true) is not { } row)
        {
            return NoThread(workspace, thread);
        }

        if (row.Resolved != resolved)
        {
            row.Resolved = resolved;
            row.ResolvedBy = resolved ? http.User.Identity?.Name : null;
            row.ResolvedAt = resolved ? clock.GetUtcNow() : null;
            await db.SaveChangesAsync(cancellationToken);
            await PublishAsync(events, http, row, $"thread {row.Key} {(resolved ? "resolved" : "reopened")}", cancellationToken);
        }

        return TypedResults.Ok((await ViewsAsync(repository, [row], cancellationToken))[0]);
    }

    private static async Task<Results<Ok<CommentThread>, ProblemHttpResult>> Edit(string workspace, long thread, long comment, CommentText body, HttpContext http, WayfinderDbContext db, WorkspaceRepositories workspaces, IWorkspaceMembers members, IWorkspaceEvents events, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await workspaces.OpenAsync(workspace, cancellationToken) is not { } repository)
        {
            return NoWorkspace(workspace);
        }

        if (await OwnCommentAsync(db, workspace, thread, comment, http, cancellationToken) is not ({ } row, { } own))
        {
            return await OwnCommentProblemAsync(db, workspace, thread, comment, cancellationToken);
        }

        if (BadText(body.Text) is { } bad)
        {
            return bad;
        }

        own.Text = body.Text!;
        own.Mentions = string.Join(' ', Mentions.Of(body.Text!, await members.ListAsync(workspace, cancellationToken)));
        own.EditedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(events, http, row, $"thread {row.Key} comment {own.Key} edited", cancellationToken);
        return TypedResults.Ok((await ViewsAsync(repository, [row], cancellationToken))[0]);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string workspace, long thread, long comment, HttpContext http, WayfinderDbContext db, IWorkspaceEvents events, CancellationToken cancellationToken)
    {
        if (await OwnCommentAsync(db, workspace, thread, comment, http, cancellationToken) is not ({ } row, { } own))
        {
            return await OwnCommentProblemAsync(db, workspace, thread, comment, cancellationToken);
        }

        // A thread whose last comment goes is gone with it.
        row.Comments.Remove(own);
        db.Set<CommentRow>().Remove(own);
        if (row.Comments.Count == 0)
        {
            db.Set<CommentThreadRow>().Remove(row);
        }

        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(events, http, row, $"thread {row.Key} comment {own.Key} deleted", cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The thread and the comment when the comment is the caller's own; nulls otherwise.</summary>
    private static async Task<(CommentThreadRow? Thread, CommentRow? Comment)> OwnCommentAsync(WayfinderDbContext db, string workspace, long thread, long comment, HttpContext http, CancellationToken cancellationToken)
    {
        var row = await FindAsync(db, workspace, thread, cancellationToken, tracked: true);
        var own = row?.Comments.FirstOrDefault(c => c.Key == comment);
        return own is not null && string.Equals(own.Author, http.User.Identity?.Name, StringComparison.Ordinal) ? (row, own) : (null, null);
    }

    private static async Task<ProblemHttpResult> OwnCommentProblemAsync(WayfinderDbContext db, string workspace, long thread, long comment, CancellationToken cancellationToken)
    {
        var row = await FindAsync(db, workspace, thread, cancellationToken);
        var found = row?.Comments.FirstOrDefault(c => c.Key == comment);
        return found is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such comment", detail: $"thread {thread} of workspace \"{workspace}\" has no comment {comment}")
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your comment",
                detail: $"comment {comment} was written by {found.Author ?? "somebody else"}; only its author may edit or delete it");
    }

    private static ThreadComment View(CommentRow row) =>
        new(row.Key, row.Author, row.Text, row.Mentions.Split(' ', StringSplitOptions.RemoveEmptyEntries), row.CreatedAt, row.EditedAt);

    /// <summary>The threads as the API gives them, each flagged when its element is no longer in its document's current revision.</summary>
    internal static async Task<IReadOnlyList<CommentThread>> ViewsAsync(Documents.EfDocumentRepository repository, IReadOnlyList<CommentThreadRow> rows, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<(DocumentKind, string), IReadOnlySet<string>>();
        foreach (var (kind, id) in rows.Where(r => r.ElementId is not null).Select(r => (r.DocumentKind, r.DocumentId)).Distinct())
        {
            var stored = await repository.ReadAsync(kind, id, cancellationToken);
            ids[(kind, id)] = stored is null ? new HashSet<string>() : DocumentSaving.IdsOf(stored.Text, kind);
        }

        return [.. rows.Select(r => new CommentThread(
            r.Key,
            DocumentYaml.Write(r.DocumentKind).Trim(),
            r.DocumentId,
            r.ElementId,
            r.ElementId is { } element && !ids[(r.DocumentKind, r.DocumentId)].Contains(element),
            r.Resolved,
            r.ResolvedBy,
            r.ResolvedAt,
            r.CreatedAt,
            [.. r.Comments.OrderBy(c => c.Key).Select(View)]))];
    }

    private static async Task<CommentRow> NewCommentAsync(string workspace, string text, HttpContext http, IWorkspaceMembers members, DateTimeOffset now, CancellationToken cancellationToken) =>
        new()
        {
            Author = http.User.Identity?.Name,
            Text = text,
            Mentions = string.Join(' ', Mentions.Of(text, await members.ListAsync(workspace, cancellationToken))),
            CreatedAt = now,
        };

    private static async Task<CommentThreadRow?> FindAsync(WayfinderDbContext db, string workspace, long thread, CancellationToken cancellationToken, bool tracked = false)
    {
        var threads = db.Set<CommentThreadRow>().Include(t => t.Comments);
        return await (tracked ? threads : threads.AsNoTracking()).FirstOrDefaultAsync(t => t.WorkspaceId == workspace && t.Key == thread, cancellationToken);
    }

    private static Task PublishAsync(IWorkspaceEvents events, HttpContext http, CommentThreadRow row, string detail, CancellationToken cancellationToken) =>
        events.PublishAsync(new WorkspaceEvent(row.WorkspaceId, WorkspaceEventTypes.Commented, http.User.Identity?.Name, DocumentYaml.Write(row.DocumentKind).Trim(), row.DocumentId, Detail: detail), cancellationToken);

    private static ProblemHttpResult? BadText(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "A comment needs text", detail: "send the comment in \"text\"")
            : text.Length > CommentRow.MaxTextLength
                ? TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The comment is too long",
                    detail: $"a comment holds at most {CommentRow.MaxTextLength} characters; this one has {text.Length}")
                : null;

    private static ProblemHttpResult UnknownKind(string? kind) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No such kind of document",
            detail: $"\"{kind}\" is not a kind of document; use persona, journey or value_gap");

    private static ProblemHttpResult NoWorkspace(string workspace) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such workspace", detail: $"there is no workspace \"{workspace}\"");

    private static ProblemHttpResult NoThread(string workspace, long thread) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such comment thread", detail: $"workspace \"{workspace}\" has no comment thread {thread}");
}

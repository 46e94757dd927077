namespace Wayfinder.Web.Comments;

using Microsoft.EntityFrameworkCore;
using Wayfinder.App.Documents;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Web.Access;
using Wayfinder.Web.Live;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>Why a comment action was refused: an HTTP status for the API, a title and a detail in plain words.</summary>
public sealed record CommentProblem(int Status, string Title, string Detail);

/// <summary>
/// Comment threads on documents and their elements: list, open, reply, resolve and reopen, edit and delete one's own.
/// The rules of <see cref="CommentsApi"/> and of the web app's comment panel; every change is published as a
/// <c>commented</c> event. Scoped (one DbContext); the caller has checked the role (commenter to write).
/// </summary>
public sealed class CommentService(WayfinderDbContext db, WorkspaceRepositories workspaces, IWorkspaceMembers members, IWorkspaceEvents events, TimeProvider clock)
{
    /// <summary>The workspace's threads, filtered by document, element and open/resolved, oldest first.</summary>
    public async Task<(IReadOnlyList<CommentThread>? Threads, CommentProblem? Problem)> ListAsync(string workspace, DocumentKind? kind, string? id, string? element, bool? open, CancellationToken cancellationToken)
    {
        if (await workspaces.OpenAsync(workspace, cancellationToken) is not { } repository)
        {
            return (null, NoWorkspace(workspace));
        }

        var threads = db.Set<CommentThreadRow>().AsNoTracking().Include(t => t.Comments).Where(t => t.WorkspaceId == workspace);
        threads = kind is not { } documentKind ? threads : threads.Where(t => t.DocumentKind == documentKind);
        threads = id is null ? threads : threads.Where(t => t.DocumentId == id);
        threads = element is null ? threads : threads.Where(t => t.ElementId == element);
        threads = open is not { } isOpen ? threads : threads.Where(t => t.Resolved != isOpen);
        var rows = await threads.OrderBy(t => t.Key).ToListAsync(cancellationToken);
        return (await ViewsAsync(repository, rows, cancellationToken), null);
    }

    public async Task<(CommentThread? Thread, CommentProblem? Problem)> GetAsync(string workspace, long thread, CancellationToken cancellationToken)
    {
        if (await workspaces.OpenAsync(workspace, cancellationToken) is not { } repository)
        {
            return (null, NoWorkspace(workspace));
        }

        return await FindAsync(workspace, thread, cancellationToken) is { } row
            ? ((await ViewsAsync(repository, [row], cancellationToken))[0], null)
            : (null, NoThread(workspace, thread));
    }

    /// <summary>Opens a thread on the document, or on one of its elements (which must be in its current revision).</summary>
    public async Task<(CommentThread? Thread, CommentProblem? Problem)> CreateAsync(string workspace, string? author, DocumentKind kind, string? documentId, string? elementId, string? text, CancellationToken cancellationToken)
    {
        if (await workspaces.OpenAsync(workspace, cancellationToken) is not { } repository)
        {
            return (null, NoWorkspace(workspace));
        }

        var kindName = KindName(kind);
        if (string.IsNullOrEmpty(documentId) || await repository.ReadAsync(kind, documentId, cancellationToken) is not { } stored)
        {
            return (null, new CommentProblem(StatusCodes.Status404NotFound, "No such document", $"there is no {kindName} \"{documentId}\" in workspace \"{workspace}\" to comment on"));
        }

        if (elementId is not null && !DocumentSaving.IdsOf(stored.Text, kind).Contains(elementId))
        {
            return (null, new CommentProblem(StatusCodes.Status422UnprocessableEntity, "No such element",
                $"{kindName}/{documentId} has no element \"{elementId}\" at revision {stored.Revision}; leave element_id out to comment on the whole document"));
        }

        if (BadText(text) is { } bad)
        {
            return (null, bad);
        }

        var now = clock.GetUtcNow();
        var row = new CommentThreadRow { WorkspaceId = workspace, DocumentKind = kind, DocumentId = documentId, ElementId = elementId, CreatedAt = now };
        row.Comments.Add(await NewCommentAsync(workspace, author, text!, now, cancellationToken));
        db.Set<CommentThreadRow>().Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(author, row, $"thread {row.Key}", cancellationToken);
        return ((await ViewsAsync(repository, [row], cancellationToken))[0], null);
    }

    public async Task<(CommentThread? Thread, CommentProblem? Problem)> ReplyAsync(string workspace, string? author, long thread, string? text, CancellationToken cancellationToken)
    {
        if (await workspaces.OpenAsync(workspace, cancellationToken) is not { } repository)
        {
            return (null, NoWorkspace(workspace));
        }

        if (await FindAsync(workspace, thread, cancellationToken, tracked: true) is not { } row)
        {
            return (null, NoThread(workspace, thread));
        }

        if (BadText(text) is { } bad)
        {
            return (null, bad);
        }

        var comment = await NewCommentAsync(workspace, author, text!, clock.GetUtcNow(), cancellationToken);
        row.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(author, row, $"thread {row.Key} comment {comment.Key}", cancellationToken);
        return ((await ViewsAsync(repository, [row], cancellationToken))[0], null);
    }

    /// <summary>Resolves (or reopens) a thread; nothing changes, and no event goes out, when it already is.</summary>
    public async Task<(CommentThread? Thread, CommentProblem? Problem)> SetResolvedAsync(string workspace, string? author, long thread, bool resolved, CancellationToken cancellationToken)
    {
        if (await workspaces.OpenAsync(workspace, cancellationToken) is not { } repository)
        {
            return (null, NoWorkspace(workspace));
        }

        if (await FindAsync(workspace, thread, cancellationToken, tracked: true) is not { } row)
        {
            return (null, NoThread(workspace, thread));
        }

        if (row.Resolved != resolved)
        {
            row.Resolved = resolved;
            row.ResolvedBy = resolved ? author : null;
            row.ResolvedAt = resolved ? clock.GetUtcNow() : null;
            await db.SaveChangesAsync(cancellationToken);
            await PublishAsync(author, row, $"thread {row.Key} {(resolved ? "resolved" : "reopened")}", cancellationToken);
        }

        return ((await ViewsAsync(repository, [row], cancellationToken))[0], null);
    }

    /// <summary>Changes the text of one's own comment.</summary>
    public async Task<(CommentThread? Thread, CommentProblem? Problem)> EditAsync(string workspace, string? author, long thread, long comment, string? text, CancellationToken cancellationToken)
    {
        if (await workspaces.OpenAsync(workspace, cancellationToken) is not { } repository)
        {
            return (null, NoWorkspace(workspace));
        }

        if (await OwnCommentAsync(workspace, author, thread, comment, cancellationToken) is not ({ } row, { } own))
        {
            return (null, await OwnCommentProblemAsync(workspace, thread, comment, cancellationToken));
        }

        if (BadText(text) is { } bad)
        {
            return (null, bad);
        }

        own.Text = text!;
        own.Mentions = string.Join(' ', Mentions.Of(text!, await members.ListAsync(workspace, cancellationToken)));
        own.EditedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(author, row, $"thread {row.Key} comment {own.Key} edited", cancellationToken);
        return ((await ViewsAsync(repository, [row], cancellationToken))[0], null);
    }

    /// <summary>Deletes one's own comment; a thread whose last comment goes is gone with it. Null when deleted.</summary>
    public async Task<CommentProblem?> DeleteAsync(string workspace, string? author, long thread, long comment, CancellationToken cancellationToken)
    {
        if (await OwnCommentAsync(workspace, author, thread, comment, cancellationToken) is not ({ } row, { } own))
        {
            return await OwnCommentProblemAsync(workspace, thread, comment, cancellationToken);
        }

        row.Comments.Remove(own);
        db.Set<CommentRow>().Remove(own);
        if (row.Comments.Count == 0)
        {
            db.Set<CommentThreadRow>().Remove(row);
        }

        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(author, row, $"thread {row.Key} comment {own.Key} deleted", cancellationToken);
        return null;
    }

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
            KindName(r.DocumentKind),
            r.DocumentId,
            r.ElementId,
            r.ElementId is { } element && !ids[(r.DocumentKind, r.DocumentId)].Contains(element),
            r.Resolved,
            r.ResolvedBy,
            r.ResolvedAt,
            r.CreatedAt,
            [.. r.Comments.OrderBy(c => c.Key).Select(View)]))];
    }

    private static string KindName(DocumentKind kind) => DocumentYaml.Write(kind).Trim();

    private static ThreadComment View(CommentRow row) =>
        new(row.Key, row.Author, row.Text, row.Mentions.Split(' ', StringSplitOptions.RemoveEmptyEntries), row.CreatedAt, row.EditedAt);

    /// <summary>The thread and the comment when the comment is <paramref name="author"/>'s own; nulls otherwise.</summary>
    private async Task<(CommentThreadRow? Thread, CommentRow? Comment)> OwnCommentAsync(string workspace, string? author, long thread, long comment, CancellationToken cancellationToken)
    {
        var row = await FindAsync(workspace, thread, cancellationToken, tracked: true);
        var own = row?.Comments.FirstOrDefault(c => c.Key == comment);
        return own is not null && author is not null && string.Equals(own.Author, author, StringComparison.Ordinal) ? (row, own) : (null, null);
    }

    private async Task<CommentProblem> OwnCommentProblemAsync(string workspace, long thread, long comment, CancellationToken cancellationToken)
    {
        var row = await FindAsync(workspace, thread, cancellationToken);
        var found = row?.Comments.FirstOrDefault(c => c.Key == comment);
        return found is null
            ? new CommentProblem(StatusCodes.Status404NotFound, "No such comment", $"thread {thread} of workspace \"{workspace}\" has no comment {comment}")
            : new CommentProblem(StatusCodes.Status403Forbidden, "Not your comment",
                $"comment {comment} was written by {found.Author ?? "somebody else"}; only its author may edit or delete it");
    }

    private async Task<CommentRow> NewCommentAsync(string workspace, string? author, string text, DateTimeOffset now, CancellationToken cancellationToken) =>
        new()
        {
            Author = author,
            Text = text,
            Mentions = string.Join(' ', Mentions.Of(text, await members.ListAsync(workspace, cancellationToken))),
            CreatedAt = now,
        };

    private async Task<CommentThreadRow?> FindAsync(string workspace, long thread, CancellationToken cancellationToken, bool tracked = false)
    {
        var threads = db.Set<CommentThreadRow>().Include(t => t.Comments);
        return await (tracked ? threads : threads.AsNoTracking()).FirstOrDefaultAsync(t => t.WorkspaceId == workspace && t.Key == thread, cancellationToken);
    }

    private Task PublishAsync(string? author, CommentThreadRow row, string detail, CancellationToken cancellationToken) =>
        events.PublishAsync(new WorkspaceEvent(row.WorkspaceId, WorkspaceEventTypes.Commented, author, KindName(row.DocumentKind), row.DocumentId, Detail: detail), cancellationToken);

    private static CommentProblem? BadText(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? new CommentProblem(StatusCodes.Status422UnprocessableEntity, "A comment needs text", "send the comment in \"text\"")
            : text.Length > CommentRow.MaxTextLength
                ? new CommentProblem(StatusCodes.Status422UnprocessableEntity, "The comment is too long",
                    $"a comment holds at most {CommentRow.MaxTextLength} characters; this one has {text.Length}")
                : null;

    private static CommentProblem NoWorkspace(string workspace) =>
        new(StatusCodes.Status404NotFound, "No such workspace", $"there is no workspace \"{workspace}\"");

    private static CommentProblem NoThread(string workspace, long thread) =>
        new(StatusCodes.Status404NotFound, "No such comment thread", $"workspace \"{workspace}\" has no comment thread {thread}");
}

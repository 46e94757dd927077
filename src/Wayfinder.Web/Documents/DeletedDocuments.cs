namespace Wayfinder.Web.Documents;

using Microsoft.EntityFrameworkCore;
using Wayfinder.App.Documents;
using Wayfinder.App.Validation;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Access;
using Wayfinder.Web.Live;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>
/// A deleted document that can be brought back: its kind, id, file, its title when it was deleted, the revision it was
/// deleted at and the last one with a text (what a restore brings back), and who deleted it when.
/// </summary>
public sealed record DeletedDocument(DocumentKind Kind, string Id, string File, string Title, int DeletedRevision, int LastRevision, string? DeletedBy, DateTimeOffset DeletedAt);

/// <summary>How bringing a deleted document back ended: the restored document, the checks that refused it, or why not, in words.</summary>
public sealed record UndeleteResult(StoredDocument? Restored, SaveCheck? Check, string? Problem)
{
    public bool Succeeded => Restored is not null;
}

/// <summary>
/// The workspace's deleted documents, newest deletion first, and bringing one back: a deletion is a revision with no text,
/// so the history keeps the last text, and a restore saves it again as the next revision (after the checks of every
/// save: a journey naming a persona deleted since is refused, saying so).
/// </summary>
public sealed class DeletedDocuments(WayfinderDbContext db, WorkspaceRepositories workspaces, SaveCheckService checks, IWorkspaceEvents events, AuditTrail audit)
{
    /// <summary>Every deleted document of <paramref name="workspace"/> whose file no other document has taken since.</summary>
    public async Task<IReadOnlyList<DeletedDocument>> ListAsync(string workspace, CancellationToken cancellationToken = default)
    {
        var rows = await db.Documents.AsNoTracking().Where(d => d.WorkspaceId == workspace && d.Text == "" && d.DocumentId != null)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<DeletedDocument>();
        foreach (var row in rows)
        {
            if (await LastTextAsync(row.Key, cancellationToken).ConfigureAwait(false) is not { } last)
            {
                continue;
            }

            var deletion = await db.Revisions.AsNoTracking().Where(r => r.DocumentKey == row.Key).OrderByDescending(r => r.Number)
                .FirstAsync(cancellationToken).ConfigureAwait(false);
            var title = RevisionsApi.Parse(last.Text, row.Kind)?.Title is { Length: > 0 } t ? t : row.DocumentId!;
            result.Add(new DeletedDocument(row.Kind, row.DocumentId!, row.File, title, row.Revision, last.Revision, deletion.Author, deletion.Time));
        }

        return [.. result.OrderByDescending(d => d.DeletedAt).ThenBy(d => d.File, StringComparer.Ordinal)];
    }

    /// <summary>Brings back the deleted <paramref name="kind"/> <paramref name="id"/> as it was before it was deleted.</summary>
    public async Task<UndeleteResult> RestoreAsync(string workspace, DocumentKind kind, string id, string? author, CancellationToken cancellationToken = default)
    {
        if (await workspaces.OpenAsync(workspace, cancellationToken).ConfigureAwait(false) is not { } repository)
        {
            return new UndeleteResult(null, null, $"there is no workspace “{workspace}”");
        }

        if (await repository.ReadAsync(kind, id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return new UndeleteResult(null, null, $"the {WorkspaceDocuments.Words(kind)} “{id}” is not deleted: someone brought it back or made a new one of that id");
        }

        var row = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.WorkspaceId == workspace && d.Kind == kind && d.DocumentId == id && d.Text == "", cancellationToken).ConfigureAwait(false);
        if (row is null || await LastTextAsync(row.Key, cancellationToken).ConfigureAwait(false) is not { } last || RevisionsApi.Parse(last.Text, kind) is not { } document)
        {
            return new UndeleteResult(null, null, $"there is no deleted {WorkspaceDocuments.Words(kind)} “{id}” to bring back");
        }

        var check = await checks.CheckAsync(repository, document, cancellationToken).ConfigureAwait(false);
        if (!check.Allowed)
        {
            return new UndeleteResult(null, check, null);
        }

        // A new document as far as the store goes: it continues the history after the deletion's revision.
        var saved = await repository.SaveAsync(document, expectedRevision: null, new SaveInfo(author, $"brought back after deletion (revision {last.Revision})"), cancellationToken).ConfigureAwait(false);
        if (!saved.Succeeded)
        {
            return new UndeleteResult(null, null, $"the {WorkspaceDocuments.Words(kind)} “{id}” was brought back or made again by someone else meanwhile");
        }

        var kindName = PageDocuments.RouteKind(kind);
        await events.PublishAsync(new WorkspaceEvent(workspace, WorkspaceEventTypes.Restored, author, kindName, id, saved.Document!.Revision, "after deletion"), cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(workspace, AuditActions.DocumentRestored, $"{kindName}/{id}", $"revision {last.Revision}", author, cancellationToken).ConfigureAwait(false);
        return new UndeleteResult(saved.Document, check, null);
    }

    private async Task<RevisionRow?> LastTextAsync(long key, CancellationToken cancellationToken) =>
        await db.Revisions.AsNoTracking().Where(r => r.DocumentKey == key && r.Text != "").OrderByDescending(r => r.Number)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
}

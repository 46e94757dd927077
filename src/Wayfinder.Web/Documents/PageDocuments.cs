namespace Wayfinder.Web.Documents;

using Wayfinder.App.Documents;
using Wayfinder.App.Validation;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Access;
using Microsoft.EntityFrameworkCore;
using Wayfinder.Web.Live;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>What a page's save or delete came to: saved (the stored document), refused by the checks (their errors), or
/// refused because the document changed in between (the stored revision and who saved it).</summary>
public sealed record PageSaveResult(SaveResult? Saved, SaveCheck? Check, string? Refusal = null)
{
    public bool Succeeded => Saved?.Succeeded == true;

    /// <summary>The save was refused because someone saved in between: merge and save again.</summary>
    public bool ChangedInBetween => Saved?.Outcome == SaveOutcome.Conflict;

    /// <summary>The new revision, when saved.</summary>
    public int? Revision => Saved?.Document?.Revision;

    /// <summary>In plain words, why it was not saved; null when it was.</summary>
    public string? Problem => Succeeded ? null
        : Refusal is { } refusal ? refusal
        : Check is { Allowed: false } check ? string.Join("; ", check.Errors.Select(e => e.File == check.File ? $"{e.Path}: {e.Message}" : $"{e.File} would become invalid: {e.Path}: {e.Message}"))
        : Saved?.Message is { Length: > 0 } message ? message
        : "the workspace does not exist";
}

/// <summary>
/// The web app's way to change documents, the same as the API's (<see cref="DocumentsApi"/>): the save checks, the
/// revision the page read (a save on another revision is refused, never overwrites), the author, and the live event every
/// other page and client hears. Scoped: a page calls it from a scope of its own (<c>WorkspacePage.InScopeAsync</c>).
/// </summary>
public sealed class PageDocuments(WorkspaceRepositories workspaces, SaveCheckService checks, IWorkspaceEvents events, AuditTrail audit, WayfinderDbContext db)
{
    /// <summary>Saves <paramref name="document"/> made on <paramref name="expectedRevision"/> (null: a new document).</summary>
    public async Task<PageSaveResult> SaveAsync(string workspace, IDocument document, int? expectedRevision, string? author, string? message = null, CancellationToken cancellationToken = default)
    {
        if (await RefusalAsync(workspace, author, cancellationToken) is { } refusal)
        {
            return new PageSaveResult(null, null, refusal);
        }

        if (await workspaces.OpenAsync(workspace, cancellationToken) is not { } repository)
        {
            return new PageSaveResult(null, null);
        }

        var check = await checks.CheckAsync(repository, document, cancellationToken);
        if (!check.Allowed)
        {
            return new PageSaveResult(null, check);
        }

        var saved = await repository.SaveAsync(document, expectedRevision, new SaveInfo(author, message), cancellationToken);
        if (saved.Succeeded)
        {
            await events.PublishAsync(new WorkspaceEvent(workspace, WorkspaceEventTypes.Saved, author, RouteKind(document.Kind), document.Id, saved.Document!.Revision), cancellationToken);
        }

        return new PageSaveResult(saved, check);
    }

    /// <summary>Deletes a document at <paramref name="expectedRevision"/> (refused when it changed since).</summary>
    public async Task<PageSaveResult> DeleteAsync(string workspace, DocumentKind kind, string id, int expectedRevision, string? author, string? message = null, CancellationToken cancellationToken = default)
    {
        if (await RefusalAsync(workspace, author, cancellationToken) is { } refusal)
        {
            return new PageSaveResult(null, null, refusal);
        }

        if (await workspaces.OpenAsync(workspace, cancellationToken) is not { } repository)
        {
            return new PageSaveResult(null, null);
        }

        // Checked again as it is made: the dialog said what named it when it opened, and a save since may name it.
        var (stored, _) = await repository.LoadAsync(cancellationToken);
        if (stored.Find(kind, id) is not null && DocumentReferences.DeleteRefusal(stored, kind, id) is { } named)
        {
            return new PageSaveResult(null, null, named);
        }

        var deleted = await repository.DeleteAsync(kind, id, expectedRevision, new SaveInfo(author, message), cancellationToken);
        if (deleted.Outcome == SaveOutcome.Deleted)
        {
            await events.PublishAsync(new WorkspaceEvent(workspace, WorkspaceEventTypes.Deleted, author, RouteKind(kind), id), cancellationToken);
            await audit.RecordAsync(workspace, AuditActions.DocumentDeleted, $"{RouteKind(kind)}/{id}", message, author, cancellationToken);
        }

        return new PageSaveResult(deleted, null);
    }

    /// <summary>
    /// Why <paramref name="author"/> may not change documents in <paramref name="workspace"/> now (read on every change, as a
    /// page stays open long: a member whose role was lowered or who was removed is refused from the next save on); null
    /// when they are an editor or owner.
    /// </summary>
    private async Task<string?> RefusalAsync(string workspace, string? author, CancellationToken cancellationToken)
    {
        if (author is null)
        {
            return "sign in to change documents";
        }

        var role = await db.Set<MembershipRow>().Where(m => m.WorkspaceId == workspace)
            .Join(db.Users.Where(u => u.UserName == author), m => m.UserId, u => u.Id, (m, _) => (WorkspaceRole?)m.Role)
            .FirstOrDefaultAsync(cancellationToken);
        return role switch
        {
            null => $"{author} is no longer a member of \"{workspace}\"; nothing was saved",
            < WorkspaceRole.Editor => $"changing documents needs the editor role in \"{workspace}\"; {author} is {role.Value.ToString().ToLowerInvariant()} now, so nothing was saved",
            _ => null,
        };
    }

    /// <summary>A kind as the API's routes and the live events name it (<c>journey</c>, <c>persona</c>, <c>value_gap</c>).</summary>
    public static string RouteKind(DocumentKind kind) => kind switch
    {
        DocumentKind.Persona => "persona",
        DocumentKind.ValueGap => "value_gap",
        _ => "journey",
    };
}

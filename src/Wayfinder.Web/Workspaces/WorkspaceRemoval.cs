namespace Wayfinder.Web.Workspaces;

using Microsoft.EntityFrameworkCore;
using Wayfinder.Web.Access;
using Wayfinder.Web.Evidence;
using Wayfinder.Web.Storage;

/// <summary>A workspace deleted: its name, and what of its evidence could not be removed (null when all of it went).</summary>
public sealed record WorkspaceRemoved(string Name, string? EvidenceLeft);

/// <summary>
/// Deletes a whole workspace, for its owners: the workspace and, with it in the database, its documents and their
/// history, members, invitations, tokens, share links and comments; then its evidence (the embedded stores' folder, or
/// its ClickHouse tables). The audit trail keeps who deleted it and when. Nothing of it can be brought back.
/// </summary>
public sealed class WorkspaceRemoval(WayfinderDbContext db, EvidenceWorkspaces evidence, AuditTrail audit)
{
    /// <summary>Deletes <paramref name="workspace"/>; null when there is no such workspace.</summary>
    public async Task<WorkspaceRemoved?> DeleteAsync(string workspace, string? actor, CancellationToken cancellationToken = default)
    {
        var name = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspace).Select(w => w.Name).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (name is null)
        {
            return null;
        }

        // One statement: the database's cascades take every row that belongs to the workspace with it, or none.
        if (await db.Workspaces.Where(w => w.Id == workspace).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 0)
        {
            return null;
        }

        var left = await evidence.ForgetAsync(workspace, CancellationToken.None).ConfigureAwait(false);
        await audit.RecordAsync(workspace, AuditActions.WorkspaceDeleted, workspace, left is null ? name : $"{name}; {left}", actor, CancellationToken.None).ConfigureAwait(false);
        return new WorkspaceRemoved(name, left);
    }
}

namespace Wayfinder.Web.Workspaces;

using Microsoft.EntityFrameworkCore;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Storage;

/// <summary>A request's way to a workspace's document repository.</summary>
public sealed class WorkspaceRepositories(WayfinderDbContext db, TimeProvider clock)
{
    /// <summary>The workspace's repository, or null when there is no such workspace.</summary>
    public async Task<EfDocumentRepository?> OpenAsync(string workspaceId, CancellationToken cancellationToken) =>
        await db.Workspaces.AnyAsync(w => w.Id == workspaceId, cancellationToken).ConfigureAwait(false)
            ? new EfDocumentRepository(db, workspaceId, clock)
            : null;
}

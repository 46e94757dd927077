namespace Wayfinder.Web.Live;

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Wayfinder.Web.Storage;

/// <summary>Whether a person may hear a workspace's events: the one place the hub asks.</summary>
public sealed class LiveAccess(WayfinderDbContext db, WorkspacePresence presence)
{
    /// <summary>The viewers of every workspace (for the hub's join answer).</summary>
    public WorkspacePresence Presence => presence;

    /// <summary>
    /// True when <paramref name="user"/> may read <paramref name="workspace"/>. Today: whenever the workspace exists.
    /// TODO(access): ask the access layer for at least the viewer role once it is enforced; the hub needs nothing else changed.
    /// </summary>
    public async Task<bool> CanReadAsync(ClaimsPrincipal? user, string workspace, CancellationToken cancellationToken)
    {
        _ = user;
        return await db.Workspaces.AnyAsync(w => w.Id == workspace, cancellationToken).ConfigureAwait(false);
    }
}

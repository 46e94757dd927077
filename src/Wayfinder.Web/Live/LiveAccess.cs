namespace Wayfinder.Web.Live;

using System.Security.Claims;
using Wayfinder.Web.Access;

/// <summary>Whether a person may hear a workspace's events: the one place the hub asks.</summary>
public sealed class LiveAccess(WorkspaceAccess access, WorkspacePresence presence)
{
    /// <summary>The viewers of every workspace (for the hub's join answer).</summary>
    public WorkspacePresence Presence => presence;

    /// <summary>
    /// True when <paramref name="user"/> may read <paramref name="workspace"/>: the access layer gives them at least the
    /// viewer role there (a member, through the token's workspace and role when they came with a token).
    /// </summary>
    public async Task<bool> CanReadAsync(ClaimsPrincipal? user, string workspace, CancellationToken cancellationToken) =>
        user is not null && await access.RoleAsync(user, workspace, cancellationToken).ConfigureAwait(false) >= WorkspaceRole.Viewer;
}

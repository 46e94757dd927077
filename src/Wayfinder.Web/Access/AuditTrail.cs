namespace Wayfinder.Web.Access;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wayfinder.Web.Storage;

/// <summary>What the audit trail records.</summary>
public static class AuditActions
{
    public const string SignedIn = "signed_in";
    public const string SignInFailed = "sign_in_failed";
    public const string SetupDone = "setup_done";
    public const string MemberAdded = "member_added";
    public const string RoleChanged = "role_changed";
    public const string MemberRemoved = "member_removed";
    public const string InvitationCreated = "invitation_created";
    public const string InvitationAccepted = "invitation_accepted";
    public const string InvitationRevoked = "invitation_revoked";
    public const string TokenCreated = "token_created";
    public const string TokenRevoked = "token_revoked";
    public const string ShareLinkCreated = "share_link_created";
    public const string ShareLinkRevoked = "share_link_revoked";
    public const string DocumentDeleted = "document_deleted";
    public const string DocumentRestored = "document_restored";
    public const string WorkspaceCreated = "workspace_created";
    public const string WorkspaceDeleted = "workspace_deleted";
    public const string SettingsChanged = "settings_changed";
}

/// <summary>An audit entry as the API shows it.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset Time, string? Actor, string Action, string? Target, string? Detail, string? Address);

/// <summary>Writes the audit trail (its own save, so an entry is kept even when the caller's work is not).</summary>
public sealed class AuditTrail(WayfinderDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    /// <summary>Records <paramref name="action"/> in <paramref name="workspace"/> (null: in no workspace) by the request's caller unless <paramref name="actor"/> is given.</summary>
    public async Task RecordAsync(string? workspace, string action, string? target, string? detail = null, string? actor = null, CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext;
        db.Set<AuditRow>().Add(new AuditRow
        {
            WorkspaceId = workspace,
            Time = clock.GetUtcNow(),
            Actor = actor ?? context?.User.Identity?.Name,
            Action = action,
            Target = Clip(target, 400),
            Detail = Clip(detail, 1000),
            Address = context?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string? Clip(string? text, int max) => text is { Length: > 0 } t && t.Length > max ? t[..max] : text;
}

/// <summary><c>GET /api/v1/workspaces/{workspace}/audit</c>: the workspace's trail, newest first, with its members' sign-ins.</summary>
public static class AuditApi
{
    public static RouteHandlerBuilder MapAudit(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/workspaces/{workspace}/audit", List).WithTags("Access").RequireWorkspaceRole(WorkspaceRole.Owner);

    internal static async Task<Ok<List<AuditEntry>>> List(string workspace, int? limit, WayfinderDbContext db, CancellationToken cancellationToken)
    {
        var take = Math.Clamp(limit ?? 200, 1, 1000);

        // A workspace made again under the id of a deleted one starts a trail of its own: the old one's stays in the
        // database for the server's admins, never shown to the new owners.
        var since = await db.Set<AuditRow>().Where(a => a.WorkspaceId == workspace && a.Action == AuditActions.WorkspaceCreated)
            .MaxAsync(a => (long?)a.Id, cancellationToken) ?? 0;
        var members = db.Set<MembershipRow>().Where(m => m.WorkspaceId == workspace)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.UserName);
        var rows = await db.Set<AuditRow>()
            .Where(a => a.Id >= since && (a.WorkspaceId == workspace || (a.WorkspaceId == null && (members.Contains(a.Actor) || members.Contains(a.Target)))))
            .OrderByDescending(a => a.Id).Take(take)
            .Select(a => new AuditEntry(a.Id, a.Time, a.Actor, a.Action, a.Target, a.Detail, a.Address))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows);
    }
}

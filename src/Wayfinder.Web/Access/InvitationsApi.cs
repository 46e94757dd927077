namespace Wayfinder.Web.Access;

using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wayfinder.Web.Storage;

/// <summary>The body of a new invitation.</summary>
public sealed record NewInvitation(WorkspaceRole? Role, int? ExpiresInDays);

/// <summary>An invitation as its owner sees it (the token and link only at creation) or as the invited person sees it.</summary>
public sealed record InvitationInfo(long Id, string Workspace, WorkspaceRole Role, DateTimeOffset ExpiresAt, string? CreatedBy, string? AcceptedBy, DateTimeOffset? RevokedAt, string? Token = null, string? Link = null);

/// <summary>Accepting an invitation: a new person's user name and password; nothing when already signed in.</summary>
public sealed record AcceptInvitation(string? UserName, string? Password);

/// <summary>
/// Invitations by link: owners create (a role and an expiry), list and revoke them under
/// <c>/api/v1/workspaces/{workspace}/invitations</c>; the invited person opens <c>GET /api/v1/invitations/{token}</c> and
/// accepts with <c>POST …/accept</c>, signed in or with a new user name and password. An invitation works once.
/// </summary>
public static class InvitationsApi
{
    public const int DefaultDays = 7;

    public static void MapInvitations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/invitations").WithTags("Access");
        group.MapGet("/", List).RequireWorkspaceRole(WorkspaceRole.Owner);
        group.MapPost("/", Create).RequireWorkspaceRole(WorkspaceRole.Owner);
        group.MapDelete("/{invitationId}", Revoke).RequireWorkspaceRole(WorkspaceRole.Owner);
        app.MapGet("/api/v1/invitations/{token}", Show).WithTags("Access").AllowAnybody();
        app.MapPost("/api/v1/invitations/{token}/accept", Accept).WithTags("Access").AllowAnybody().RequireRateLimiting(AccessSetup.SignInLimit);
    }

    internal static async Task<Ok<List<InvitationInfo>>> List(string workspace, WayfinderDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Set<InvitationRow>().Where(i => i.WorkspaceId == workspace).OrderBy(i => i.Id)
            .Select(i => new InvitationInfo(i.Id, i.WorkspaceId, i.Role, i.ExpiresAt, i.CreatedBy, i.AcceptedBy, i.RevokedAt, null, null)).ToListAsync(cancellationToken));

    internal static async Task<Results<Created<InvitationInfo>, ProblemHttpResult>> Create(string workspace, NewInvitation body, ClaimsPrincipal user, WayfinderDbContext db,
        AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (body.Role is not { } role || !Enum.IsDefined(role))
        {
            return AccessProblems.BadRequest("An invitation needs a role", "send {\"role\": \"viewer\" | \"commenter\" | \"editor\" | \"owner\", \"expires_in_days\": 7}");
        }

        if (body.ExpiresInDays is < 1 or > 90)
        {
            return AccessProblems.BadRequest("expires_in_days is out of range", $"expires_in_days must be 1 to 90, not {body.ExpiresInDays}");
        }

        var token = Secrets.New(Secrets.InvitationPrefix);
        var now = clock.GetUtcNow();
        var row = new InvitationRow
        {
            WorkspaceId = workspace, Role = role, Hash = Secrets.Hash(token), CreatedBy = user.Identity?.Name, CreatedAt = now,
            ExpiresAt = now.AddDays(body.ExpiresInDays ?? DefaultDays),
        };
        db.Set<InvitationRow>().Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(workspace, AuditActions.InvitationCreated, $"invitation {row.Id}", TokensApi.Name(role), actor: user.Identity?.Name, cancellationToken: cancellationToken);
        return TypedResults.Created($"/api/v1/workspaces/{workspace}/invitations/{row.Id}",
            new InvitationInfo(row.Id, workspace, role, row.ExpiresAt, row.CreatedBy, null, null, token, $"/invitations/{token}"));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string workspace, string invitationId, ClaimsPrincipal user, WayfinderDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var id = long.TryParse(invitationId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var row = await db.Set<InvitationRow>().FirstOrDefaultAsync(i => i.Id == id && i.WorkspaceId == workspace, cancellationToken);
        if (row is null)
        {
            return AccessProblems.NotFound("No such invitation", $"workspace \"{workspace}\" has no invitation {invitationId}");
        }

        if (row.RevokedAt is null && row.AcceptedAt is null)
        {
            row.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(workspace, AuditActions.InvitationRevoked, $"invitation {row.Id}", null, actor: user.Identity?.Name, cancellationToken: cancellationToken);
        }

        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<InvitationInfo>, ProblemHttpResult>> Show(string token, WayfinderDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (row, refusal) = await FindAsync(db, token, clock, cancellationToken);
        return row is null ? refusal! : TypedResults.Ok(new InvitationInfo(row.Id, row.WorkspaceId, row.Role, row.ExpiresAt, row.CreatedBy, null, null));
    }

    internal static async Task<Results<Ok<AccountInfo>, ProblemHttpResult>> Accept(string token, AcceptInvitation? body, ClaimsPrincipal principal, WayfinderDbContext db,
        UserManager<WayfinderUser> users, SignInManager<WayfinderUser> signIn, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (row, refusal) = await FindAsync(db, token, clock, cancellationToken);
        if (row is null)
        {
            return refusal!;
        }

        WayfinderUser? user;
        var newPerson = false;
        if (AccessPolicyMiddleware.UserId(principal) is { } userId)
        {
            user = await users.FindByIdAsync(userId);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(body?.UserName) || string.IsNullOrEmpty(body.Password))
            {
                return AccessProblems.BadRequest("Accepting needs a user name and a password", "sign in first, or send {\"user_name\": \"…\", \"password\": \"…\"} to join as a new person");
            }

            user = new WayfinderUser { UserName = body.UserName.Trim() };
            var created = await users.CreateAsync(user, body.Password);
            if (!created.Succeeded)
            {
                return AccountApi.Refused("You were not added", created);
            }

            newPerson = true;
        }

        // Claimed by the UPDATE itself, so an invitation accepted twice at once lets in one person.
        var now = clock.GetUtcNow();
        var claimed = await db.Set<InvitationRow>().Where(i => i.Id == row.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedBy, user!.UserName), cancellationToken);
        if (claimed != 1)
        {
            if (newPerson)
            {
                await users.DeleteAsync(user!);
            }

            return AccessProblems.NotFound("No such invitation", "the invitation was used or revoked; ask the workspace's owner for a new one");
        }

        var membership = await db.Set<MembershipRow>().FirstOrDefaultAsync(m => m.WorkspaceId == row.WorkspaceId && m.UserId == user!.Id, cancellationToken);
        if (membership is null)
        {
            db.Set<MembershipRow>().Add(new MembershipRow { WorkspaceId = row.WorkspaceId, UserId = user!.Id, Role = row.Role });
        }
        else if (membership.Role < row.Role)
        {
            membership.Role = row.Role;
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(row.WorkspaceId, AuditActions.InvitationAccepted, user!.UserName, $"invitation {row.Id}, {TokensApi.Name(row.Role)}", actor: user.UserName, cancellationToken: cancellationToken);
        if (newPerson)
        {
            await signIn.SignInAsync(user, isPersistent: false);
        }

        return TypedResults.Ok(await AccountApi.InfoAsync(db, user, cancellationToken));
    }

    private static async Task<(InvitationRow? Row, ProblemHttpResult? Refusal)> FindAsync(WayfinderDbContext db, string token, TimeProvider clock, CancellationToken cancellationToken)
    {
        var hash = Secrets.Hash(token);
        var row = await db.Set<InvitationRow>().FirstOrDefaultAsync(i => i.Hash == hash, cancellationToken);
        var why = row switch
        {
            null => "the invitation is not one this server gave out",
            { AcceptedAt: not null } => "the invitation was used",
            { RevokedAt: not null } => "the invitation was revoked",
            _ when row.ExpiresAt <= clock.GetUtcNow() => $"the invitation expired at {row.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)}",
            _ => null,
        };
        return why is null ? (row, null) : (null, AccessProblems.NotFound("No such invitation", why + "; ask the workspace's owner for a new one"));
    }
}

namespace Wayfinder.Web.Access;

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wayfinder.Web.Storage;

/// <summary>The body that gives a member a role.</summary>
public sealed record MemberRole(WorkspaceRole? Role);

/// <summary>
/// <c>/api/v1/workspaces/{workspace}/members</c> (owners): list members, add a person or change their role (PUT), remove
/// them. A workspace always keeps at least one owner.
/// </summary>
public static class MembersApi
{
    public static void MapMembers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/members").WithTags("Access");
        group.MapGet("/", List).RequireWorkspaceRole(WorkspaceRole.Owner);
        group.MapPut("/{user}", Put).RequireWorkspaceRole(WorkspaceRole.Owner);
        group.MapDelete("/{user}", Remove).RequireWorkspaceRole(WorkspaceRole.Owner);
    }

    internal static async Task<Ok<IReadOnlyList<WorkspaceMember>>> List(string workspace, IWorkspaceMembers members, CancellationToken cancellationToken) =>
        TypedResults.Ok(await members.ListAsync(workspace, cancellationToken));

    internal static async Task<Results<Ok<WorkspaceMember>, Created<WorkspaceMember>, ProblemHttpResult>> Put(string workspace, string user, MemberRole body, ClaimsPrincipal principal,
        UserManager<WayfinderUser> users, WayfinderDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (body.Role is not { } role || !Enum.IsDefined(role))
        {
            return AccessProblems.BadRequest("A member needs a role", "send {\"role\": \"viewer\" | \"commenter\" | \"editor\" | \"owner\"}");
        }

        if (await users.FindByNameAsync(user) is not { } person)
        {
            return AccessProblems.NotFound("No such person", $"there is nobody called \"{user}\"; invite them with POST /api/v1/workspaces/{workspace}/invitations");
        }

        var row = await db.Set<MembershipRow>().FirstOrDefaultAsync(m => m.WorkspaceId == workspace && m.UserId == person.Id, cancellationToken);
        if (row is null)
        {
            db.Set<MembershipRow>().Add(new MembershipRow { WorkspaceId = workspace, UserId = person.Id, Role = role });
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(workspace, AuditActions.MemberAdded, person.UserName, TokensApi.Name(role), actor: principal.Identity?.Name, cancellationToken: cancellationToken);
            return TypedResults.Created($"/api/v1/workspaces/{workspace}/members/{Uri.EscapeDataString(person.UserName!)}", new WorkspaceMember(person.UserName!, person.DisplayName, role));
        }

        if (row.Role != role)
        {
            if (row.Role == WorkspaceRole.Owner && await IsLastOwnerAsync(db, workspace, cancellationToken))
            {
                return LastOwner(workspace, person.UserName!);
            }

            var before = row.Role;
            row.Role = role;
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(workspace, AuditActions.RoleChanged, person.UserName, $"{TokensApi.Name(before)} → {TokensApi.Name(role)}", actor: principal.Identity?.Name, cancellationToken: cancellationToken);
        }

        return TypedResults.Ok(new WorkspaceMember(person.UserName!, person.DisplayName, role));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Remove(string workspace, string user, ClaimsPrincipal principal, UserManager<WayfinderUser> users, WayfinderDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var person = await users.FindByNameAsync(user);
        var row = person is null ? null : await db.Set<MembershipRow>().FirstOrDefaultAsync(m => m.WorkspaceId == workspace && m.UserId == person.Id, cancellationToken);
        if (row is null)
        {
            return AccessProblems.NotFound("No such member", $"\"{user}\" is not a member of \"{workspace}\"");
        }

        if (row.Role == WorkspaceRole.Owner && await IsLastOwnerAsync(db, workspace, cancellationToken))
        {
            return LastOwner(workspace, person!.UserName!);
        }

        db.Set<MembershipRow>().Remove(row);
        await db.Set<AccessTokenRow>().Where(t => t.WorkspaceId == workspace && t.UserId == person!.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, DateTimeOffset.UtcNow), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(workspace, AuditActions.MemberRemoved, person!.UserName, TokensApi.Name(row.Role), actor: principal.Identity?.Name, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<bool> IsLastOwnerAsync(WayfinderDbContext db, string workspace, CancellationToken cancellationToken) =>
        await db.Set<MembershipRow>().CountAsync(m => m.WorkspaceId == workspace && m.Role == WorkspaceRole.Owner, cancellationToken) == 1;

    private static ProblemHttpResult LastOwner(string workspace, string user) =>
        AccessProblems.Conflict("A workspace needs an owner", $"{user} is the last owner of \"{workspace}\"; make somebody else owner first");
}

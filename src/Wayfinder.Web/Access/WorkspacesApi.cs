namespace Wayfinder.Web.Access;

using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wayfinder.App.Templates;
using Wayfinder.Core.Workspaces;
using Wayfinder.Web.Storage;

/// <summary>A workspace deleted with something of its evidence left, in words.</summary>
public sealed record DeletedWorkspace(string Id, string Warning);

/// <summary>The body of a new workspace.</summary>
public sealed record NewWorkspace(string? Id, string? Name);

/// <summary>
/// <c>/api/v1/workspaces</c>: the workspaces the caller belongs to, with their role; a new one, its creator its owner; a
/// workspace deleted by an owner signed in (never by a token), who names it again in <c>?confirm=</c>.
/// </summary>
public static partial class WorkspacesApi
{
    public static void MapWorkspaces(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces").WithTags("Workspaces");
        group.MapGet("/", List).RequireSignedIn();
        group.MapPost("/", Create).RequireSignedIn();
        group.MapDelete("/{workspace}", Delete).RequireWorkspaceRole(WorkspaceRole.Owner);
    }

    private static async Task<Results<NoContent, Ok<DeletedWorkspace>, ProblemHttpResult>> Delete(
        string workspace, string? confirm, ClaimsPrincipal user, Wayfinder.Web.Workspaces.WorkspaceRemoval removal, CancellationToken cancellationToken)
    {
        if (user.Identity?.AuthenticationType == AccessSchemes.Bearer)
        {
            return AccessProblems.Forbidden("a token cannot delete a workspace; sign in as one of its owners to delete it");
        }

        if (confirm != workspace)
        {
            return AccessProblems.BadRequest("Say which workspace to delete",
                $"deleting \"{workspace}\" takes its documents, history, members, comments and evidence, for good; send confirm={workspace} to do it");
        }

        var removed = await removal.DeleteAsync(workspace, user.Identity?.Name, cancellationToken);
        return removed switch
        {
            null => AccessProblems.NoWorkspace(workspace),
            { EvidenceLeft: { } left } => TypedResults.Ok(new DeletedWorkspace(workspace, $"the workspace is deleted, but {left}")),
            _ => TypedResults.NoContent(),
        };
    }

    private static async Task<Ok<List<WorkspaceMembership>>> List(ClaimsPrincipal user, WayfinderDbContext db, CancellationToken cancellationToken)
    {
        var userId = AccessPolicyMiddleware.UserId(user);
        var tokenWorkspace = user.FindFirstValue(AccessClaims.TokenWorkspace);
        var mine = await db.Set<MembershipRow>().Where(m => m.UserId == userId && (tokenWorkspace == null || m.WorkspaceId == tokenWorkspace))
            .Join(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new { w.Id, w.Name, m.Role })
            .OrderBy(w => w.Id).Select(w => new WorkspaceMembership(w.Id, w.Name, w.Role)).ToListAsync(cancellationToken);
        if (user.FindFirstValue(AccessClaims.TokenRole) is { } tokenRole)
        {
            var cap = Enum.Parse<WorkspaceRole>(tokenRole);
            mine = [.. mine.Select(w => w.Role > cap ? w with { Role = cap } : w)];
        }

        return TypedResults.Ok(mine);
    }

    private static async Task<Results<Created<WorkspaceMembership>, ProblemHttpResult>> Create(NewWorkspace body, ClaimsPrincipal user, WayfinderDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (user.Identity?.AuthenticationType == AccessSchemes.Bearer)
        {
            return AccessProblems.Forbidden("a token acts in its one workspace and cannot create workspaces; sign in to create one");
        }

        return await CreateAsync(body, AccessPolicyMiddleware.UserId(user)!, db, audit, cancellationToken);
    }

    /// <summary>Creates the workspace with <paramref name="userId"/> as its owner (the API's and the web app's way), or the problem why not; <paramref name="actor"/> names them in the audit trail outside a request.</summary>
    internal static async Task<Results<Created<WorkspaceMembership>, ProblemHttpResult>> CreateAsync(NewWorkspace body, string userId, WayfinderDbContext db, AuditTrail audit, CancellationToken cancellationToken, string? actor = null)
    {
        if (body.Id is null || !Slug().IsMatch(body.Id))
        {
            return AccessProblems.BadRequest("The workspace's id is not a slug", $"id must be 1 to 100 lower-case letters, digits and dashes, starting with a letter or digit, not \"{body.Id}\"");
        }

        var name = string.IsNullOrWhiteSpace(body.Name) ? body.Id : body.Name.Trim();
        if (name.Length > 200)
        {
            return AccessProblems.BadRequest("The workspace's name is too long", $"name must be at most 200 characters, not {name.Length}");
        }

        if (await db.Workspaces.AnyAsync(w => w.Id == body.Id, cancellationToken))
        {
            return AccessProblems.Conflict("The workspace exists", $"there is already a workspace \"{body.Id}\"; choose another id");
        }

        // The settings `wayfinder init --empty` writes (the standard channels): the templates name those channels, and a
        // workspace without them refused every template but the blank one.
        var settings = WorkspaceSeeds.Empty(name)[WorkspaceLoader.ConfigFileName];
        db.Workspaces.Add(new WorkspaceRow { Id = body.Id, Name = name, ConfigText = settings });
        db.Set<MembershipRow>().Add(new MembershipRow { WorkspaceId = body.Id, UserId = userId, Role = WorkspaceRole.Owner });
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(body.Id, AuditActions.WorkspaceCreated, body.Id, name, actor, cancellationToken);
        return TypedResults.Created($"/api/v1/workspaces/{body.Id}/documents", new WorkspaceMembership(body.Id, name, WorkspaceRole.Owner));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$")]
    private static partial Regex Slug();
}

/// <summary>The members of a workspace from the memberships table (for @mentions and presence).</summary>
internal sealed class EfWorkspaceMembers(WayfinderDbContext db) : IWorkspaceMembers
{
    public async Task<IReadOnlyList<WorkspaceMember>> ListAsync(string workspaceId, CancellationToken cancellationToken) =>
        await db.Set<MembershipRow>().Where(m => m.WorkspaceId == workspaceId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.UserName, u.DisplayName, m.Role })
            .OrderBy(m => m.UserName).Select(m => new WorkspaceMember(m.UserName!, m.DisplayName, m.Role)).ToListAsync(cancellationToken).ConfigureAwait(false);
}

namespace Wayfinder.Web.Access;

using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wayfinder.Web.Storage;

/// <summary>Making personal access tokens.</summary>
public static class AccessTokens
{
    /// <summary>A new token for <paramref name="userId"/>: its row is saved (only the hash), the secret returned once.</summary>
    public static async Task<(AccessTokenRow Row, string Token)> CreateAsync(WayfinderDbContext db, string userId, string name, string workspace, WorkspaceRole role,
        DateTimeOffset createdAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var token = Secrets.New(Secrets.TokenPrefix);
        var row = new AccessTokenRow
        {
            UserId = userId, Name = name, WorkspaceId = workspace, Role = role, Hash = Secrets.Hash(token), CreatedAt = createdAt, ExpiresAt = expiresAt,
        };
        db.Set<AccessTokenRow>().Add(row);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return (row, token);
    }
}

/// <summary>A token as its person sees it; <see cref="Token"/> only once, at creation.</summary>
public sealed record AccessTokenInfo(long Id, string Name, string Workspace, WorkspaceRole Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, string? Token = null);

/// <summary>The body of a new token.</summary>
public sealed record NewAccessToken(string? Name, string? Workspace, WorkspaceRole? Role, int? ExpiresInDays);

/// <summary>
/// <c>/api/v1/account/tokens</c>: a signed-in person's personal access tokens: create (for one workspace, a role no
/// stronger than theirs, an expiry), list, revoke. A token is shown once; only its SHA-256 is kept.
/// </summary>
public static class TokensApi
{
    public const int DefaultDays = 30;

    public static void MapTokens(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/account/tokens").WithTags("Access");
        group.MapGet("/", List).RequireSignedIn();
        group.MapPost("/", Create).RequireSignedIn();
        group.MapDelete("/{tokenId}", Revoke).RequireSignedIn();
    }

    internal static async Task<Ok<List<AccessTokenInfo>>> List(ClaimsPrincipal user, WayfinderDbContext db, CancellationToken cancellationToken)
    {
        var userId = AccessPolicyMiddleware.UserId(user);
        return TypedResults.Ok(await db.Set<AccessTokenRow>().Where(t => t.UserId == userId).OrderBy(t => t.Id)
            .Select(t => new AccessTokenInfo(t.Id, t.Name, t.WorkspaceId, t.Role, t.CreatedAt, t.ExpiresAt, t.RevokedAt, null))
            .ToListAsync(cancellationToken));
    }

    internal static async Task<Results<Created<AccessTokenInfo>, ProblemHttpResult>> Create(NewAccessToken body, ClaimsPrincipal user, WayfinderDbContext db, WorkspaceAccess access,
        AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (user.Identity?.AuthenticationType == AccessSchemes.Bearer)
        {
            return AccessProblems.Forbidden("a token cannot create tokens; sign in with your password to create one");
        }

        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length > 100 || string.IsNullOrEmpty(body.Workspace) || body.Role is not { } role || !Enum.IsDefined(role))
        {
            return AccessProblems.BadRequest("A token needs a name, a workspace and a role",
                "send {\"name\": \"ci\" (1 to 100 characters), \"workspace\": \"demo\", \"role\": \"viewer\" | \"commenter\" | \"editor\" | \"owner\", \"expires_in_days\": 30}");
        }

        if (body.ExpiresInDays is < 1 or > 365)
        {
            return AccessProblems.BadRequest("expires_in_days is out of range", $"expires_in_days must be 1 to 365, not {body.ExpiresInDays}");
        }

        if (await access.RoleAsync(user, body.Workspace, cancellationToken) is not { } mine)
        {
            return AccessProblems.NoWorkspace(body.Workspace);
        }

        if (role > mine)
        {
            return AccessProblems.Forbidden($"a token's role cannot be stronger than yours: you are {Name(mine)} in \"{body.Workspace}\", the token asks for {Name(role)}");
        }

        var now = clock.GetUtcNow();
        var (row, token) = await AccessTokens.CreateAsync(db, AccessPolicyMiddleware.UserId(user)!, body.Name.Trim(), body.Workspace, role,
            now, now.AddDays(body.ExpiresInDays ?? DefaultDays), cancellationToken);
        await audit.RecordAsync(body.Workspace, AuditActions.TokenCreated, $"token {row.Id}", $"\"{row.Name}\", {Name(role)}, expires {row.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)}", actor: user.Identity?.Name, cancellationToken: cancellationToken);
        return TypedResults.Created($"/api/v1/account/tokens/{row.Id}", new AccessTokenInfo(row.Id, row.Name, row.WorkspaceId, row.Role, row.CreatedAt, row.ExpiresAt, null, token));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string tokenId, ClaimsPrincipal user, WayfinderDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = AccessPolicyMiddleware.UserId(user);
        var id = long.TryParse(tokenId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var row = await db.Set<AccessTokenRow>().FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (row is null)
        {
            return AccessProblems.NotFound("No such token", $"you have no token {tokenId}");
        }

        if (row.RevokedAt is null)
        {
            row.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(row.WorkspaceId, AuditActions.TokenRevoked, $"token {row.Id}", $"\"{row.Name}\"", actor: user.Identity?.Name, cancellationToken: cancellationToken);
        }

        return TypedResults.NoContent();
    }

    internal static string Name(WorkspaceRole role) => role.ToString().ToLowerInvariant();
}

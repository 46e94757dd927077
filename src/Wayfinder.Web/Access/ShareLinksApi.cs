namespace Wayfinder.Web.Access;

using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wayfinder.Core.Serialization;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>Looking up a share link by its secret.</summary>
internal static class ShareLinks
{
    public static Task<ShareLinkRow?> FindAsync(WayfinderDbContext db, string link, CancellationToken cancellationToken)
    {
        var hash = Secrets.Hash(link);
        return db.Set<ShareLinkRow>().FirstOrDefaultAsync(s => s.Hash == hash, cancellationToken);
    }

    /// <summary>Why the link cannot be used (unknown, revoked, expired); null when it can.</summary>
    public static string? Refusal(ShareLinkRow? row, DateTimeOffset now) => row switch
    {
        null => "the share link is not one this server gave out",
        { RevokedAt: { } revoked } => $"the share link was revoked at {revoked.ToString("u", CultureInfo.InvariantCulture)}",
        { ExpiresAt: { } expires } when expires <= now => $"the share link expired at {expires.ToString("u", CultureInfo.InvariantCulture)}",
        _ => null,
    };
}

/// <summary>A share link as its owner sees it; <see cref="Token"/> only once, at creation.</summary>
public sealed record ShareLinkInfo(long Id, string Kind, string DocumentId, string? CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string? Token = null, string? Url = null);

/// <summary>The body of a new share link.</summary>
public sealed record NewShareLink(string? Kind, string? Id, int? ExpiresInDays);

/// <summary>
/// Read-only links to one document: <c>/api/v1/workspaces/{workspace}/share-links</c> (editors and owners create, list,
/// revoke) and <c>GET /api/v1/shared/{token}</c>, the document itself. The token also opens the endpoints marked
/// <c>AllowShareLinkRead</c> for that one document, as <c>?share=TOKEN</c> or the <c>X-Wayfinder-Share</c> header.
/// </summary>
public static class ShareLinksApi
{
    public static void MapShareLinks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/share-links").WithTags("Access");
        group.MapGet("/", List).RequireWorkspaceRole(WorkspaceRole.Editor);
        group.MapPost("/", Create).RequireWorkspaceRole(WorkspaceRole.Editor);
        group.MapDelete("/{linkId}", Revoke).RequireWorkspaceRole(WorkspaceRole.Editor);
        app.MapGet("/api/v1/shared/{token}", Read).WithTags("Access").AllowAnybody();
    }

    internal static async Task<Ok<List<ShareLinkInfo>>> List(string workspace, WayfinderDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Set<ShareLinkRow>().Where(s => s.WorkspaceId == workspace).OrderBy(s => s.Id)
            .Select(s => new ShareLinkInfo(s.Id, s.Kind, s.DocumentId, s.CreatedBy, s.CreatedAt, s.ExpiresAt, s.RevokedAt, null, null))
            .ToListAsync(cancellationToken));

    internal static async Task<Results<Created<ShareLinkInfo>, ProblemHttpResult>> Create(string workspace, NewShareLink body, WorkspaceRepositories workspaces,
        WayfinderDbContext db, AuditTrail audit, TimeProvider clock, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (DocumentYaml.ParseKind(body.Kind) is not { } kind || string.IsNullOrEmpty(body.Id))
        {
            return AccessProblems.BadRequest("A share link names one document", "send {\"kind\": \"persona\" | \"journey\" | \"value_gap\", \"id\": \"…\"}");
        }

        if (body.ExpiresInDays is < 1 or > 365)
        {
            return AccessProblems.BadRequest("expires_in_days is out of range", $"expires_in_days must be 1 to 365 (or left out for no expiry), not {body.ExpiresInDays}");
        }

        var repository = await workspaces.OpenAsync(workspace, cancellationToken);
        if (repository is null || await repository.ReadAsync(kind, body.Id, cancellationToken) is null)
        {
            return AccessProblems.NotFound("No such document", $"there is no {body.Kind} \"{body.Id}\" in workspace \"{workspace}\"");
        }

        var token = Secrets.New(Secrets.SharePrefix);
        var now = clock.GetUtcNow();
        var row = new ShareLinkRow
        {
            WorkspaceId = workspace, Kind = body.Kind!, DocumentId = body.Id, Hash = Secrets.Hash(token), CreatedBy = user.Identity?.Name,
            CreatedAt = now, ExpiresAt = body.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.Set<ShareLinkRow>().Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(workspace, AuditActions.ShareLinkCreated, $"{row.Kind}/{row.DocumentId}", $"share link {row.Id}", actor: user.Identity?.Name, cancellationToken: cancellationToken);
        var url = $"/api/v1/shared/{token}";
        return TypedResults.Created($"/api/v1/workspaces/{workspace}/share-links/{row.Id}",
            new ShareLinkInfo(row.Id, row.Kind, row.DocumentId, row.CreatedBy, row.CreatedAt, row.ExpiresAt, null, token, url));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string workspace, string linkId, ClaimsPrincipal user, WayfinderDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var id = long.TryParse(linkId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var row = await db.Set<ShareLinkRow>().FirstOrDefaultAsync(s => s.Id == id && s.WorkspaceId == workspace, cancellationToken);
        if (row is null)
        {
            return AccessProblems.NotFound("No such share link", $"workspace \"{workspace}\" has no share link {linkId}");
        }

        if (row.RevokedAt is null)
        {
            row.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(workspace, AuditActions.ShareLinkRevoked, $"{row.Kind}/{row.DocumentId}", $"share link {row.Id}", actor: user.Identity?.Name, cancellationToken: cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<JsonHttpResult<object>, ProblemHttpResult>> Read(string token, WayfinderDbContext db, WorkspaceRepositories workspaces, TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = await ShareLinks.FindAsync(db, token, cancellationToken);
        if (ShareLinks.Refusal(row, clock.GetUtcNow()) is { } refusal)
        {
            return AccessProblems.NotFound("No such shared document", refusal);
        }

        var kind = DocumentYaml.ParseKind(row!.Kind)!.Value;
        var repository = await workspaces.OpenAsync(row.WorkspaceId, cancellationToken);
        if (repository is null || await repository.ReadAsync(kind, row.DocumentId, cancellationToken) is not { } stored)
        {
            return AccessProblems.NotFound("No such shared document", "the shared document was deleted");
        }

        return TypedResults.Json(DocumentYaml.Read(stored.Text, DocumentYaml.TypeOf(kind))!, DocumentJson.Options);
    }
}

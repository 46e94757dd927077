namespace Wayfinder.Web.Access;

using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wayfinder.Web.Storage;

/// <summary>The authentication schemes: the Identity cookie (browsers), a personal access token (bearer), a share link.</summary>
public static class AccessSchemes
{
    /// <summary>The default scheme: picks one of the others by what the request carries.</summary>
    public const string Default = "Wayfinder";

    /// <summary><c>Authorization: Bearer wf_…</c> (or <c>?access_token=</c> on the live hub, as WebSockets cannot send headers).</summary>
    public const string Bearer = "Bearer";

    /// <summary><c>?share=wfs_…</c> or the <see cref="ShareHeader"/> header: reads one document.</summary>
    public const string ShareLink = "ShareLink";

    /// <summary>The header a share link may come in instead of <c>?share=</c>.</summary>
    public const string ShareHeader = "X-Wayfinder-Share";

    /// <summary>The query parameter a share link comes in.</summary>
    public const string ShareQuery = "share";

    /// <summary>The path of the live hub, where a token may come as <c>?access_token=</c>.</summary>
    public const string LivePath = "/api/v1/live";

    /// <summary>The Identity cookie's scheme.</summary>
    public static string Cookie => IdentityConstants.ApplicationScheme;

    /// <summary>The scheme the request's credentials belong to.</summary>
    internal static string Select(HttpContext context)
    {
        if (AccessTokenHandler.TokenOf(context.Request) is not null)
        {
            return Bearer;
        }

        return ShareLinkHandler.LinkOf(context.Request) is not null ? ShareLink : Cookie;
    }
}

/// <summary>The claims the access schemes add beside the user's id and name.</summary>
public static class AccessClaims
{
    public const string TokenId = "wf:token_id";
    public const string TokenWorkspace = "wf:token_workspace";
    public const string TokenRole = "wf:token_role";
    public const string ShareWorkspace = "wf:share_workspace";
    public const string ShareKind = "wf:share_kind";
    public const string ShareDocument = "wf:share_document";
}

/// <summary>Authenticates a personal access token: refused, saying why, when unknown, revoked or expired.</summary>
internal sealed class AccessTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, WayfinderDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Path.StartsWithSegments(AccessSchemes.LivePath, StringComparison.OrdinalIgnoreCase)
            && request.Query["access_token"].ToString() is { Length: > 0 } query ? query : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (TokenOf(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = Secrets.Hash(token);
        var found = await db.Set<AccessTokenRow>().Where(t => t.Hash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, u.UserName })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("the bearer token is not one this server gave out; create a personal access token and send it as \"Authorization: Bearer wf_…\"");
        }

        var row = found.Token;
        if (row.RevokedAt is { } revoked)
        {
            return AuthenticateResult.Fail($"the token \"{row.Name}\" was revoked at {revoked.ToString("u", CultureInfo.InvariantCulture)}; create a new one");
        }

        if (row.ExpiresAt <= clock.GetUtcNow())
        {
            return AuthenticateResult.Fail($"the token \"{row.Name}\" expired at {row.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)}; create a new one");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, row.UserId),
                new Claim(ClaimTypes.Name, found.UserName ?? row.UserId),
                new Claim(AccessClaims.TokenId, row.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(AccessClaims.TokenWorkspace, row.WorkspaceId),
                new Claim(AccessClaims.TokenRole, row.Role.ToString()),
            ],
            AccessSchemes.Bearer);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AccessSchemes.Bearer));
    }
}

/// <summary>Authenticates a share link: a principal with no user, allowed to read one document.</summary>
internal sealed class ShareLinkHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, WayfinderDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public static string? LinkOf(HttpRequest request) =>
        request.Query[AccessSchemes.ShareQuery].ToString() is { Length: > 0 } query ? query
        : request.Headers[AccessSchemes.ShareHeader].ToString() is { Length: > 0 } header ? header
        : null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (LinkOf(Request) is not { } link)
        {
            return AuthenticateResult.NoResult();
        }

        var row = await ShareLinks.FindAsync(db, link, Context.RequestAborted);
        if (ShareLinks.Refusal(row, clock.GetUtcNow()) is { } refusal)
        {
            return AuthenticateResult.Fail(refusal);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(AccessClaims.ShareWorkspace, row!.WorkspaceId),
                new Claim(AccessClaims.ShareKind, row.Kind),
                new Claim(AccessClaims.ShareDocument, row.DocumentId),
            ],
            AccessSchemes.ShareLink);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AccessSchemes.ShareLink));
    }
}

namespace Wayfinder.Web.Access;

using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Wayfinder.Web.Storage;

/// <summary>
/// The one policy layer: after routing and authentication, enforces the endpoint's <see cref="AccessRule"/>. 401 when the
/// caller is not signed in (or their token is refused, saying why), 403 when their role is too weak, 404 for a workspace
/// they cannot see; an endpoint with no rule is refused. Cookie-authenticated writes must carry the antiforgery token.
/// </summary>
internal sealed class AccessPolicyMiddleware(RequestDelegate next)
{
    /// <summary>The caller's role in the route's workspace, for handlers that need it (a token's role ≤ the creator's).</summary>
    public const string RoleItem = "wayfinder.role";

    public async Task InvokeAsync(HttpContext context, WorkspaceAccess access, IAntiforgery antiforgery)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            await next(context);
            return;
        }

        var refusal = endpoint.Metadata.GetMetadata<AccessRule>() switch
        {
            null => TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The endpoint states no access rule",
                detail: $"{endpoint.DisplayName} has no access rule, so nobody may call it; give it one (RequireWorkspaceRole, AllowShareLinkRead, RequireSignedIn, AllowAnybody)"),
            AccessRule.Anybody => null,
            AccessRule.SignedIn signedIn => await SignedInAsync(context, access, signedIn),
            AccessRule.InWorkspace inWorkspace => await InWorkspaceAsync(context, access, inWorkspace),
            _ => null,
        };
        // A hub's negotiate and transport POSTs are not form writes; the SameSite=Strict cookie keeps other sites out of them.
        if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.SignalR.HubMetadata>() is null)
        {
            refusal ??= await AntiforgeryAsync(context, antiforgery);
        }
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static async Task<IResult?> SignedInAsync(HttpContext context, WorkspaceAccess access, AccessRule.SignedIn rule)
    {
        if (UserId(context.User) is not { } userId)
        {
            return await NotSignedIn(context);
        }

        return rule.Admin && !await access.IsAdminAsync(userId, context.RequestAborted)
            ? AccessProblems.Forbidden("only a server admin may do this")
            : null;
    }

    private static async Task<IResult?> InWorkspaceAsync(HttpContext context, WorkspaceAccess access, AccessRule.InWorkspace rule)
    {
        var workspace = context.GetRouteValue("workspace")?.ToString() ?? "";
        if (context.User.Identity?.AuthenticationType == AccessSchemes.ShareLink)
        {
            var mayRead = rule.ShareLinkMayRead
                && context.User.FindFirstValue(AccessClaims.ShareWorkspace) == workspace
                && context.User.FindFirstValue(AccessClaims.ShareKind) == context.GetRouteValue("kind")?.ToString()
                && context.User.FindFirstValue(AccessClaims.ShareDocument) == context.GetRouteValue("id")?.ToString();
            return mayRead ? null : AccessProblems.Forbidden("a share link reads only the one document it was made for");
        }

        if (UserId(context.User) is null)
        {
            return await NotSignedIn(context);
        }

        if (await access.RoleAsync(context.User, workspace, context.RequestAborted) is not { } role)
        {
            return AccessProblems.NoWorkspace(workspace);
        }

        context.Items[RoleItem] = role;
        return role < rule.Role
            ? AccessProblems.Forbidden($"this needs the {rule.Role.ToString().ToLowerInvariant()} role in \"{workspace}\"; you have {role.ToString().ToLowerInvariant()}")
            : null;
    }

    /// <summary>A write authenticated by the browser's cookie must carry the antiforgery token; a bearer token needs none.</summary>
    private static async Task<IResult?> AntiforgeryAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (context.User.Identity?.AuthenticationType != AccessSchemes.Cookie || HttpMethods.IsGet(context.Request.Method)
            || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        {
            return null;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The antiforgery token is missing or wrong",
                detail: $"a signed-in browser's write must send the token from GET {AccountApi.AntiforgeryPath} in the {AccessSetup.AntiforgeryHeader} header");
        }
    }

    /// <summary>401, saying why a token or link was refused (the handler's result is cached for the request, so asking again is free).</summary>
    private static async Task<IResult> NotSignedIn(HttpContext context) =>
        (await context.AuthenticateAsync()).Failure is { } failure
            ? AccessProblems.NotSignedIn(failure.Message)
            : AccessProblems.NotSignedIn("sign in (POST /api/v1/account/sign-in) or send a personal access token as \"Authorization: Bearer wf_…\"");

    internal static string? UserId(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: not AccessSchemes.ShareLink } ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}

/// <summary>Who may do what in a workspace: the caller's membership, capped by their token's role and workspace.</summary>
public sealed class WorkspaceAccess(WayfinderDbContext db)
{
    /// <summary>The caller's role in <paramref name="workspace"/>; null when they are not a member (or their token is for another workspace).</summary>
    public async Task<WorkspaceRole?> RoleAsync(ClaimsPrincipal user, string workspace, CancellationToken cancellationToken)
    {
        if (AccessPolicyMiddleware.UserId(user) is not { } userId)
        {
            return null;
        }

        var role = await db.Set<MembershipRow>().Where(m => m.WorkspaceId == workspace && m.UserId == userId)
            .Select(m => (WorkspaceRole?)m.Role).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (role is null || user.FindFirstValue(AccessClaims.TokenWorkspace) is not { } tokenWorkspace)
        {
            return role;
        }

        if (tokenWorkspace != workspace)
        {
            return null;
        }

        var tokenRole = Enum.Parse<WorkspaceRole>(user.FindFirstValue(AccessClaims.TokenRole)!);
        return tokenRole < role ? tokenRole : role;
    }

    /// <summary>Whether the person is a server admin.</summary>
    public Task<bool> IsAdminAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == userId && u.IsAdmin, cancellationToken);
}

/// <summary>Refuses to start a server with an endpoint that states no <see cref="AccessRule"/>, naming each one.</summary>
internal sealed class AccessRuleCheck(EndpointDataSource endpoints) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var missing = Missing(endpoints);
        return missing.Count == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException(
                $"These endpoints state no access rule, so the server will not start: {string.Join(", ", missing)}. " +
                "Give each one RequireWorkspaceRole, AllowShareLinkRead, RequireSignedIn or AllowAnybody.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static List<string> Missing(EndpointDataSource endpoints) =>
        [.. endpoints.Endpoints.Where(e => e.Metadata.GetMetadata<AccessRule>() is null).Select(e => e.DisplayName ?? e.ToString() ?? "?")];
}

namespace Wayfinder.Web.Access;

using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wayfinder.Web.Storage;

/// <summary>The body of a sign-in: the TOTP code only when the person turned two-factor on.</summary>
public sealed record SignInRequest(string? UserName, string? Password, string? Code);

/// <summary>A person's own view of themselves.</summary>
public sealed record AccountInfo(string UserName, string? DisplayName, bool Admin, bool TwoFactorEnabled, IReadOnlyList<WorkspaceMembership> Workspaces);

/// <summary>A workspace the person belongs to, with their role in it.</summary>
public sealed record WorkspaceMembership(string Id, string Name, WorkspaceRole Role);

/// <summary>The authenticator key to put in an app, and the <c>otpauth://</c> URI a QR code would carry.</summary>
public sealed record AuthenticatorKey(string Key, string Uri);

/// <summary>A TOTP code from the authenticator app.</summary>
public sealed record TwoFactorCode(string? Code);

/// <summary>Setting a password with a one-time link's token.</summary>
public sealed record SetPassword(string? UserName, string? Token, string? Password);

/// <summary>The antiforgery token a signed-in browser sends on writes, and the header to send it in.</summary>
public sealed record AntiforgeryToken(string Token, string HeaderName);

/// <summary>
/// <c>/api/v1/account</c>: cookie sign-in for browsers (lockout after failed attempts; the TOTP code when two-factor is on),
/// sign-out, who am I, the antiforgery token, turning two-factor on, and setting a password with a one-time link.
/// </summary>
public static class AccountApi
{
    public const string AntiforgeryPath = "/api/v1/account/antiforgery";

    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/account").WithTags("Account");
        group.MapPost("/sign-in", SignIn).AllowAnybody().RequireRateLimiting(AccessSetup.SignInLimit);
        group.MapPost("/sign-out", SignOut).RequireSignedIn();
        group.MapGet("/me", Me).RequireSignedIn();
        group.MapGet("/antiforgery", Antiforgery).AllowAnybody();
        group.MapPost("/two-factor/key", NewAuthenticatorKey).RequireSignedIn();
        group.MapPost("/two-factor/enable", EnableTwoFactor).RequireSignedIn();
        group.MapPost("/two-factor/disable", DisableTwoFactor).RequireSignedIn();
        group.MapPost("/password", SetPasswordWithLink).AllowAnybody().RequireRateLimiting(AccessSetup.SignInLimit);
    }

    /// <summary>Signs in with the Identity cookie (the API and the sign-in page): lockout, the two-factor code, the audit trail.</summary>
    internal static async Task<Results<Ok<AccountInfo>, ProblemHttpResult>> SignIn(SignInRequest body, UserManager<WayfinderUser> users, SignInManager<WayfinderUser> signIn,
        WayfinderDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(body.UserName) || string.IsNullOrEmpty(body.Password))
        {
            return AccessProblems.BadRequest("A sign-in needs a user name and a password", "send {\"user_name\": \"…\", \"password\": \"…\"} (and \"code\" when two-factor is on)");
        }

        var user = await users.FindByNameAsync(body.UserName);
        var wrong = AccessProblems.NotSignedIn("the user name or the password is wrong");
        if (user is null)
        {
            await audit.RecordAsync(null, AuditActions.SignInFailed, body.UserName, "no such user", cancellationToken: cancellationToken);
            return wrong;
        }

        var checkedPassword = await signIn.CheckPasswordSignInAsync(user, body.Password, lockoutOnFailure: true);
        if (checkedPassword.IsLockedOut)
        {
            await audit.RecordAsync(null, AuditActions.SignInFailed, user.UserName, "locked out", cancellationToken: cancellationToken);
            return Locked(user);
        }

        if (!checkedPassword.Succeeded)
        {
            await audit.RecordAsync(null, AuditActions.SignInFailed, user.UserName, "wrong password", cancellationToken: cancellationToken);
            return wrong;
        }

        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(body.Code))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The two-factor code is needed",
                    detail: "send the 6-digit code from your authenticator app as \"code\" with the user name and password",
                    extensions: new Dictionary<string, object?> { ["two_factor_required"] = true });
            }

            if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, body.Code.Replace(" ", "", StringComparison.Ordinal)))
            {
                await users.AccessFailedAsync(user);
                await audit.RecordAsync(null, AuditActions.SignInFailed, user.UserName, "wrong two-factor code", cancellationToken: cancellationToken);
                return await users.IsLockedOutAsync(user) ? Locked(user) : AccessProblems.NotSignedIn("the two-factor code is wrong or too old");
            }

            await users.ResetAccessFailedCountAsync(user);
        }

        await signIn.SignInWithClaimsAsync(user, isPersistent: false, user.TwoFactorEnabled ? [new Claim("amr", "mfa")] : []);
        await audit.RecordAsync(null, AuditActions.SignedIn, user.UserName, user.TwoFactorEnabled ? "password and two-factor code" : "password", actor: user.UserName, cancellationToken: cancellationToken);
        return TypedResults.Ok(await InfoAsync(db, user, cancellationToken));
    }

    private static ProblemHttpResult Locked(WayfinderUser user) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The account is locked",
            detail: $"too many failed sign-ins; try again after {user.LockoutEnd?.ToString("u", CultureInfo.InvariantCulture)}",
            extensions: new Dictionary<string, object?> { ["locked_until"] = user.LockoutEnd });

    private static async Task<NoContent> SignOut(SignInManager<WayfinderUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AccountInfo>, ProblemHttpResult>> Me(ClaimsPrincipal principal, UserManager<WayfinderUser> users, WayfinderDbContext db, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(AccessPolicyMiddleware.UserId(principal)!) is { } user
            ? TypedResults.Ok(await InfoAsync(db, user, cancellationToken))
            : AccessProblems.NotSignedIn("the signed-in person no longer exists");

    internal static async Task<AccountInfo> InfoAsync(WayfinderDbContext db, WayfinderUser user, CancellationToken cancellationToken)
    {
        var workspaces = await db.Set<MembershipRow>().Where(m => m.UserId == user.Id)
            .Join(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new { w.Id, w.Name, m.Role })
            .OrderBy(w => w.Id).Select(w => new WorkspaceMembership(w.Id, w.Name, w.Role)).ToListAsync(cancellationToken);
        return new AccountInfo(user.UserName!, user.DisplayName, user.IsAdmin, user.TwoFactorEnabled, workspaces);
    }

    private static Ok<AntiforgeryToken> Antiforgery(HttpContext context, IAntiforgery antiforgery) =>
        TypedResults.Ok(new AntiforgeryToken(antiforgery.GetAndStoreTokens(context).RequestToken!, AccessSetup.AntiforgeryHeader));

    private static async Task<Results<Ok<AuthenticatorKey>, ProblemHttpResult>> NewAuthenticatorKey(ClaimsPrincipal principal, UserManager<WayfinderUser> users)
    {
        if (await SignedInWithPasswordAsync(principal, users) is not { } user)
        {
            return OnlyWithPassword();
        }

        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var name = Uri.EscapeDataString(user.UserName!);
        return TypedResults.Ok(new AuthenticatorKey(key, $"otpauth://totp/Wayfinder:{name}?secret={key}&issuer=Wayfinder&digits=6"));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EnableTwoFactor(TwoFactorCode body, ClaimsPrincipal principal, UserManager<WayfinderUser> users)
    {
        if (await SignedInWithPasswordAsync(principal, users) is not { } user)
        {
            return OnlyWithPassword();
        }

        if (await users.GetAuthenticatorKeyAsync(user) is null)
        {
            return AccessProblems.BadRequest("There is no authenticator key yet", "first POST /api/v1/account/two-factor/key and put the key in your authenticator app");
        }

        if (string.IsNullOrWhiteSpace(body.Code) || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, body.Code.Replace(" ", "", StringComparison.Ordinal)))
        {
            return AccessProblems.BadRequest("The code is wrong", "send the current 6-digit code your authenticator app shows for this key as \"code\"");
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DisableTwoFactor(TwoFactorCode body, ClaimsPrincipal principal, UserManager<WayfinderUser> users)
    {
        if (await SignedInWithPasswordAsync(principal, users) is not { } user)
        {
            return OnlyWithPassword();
        }

        if (string.IsNullOrWhiteSpace(body.Code) || !await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, body.Code.Replace(" ", "", StringComparison.Ordinal)))
        {
            return AccessProblems.BadRequest("The code is wrong", "send the current 6-digit code from your authenticator app as \"code\"");
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> SetPasswordWithLink(SetPassword body, UserManager<WayfinderUser> users)
    {
        if (string.IsNullOrEmpty(body.UserName) || string.IsNullOrEmpty(body.Token) || string.IsNullOrEmpty(body.Password))
        {
            return AccessProblems.BadRequest("Setting a password needs the user name, the link's token and the new password", "send {\"user_name\", \"token\", \"password\"} as the link gave them");
        }

        var user = await users.FindByNameAsync(body.UserName);
        var result = user is null ? IdentityResult.Failed(new IdentityError { Code = "InvalidToken", Description = "Invalid token." })
            : await users.ResetPasswordAsync(user, body.Token, body.Password);
        return result.Succeeded ? TypedResults.NoContent() : Refused("The password was not set", result);
    }

    /// <summary>Identity's refusal (weak password, used link, taken name) as a 400 listing each reason.</summary>
    internal static ProblemHttpResult Refused(string title, IdentityResult result) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: string.Join(" ", result.Errors.Select(e => e.Description)),
            extensions: new Dictionary<string, object?> { ["errors"] = result.Errors.Select(e => e.Code).ToList() });

    /// <summary>The person, when signed in with the browser's cookie: a token may not change the account's security.</summary>
    private static async Task<WayfinderUser?> SignedInWithPasswordAsync(ClaimsPrincipal principal, UserManager<WayfinderUser> users) =>
        principal.Identity?.AuthenticationType == AccessSchemes.Cookie && AccessPolicyMiddleware.UserId(principal) is { } id ? await users.FindByIdAsync(id) : null;

    private static ProblemHttpResult OnlyWithPassword() =>
        AccessProblems.Forbidden("two-factor settings change only when signed in with your password in the browser, not with a token");
}

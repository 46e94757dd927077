namespace Wayfinder.Web.Access;

using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Wayfinder.Web.Storage;

/// <summary>Limits of the access layer, bound from the <c>Access</c> section of configuration.</summary>
public sealed class AccessOptions
{
    /// <summary>Sign-ins, setups, invitation acceptances and password settings per minute from one address.</summary>
    public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>Requests per minute with one personal access token.</summary>
    public int TokenPermitsPerMinute { get; set; } = 6000;
}

/// <summary>People and access: Identity, the three authentication schemes, the policy layer, rate limits, security headers.</summary>
public static class AccessSetup
{
    /// <summary>The rate-limit policy of sign-in, setup, invitation acceptance and setting a password: per address.</summary>
    public const string SignInLimit = "sign-in";

    /// <summary>The header a signed-in browser sends the antiforgery token in.</summary>
    public const string AntiforgeryHeader = "X-Wayfinder-Antiforgery";

    /// <summary>The shortest password taken (length over character classes, as NIST 800-63B advises).</summary>
    public const int PasswordLength = 10;

    /// <summary>The Content-Security-Policy of every response: no inline script, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddWayfinderAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccessOptions>().BindConfiguration("Access")
            .Validate(o => o.SignInPermitsPerMinute > 0 && o.TokenPermitsPerMinute > 0, "Access:SignInPermitsPerMinute and Access:TokenPermitsPerMinute must be positive").ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddDataProtection();
        // Cookies and antiforgery tokens made by one server process are read by every other on the same database.
        services.AddDataProtection().SetApplicationName("Wayfinder").PersistKeysToDbContext<WayfinderDbContext>();
        services.AddIdentityCore<WayfinderUser>(o =>
            {
                o.Password.RequiredLength = PasswordLength;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<WayfinderDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AccessSchemes.Default;
                o.DefaultChallengeScheme = AccessSchemes.Default;
            })
            .AddPolicyScheme(AccessSchemes.Default, "Cookie, personal access token or share link", o => o.ForwardDefaultSelector = AccessSchemes.Select)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(AccessSchemes.Bearer, null)
            .AddScheme<AuthenticationSchemeOptions, ShareLinkHandler>(AccessSchemes.ShareLink, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "wayfinder";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // An API answers 401/403 itself; never a redirect to a login page.
            o.Events.OnRedirectToLogin = c => Status(c.Response, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Status(c.Response, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "wayfinder-antiforgery";
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddRateLimiter(ConfigureRateLimits);

        services.AddScoped<WorkspaceAccess>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<IWorkspaceMembers, EfWorkspaceMembers>();
        services.AddHostedService<AccessRuleCheck>();
        services.AddSingleton<FirstAdminSetup>();
        services.AddHostedService(s => s.GetRequiredService<FirstAdminSetup>());
        return builder;
    }

    /// <summary>Security headers, authentication, rate limits and the policy layer, in that order after routing.</summary>
    public static WebApplication UseWayfinderAccess(this WebApplication app)
    {
        app.Use(static (context, next) =>
        {
            // On starting, so an error page written after the exception handler cleared the response carries them too.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicyOf(http);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<AccessPolicyMiddleware>();
        return app;
    }

    /// <summary>Every endpoint of people and access.</summary>
    public static WebApplication MapAccess(this WebApplication app)
    {
        app.MapAccount();
        app.MapSetup();
        app.MapUsers();
        app.MapWorkspaces();
        app.MapMembers();
        app.MapInvitations();
        app.MapTokens();
        app.MapShareLinks();
        app.MapAudit();
        return app;
    }

    /// <summary>
    /// <see cref="ContentSecurityPolicy"/>; for an endpoint whose page runs a nonced script (<see cref="ScriptNonce"/>), the
    /// same with this response's nonce also allowed in <c>script-src</c>, and nothing else loosened.
    /// </summary>
    internal static string ContentSecurityPolicyOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<ScriptNonce>() is { } scriptNonce
        && context.Items[scriptNonce.ItemKey] is string { Length: > 0 } nonce
        && nonce.All(static c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_' or '=')
            ? ContentSecurityPolicy.Replace("script-src 'self';", $"script-src 'self' 'nonce-{nonce}';", StringComparison.Ordinal)
            : ContentSecurityPolicy;

    private static void ConfigureRateLimits(RateLimiterOptions o)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(SignInLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "local",
            _ => Window(context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AccessOptions>>().Value.SignInPermitsPerMinute)));
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            AccessTokenHandler.TokenOf(context.Request) is { } token
                ? RateLimitPartition.GetFixedWindowLimiter(Secrets.Hash(token),
                    _ => Window(context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AccessOptions>>().Value.TokenPermitsPerMinute))
                : RateLimitPartition.GetNoLimiter(""));
        o.OnRejected = async (rejected, cancellationToken) =>
        {
            var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
            rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"too many requests from this address or token; try again in {seconds} seconds",
                extensions: new Dictionary<string, object?> { ["retry_after_seconds"] = seconds }).ExecuteAsync(rejected.HttpContext);
        };
    }

    private static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}

namespace Wayfinder.Web.Access;

using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Wayfinder.Web.Storage;

/// <summary>
/// The first admin: on a start with nobody to sign in, a one-time setup code is made (kept hashed in the database, the
/// plain code only in this process) and the link to use it is logged; <c>wayfinder serve</c> prints <see cref="Line"/>.
/// </summary>
public sealed partial class FirstAdminSetup(IServiceProvider services, IServer server, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<FirstAdminSetup> logger) : IHostedService
{
    /// <summary>The code made on this start; null when somebody can already sign in, or once it is used.</summary>
    public string? PendingCode { get; private set; }

    /// <summary>What to tell whoever started the server, with its address (e.g. <c>http://127.0.0.1:5000</c>); null when there is nothing to set up.</summary>
    public string? Line(string address) =>
        PendingCode is { } code ? $"Open {address.TrimEnd('/')}/setup?code={code} to set the first admin's password" : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WayfinderDbContext>();
        if (await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(18));
        await db.Set<SetupCodeRow>().ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        db.Set<SetupCodeRow>().Add(new SetupCodeRow { Hash = Secrets.Hash(code), CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        PendingCode = code;
        lifetime.ApplicationStarted.Register(() =>
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5000";
            if (Line(address) is { } line)
            {
                LogSetupLink(logger, line);
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal void Used() => PendingCode = null;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogSetupLink(ILogger logger, string line);
}

/// <summary>The body of the first admin's setup.</summary>
public sealed record SetupRequest(string? Code, string? UserName, string? Password);

/// <summary>
/// <c>POST /api/v1/setup</c> (JSON; the web app's <c>/setup</c> page calls <see cref="SetupAsync"/> too): the setup code, a user name and a
/// password make the first admin, owner of every workspace there is. The code works once.
/// </summary>
public static class SetupApi
{
    public static void MapSetup(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/setup", (SetupRequest body, HttpContext context, CancellationToken cancellationToken) => SetupAsync(body, context, cancellationToken))
            .WithTags("Account").AllowAnybody().RequireRateLimiting(AccessSetup.SignInLimit);
    }

    internal static async Task<Results<Created<AccountInfo>, ProblemHttpResult>> SetupAsync(SetupRequest body, HttpContext context, CancellationToken cancellationToken)
    {
        var services = context.RequestServices;
        var db = services.GetRequiredService<WayfinderDbContext>();
        var users = services.GetRequiredService<UserManager<WayfinderUser>>();
        if (string.IsNullOrEmpty(body.Code) || string.IsNullOrWhiteSpace(body.UserName) || string.IsNullOrEmpty(body.Password))
        {
            return AccessProblems.BadRequest("Setup needs the code, a user name and a password", "send {\"code\": the code the server printed, \"user_name\": \"…\", \"password\": \"…\"}");
        }

        if (await db.Users.AnyAsync(cancellationToken))
        {
            return AccessProblems.Conflict("Setup is done", "the first admin exists; sign in, or ask an admin for an invitation");
        }

        var user = new WayfinderUser { UserName = body.UserName.Trim(), IsAdmin = true };
        var problems = new List<IdentityError>();
        foreach (var validator in users.UserValidators)
        {
            problems.AddRange((await validator.ValidateAsync(users, user)).Errors);
        }

        foreach (var validator in users.PasswordValidators)
        {
            problems.AddRange((await validator.ValidateAsync(users, user, body.Password)).Errors);
        }

        if (problems.Count > 0)
        {
            return AccountApi.Refused("The first admin was not made", IdentityResult.Failed([.. problems]));
        }

        // Deleting the code is what claims it: of two setups with one code, one deletes a row and the other none.
        var hash = Secrets.Hash(body.Code);
        if (await db.Set<SetupCodeRow>().Where(s => s.Hash == hash).ExecuteDeleteAsync(cancellationToken) != 1)
        {
            return AccessProblems.Forbidden("the setup code is wrong or was used; restart the server with an empty database for a new one");
        }

        var created = await users.CreateAsync(user, body.Password);
        if (!created.Succeeded)
        {
            return AccountApi.Refused("The first admin was not made", created);
        }

        await db.Set<SetupCodeRow>().ExecuteDeleteAsync(cancellationToken);
        foreach (var workspace in await db.Workspaces.Select(w => w.Id).ToListAsync(cancellationToken))
        {
            db.Set<MembershipRow>().Add(new MembershipRow { WorkspaceId = workspace, UserId = user.Id, Role = WorkspaceRole.Owner });
        }

        await db.SaveChangesAsync(cancellationToken);
        services.GetRequiredService<FirstAdminSetup>().Used();
        await services.GetRequiredService<AuditTrail>().RecordAsync(null, AuditActions.SetupDone, user.UserName, "the first admin", actor: user.UserName, cancellationToken: cancellationToken);
        await services.GetRequiredService<SignInManager<WayfinderUser>>().SignInAsync(user, isPersistent: false);
        return TypedResults.Created("/api/v1/account/me", await AccountApi.InfoAsync(db, user, cancellationToken));
    }
}

namespace Wayfinder.Web.Access;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Wayfinder.Web.Storage;

/// <summary>The body of a new person.</summary>
public sealed record NewUser(string? UserName, string? DisplayName, bool Admin = false);

/// <summary>A person as an admin sees them; the password link only when one was just made.</summary>
public sealed record UserInfo(string UserName, string? DisplayName, bool Admin, bool TwoFactorEnabled, DateTimeOffset? LockedUntil, string? PasswordLink = null);

/// <summary>
/// <c>/api/v1/users</c> (server admins): list people, add one (no password: the answer carries a one-time link to set it),
/// and a new one-time password link for a person.
/// </summary>
public static class UsersApi
{
    public static void MapUsers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").WithTags("Account");
        group.MapGet("/", List).RequireSignedIn(admin: true);
        group.MapPost("/", Create).RequireSignedIn(admin: true);
        group.MapPost("/{user}/password-link", PasswordLink).RequireSignedIn(admin: true);
    }

    private static async Task<Ok<List<UserInfo>>> List(WayfinderDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Users.OrderBy(u => u.UserName)
            .Select(u => new UserInfo(u.UserName!, u.DisplayName, u.IsAdmin, u.TwoFactorEnabled, u.LockoutEnd, null)).ToListAsync(cancellationToken));

    private static async Task<Results<Created<UserInfo>, ProblemHttpResult>> Create(NewUser body, UserManager<WayfinderUser> users)
    {
        if (string.IsNullOrWhiteSpace(body.UserName))
        {
            return AccessProblems.BadRequest("A person needs a user name", "send {\"user_name\": \"…\", \"display_name\": \"…\", \"admin\": false}");
        }

        var user = new WayfinderUser { UserName = body.UserName.Trim(), DisplayName = body.DisplayName?.Trim(), IsAdmin = body.Admin };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return AccountApi.Refused("The person was not added", created);
        }

        return TypedResults.Created($"/api/v1/users/{Uri.EscapeDataString(user.UserName)}",
            new UserInfo(user.UserName, user.DisplayName, user.IsAdmin, false, null, await LinkAsync(users, user)));
    }

    private static async Task<Results<Ok<UserInfo>, ProblemHttpResult>> PasswordLink(string user, UserManager<WayfinderUser> users)
    {
        if (await users.FindByNameAsync(user) is not { } found)
        {
            return AccessProblems.NotFound("No such person", $"there is nobody called \"{user}\"");
        }

        return TypedResults.Ok(new UserInfo(found.UserName!, found.DisplayName, found.IsAdmin, found.TwoFactorEnabled, found.LockoutEnd, await LinkAsync(users, found)));
    }

    /// <summary>
    /// A one-time link: Identity's reset token is bound to the person's security stamp, which setting the password
    /// changes, so the link works once.
    /// </summary>
    private static async Task<string> LinkAsync(UserManager<WayfinderUser> users, WayfinderUser user) =>
        $"/set-password?user={Uri.EscapeDataString(user.UserName!)}&token={Uri.EscapeDataString(await users.GeneratePasswordResetTokenAsync(user))}";
}

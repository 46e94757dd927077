namespace Wayfinder.Web.Tests;

using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App.Documents;
using Wayfinder.Web.Access;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>
/// The real server, seeded with the demo, over the database given (as <c>--db</c> would, so no <c>WAYFINDER_DB</c> of the
/// environment can take its place); by default its own SQLite database in memory, kept open by the server.
/// </summary>
public sealed class WayfinderServerFactory(string? database = null) : WebApplicationFactory<Program>
{
    private readonly string _database = database ?? $"Data Source=wayfinder-test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
    private readonly Dictionary<string, int> _names = [];
    private readonly Lock _lock = new();

    /// <summary>Configuration for the server (e.g. <c>Access:SignInPermitsPerMinute</c>); set before the first client.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    // Each server keeps its evidence (workspaces/<id>/ with the stores) in a folder of its own, removed with it.
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"wayfinder-test-data-{Guid.NewGuid():N}");

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("db", _database);
        builder.UseSetting("Wayfinder:DataFolder", _dataFolder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// A client acting as a member of <paramref name="workspace"/> with <paramref name="role"/>: a new person (named after
    /// the role: <c>editor</c>, then <c>editor-2</c>…) with a personal access token of that role, sent as a bearer token.
    /// </summary>
    public HttpClient ClientAs(WorkspaceRole role, string workspace = "demo") =>
        WithToken(TokenAsync(role, workspace).GetAwaiter().GetResult());

    /// <summary>A personal access token of a new person who is a member of <paramref name="workspace"/> with <paramref name="role"/>.</summary>
    public async Task<string> TokenAsync(WorkspaceRole role, string workspace = "demo") =>
        (await MemberAsync(role, workspace)).Token;

    /// <summary>A new member with <paramref name="role"/> (password <paramref name="password"/>, when given) and a token expiring at <paramref name="expiresAt"/> (default: in a day).</summary>
    public async Task<(WayfinderUser User, string Token, long TokenId)> MemberAsync(WorkspaceRole role, string workspace = "demo", string? password = null, DateTimeOffset? expiresAt = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WayfinderUser>>();
        var db = scope.ServiceProvider.GetRequiredService<WayfinderDbContext>();
        var name = NewName(role.ToString().ToLowerInvariant());
        while (await users.FindByNameAsync(name) is not null)
        {
            // Another test server on the same database made this person already.
            name = NewName(role.ToString().ToLowerInvariant());
        }

        var user = new WayfinderUser { UserName = name };
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspace))
        {
            // A member of a workspace that is not there yet: the workspace, empty, as POST /api/v1/workspaces makes it.
            db.Workspaces.Add(new WorkspaceRow { Id = workspace, Name = workspace });
        }

        db.Set<MembershipRow>().Add(new MembershipRow { WorkspaceId = workspace, UserId = user.Id, Role = role });
        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        var (row, token) = await AccessTokens.CreateAsync(db, user.Id, "tests", workspace, role, now, expiresAt ?? now.AddDays(1), CancellationToken.None);
        return (user, token, row.Id);
    }

    /// <summary>A client that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Saves through the server's own repository, as another client would have.</summary>
    public async Task<SaveResult> SaveAsync(string workspace, Func<IDocumentRepository, Task<SaveResult>> save)
    {
        await using var scope = Services.CreateAsyncScope();
        var repository = await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync(workspace, CancellationToken.None);
        return await save(repository!);
    }

    private string NewName(string role)
    {
        lock (_lock)
        {
            var n = _names[role] = _names.GetValueOrDefault(role) + 1;
            return n == 1 ? role : $"{role}-{n}";
        }
    }
}

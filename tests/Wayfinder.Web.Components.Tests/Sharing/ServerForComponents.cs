namespace Wayfinder.Web.Components.Tests.Sharing;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;
using Wayfinder.Web.Server;
using Wayfinder.Web.Storage;

/// <summary>
/// A real server (its own in-memory SQLite database, the demo seeded) whose services the components under test use: no
/// stand-ins, the same handlers, rules and audit trail as in production.
/// </summary>
public sealed class ServerForComponents : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"wayfinder-components-{Guid.NewGuid():N}");
    private WebApplication? _app;
    private int _users;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        _app = WayfinderServer.BuildApp(
            [$"--Wayfinder:DataFolder={_folder}"],
            new ServerOptions { Url = "http://127.0.0.1:0", ConnectionString = $"Data Source=components-{Guid.NewGuid():N};Mode=Memory;Cache=Shared" });
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>A new person with <paramref name="role"/> in the demo workspace: their user name and id.</summary>
    public async Task<(string UserName, string UserId)> MemberAsync(WorkspaceRole role)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = new WayfinderUser { UserName = $"{role.ToString().ToLowerInvariant()}-{Interlocked.Increment(ref _users)}" };
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<WayfinderUser>>().CreateAsync(user, "correct horse battery staple");
        Assert.True(created.Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<WayfinderDbContext>();
        db.Set<MembershipRow>().Add(new MembershipRow { WorkspaceId = "demo", UserId = user.Id, Role = role });
        await db.SaveChangesAsync();
        return (user.UserName, user.Id);
    }

    /// <summary>Runs <paramref name="work"/> on the server's database.</summary>
    public async Task<T> InDatabaseAsync<T>(Func<WayfinderDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WayfinderDbContext>());
    }
}

namespace Wayfinder.Web.Tests;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App.Documents;
using Wayfinder.Web.Workspaces;

/// <summary>The real server over its own SQLite database in memory (kept open by the server), seeded with the demo.</summary>
public sealed class WayfinderServerFactory : WebApplicationFactory<Program>
{
    private readonly string _database = "wayfinder-test-" + Guid.NewGuid().ToString("N");

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("ConnectionStrings:Wayfinder", $"Data Source={_database};Mode=Memory;Cache=Shared");

    /// <summary>Saves through the server's own repository, as another client would have.</summary>
    public async Task<SaveResult> SaveAsync(string workspace, Func<IDocumentRepository, Task<SaveResult>> save)
    {
        await using var scope = Services.CreateAsyncScope();
        var repository = await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync(workspace, CancellationToken.None);
        return await save(repository!);
    }
}

namespace Wayfinder.Web.Tests;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App.Documents;
using Wayfinder.Web.Access;
using Wayfinder.Web.Workspaces;

/// <summary>
/// The real server, seeded with the demo, over the database given (as <c>--db</c> would, so no <c>WAYFINDER_DB</c> of the
/// environment can take its place); by default its own SQLite database in memory, kept open by the server.
/// </summary>
public sealed class WayfinderServerFactory(string? database = null) : WebApplicationFactory<Program>
{
    private readonly string _database = database ?? $"Data Source=wayfinder-test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";

    // Each server keeps its evidence (workspaces/<id>/ with the stores) in a folder of its own, removed with it.
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), $"wayfinder-test-data-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("db", _database);
        builder.UseSetting("Wayfinder:DataFolder", _dataFolder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    /// <summary>
    /// A client acting as a member of <paramref name="workspace"/> with <paramref name="role"/> (a person with a personal
    /// access token of that role). Until access is enforced, a plain client.
    /// </summary>
    public HttpClient ClientAs(WorkspaceRole role, string workspace = "demo")
    {
        _ = (role, workspace);
        return CreateClient();
    }

    /// <summary>A personal access token of a member of <paramref name="workspace"/> with <paramref name="role"/>. Until access is enforced, a placeholder.</summary>
    public Task<string> TokenAsync(WorkspaceRole role, string workspace = "demo")
    {
        _ = (role, workspace);
        return Task.FromResult("no-access-yet");
    }

    /// <summary>Saves through the server's own repository, as another client would have.</summary>
    public async Task<SaveResult> SaveAsync(string workspace, Func<IDocumentRepository, Task<SaveResult>> save)
    {
        await using var scope = Services.CreateAsyncScope();
        var repository = await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync(workspace, CancellationToken.None);
        return await save(repository!);
    }
}

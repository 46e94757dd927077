namespace Wayfinder.Web.Server;

using Microsoft.EntityFrameworkCore;
using Wayfinder.App.Templates;
using Wayfinder.Core.Workspaces;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Storage;

/// <summary>
/// Brings the database's schema up to date on start (the migrations in <c>Storage/Migrations</c>, one set for SQLite and
/// PostgreSQL) and seeds the demo workspace on the first run.
/// </summary>
internal sealed class DatabaseSetup(IServiceProvider services, TimeProvider clock) : IHostedService
{
    public const string DemoWorkspace = "demo";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved first so an in-memory database is open before the schema is made in it.
        _ = services.GetService<ServerSetup.KeptOpenDatabase>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WayfinderDbContext>();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (await db.Workspaces.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            await GiveSettingsAsync(db, cancellationToken).ConfigureAwait(false);
            return;
        }

        await SeedAsync(db, DemoWorkspace, WorkspaceSeeds.Demo(), clock, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Gives a workspace without settings those of <c>wayfinder init --empty</c> (the standard channels). A workspace made
    /// by an earlier server's New workspace had none, so every template that names a channel was refused in it.
    /// </summary>
    internal static async Task<int> GiveSettingsAsync(WayfinderDbContext db, CancellationToken cancellationToken)
    {
        var bare = await db.Workspaces.Where(w => w.ConfigText == null).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in bare)
        {
            row.ConfigText = WorkspaceSeeds.Empty(row.Name)[WorkspaceLoader.ConfigFileName];
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return bare.Count;
    }

    /// <summary>A new workspace from its files by path (<c>wayfinder.yaml</c> among them), each document as it is.</summary>
    public static async Task SeedAsync(WayfinderDbContext db, string workspaceId, IReadOnlyDictionary<string, string> files, TimeProvider clock, CancellationToken cancellationToken)
    {
        var config = files.GetValueOrDefault(WorkspaceLoader.ConfigFileName);
        var name = WorkspaceLoader.Read(workspaceId, workspaceId, config, []).Workspace.Config.Name;
        db.Workspaces.Add(new WorkspaceRow { Id = workspaceId, Name = name, ConfigText = config });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var repository = new EfDocumentRepository(db, workspaceId, clock);
        foreach (var (path, text) in files.Where(f => WorkspaceLoader.KindOfPath(f.Key) is not null).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            await repository.PutFileAsync(path, text, cancellationToken).ConfigureAwait(false);
        }
    }
}

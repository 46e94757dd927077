namespace Wayfinder.Web.Tests.Documents;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App;
using Wayfinder.App.Templates;
using Wayfinder.App.Validation;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Server;
using Wayfinder.Web.Storage;

/// <summary>The application layer's use cases run unchanged on the server's repository.</summary>
public sealed class UseCasesOnTheServerTests : IAsyncLifetime
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly ServiceProvider _services = new ServiceCollection().AddWayfinder(o => o.MaxDegreeOfParallelism = 1).BuildServiceProvider();
    private WayfinderDbContext _db = null!;

    public async Task InitializeAsync()
    {
        await _connection.OpenAsync();
        _db = new WayfinderDbContext(new DbContextOptionsBuilder<WayfinderDbContext>().UseSqlite(_connection).Options);
        await _db.Database.MigrateAsync();
        await DatabaseSetup.SeedAsync(_db, "demo", WorkspaceSeeds.Demo(), TimeProvider.System, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _services.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private WorkspaceStores Demo() =>
        new(new EfDocumentRepository(_db, "demo"), EventStore.InMemory(EventLog.Empty), SurveyStore.InMemory([]), folder: null);

    [Fact]
    public async Task TheSeededDemoValidatesAsItDoesFromItsFiles()
    {
        var check = await _services.GetRequiredService<ValidationService>().ValidateAsync(Demo());

        Assert.True(check.IsValid, string.Join("\n", check.Diagnostics));
        Assert.Equal("Skylark Airways", check.Workspace.Config.Name);
        Assert.Equal((3, 4, 1), (check.Workspace.Personas.Count, check.Workspace.Journeys.Count, check.Workspace.ValueGaps.Count));
    }

    [Fact]
    public async Task ANewJourneyFromATemplateIsSavedThroughTheServersRepository()
    {
        var created = await _services.GetRequiredService<DocumentCreationService>().CreateJourneyAsync(Demo(), "rebooking", template: null, title: "Rebooking", persona: "first-time-flyer");

        Assert.Equal(CreationOutcome.Created, created.Outcome);
        var stored = await new EfDocumentRepository(_db, "demo").ReadAsync(DocumentKind.Journey, "rebooking");
        Assert.Equal(created.Document!.Text, stored!.Text);
        Assert.Equal("journeys/rebooking.yaml", stored.File);
    }
}

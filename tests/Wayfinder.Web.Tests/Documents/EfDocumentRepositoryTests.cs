namespace Wayfinder.Web.Tests.Documents;

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Wayfinder.App.Documents;
using Wayfinder.App.Tests.Documents;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Storage;

/// <summary>The repository contract on SQLite in memory, its connection kept open for the test.</summary>
public sealed class EfDocumentRepositoryOnSqliteTests : EfDocumentRepositoryTests
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public EfDocumentRepositoryOnSqliteTests() => _connection.Open();

    protected override void UseDatabase(DbContextOptionsBuilder<WayfinderDbContext> options) => options.UseSqlite(_connection);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _connection.Dispose();
        }
    }
}

/// <summary>The repository contract on a database of its own on the test PostgreSQL server.</summary>
public sealed class EfDocumentRepositoryOnPostgresTests : EfDocumentRepositoryTests
{
    private readonly PostgresTestDatabase _database = new();

    protected override void UseDatabase(DbContextOptionsBuilder<WayfinderDbContext> options) => options.UseNpgsql(_database.ConnectionString);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
        }
    }
}

/// <summary>The repository contract on the server's database (the schema made by its migrations), and what only it does.</summary>
public abstract class EfDocumentRepositoryTests : DocumentRepositoryContractTests, IDisposable
{
    private readonly List<WayfinderDbContext> _contexts = [];

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _contexts.ForEach(c => c.Dispose());
        }
    }

    protected abstract void UseDatabase(DbContextOptionsBuilder<WayfinderDbContext> options);

    protected override IDocumentRepository CreateEmpty()
    {
        var db = NewContext();
        db.Database.Migrate();
        db.Workspaces.Add(new WorkspaceRow { Id = "contract", Name = "Contract", ConfigText = Config });
        db.SaveChanges();
        return new EfDocumentRepository(db, "contract");
    }

    protected override void PutFile(IDocumentRepository repository, string path, string text) =>
        ((EfDocumentRepository)repository).PutFileAsync(path, text).GetAwaiter().GetResult();

    [Fact]
    public async Task HistoryKeepsAuthorAndMessageNewestFirstAndSurvivesADeletion()
    {
        var repository = CreateEmpty();
        await repository.SaveAsync(Maya(), expectedRevision: null, new SaveInfo("ana", "created"));
        await repository.SaveAsync(Maya("Maya 2"), expectedRevision: 0, new SaveInfo("ben", "retitled"));
        await repository.DeleteAsync(DocumentKind.Persona, "maya", expectedRevision: 1, new SaveInfo("cleo"));

        var history = await repository.HistoryAsync(DocumentKind.Persona, "maya");

        // The deletion (revision 2, no text) is not a revision of the document's content: it is left out.
        Assert.Equal(["1 ben retitled", "0 ana created"], history.Select(h => $"{h.Revision} {h.Author} {h.Message}"));
        Assert.All(history, h => Assert.NotNull(h.Time));
    }

    [Fact]
    public async Task AStaleSaveNamesWhoSavedTheStoredRevision()
    {
        var repository = CreateEmpty();
        await repository.SaveAsync(Maya(), expectedRevision: null, new SaveInfo("ana"));
        await repository.SaveAsync(Maya("Maya 2"), expectedRevision: 0, new SaveInfo("ben", "retitled"));

        var stale = await repository.SaveAsync(Maya("Maya 3"), expectedRevision: 0, new SaveInfo("cleo"));

        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);
        Assert.Equal((1, "ben", "retitled"), (stale.SavedInBetween!.Revision, stale.SavedInBetween.Author, stale.SavedInBetween.Message));
    }

    [Fact]
    public async Task ADocumentCreatedAgainAfterADeleteNeverReusesARevision()
    {
        // Saved at 0, updated to 1, deleted at 2: created again it is 3, so an ETag from before the delete fits nothing.
        var repository = CreateEmpty();
        await repository.SaveAsync(Maya(), expectedRevision: null);
        await repository.SaveAsync(Maya("Maya 2"), expectedRevision: 0);
        await repository.DeleteAsync(DocumentKind.Persona, "maya", expectedRevision: 1);

        var again = await repository.SaveAsync(Maya(), expectedRevision: null);
        var stale = await repository.SaveAsync(Maya("Old client"), expectedRevision: 1);

        Assert.Equal(3, again.Document!.Revision);
        Assert.Equal(SaveOutcome.Conflict, stale.Outcome);
    }

    [Fact]
    public async Task AnIdGivenOutBeforeADeletionIsNotGivenToTheRecreatedDocument()
    {
        var repository = CreateEmpty();
        var first = DocumentYaml.Read<Persona>((await repository.SaveAsync(Maya(), expectedRevision: null)).Document!.Text);
        await repository.DeleteAsync(DocumentKind.Persona, "maya", expectedRevision: 0);

        // The same document again, without ids: every goal gets a fresh one, never an id the deleted document used.
        var again = await repository.SaveAsync(Maya(), expectedRevision: null);

        var goals = DocumentYaml.Read<Persona>(again.Document!.Text).Goals;
        Assert.Equal(SaveOutcome.Saved, again.Outcome);
        Assert.Equal(first.Goals[0].Id + "-2", goals[0].Id);
    }

    [Fact]
    public async Task ASaveWhoseRevisionIsTakenBetweenItsReadAndItsWriteIsRefusedAndWritesNothing()
    {
        // Two contexts on one database. Mine reads revision 0; just before it writes, theirs saves revision 1.
        var setup = CreateEmpty();
        await setup.SaveAsync(Maya(), expectedRevision: null, new SaveInfo("ana"));
        var theirs = new EfDocumentRepository(NewContext(), "contract");
        var interleave = new BeforeSave(() => theirs.SaveAsync(Maya("Their title"), expectedRevision: 0, new SaveInfo("ben")));
        var mine = new EfDocumentRepository(NewContext(interleave), "contract");

        var result = await mine.SaveAsync(Maya("My title"), expectedRevision: 0, new SaveInfo("cleo"));

        Assert.Equal(SaveOutcome.Conflict, result.Outcome);
        Assert.Equal((0, 1, "ben"), (result.ExpectedRevision, result.ActualRevision, result.SavedInBetween?.Author));
        var stored = await setup.ReadAsync(DocumentKind.Persona, "maya");
        Assert.Contains("title: Their title\n", stored!.Text, StringComparison.Ordinal);
        Assert.Equal(["1 ben", "0 ana"], (await setup.HistoryAsync(DocumentKind.Persona, "maya")).Select(h => $"{h.Revision} {h.Author}"));
    }

    [Fact]
    public async Task TwoCreatesOfOneDocumentBetweenReadAndWriteLeaveExactlyOne()
    {
        var setup = CreateEmpty();
        var theirs = new EfDocumentRepository(NewContext(), "contract");
        var interleave = new BeforeSave(() => theirs.SaveAsync(Maya("Theirs"), expectedRevision: null, new SaveInfo("ben")));
        var mine = new EfDocumentRepository(NewContext(interleave), "contract");

        var result = await mine.SaveAsync(Maya("Mine"), expectedRevision: null, new SaveInfo("cleo"));

        Assert.Equal(SaveOutcome.Conflict, result.Outcome);
        Assert.Equal(0, result.ActualRevision);
        Assert.Contains("title: Theirs\n", (await setup.ReadAsync(DocumentKind.Persona, "maya"))!.Text, StringComparison.Ordinal);
        Assert.Equal(["0 ben"], (await setup.HistoryAsync(DocumentKind.Persona, "maya")).Select(h => $"{h.Revision} {h.Author}"));
    }

    private WayfinderDbContext NewContext(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<WayfinderDbContext>();
        UseDatabase(options);
        var db = new WayfinderDbContext(options.AddInterceptors(interceptors).Options);
        _contexts.Add(db);
        return db;
    }

    /// <summary>Runs another writer's save once, just before this context writes.</summary>
    private sealed class BeforeSave(Func<Task> other) : SaveChangesInterceptor
    {
        private Func<Task>? _other = other;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _other, null) is { } run)
            {
                await run();
            }

            return result;
        }
    }
}

/// <summary>Writers on their own connections to one SQLite file, saving at the same time.</summary>
public sealed class EfDocumentRepositoryConcurrencyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wayfinder-db-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task OfEightWritersSavingOnOneRevisionExactlyOneWinsAndTheOthersAreRefused()
    {
        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync();
            db.Workspaces.Add(new WorkspaceRow { Id = "w", Name = "W", ConfigText = "name: W\n" });
            await db.SaveChangesAsync();
            await new EfDocumentRepository(db, "w").SaveAsync(Persona("Maya"), expectedRevision: null);
        }

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            await using var db = NewContext();
            return await new EfDocumentRepository(db, "w").SaveAsync(Persona($"Writer {i}"), expectedRevision: 0, new SaveInfo($"writer-{i}"));
        })));

        Assert.Single(results, r => r.Outcome == SaveOutcome.Saved);
        Assert.Equal(7, results.Count(r => r.Outcome == SaveOutcome.Conflict && r.ActualRevision == 1));
        await using var check = NewContext();
        var history = await new EfDocumentRepository(check, "w").HistoryAsync(DocumentKind.Persona, "maya");
        var winner = results.Single(r => r.Succeeded).Document!;
        Assert.Equal([1, 0], history.Select(h => h.Revision));
        Assert.Equal(winner.Text, (await new EfDocumentRepository(check, "w").ReadAsync(DocumentKind.Persona, "maya"))!.Text);
    }

    private static Persona Persona(string title) => Core.Templates.TemplateCatalog.Personas.First(t => t.Id == "first-time-flyer").Create("maya", title);

    private WayfinderDbContext NewContext() =>
        new(new DbContextOptionsBuilder<WayfinderDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, "wayfinder.db")}").Options);
}

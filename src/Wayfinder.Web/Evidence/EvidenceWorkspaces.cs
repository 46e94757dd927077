namespace Wayfinder.Web.Evidence;

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wayfinder.App;
using Wayfinder.App.Workspaces;
using Wayfinder.Evidence;
using Wayfinder.Evidence.ClickHouse;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Storage;

/// <summary>Where the server keeps evidence: <c>Wayfinder:DataFolder</c> and <c>Wayfinder:Events</c> in configuration.</summary>
public sealed class EvidenceOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string Section = "Wayfinder";

    /// <summary>
    /// The server's data folder, holding <c>workspaces/&lt;id&gt;/</c> with each workspace's embedded stores. Unset: the folder
    /// of the SQLite file (so <c>wayfinder serve --data DIR</c> keeps them in DIR), the current folder for PostgreSQL, and a
    /// temporary folder, removed when the server stops, for a SQLite database in memory.
    /// </summary>
    public string? DataFolder { get; set; }

    /// <summary>
    /// Where every workspace's events are kept: unset or <c>embedded</c> for the data folder's embedded stores, or a ClickHouse
    /// address <c>clickhouse://host:port[,host:port]/database?cluster=NAME</c> (<c>wayfinder serve --events</c>), each
    /// workspace's tables (events, survey answers, insights) prefixed by its id (<see cref="EvidenceStores.TablePrefixOfId"/>).
    /// </summary>
    public string? Events { get; set; }
}

/// <summary>
/// Each workspace's evidence on the server: its folder <c>workspaces/&lt;id&gt;/</c> in the data folder with the embedded
/// event and survey stores, opened once per process and shared by every request (as <see cref="WorkspaceOpener.Folder"/>
/// does for the CLI); one import at a time per workspace; and the stamp that changes with every import or save.
/// </summary>
public sealed partial class EvidenceWorkspaces : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Stores>> _stores = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _imports = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly EngineOptions _engine;
    private readonly bool _temporary;
    private readonly ClickHouseSettings? _clickHouse;
    private readonly long _started = DateTime.UtcNow.Ticks;

    public EvidenceWorkspaces(IOptions<EvidenceOptions> options, IOptions<WayfinderOptions> engine, IConfiguration configuration)
    {
        _engine = new EngineOptions { DegreeOfParallelism = engine.Value.MaxDegreeOfParallelism };
        (Root, _temporary) = ResolveRoot(options.Value.DataFolder, DatabaseConnection.From(configuration));
        _clickHouse = ClickHouseOf(options.Value.Events);
    }

    /// <summary>The ClickHouse store every workspace's events are in, without credentials; null for the embedded stores.</summary>
    public string? EventStoreAddress => _clickHouse?.ToString();

    /// <summary>The data folder (full path); workspaces' folders are under <c>workspaces/</c> in it.</summary>
    public string Root { get; }

    /// <summary>The folder of a workspace's evidence, or null when the id is not a workspace slug (so it cannot leave the data folder).</summary>
    public string? FolderOf(string workspaceId)
    {
        if (!Slug().IsMatch(workspaceId))
        {
            return null;
        }

        var workspaces = Path.Combine(Root, "workspaces") + Path.DirectorySeparatorChar;
        var folder = Path.GetFullPath(Path.Combine(workspaces, workspaceId));
        return folder.StartsWith(workspaces, StringComparison.Ordinal) ? folder : null;
    }

    /// <summary>The workspace's documents (<paramref name="documents"/>, from the database) with its evidence stores; null for an id that is no slug.</summary>
    public WorkspaceStores? Open(EfDocumentRepository documents, string workspaceId) =>
        StoresOf(workspaceId) is { } stores ? new WorkspaceStores(documents, stores.Events, stores.Feedback, stores.Folder) : null;

    /// <summary>How many survey answers and insights the workspace holds.</summary>
    public async Task<(int Surveys, int Insights)> FeedbackCountsAsync(string workspaceId, CancellationToken cancellationToken = default) =>
        StoresOf(workspaceId) is { } stores ? await EvidenceStores.CountsAsync(stores.Feedback, cancellationToken).ConfigureAwait(false) : (0, 0);

    /// <summary>Starts the workspace's one import; null when another is running. Dispose the result to end it.</summary>
    public IDisposable? TryBeginImport(string workspaceId)
    {
        var gate = _imports.GetOrAdd(workspaceId, _ => new SemaphoreSlim(1, 1));
        return gate.Wait(0) ? new Release(gate) : null;
    }

    /// <summary>
    /// Removes a deleted workspace's evidence: its ClickHouse tables (when the server keeps events there), its embedded
    /// stores (closed first) and its folder. Waits for an import in progress to end. The generation moves on, so nothing
    /// computed before is served for a workspace made again under the same id. Returns what could not be removed, in
    /// words; null when everything went.
    /// </summary>
    public async Task<string?> ForgetAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        if (FolderOf(workspaceId) is not { } folder)
        {
            return null;
        }

        var gate = _imports.GetOrAdd(workspaceId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _generations.AddOrUpdate(workspaceId, _ => ReadGeneration(workspaceId) + 1, (_, before) => Math.Max(before + 1, ReadGeneration(workspaceId)));
            Stores? stores = null;
            if (_stores.TryRemove(workspaceId, out var opened) && opened.IsValueCreated)
            {
                stores = opened.Value;
            }
            else if (_clickHouse is not null)
            {
                // Its tables are dropped through stores opened for that (none was opened in this process yet).
                stores = StoresOf(workspaceId);
            }

            string? problem = null;
            if (stores?.Events is EventStore embedded)
            {
                // An upload or compaction that holds this store from before waits, then writes nothing.
                await embedded.CloseAsync(CancellationToken.None).ConfigureAwait(false);
            }

            if (stores?.Feedback is SurveyStore surveys)
            {
                await surveys.CloseAsync(CancellationToken.None).ConfigureAwait(false);
            }

            if (stores is not null)
            {
                try
                {
                    if (stores.Events is ClickHouseEventStore events)
                    {
                        await events.DropAsync(cancellationToken).ConfigureAwait(false);
                    }

                    if (stores.Feedback is ClickHouseFeedbackStore feedback)
                    {
                        await feedback.DropAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (ClickHouseException e)
                {
                    problem = $"its tables in ClickHouse ({EventStoreAddress}) could not be dropped: {e.Message}";
                }

                (stores.Events as IDisposable)?.Dispose();
                (stores.Feedback as IDisposable)?.Dispose();
                _stores.TryRemove(workspaceId, out _);
            }

            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = (problem is null ? "" : problem + "; ") + $"its evidence folder {folder} could not be removed: {e.Message}";
            }

            return problem;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Records that an import ended, so analyses and renders made before it are not served again.</summary>
    public void Imported(string workspaceId) =>
        _generations.AddOrUpdate(workspaceId, _ => ReadGeneration(workspaceId) + 1, (_, before) => Math.Max(before + 1, ReadGeneration(workspaceId)));

    /// <summary>The evidence's generation: the stores' last write (stable across restarts), moved on by every import.</summary>
    public long Generation(string workspaceId) => _generations.GetOrAdd(workspaceId, ReadGeneration);

    /// <summary>
    /// What analyses and renders of the workspace depend on, as one opaque text: its documents' history (every save and
    /// deletion moves it), its configuration, its evidence generation and the day (reviews turn stale by the day).
    /// </summary>
    public async Task<string> StampAsync(WayfinderDbContext db, string workspaceId, DateOnly today, CancellationToken cancellationToken)
    {
        var changes = await db.Documents.AsNoTracking().Where(d => d.WorkspaceId == workspaceId).SumAsync(d => (long)d.Sequence, cancellationToken).ConfigureAwait(false);
        var config = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.ConfigText).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return string.Join('.', changes.ToString(System.Globalization.CultureInfo.InvariantCulture), Hash(config ?? ""), Generation(workspaceId).ToString(System.Globalization.CultureInfo.InvariantCulture), today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A short stable hash of <paramref name="text"/> (hex), for stamps and entity tags.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    public void Dispose()
    {
        foreach (var stores in _stores.Values.Where(s => s.IsValueCreated))
        {
            (stores.Value.Events as IDisposable)?.Dispose();
            (stores.Value.Feedback as IDisposable)?.Dispose();
        }

        foreach (var gate in _imports.Values)
        {
            gate.Dispose();
        }

        if (_temporary && Directory.Exists(Root))
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A file still open: the temporary folder is left for the system to clear.
            }
        }
    }

    internal static (string Root, bool Temporary) ResolveRoot(string? configured, DatabaseConnection database)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (Path.GetFullPath(configured), false);
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new SqliteConnectionStringBuilder(database.ConnectionString);
            if (sqlite.Mode == SqliteOpenMode.Memory || sqlite.DataSource is ":memory:" or "")
            {
                return (Path.Combine(Path.GetTempPath(), "wayfinder-evidence-" + Guid.NewGuid().ToString("N")), true);
            }

            return (Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource))!, false);
        }

        return (Environment.CurrentDirectory, false);
    }

    private Stores? StoresOf(string workspaceId) =>
        FolderOf(workspaceId) is { } folder
            ? _stores.GetOrAdd(workspaceId, _ => new Lazy<Stores>(() =>
            {
                var clickHouse = _clickHouse?.ForTable(EvidenceStores.TablePrefixOfId(_clickHouse.Table, workspaceId));
                return new Stores(folder, EvidenceStores.Events(folder, clickHouse, _engine), EvidenceStores.Feedback(folder, clickHouse, _engine));
            })).Value
            : null;

    /// <summary>The server-wide ClickHouse address read once at start; a wrong one stops the server with the parser's message.</summary>
    private static ClickHouseSettings? ClickHouseOf(string? events)
    {
        return EvidenceStores.IsEmbedded(events) ? null : EvidenceStores.Parse(events!, $"{EvidenceOptions.Section}:{nameof(EvidenceOptions.Events)}");
    }

    private long ReadGeneration(string workspaceId)
    {
        // ClickHouse keeps no file here that an import touches: a restart starts past every stamp made before it.
        var floor = _clickHouse is null ? 0 : _started;
        return Math.Max(floor, ReadFolderGeneration(workspaceId));
    }

    private long ReadFolderGeneration(string workspaceId)
    {
        var store = FolderOf(workspaceId) is { } folder ? Path.Combine(folder, ".wayfinder") : null;
        if (store is null || !Directory.Exists(store))
        {
            return 0;
        }

        return new DirectoryInfo(store).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Select(f => f.LastWriteTimeUtc.Ticks).DefaultIfEmpty(0).Max();
    }

    // Lowercase letters, digits, dashes and underscores, starting with a letter or digit: never "..", "/" or "\".
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,99}$")]
    private static partial Regex Slug();

    private sealed record Stores(string Folder, IEventStore Events, IFeedbackStore Feedback);

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}

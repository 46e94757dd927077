namespace Wayfinder.Evidence.Store;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Metrics;

/// <summary>
/// The embedded event store of a workspace: an <see cref="EventLog"/> persisted as Arrow IPC files in one folder
/// (by default <c>.wayfinder/store</c> under the workspace). An import writes a complete new copy beside the old one
/// and swaps folders only when it is whole, so a failed or cancelled import leaves the store as it was.
/// </summary>
public sealed class EventStore : IEventStore
{
    private readonly string _folder;

    public EventStore(string folder) => _folder = Path.GetFullPath(folder);

    /// <summary>The store folder of a workspace.</summary>
    public static EventStore ForWorkspace(string workspaceRoot) => new(Path.Combine(workspaceRoot, ".wayfinder", "store"));

    public string Folder => _folder;

    public bool Exists => File.Exists(Path.Combine(_folder, "events.arrow"));

    /// <summary>Reads the stored log; an empty log when nothing was imported yet.</summary>
    public EventLog Open()
    {
        RecoverInterruptedSwap();
        return Exists ? ArrowPersistence.Read(_folder) : EventLog.Empty;
    }

    /// <summary>
    /// Imports one file. Rows already in the store (and repeated rows) are skipped and counted as duplicates, so
    /// importing the same file twice adds nothing. When the file cannot be read at all, the report carries the
    /// error and the store is unchanged.
    /// </summary>
    public async Task<ImportReport> ImportAsync(string path, EventImportOptions options, CancellationToken cancellationToken = default)
    {
        var existing = Open();
        ImportReport report;
        IReadOnlyList<EventLogBuilder> parts;
        try
        {
            (parts, report) = await EventImporter.ReadAsync(path, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ImportAbortedException ex)
        {
            return new ImportReport { File = path, Format = options.Format ?? "", Error = ex.Message };
        }
        catch (FileNotFoundException)
        {
            var error = Directory.Exists(path) ? "a folder, not a file; name an events file (CSV, NDJSON or Parquet)" : "no such file";
            return new ImportReport { File = path, Format = options.Format ?? "", Error = error };
        }

        var before = existing.EventCount;
        var total = new FileInfo(path).Length;
        options.Progress?.Report(new ImportProgress(report.RowsRead, total, total, before > 0 ? "merging with the stored events" : "ordering by customer and time"));
        var merged = EventLogBuilder.Combine([EventLogBuilder.FromLog(existing), .. parts], out var duplicates);
        // The old log and the builders are garbage now: let a collection take them before the store is written.
        (existing, parts) = (EventLog.Empty, []);
        cancellationToken.ThrowIfCancellationRequested();
        options.Progress?.Report(new ImportProgress(report.RowsRead, total, total, "saving"));
        Save(merged);
        return report with { RowsAdded = merged.EventCount - before, Duplicates = duplicates };
    }

    /// <inheritdoc/>
    public Task<JourneyMetrics> AnalyzeAsync(Journey journey, MetricsQuery query, CancellationToken cancellationToken = default)
    {
        var log = Open();
        var mapping = JourneyMapping.Build(journey, log, Segments.RowCondition(log));
        bool[]? selected = query.Segment is { } segment ? Segments.Customers(log, segment) : null;
        var metrics = JourneyAnalyzer.Analyze(journey.Id, log, mapping, query.ToOptions(selected));
        return Task.FromResult(metrics);
    }

    /// <summary>Replaces the stored log with <paramref name="log"/> atomically (write beside, then swap folders).</summary>
    public void Save(EventLog log)
    {
        var parent = Path.GetDirectoryName(_folder)!;
        Directory.CreateDirectory(parent);
        var staging = _folder + ".new";
        var old = _folder + ".old";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        ArrowPersistence.Write(log, staging);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }

        if (Directory.Exists(_folder))
        {
            Directory.Move(_folder, old);
        }

        Directory.Move(staging, _folder);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
    }

    /// <summary>A crash between the two folder moves leaves only the old copy: put it back.</summary>
    private void RecoverInterruptedSwap()
    {
        var old = _folder + ".old";
        if (!Directory.Exists(_folder) && Directory.Exists(old))
        {
            Directory.Move(old, _folder);
        }
    }
}

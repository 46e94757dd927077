namespace Wayfinder.Evidence.Store;

using Wayfinder.Evidence.Import;

/// <summary>
/// The embedded event store of a workspace: an <see cref="EventLog"/> persisted as Arrow IPC files in one folder
/// (by default <c>.wayfinder/store</c> under the workspace). The log is read once and shared by every reader; an import
/// builds a new log, writes a complete copy beside the old one, swaps folders only when it is whole, and only then
/// publishes the new log, so readers in flight keep the snapshot they started with and a failed or cancelled import
/// leaves the store as it was. Imports run one at a time.
/// </summary>
public sealed partial class EventStore : IEventStore
{
    private readonly string? _folder;
    private readonly EngineOptions _engine;
    private readonly SemaphoreSlim _writes = new(1, 1);

    /// <summary>What an import, compaction or save of a closed store says.</summary>
    public const string ClosedMessage = "the store is closed: its workspace was deleted";

    private bool _closed;
    private readonly Lock _opening = new();
    private EventLog? _log;
    private CountedSummary? _summary;

    // What the files were when _log was read: a write compares it to reuse _log only if no other process wrote since.
    private string? _stamp;

    /// <param name="folder">The store folder.</param>
    /// <param name="engine">How many threads an import or analysis may use; null for <see cref="EngineOptions.Default"/>.</param>
    public EventStore(string folder, EngineOptions? engine = null)
    {
        _folder = Path.GetFullPath(folder);
        _engine = engine ?? EngineOptions.Default;
    }

    private EventStore(EventLog log, EngineOptions? engine)
    {
        _log = log;
        _engine = engine ?? EngineOptions.Default;
    }

    /// <summary>The store folder of a workspace.</summary>
    public static EventStore ForWorkspace(string workspaceRoot, EngineOptions? engine = null) => new(Path.Combine(workspaceRoot, ".wayfinder", "store"), engine);

    /// <summary>A store kept in memory only, starting with <paramref name="log"/> (tests, workspaces held in memory).</summary>
    public static EventStore InMemory(EventLog log, EngineOptions? engine = null) => new(log, engine);

    /// <summary>The store folder; null for a store in memory.</summary>
    public string? Folder => _folder;

    public bool Exists => _folder is null ? _log!.EventCount > 0 : File.Exists(Path.Combine(_folder, "events.arrow"));

    /// <summary>
    /// The stored log as of now: read on first use, then shared until an import publishes the next one; an empty log
    /// when nothing was imported yet. For the engine and its benchmarks: callers of the product go through <see cref="IEventStore"/>.
    /// </summary>
    public EventLog Open()
    {
        if (Volatile.Read(ref _log) is { } log)
        {
            return log;
        }

        lock (_opening)
        {
            if (_log is null)
            {
                RecoverInterruptedSwap(locked: false);
                _stamp = _folder is null ? null : StoreLayout.Stamp(_folder);
                if (_folder is not null && StoreCapacity.ReadProblem(StoreLayout.StoredRows(_folder), Memory) is { } tooBig)
                {
                    throw new StoreTooLargeException(tooBig);
                }

                Volatile.Write(ref _log, _folder is null ? EventLog.Empty : StoreLayout.Read(_folder, _engine.DegreeOfParallelism));
            }

            return _log!;
        }
    }

    /// <summary>
    /// Imports one file, whole or not at all: when the file cannot be read, or has more bad rows than
    /// <see cref="EventImportOptions.MaxBadRows"/> (by default any), the report carries the reason and the store is
    /// unchanged (<see cref="ImportReport.Judge"/>). Rows already in the store (and repeated rows) are skipped and
    /// counted as duplicates, so importing the same file twice adds nothing. When the store has events and every new
    /// row comes after them, only the new rows are written, as a segment beside the stored ones (an append);
    /// otherwise the store is rewritten whole, which also merges the segments.
    /// </summary>
    public async Task<ImportReport> ImportAsync(string path, EventImportOptions options, CancellationToken cancellationToken = default)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return new ImportReport { File = path, Format = options.Format ?? "", Error = ClosedMessage };
            }

            using var writer = TakeWriterLock();
            if (_folder is not null && writer is null)
            {
                return new ImportReport { File = path, Format = options.Format ?? "", Error = StoreLock.Busy };
            }

            options = options with { Slices = options.Slices ?? _engine.DegreeOfParallelism };
            // Whether the events fit is judged before the file is read: first as an append when the store may take one,
            // then as a rewrite when the append is not possible.
            var newRows = _folder is null ? null : await StoreCapacity.EstimateRowsAsync(path, options.Format, cancellationToken).ConfigureAwait(false);
            ImportReport? TooBig(bool rewritesStore) =>
                newRows is { } rows && StoreCapacity.ImportProblem(rows, StoreLayout.StoredRows(_folder!), rewritesStore, Memory) is { } problem
                    ? new ImportReport { File = path, Format = options.Format ?? EventImporter.DetectFormat(path), Error = problem }
                    : null;
            return TooBig(rewritesStore: _folder is not null && StoreLayout.TimeRange(_folder) is null)
                ?? await TryAppendAsync(path, options, cancellationToken).ConfigureAwait(false)
                ?? TooBig(rewritesStore: true)
                ?? await ImportLockedAsync(path, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// Closes the store for good (its workspace is deleted): waits for an import, compaction or save in progress to end, and
    /// refuses every later one of this instance, so nothing is written into its folder again (one queued for compaction
    /// before the deletion, say).
    /// </summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _closed = true;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// Merges the store's appended segments into its base, atomically (write beside, then swap folders), so that reading
    /// it no longer combines them. A crash at any point leaves the store as it was before or after.
    /// </summary>
    public async Task<CompactionReport> CompactAsync(CancellationToken cancellationToken = default)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return new CompactionReport(0, 0, ClosedMessage);
            }

            if (_folder is null)
            {
                return new CompactionReport(0, Open().EventCount);
            }

            using var writer = TakeWriterLock();
            if (writer is null)
            {
                return new CompactionReport(0, 0, StoreLock.Busy);
            }

            var segments = StoreLayout.Segments(_folder).Count;
            var log = Current();
            if (segments > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Publish(log);
            }

            return new CompactionReport(segments, log.EventCount);
        }
        finally
        {
            _writes.Release();
        }
    }

    private long Memory => _engine.MemoryBytes ?? StoreCapacity.AvailableBytes();

    /// <summary>Appended segments the store holds now (0 for a store in memory).</summary>
    public int SegmentCount => _folder is null ? 0 : StoreLayout.Segments(_folder).Count;

    /// <summary>Takes the store's lock against writers in other processes and clears what a crashed writer left; null when another holds it (always null in memory).</summary>
    private StoreLock? TakeWriterLock()
    {
        if (_folder is null || StoreLock.TryTake(_folder) is not { } taken)
        {
            return null;
        }

        RecoverInterruptedSwap(locked: true);
        StoreLayout.CleanUp(_folder);
        return taken;
    }

    /// <summary>The log as stored now, for a writer holding the lock: the one already read unless another process wrote since.</summary>
    private EventLog Current()
    {
        lock (_opening)
        {
            if (_log is not null && _stamp != StoreLayout.Stamp(_folder!))
            {
                Volatile.Write(ref _log, null);
            }
        }

        return Open();
    }

    /// <summary>
    /// Writes the file's rows as a new segment when the store has events and its recorded time range ends before every
    /// new row; null when the import must merge instead (an empty store, overlapping times, a store written before the
    /// range was recorded, or a customer with attributes but no new events, whose attributes only a merge weighs right).
    /// </summary>
    private async Task<ImportReport?> TryAppendAsync(string path, EventImportOptions options, CancellationToken cancellationToken)
    {
        if (_folder is null || StoreLayout.TimeRange(_folder) is not { } stored)
        {
            return null;
        }

        var (parts, report) = await EventImporter.ReadForStoreAsync(path, options, cancellationToken).ConfigureAwait(false);
        if (!report.Succeeded)
        {
            return report;
        }

        if (parts.SelectMany(p => p.AttributeTimes()).Any(a => a.Time <= stored.Max))
        {
            return null;
        }

        var total = new FileInfo(path).Length;
        options.Progress?.Report(new ImportProgress(report.RowsRead, total, total, "ordering by customer and time"));
        var added = EventLogBuilder.CombineAndRelease(parts, out var duplicates, _engine.DegreeOfParallelism);
        if ((added.EventCount > 0 && added.MinTimestamp <= stored.Max) || HasCustomerWithoutEvents(added))
        {
            // The rows were read for nothing; reading them again costs less than a merge that weighs them wrongly.
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        int? segment = null;
        if (added.EventCount > 0)
        {
            options.Progress?.Report(new ImportProgress(report.RowsRead, total, total, "saving"));
            segment = StoreLayout.Append(_folder, added);
            // The next reader combines the base with the segments; readers in flight keep the snapshot they have.
            lock (_opening)
            {
                Volatile.Write(ref _log, null);
            }
        }

        return report with { RowsAdded = added.EventCount, Duplicates = duplicates, AppendedSegment = segment, Segments = SegmentCount };
    }

    private static bool HasCustomerWithoutEvents(EventLog log)
    {
        for (var c = 0; c < log.CustomerCount; c++)
        {
            if (log.CustomerStart[c + 1] == log.CustomerStart[c])
            {
                return true;
            }
        }

        return false;
    }

    private async Task<ImportReport> ImportLockedAsync(string path, EventImportOptions options, CancellationToken cancellationToken)
    {
        var existing = _folder is null ? Open() : Current();
        var (parts, report) = await EventImporter.ReadForStoreAsync(path, options, cancellationToken).ConfigureAwait(false);
        if (!report.Succeeded)
        {
            return report;
        }

        var before = existing.EventCount;
        var total = new FileInfo(path).Length;
        options.Progress?.Report(new ImportProgress(report.RowsRead, total, total, before > 0 ? "merging with the stored events" : "ordering by customer and time"));
        var merged = EventLogBuilder.CombineAndRelease([EventLogBuilder.FromLog(existing), .. parts], out var duplicates, _engine.DegreeOfParallelism);
        // The builders are garbage now (the old log stays alive only while readers hold it).
        (existing, parts) = (EventLog.Empty, []);
        cancellationToken.ThrowIfCancellationRequested();
        options.Progress?.Report(new ImportProgress(report.RowsRead, total, total, "saving"));
        Publish(merged);
        return report with { RowsAdded = merged.EventCount - before, Duplicates = duplicates };
    }

    /// <summary>Replaces the stored log with <paramref name="log"/> atomically (write beside, then swap folders), then shares it with readers.</summary>
    public void Save(EventLog log)
    {
        _writes.Wait();
        try
        {
            if (_closed)
            {
                throw new IOException($"{_folder}: {ClosedMessage}");
            }

            using var writer = TakeWriterLock();
            if (_folder is not null && writer is null)
            {
                throw new IOException($"{_folder}: {StoreLock.Busy}");
            }

            Publish(log);
        }
        finally
        {
            _writes.Release();
        }
    }

    private void Publish(EventLog log)
    {
        if (_folder is not null)
        {
            Write(log, _folder);
        }

        lock (_opening)
        {
            _stamp = _folder is null ? null : StoreLayout.Stamp(_folder);
            Volatile.Write(ref _log, log);
        }
    }

    private static void Write(EventLog log, string folder)
    {
        var parent = Path.GetDirectoryName(folder)!;
        Directory.CreateDirectory(parent);
        var staging = folder + ".new";
        var old = folder + ".old";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        ArrowPersistence.Write(log, staging);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }

        if (Directory.Exists(folder))
        {
            Directory.Move(folder, old);
        }

        Directory.Move(staging, folder);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
    }

    /// <summary>
    /// A crash between the two folder moves leaves only the old copy: put it back. A reader does so only when no writer
    /// holds the store (a live writer between its moves is about to put the new copy in place: wait for it).
    /// </summary>
    private void RecoverInterruptedSwap(bool locked)
    {
        if (_folder is null)
        {
            return;
        }

        var old = _folder + ".old";
        for (var attempt = 0; !Directory.Exists(_folder) && Directory.Exists(old); attempt++)
        {
            using var writer = locked ? null : StoreLock.TryTake(_folder);
            if (locked || writer is not null)
            {
                if (!Directory.Exists(_folder) && Directory.Exists(old))
                {
                    Directory.Move(old, _folder);
                }

                return;
            }

            if (attempt == 100)
            {
                throw new IOException($"{_folder}: {StoreLock.Busy}");
            }

            Thread.Sleep(50);
        }
    }
}

namespace Wayfinder.App.Documents;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

/// <summary>
/// A workspace held in memory, with every revision of every document: for tests, for a zip being imported, and as the
/// model of what a store with history does. Thread-safe.
/// </summary>
public sealed class MemoryDocumentRepository : IDocumentRepository
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<(string Text, RevisionInfo Info)>> _files = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private string? _configText;

    /// <param name="name">The workspace's name, also its location in messages.</param>
    /// <param name="configText">The text of its <c>wayfinder.yaml</c>; null for none.</param>
    public MemoryDocumentRepository(string name, string? configText, TimeProvider? clock = null)
    {
        Location = name;
        _configText = configText;
        _clock = clock ?? TimeProvider.System;
    }

    public string Location { get; }

    /// <summary>A workspace from its files by path relative to the root (<c>wayfinder.yaml</c> among them), e.g. <see cref="Templates.WorkspaceSeeds.Demo"/>.</summary>
    public static MemoryDocumentRepository FromFiles(string name, IReadOnlyDictionary<string, string> files, TimeProvider? clock = null)
    {
        var repository = new MemoryDocumentRepository(name, files.GetValueOrDefault(WorkspaceLoader.ConfigFileName), clock);
        foreach (var (path, text) in files.Where(f => WorkspaceLoader.KindOfPath(f.Key) is not null))
        {
            repository.PutFile(path, text);
        }

        return repository;
    }

    /// <summary>Replaces the workspace's config text.</summary>
    public void SetConfig(string? configText)
    {
        lock (_lock)
        {
            _configText = configText;
        }
    }

    /// <summary>Puts a file's text in as it is (as a folder would hold it), without the checks of a save: for seeding.</summary>
    public void PutFile(string relativePath, string text)
    {
        lock (_lock)
        {
            _files[relativePath] = [(text, new RevisionInfo(0, null, _clock.GetUtcNow(), null))];
        }
    }

    public Task<(Workspace Workspace, ValidationResult Result)> LoadAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(Load());
        }
    }

    public async Task<IReadOnlyList<DocumentEntry>> ListAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken).ConfigureAwait(false)).Workspace.Entries();

    public async Task<StoredDocument?> ReadAsync(DocumentKind kind, string id, CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken).ConfigureAwait(false)).Workspace.Find(kind, id);

    public Task<SaveResult> SaveAsync(IDocument document, int? expectedRevision, SaveInfo? info = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var existing = Load().Workspace.Find(document.Kind, document.Id);
            var file = existing?.File ?? DocumentSaving.NewFile(document.Kind, document.Id);
            var history = _files.GetValueOrDefault(file);
            if (existing is null && history is { Count: > 0 } && history[^1].Text.Length > 0)
            {
                // A file of that name that does not parse is still somebody's work: never overwrite it.
                return Task.FromResult(new SaveResult { Outcome = SaveOutcome.Conflict, ExpectedRevision = expectedRevision, ActualRevision = 0 });
            }

            if (DocumentSaving.Conflict(expectedRevision, existing?.Revision, history is { Count: > 0 } ? history[^1].Info : null) is { } conflict)
            {
                return Task.FromResult(conflict);
            }

            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (text, _) in history ?? [])
            {
                used.UnionWith(DocumentSaving.IdsOf(text, document.Kind));
            }

            var deletedAt = existing is null && history is { Count: > 0 } ? history[^1].Info.Revision : (int?)null;
            var (stored, storedText) = DocumentSaving.Prepare(document, existing?.Revision, used, file, deletedAt);
            if (history is null)
            {
                _files[file] = history = [];
            }

            history.Add((storedText, new RevisionInfo(stored.Revision, info?.Author, _clock.GetUtcNow(), info?.Message)));
            return Task.FromResult(new SaveResult { Outcome = SaveOutcome.Saved, Document = new StoredDocument(stored.Kind, stored.Id, file, storedText, stored.Revision) });
        }
    }

    public Task<SaveResult> DeleteAsync(DocumentKind kind, string id, int expectedRevision, SaveInfo? info = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var existing = Load().Workspace.Find(kind, id);
            if (existing is null)
            {
                return Task.FromResult(new SaveResult { Outcome = SaveOutcome.NotFound, ExpectedRevision = expectedRevision });
            }

            var history = _files[existing.File];
            if (DocumentSaving.Conflict(expectedRevision, existing.Revision, history[^1].Info) is { } conflict)
            {
                return Task.FromResult(conflict);
            }

            // A deletion is a revision with no text, so the history (and the ids it used) stays.
            history.Add(("", new RevisionInfo(existing.Revision + 1, info?.Author, _clock.GetUtcNow(), info?.Message ?? "deleted")));
            return Task.FromResult(new SaveResult { Outcome = SaveOutcome.Deleted, Document = existing });
        }
    }

    public Task<IReadOnlyList<RevisionInfo>> HistoryAsync(DocumentKind kind, string id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var file = Load().Workspace.Find(kind, id)?.File ?? DocumentSaving.NewFile(kind, id);
            IReadOnlyList<RevisionInfo> revisions = _files.TryGetValue(file, out var history)
                ? [.. history.Where(r => r.Text.Length > 0).Select(r => r.Info).Reverse()]
                : [];
            return Task.FromResult(revisions);
        }
    }

    /// <summary>The workspace from each file's latest text; called under the lock.</summary>
    private (Workspace Workspace, ValidationResult Result) Load() =>
        WorkspaceLoader.Read(Location, Location, _configText, _files.Where(f => f.Value[^1].Text.Length > 0).Select(f => new WorkspaceFile(f.Key, f.Value[^1].Text)));
}

namespace Wayfinder.App.Documents;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

/// <summary>
/// A workspace folder as the repository: today's files and layout, the bytes the CLI always wrote. A file keeps no
/// history, so a document's history is its current revision; saves are written beside the file and moved over it,
/// so a failed save leaves the file as it was.
/// </summary>
public sealed class FolderDocumentRepository : IDocumentRepository
{
    private readonly SemaphoreSlim _writes = new(1, 1);

    public FolderDocumentRepository(string root) => Root = Path.GetFullPath(root);

    /// <summary>The workspace folder.</summary>
    public string Root { get; }

    public string Location => Root;

    public Task<(Workspace Workspace, ValidationResult Result)> LoadAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(WorkspaceFolder.Load(Root));

    public async Task<IReadOnlyList<DocumentEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        var (workspace, _) = await LoadAsync(cancellationToken).ConfigureAwait(false);
        return workspace.Entries();
    }

    public async Task<StoredDocument?> ReadAsync(DocumentKind kind, string id, CancellationToken cancellationToken = default)
    {
        var (workspace, _) = await LoadAsync(cancellationToken).ConfigureAwait(false);
        return workspace.Find(kind, id);
    }

    public async Task<SaveResult> SaveAsync(IDocument document, int? expectedRevision, SaveInfo? info = null, CancellationToken cancellationToken = default)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = await ReadAsync(document.Kind, document.Id, cancellationToken).ConfigureAwait(false);
            var file = existing?.File ?? DocumentSaving.NewFile(document.Kind, document.Id);
            var path = Path.Combine(Root, file);
            if (existing is null && File.Exists(path))
            {
                // A file of that name that does not parse is still somebody's work: never overwrite it.
                return new SaveResult { Outcome = SaveOutcome.Conflict, ExpectedRevision = expectedRevision, ActualRevision = 0 };
            }

            if (DocumentSaving.Conflict(expectedRevision, existing?.Revision, existing is null ? null : Current(existing, path)) is { } conflict)
            {
                return conflict;
            }

            var used = existing is null ? new HashSet<string>() : DocumentSaving.IdsOf(existing.Text, existing.Kind);
            var (stored, text) = DocumentSaving.Prepare(document, existing?.Revision, used, file);
            cancellationToken.ThrowIfCancellationRequested();
            SchemaFiles.EnsureIn(Root);
            WorkspaceFolder.WriteAtomically(path, text);
            return new SaveResult { Outcome = SaveOutcome.Saved, Document = new StoredDocument(stored.Kind, stored.Id, file, text, stored.Revision) };
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<SaveResult> DeleteAsync(DocumentKind kind, string id, int expectedRevision, SaveInfo? info = null, CancellationToken cancellationToken = default)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var existing = await ReadAsync(kind, id, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return new SaveResult { Outcome = SaveOutcome.NotFound, ExpectedRevision = expectedRevision };
            }

            var path = Path.Combine(Root, existing.File);
            if (DocumentSaving.Conflict(expectedRevision, existing.Revision, Current(existing, path)) is { } conflict)
            {
                return conflict;
            }

            File.Delete(path);
            return new SaveResult { Outcome = SaveOutcome.Deleted, Document = existing };
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<IReadOnlyList<RevisionInfo>> HistoryAsync(DocumentKind kind, string id, CancellationToken cancellationToken = default)
    {
        var existing = await ReadAsync(kind, id, cancellationToken).ConfigureAwait(false);
        return existing is null ? [] : [Current(existing, Path.Combine(Root, existing.File))];
    }

    private static RevisionInfo Current(StoredDocument document, string path) =>
        new(document.Revision, null, File.Exists(path) ? new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero) : null, null);
}

namespace Wayfinder.Web.Documents;

using Microsoft.EntityFrameworkCore;
using Wayfinder.App.Documents;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;
using Wayfinder.Web.Storage;

/// <summary>
/// One workspace's documents in the server's database, with every revision (author, time, message). The save rules are
/// <see cref="DocumentSaving"/>'s, as in every repository. A save or delete is one <c>SaveChanges</c> (one transaction)
/// whose UPDATE names the revision read, so of two writers on one revision exactly one wins and the other gets a conflict.
/// </summary>
public sealed class EfDocumentRepository(WayfinderDbContext db, string workspaceId, TimeProvider? clock = null) : IDocumentRepository
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public string Location => workspaceId;

    public async Task<(Workspace Workspace, ValidationResult Result)> LoadAsync(CancellationToken cancellationToken = default)
    {
        var config = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.ConfigText).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var files = await db.Documents.AsNoTracking()
            .Where(d => d.WorkspaceId == workspaceId && d.Text != "")
            .Select(d => new { d.File, d.Text })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return WorkspaceLoader.Read(workspaceId, workspaceId, config, files.Select(f => new WorkspaceFile(f.File, f.Text)));
    }

    public async Task<IReadOnlyList<DocumentEntry>> ListAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken).ConfigureAwait(false)).Workspace.Entries();

    public async Task<StoredDocument?> ReadAsync(DocumentKind kind, string id, CancellationToken cancellationToken = default)
    {
        var row = await Current(kind, id).AsNoTracking().FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : new StoredDocument(row.Kind, id, row.File, row.Text, row.Revision);
    }

    public async Task<SaveResult> SaveAsync(IDocument document, int? expectedRevision, SaveInfo? info = null, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        var existing = await Current(document.Kind, document.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var file = existing?.File ?? DocumentSaving.NewFile(document.Kind, document.Id);
        var row = existing ?? await db.Documents.FirstOrDefaultAsync(d => d.WorkspaceId == workspaceId && d.File == file, cancellationToken).ConfigureAwait(false);
        if (existing is null && row is { Text.Length: > 0 })
        {
            // A file of that name that does not parse is still somebody's work: never overwrite it.
            return new SaveResult { Outcome = SaveOutcome.Conflict, ExpectedRevision = expectedRevision, ActualRevision = 0 };
        }

        if (DocumentSaving.Conflict(expectedRevision, existing?.Revision, existing is null ? null : await LastAsync(existing.Key, cancellationToken).ConfigureAwait(false)) is { } conflict)
        {
            return conflict;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        if (row is not null)
        {
            var texts = await db.Revisions.AsNoTracking().Where(r => r.DocumentKey == row.Key && r.Text != "").Select(r => r.Text).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var text in texts)
            {
                used.UnionWith(DocumentSaving.IdsOf(text, document.Kind));
            }
        }

        var (stored, storedText) = DocumentSaving.Prepare(document, existing?.Revision, used, file, existing is null ? row?.Revision : null);
        if (row is null)
        {
            row = new DocumentRow { WorkspaceId = workspaceId, Kind = document.Kind, File = file, Text = "" };
            db.Documents.Add(row);
        }

        row.DocumentId = stored.Id;
        row.Text = storedText;
        row.Revision = stored.Revision;
        AddRevision(row, info, null);
        return await CommitAsync(document.Kind, document.Id, expectedRevision, cancellationToken).ConfigureAwait(false)
            ?? new SaveResult { Outcome = SaveOutcome.Saved, Document = new StoredDocument(stored.Kind, stored.Id, file, storedText, stored.Revision) };
    }

    public async Task<SaveResult> DeleteAsync(DocumentKind kind, string id, int expectedRevision, SaveInfo? info = null, CancellationToken cancellationToken = default)
    {
        db.ChangeTracker.Clear();
        var row = await Current(kind, id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return new SaveResult { Outcome = SaveOutcome.NotFound, ExpectedRevision = expectedRevision };
        }

        var deleted = new StoredDocument(kind, id, row.File, row.Text, row.Revision);
        if (DocumentSaving.Conflict(expectedRevision, row.Revision, await LastAsync(row.Key, cancellationToken).ConfigureAwait(false)) is { } conflict)
        {
            return conflict;
        }

        // A deletion is a revision with no text, so the history (and the ids it used) stays.
        row.Text = "";
        row.Revision++;
        AddRevision(row, info, "deleted");
        return await CommitAsync(kind, id, expectedRevision, cancellationToken).ConfigureAwait(false)
            ?? new SaveResult { Outcome = SaveOutcome.Deleted, Document = deleted };
    }

    public async Task<IReadOnlyList<RevisionInfo>> HistoryAsync(DocumentKind kind, string id, CancellationToken cancellationToken = default)
    {
        var file = await Current(kind, id).Select(d => d.File).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? DocumentSaving.NewFile(kind, id);
        var rows = await db.Revisions.AsNoTracking()
            .Where(r => r.Text != "" && db.Documents.Any(d => d.Key == r.DocumentKey && d.WorkspaceId == workspaceId && d.File == file))
            .OrderByDescending(r => r.Number)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(Info)];
    }

    /// <summary>The document's text as revision <paramref name="revision"/> stored it (the latest such row), or null when it has no such revision.</summary>
    public async Task<StoredDocument?> ReadRevisionAsync(DocumentKind kind, string id, int revision, CancellationToken cancellationToken = default)
    {
        var file = await Current(kind, id).Select(d => d.File).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? DocumentSaving.NewFile(kind, id);
        var text = await db.Revisions.AsNoTracking()
            .Where(r => r.Revision == revision && r.Text != "" && db.Documents.Any(d => d.Key == r.DocumentKey && d.WorkspaceId == workspaceId && d.File == file))
            .OrderByDescending(r => r.Number)
            .Select(r => r.Text)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return text is null ? null : new StoredDocument(kind, id, file, text, revision);
    }

    /// <summary>Puts a file's text in as it is (as a folder would hold it), without the checks of a save: for seeding and import.</summary>
    public async Task PutFileAsync(string relativePath, string text, CancellationToken cancellationToken = default)
    {
        var kind = WorkspaceLoader.KindOfPath(relativePath) ?? throw new ArgumentException($"{relativePath} is not a document's path", nameof(relativePath));
        var entry = WorkspaceLoader.Read(workspaceId, workspaceId, "", [new WorkspaceFile(relativePath, text)]).Workspace.Entries().FirstOrDefault();
        db.ChangeTracker.Clear();
        var row = await db.Documents.FirstOrDefaultAsync(d => d.WorkspaceId == workspaceId && d.File == relativePath, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            row = new DocumentRow { WorkspaceId = workspaceId, Kind = kind, File = relativePath, Text = "" };
            db.Documents.Add(row);
        }

        row.DocumentId = entry?.Id;
        row.Text = text;
        row.Revision = entry?.Revision ?? 0;
        AddRevision(row, null, null);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private IQueryable<DocumentRow> Current(DocumentKind kind, string id) =>
        db.Documents.Where(d => d.WorkspaceId == workspaceId && d.Kind == kind && d.DocumentId == id && d.Text != "").OrderBy(d => d.File);

    private void AddRevision(DocumentRow row, SaveInfo? info, string? defaultMessage)
    {
        db.Revisions.Add(new RevisionRow
        {
            Document = row,
            Number = ++row.Sequence,
            Revision = row.Revision,
            Text = row.Text,
            Author = info?.Author,
            Time = _clock.GetUtcNow(),
            Message = info?.Message ?? defaultMessage,
        });
    }

    private async Task<RevisionInfo?> LastAsync(long key, CancellationToken cancellationToken)
    {
        var last = await db.Revisions.AsNoTracking().Where(r => r.DocumentKey == key).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return last is null ? null : Info(last);
    }

    /// <summary>Writes the tracked changes; null when written, else the conflict with what another writer stored first.</summary>
    private async Task<SaveResult?> CommitAsync(DocumentKind kind, string id, int? expectedRevision, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (DbUpdateException e)
        {
            // Another writer got there first (the revision's UPDATE matched no row, or the same file or revision row was
            // inserted): nothing of this save was written. Report what is stored now. When the stored revision is still
            // the one expected, nobody got there first: the failure is not a conflict and is not hidden as one.
            db.ChangeTracker.Clear();
            var now = await Current(kind, id).AsNoTracking().FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (now?.Revision == expectedRevision)
            {
                throw new InvalidOperationException($"saving {kind} {id} in workspace {workspaceId} failed: {e.Message}", e);
            }

            return new SaveResult
            {
                Outcome = SaveOutcome.Conflict,
                ExpectedRevision = expectedRevision,
                ActualRevision = now?.Revision,
                SavedInBetween = now is null ? null : await LastAsync(now.Key, cancellationToken).ConfigureAwait(false),
            };
        }
    }

    private static RevisionInfo Info(RevisionRow row) => new(row.Revision, row.Author, row.Time, row.Message);
}

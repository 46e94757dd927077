namespace Wayfinder.App.Documents;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

/// <summary>
/// Where a workspace's documents live: a folder of YAML files, memory, or (on the server) a database. Every use case
/// reads and writes documents through this seam, so each runs unchanged on every store.
/// </summary>
public interface IDocumentRepository
{
    /// <summary>Where the workspace lives, as messages name it (a folder path, or a name).</summary>
    string Location { get; }

    /// <summary>The whole workspace: its config and every document that parses; what could not be read is in the result.</summary>
    Task<(Workspace Workspace, ValidationResult Result)> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Every document's kind, id, file and revision, without parsing more than needed.</summary>
    Task<IReadOnlyList<DocumentEntry>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>One document's stored text and revision, or null when there is none of that kind and id.</summary>
    Task<StoredDocument?> ReadAsync(DocumentKind kind, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a document. <paramref name="expectedRevision"/> is the revision the caller last read (null: the document must
    /// not exist yet); a save on any other revision is refused with a <see cref="SaveOutcome.Conflict"/> and changes
    /// nothing. Element ids missing from the document are assigned (readable slugs, never reused); a new document keeps
    /// the revision it carries, an update gets the next one.
    /// </summary>
    Task<SaveResult> SaveAsync(IDocument document, int? expectedRevision, SaveInfo? info = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a document on the revision the caller last read; a stale revision is a conflict and nothing is deleted.</summary>
    Task<SaveResult> DeleteAsync(DocumentKind kind, string id, int expectedRevision, SaveInfo? info = null, CancellationToken cancellationToken = default);

    /// <summary>The document's revisions, newest first; a store that keeps no history lists only the current one.</summary>
    Task<IReadOnlyList<RevisionInfo>> HistoryAsync(DocumentKind kind, string id, CancellationToken cancellationToken = default);
}

/// <summary>A document as listed: where it is and which revision it is at.</summary>
public sealed record DocumentEntry(DocumentKind Kind, string Id, string Title, string File, int Revision);

/// <summary>A document as stored: its text (the bytes a file holds), its file and revision.</summary>
public sealed record StoredDocument(DocumentKind Kind, string Id, string File, string Text, int Revision);

/// <summary>Who saved and why; both optional.</summary>
public sealed record SaveInfo(string? Author = null, string? Message = null);

/// <summary>One revision of a document: who saved it, when, and why.</summary>
public sealed record RevisionInfo(int Revision, string? Author, DateTimeOffset? Time, string? Message);

/// <summary>How a save or delete ended.</summary>
public enum SaveOutcome
{
    Saved,
    Deleted,

    /// <summary>The document changed since the caller read it (or exists already, or is gone): nothing was written.</summary>
    Conflict,

    /// <summary>There is no such document to delete.</summary>
    NotFound,
}

/// <summary>
/// The result of a save or delete: the stored document when saved; on a conflict, the revision found and who saved
/// it, so the caller can say who saved in between.
/// </summary>
public sealed record SaveResult
{
    public required SaveOutcome Outcome { get; init; }
    public StoredDocument? Document { get; init; }

    /// <summary>On a conflict: the revision the caller expected (null: none, a new document).</summary>
    public int? ExpectedRevision { get; init; }

    /// <summary>On a conflict: the revision stored now (null: the document does not exist).</summary>
    public int? ActualRevision { get; init; }

    /// <summary>On a conflict: who saved the stored revision, when the store knows.</summary>
    public RevisionInfo? SavedInBetween { get; init; }

    public bool Succeeded => Outcome is SaveOutcome.Saved or SaveOutcome.Deleted;

    /// <summary>A plain-words account of a conflict or a missing document.</summary>
    public string Message => Outcome switch
    {
        SaveOutcome.Conflict when ActualRevision is null => $"the document no longer exists (expected revision {ExpectedRevision})",
        SaveOutcome.Conflict when ExpectedRevision is null => $"a document with that id exists already (revision {ActualRevision})",
        SaveOutcome.Conflict => $"the document was saved in between: expected revision {ExpectedRevision}, found {ActualRevision}"
            + (SavedInBetween?.Author is { } who ? $" saved by {who}" : ""),
        SaveOutcome.NotFound => "no such document",
        _ => "",
    };
}

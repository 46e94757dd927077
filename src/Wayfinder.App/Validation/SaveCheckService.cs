namespace Wayfinder.App.Validation;

using Wayfinder.App.Documents;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

/// <summary>What a save would leave in its document: the errors (which block it) and the warnings (which do not).</summary>
public sealed record SaveCheck(string File, IReadOnlyList<Diagnostic> Diagnostics)
{
    public IReadOnlyList<Diagnostic> Errors => [.. Diagnostics.Where(d => d.Severity == Severity.Error)];

    public bool Allowed => !Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>
/// Decides whether a document may be saved: the document as it would be stored (element ids assigned) replaces the
/// stored one in an in-memory copy of its workspace, the copy is validated, and the problems in that document count,
/// with the errors it would bring into the documents that name it (a map turned future that another names as its
/// current map): a save never makes another document invalid. Problems those had already, and problems elsewhere in
/// the workspace, do not block the save.
/// </summary>
public sealed class SaveCheckService(ValidationService validation)
{
    public async Task<SaveCheck> CheckAsync(IDocumentRepository repository, IDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(document);
        var (workspace, before) = await repository.LoadAsync(cancellationToken).ConfigureAwait(false);
        var existing = workspace.Find(document.Kind, document.Id);
        var file = existing?.File ?? DocumentSaving.NewFile(document.Kind, document.Id);
        var used = existing is null ? new HashSet<string>(StringComparer.Ordinal) : DocumentSaving.IdsOf(existing.Text, document.Kind);
        var (_, text) = DocumentSaving.Prepare(document, existing?.Revision, used, file);

        // Every other document as it was read, this one as it would be stored.
        var files = workspace.Personas.Select(p => new WorkspaceFile(p.File, p.Text))
            .Concat(workspace.Journeys.Select(j => new WorkspaceFile(j.File, j.Text)))
            .Concat(workspace.ValueGaps.Select(v => new WorkspaceFile(v.File, v.Text)))
            .Where(f => !string.Equals(f.Path, file, StringComparison.Ordinal))
            .Append(new WorkspaceFile(file, text));
        var (copy, read) = WorkspaceLoader.Read(repository.Location, repository.Location, workspace.ConfigText.Length == 0 ? null : workspace.ConfigText, files);
        var check = validation.Validate(copy, read);
        var mine = check.Diagnostics.Where(d => string.Equals(d.File, file, StringComparison.Ordinal));

        // Only the documents that name this one can be broken by it; they are looked at (and the workspace validated as it
        // was) only when there are any.
        var naming = DocumentReferences.UsedBy(copy, document.Kind, document.Id).Select(r => r.File).ToHashSet(StringComparer.Ordinal);
        if (naming.Count == 0)
        {
            return new SaveCheck(file, [.. mine]);
        }

        var known = validation.Validate(workspace, before).Diagnostics.Where(d => naming.Contains(d.File)).Select(Key).ToHashSet();
        var broken = check.Diagnostics.Where(d => d.Severity == Severity.Error && naming.Contains(d.File) && !known.Contains(Key(d)));
        return new SaveCheck(file, [.. mine, .. broken]);
    }

    // The same problem when at the same place with the same code: its words may name the workspace's ids, which a save changes.
    private static (string File, string Path, string? Code) Key(Diagnostic d) => (d.File, d.Path, d.Code);
}

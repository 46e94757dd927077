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
/// stored one in an in-memory copy of its workspace, the copy is validated, and the problems in that document count.
/// Problems elsewhere in the workspace do not block the save.
/// </summary>
public sealed class SaveCheckService(ValidationService validation)
{
    public async Task<SaveCheck> CheckAsync(IDocumentRepository repository, IDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(document);
        var (workspace, _) = await repository.LoadAsync(cancellationToken).ConfigureAwait(false);
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
        return new SaveCheck(file, [.. check.Diagnostics.Where(d => string.Equals(d.File, file, StringComparison.Ordinal))]);
    }
}

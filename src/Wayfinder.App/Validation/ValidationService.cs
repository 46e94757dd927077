namespace Wayfinder.App.Validation;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

/// <summary>A workspace and every problem found in it: what could not be read, then what the validator says.</summary>
public sealed record WorkspaceCheck(Workspace Workspace, IReadOnlyList<Diagnostic> Diagnostics)
{
    public int Errors => Diagnostics.Count(d => d.Severity == Severity.Error);

    public int Warnings => Diagnostics.Count - Errors;

    public bool IsValid => Errors == 0;

    /// <summary>How many files have a problem.</summary>
    public int Files => Diagnostics.Select(d => d.File).Distinct().Count();
}

/// <summary>Validates a workspace: each file's structure, the model, and the references between documents.</summary>
public sealed class ValidationService
{
    /// <summary>Loads the workspace and validates it; each problem once, in file and position order.</summary>
    public async Task<WorkspaceCheck> ValidateAsync(WorkspaceStores workspace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var (loaded, result) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        return Validate(loaded, result);
    }

    /// <summary>Validates a workspace already loaded, with what its loading found (<paramref name="read"/>); each problem once.</summary>
    public WorkspaceCheck Validate(Workspace loaded, ValidationResult read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var result = new ValidationResult();
        result.AddRange(read.Diagnostics);
        result.AddRange(WorkspaceValidator.Validate(loaded).Diagnostics);
        result.AddRange(EvidenceStores.Check(loaded.Config, loaded.ConfigText));
        var distinct = new ValidationResult();
        distinct.AddRange(result.Diagnostics.Distinct());
        return new WorkspaceCheck(loaded, distinct.Sorted());
    }

    /// <summary>
    /// Validates only <paramref name="files"/> (paths relative to the workspace root, '/'-separated, as diagnostics name
    /// them): the whole workspace is loaded so references resolve against every document, and only the problems in
    /// those files are kept. <see cref="WorkspaceCheck.Files"/> then counts only files with problems among them.
    /// </summary>
    public async Task<WorkspaceCheck> ValidateAsync(WorkspaceStores workspace, IReadOnlyCollection<string> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var check = await ValidateAsync(workspace, cancellationToken).ConfigureAwait(false);
        var wanted = files.ToHashSet(StringComparer.Ordinal);
        return check with { Diagnostics = [.. check.Diagnostics.Where(d => wanted.Contains(d.File))] };
    }
}

namespace Wayfinder.App.Validation;

using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

/// <summary>
/// What a change of several files at once (settings, documents, deletions) would break: the errors the workspace has after
/// it that it did not have before, as <c>wayfinder validate</c> finds them. A change of the settings or a push is refused
/// when it makes a document invalid that is valid now; errors a document already had do not count against it.
/// </summary>
public static class WorkspaceChange
{
    /// <summary>
    /// The errors of the workspace made of <paramref name="afterConfig"/> and <paramref name="afterFiles"/> that the one made
    /// of <paramref name="beforeConfig"/> and <paramref name="beforeFiles"/> does not have (a problem is the same when it is
    /// in the same file at the same path with the same code).
    /// </summary>
    public static IReadOnlyList<Diagnostic> NewErrors(
        string name, string? beforeConfig, IEnumerable<WorkspaceFile> beforeFiles, string? afterConfig, IEnumerable<WorkspaceFile> afterFiles, DateOnly today)
    {
        var known = Errors(name, beforeConfig, beforeFiles, today).Select(Key).ToHashSet();
        return [.. Errors(name, afterConfig, afterFiles, today).Where(d => !known.Contains(Key(d)))];
    }

    private static IEnumerable<Diagnostic> Errors(string name, string? configText, IEnumerable<WorkspaceFile> files, DateOnly today)
    {
        var (loaded, result) = WorkspaceLoader.Read(name, name, configText, [.. files]);
        return result.Errors.Concat(WorkspaceValidator.Validate(loaded, today).Errors).Distinct();
    }

    // The same problem when at the same place with the same code: its words may list the workspace's ids (use one of …),
    // which the change may add to.
    private static (string File, string Path, string? Code) Key(Diagnostic d) => (d.File, d.Path, d.Code);
}

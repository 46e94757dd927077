namespace Wayfinder.Core.Tests.Validation;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

/// <summary>Loads and validates a fixture workspace under Fixtures/validation.</summary>
internal static class Fixture
{
    public static readonly DateOnly Today = new(2026, 11, 25);

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "validation", name);

    /// <summary>The loader's and the validator's diagnostics together, sorted, as the CLI prints them.</summary>
    public static IReadOnlyList<Diagnostic> Check(string name)
    {
        var (workspace, result) = WorkspaceFolder.Load(PathOf(name));
        result.AddRange(WorkspaceValidator.Validate(workspace, Today).Diagnostics);
        return result.Sorted();
    }

    public static string[] Lines(string name) => [.. Check(name).Select(d => d.ToString())];
}

namespace Wayfinder.Core.Validation;

using Wayfinder.Core.Workspaces;

/// <summary>Checks a loaded workspace and reports every problem with its file, line, column and path.</summary>
public static class WorkspaceValidator
{
    /// <summary>Validates every document against the model and against each other (references, ids).</summary>
    public static ValidationResult Validate(Workspace workspace) => throw new NotImplementedException("contract stub: built by the validation work");
}

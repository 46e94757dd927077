namespace Wayfinder.Core.Validation;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// One problem found in a workspace file, saying where (file, line, column, path in the document) and what
/// to do: <c>journeys/onboarding.yaml:14:7 stages[2].id: duplicate id "trial" (also at 9:7)</c>.
/// </summary>
public sealed record Diagnostic
{
    /// <summary>The file, relative to the workspace root, with forward slashes.</summary>
    public required string File { get; init; }

    /// <summary>1-based line; 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>1-based column; 0 when unknown.</summary>
    public int Column { get; init; }

    /// <summary>The path in the document, e.g. <c>stages[2].id</c>; empty for the whole file.</summary>
    public string Path { get; init; } = "";
    public required string Message { get; init; }
    public Severity Severity { get; init; } = Severity.Error;

    /// <summary>A stable code for scripts, e.g. <c>duplicate-id</c>.</summary>
    public string Code { get; init; } = "invalid";

    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var path = Path.Length > 0 ? $" {Path}:" : "";
        var warn = Severity == Severity.Warning ? " warning:" : "";
        return $"{where}{warn}{path} {Message}";
    }
}

/// <summary>
/// All the problems found, not only the first. A diagnostic equal to one already held is not added again, so the
/// loader's and the validator's results can be combined without repeating a problem both found.
/// </summary>
public sealed class ValidationResult
{
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly HashSet<Diagnostic> _seen = [];

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public IEnumerable<Diagnostic> Errors => _diagnostics.Where(d => d.Severity == Severity.Error);

    public IEnumerable<Diagnostic> Warnings => _diagnostics.Where(d => d.Severity == Severity.Warning);

    public bool IsValid => !_diagnostics.Any(d => d.Severity == Severity.Error);

    public void Add(Diagnostic diagnostic)
    {
        if (_seen.Add(diagnostic))
        {
            _diagnostics.Add(diagnostic);
        }
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Add(diagnostic);
        }
    }

    /// <summary>Orders by file, line, column so output is stable.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _diagnostics.OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column).ThenBy(d => d.Path, StringComparer.Ordinal)];
}

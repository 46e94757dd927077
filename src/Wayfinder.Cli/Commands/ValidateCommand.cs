namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Validation;

/// <summary><c>wayfinder validate</c>: every problem of every file, with where and what.</summary>
internal static class ValidateCommand
{
    /// <summary>One diagnostic as <c>--json</c> prints it; line and column are 1-based, 0 when unknown.</summary>
    internal sealed record DiagnosticRow(string File, int Line, int Column, string Path, Severity Severity, string Code, string Message)
    {
        public static DiagnosticRow From(Diagnostic d) => new(d.File, d.Line, d.Column, d.Path, d.Severity, d.Code, d.Message);
    }

    public static Command Create(CliContext context)
    {
        var json = CommonOptions.Json();
        var command = new Command("validate", "Check every document of the workspace (YAML, model, references between documents); exit 1 when there are errors, 0 otherwise (warnings allowed)")
        {
            json,
        };
        context.Examples[command] =
        [
            "wayfinder validate",
            "wayfinder validate --workspace samples/demo",
            "wayfinder validate --json | jq -r '.[] | select(.severity == \"error\") | .message'",
        ];
        command.SetAction(parse =>
        {
            if (!context.TryFindWorkspace(parse, out var root))
            {
                return ExitCodes.Failed;
            }

            var (workspace, result) = CliContext.LoadAndValidate(root);
            var diagnostics = new ValidationResult();
            diagnostics.AddRange(result.Diagnostics.Distinct());
            var sorted = diagnostics.Sorted();
            if (parse.GetValue(json))
            {
                context.Json(sorted.Select(DiagnosticRow.From).ToList());
            }
            else
            {
                context.Print(sorted);
            }

            var documents = workspace.AllDocuments.Count();
            var errors = sorted.Count(d => d.Severity == Severity.Error);
            var warnings = sorted.Count - errors;
            context.Info(errors > 0
                ? $"{Count(errors, "error")}, {Count(warnings, "warning")} in {Count(sorted.Select(d => d.File).Distinct().Count(), "file")}"
                : $"valid: {Count(documents, "document")}, {Count(warnings, "warning")}");
            return errors > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    internal static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}

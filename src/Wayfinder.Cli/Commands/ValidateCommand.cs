namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using Wayfinder.App.Validation;
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
        var files = new Argument<string[]>("FILE") { Description = "Only these files of the workspace (references are still resolved against every document); default: every file", Arity = ArgumentArity.ZeroOrMore };
        files.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith('-')))
            {
                result.AddError($"Unrecognized command or argument '{token.Value}'.");
            }
        });
        var json = CommonOptions.Json();
        var command = new Command("validate", "Check every document of the workspace, or only the files given (YAML, model, references between documents); exit 1 when there are errors, 0 otherwise (warnings allowed)")
        {
            files, json,
        };
        context.Examples[command] =
        [
            "wayfinder validate",
            "wayfinder validate --workspace samples/demo",
            "wayfinder validate journeys/onboarding.yaml personas/maya.yaml",
            "wayfinder validate --json | jq -r '.[] | select(.severity == \"error\") | .message'",
        ];
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!context.TryFindWorkspace(parse, out var root))
            {
                return ExitCodes.Failed;
            }

            var given = parse.GetValue(files) ?? [];
            var relative = new List<string>();
            foreach (var file in given)
            {
                var full = context.Resolve(file);
                var inRoot = Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
                if (!File.Exists(full) || inRoot.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(inRoot))
                {
                    context.Error(File.Exists(full) ? $"{file} is not in the workspace {context.Display(root)}" : $"no file {file}");
                    return ExitCodes.Usage;
                }

                relative.Add(inRoot);
            }

            var service = context.Get<ValidationService>();
            var check = relative.Count > 0
                ? await service.ValidateAsync(context.Open(root), relative, cancellationToken).ConfigureAwait(false)
                : await service.ValidateAsync(context.Open(root), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                context.Json(check.Diagnostics.Select(DiagnosticRow.From).ToList());
            }
            else
            {
                context.Print(check.Diagnostics);
            }

            context.Info(check.Errors > 0
                ? $"{Count(check.Errors, "error")}, {Count(check.Warnings, "warning")} in {Count(check.Files, "file")}"
                : relative.Count > 0
                    ? $"valid: {Count(relative.Count, "file")}, {Count(check.Warnings, "warning")}"
                    : $"valid: {Count(check.Workspace.AllDocuments.Count(), "document")}, {Count(check.Warnings, "warning")}");
            return check.Errors > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    internal static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}

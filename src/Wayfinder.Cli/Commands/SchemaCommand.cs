namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using Wayfinder.App.Workspaces;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Workspaces;

/// <summary><c>wayfinder schema</c>: the JSON Schemas of the workspace files, for editors and CI.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext context)
    {
        var output = CommonOptions.Output($"The folder to write them to (default: {SchemaFiles.Folder}/ of the workspace, or ./schemas outside one)");
        var command = new Command("schema", "Write the JSON Schemas of wayfinder.yaml, personas, journeys and value gap maps (what the yaml-language-server line points at)")
        {
            output,
        };
        context.Examples[command] = ["wayfinder schema", "wayfinder schema -o schemas/"];
        command.SetAction(parse =>
        {
            string directory;
            if (parse.GetValue(output) is { } o)
            {
                directory = context.Resolve(o);
            }
            else if (parse.GetValue(context.WorkspaceOption) is not null || WorkspaceFolder.FindRoot(context.CurrentDirectory) is not null)
            {
                if (!context.TryFindWorkspace(parse, out var root))
                {
                    return ExitCodes.Failed;
                }

                directory = Path.Combine(root, SchemaFiles.Folder);
            }
            else
            {
                directory = context.Resolve("schemas");
            }

            foreach (var path in SchemaFiles.WriteAll(directory))
            {
                context.Info($"wrote {context.Display(path)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

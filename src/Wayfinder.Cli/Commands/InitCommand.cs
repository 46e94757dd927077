namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using Wayfinder.App.Templates;
using Wayfinder.App.Workspaces;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Workspaces;

/// <summary><c>wayfinder init [DIR]</c>: a new workspace, with the demo content or empty, and its JSON Schemas.</summary>
internal static class InitCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string?>("DIR") { Description = "Where to create the workspace (default: the current folder)", Arity = ArgumentArity.ZeroOrOne };
        var name = new Option<string?>("--name") { Description = "The workspace's name (default: the folder's name, or the demo's)", HelpName = "NAME" };
        var empty = new Option<bool>("--empty") { Description = "Only wayfinder.yaml with the standard channels, no demo documents" };
        var force = CommonOptions.Force("Overwrite the files of an existing workspace");
        var command = new Command("init", "Create a workspace: the demo personas, journeys and value gap map (or an empty one), and the JSON Schemas editors use")
        {
            directory, name, empty, force,
        };
        context.Examples[command] =
        [
            "wayfinder init                      # the demo workspace in the current folder",
            "wayfinder init my-maps --name \"Acme CX\"",
            "wayfinder init my-maps --empty      # only wayfinder.yaml and the schemas",
        ];
        command.SetAction(parse => Run(context, context.Resolve(parse.GetValue(directory) ?? "."), parse.GetValue(name), parse.GetValue(empty), parse.GetValue(force)));
        return command;
    }

    private static int Run(CliContext context, string root, string? name, bool empty, bool force)
    {
        var configPath = Path.Combine(root, WorkspaceLoader.ConfigFileName);
        if (File.Exists(configPath) && !force)
        {
            context.Error($"{context.Display(root)} already holds a workspace ({WorkspaceLoader.ConfigFileName}); "
                + "choose another folder, or pass --force to overwrite its files");
            return ExitCodes.Failed;
        }

        if (File.Exists(root))
        {
            context.Error($"{context.Display(root)} is a file; give a folder to create the workspace in");
            return ExitCodes.Failed;
        }

        Directory.CreateDirectory(root);
        var files = empty ? WorkspaceSeeds.Empty(name ?? Path.GetFileName(root)) : WorkspaceSeeds.Demo(name);
        foreach (var (relative, text) in files)
        {
            var path = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        SchemaFiles.WriteAll(Path.Combine(root, SchemaFiles.Folder));
        var (workspace, _) = WorkspaceFolder.Load(root);
        context.Info($"created workspace \"{workspace.Config.Name}\" in {context.Display(root)}: "
            + $"{ValidateCommand.Count(workspace.Personas.Count, "persona")}, {ValidateCommand.Count(workspace.Journeys.Count, "journey")}, "
            + $"{ValidateCommand.Count(workspace.ValueGaps.Count, "value gap map")}; "
            + $"JSON Schemas in {SchemaFiles.Folder}/");
        var cd = root == context.CurrentDirectory ? "" : $"cd {context.Display(root)} && ";
        context.Info(empty
            ? $"next: {cd}wayfinder new persona ID, then wayfinder new journey ID --persona ID"
            : $"next: {cd}wayfinder validate && wayfinder render --all --format svg");
        return ExitCodes.Ok;
    }
}

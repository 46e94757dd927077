namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using System.Text.RegularExpressions;
using Wayfinder.App.Workspaces;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Mermaid;

/// <summary><c>wayfinder import mermaid FILE</c>: a Mermaid <c>journey</c> diagram as a journey map document.</summary>
internal static partial class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("import", "Import Mermaid journey diagrams as journey maps, and data (events, surveys, insights) into the workspace");
        command.Subcommands.Add(CreateMermaid(context));
        context.Examples[command] = ["wayfinder import mermaid checkout.mmd --id checkout"];
        return command;
    }

    private static Command CreateMermaid(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A Mermaid file whose diagram is a `journey`" };
        var id = new Option<string?>("--id") { Description = "The journey's id (default: from the file name)", HelpName = "ID" };
        var output = CommonOptions.Output("Where to write the journey (a .yaml file or a folder); default: journeys/ID.yaml in the workspace");
        var force = CommonOptions.Force("Overwrite an existing file");
        var command = new Command("mermaid", "Import a Mermaid `journey` diagram as journeys/ID.yaml: sections become stages, tasks steps, actors personas, scores the emotion curve")
        {
            file, id, output, force,
        };
        context.Examples[command] =
        [
            "wayfinder import mermaid checkout.mmd                 # journeys/checkout.yaml",
            "wayfinder import mermaid docs/day.md --id my-day -o journeys/",
        ];
        command.SetAction(parse => Run(context, parse, parse.GetValue(file)!, parse.GetValue(id), parse.GetValue(output), parse.GetValue(force)));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, string file, string? requestedId, string? output, bool force)
    {
        var source = context.Resolve(file);
        if (!File.Exists(source))
        {
            context.Error($"no file {file}");
            return ExitCodes.Failed;
        }

        var id = requestedId ?? Slugify(Path.GetFileNameWithoutExtension(source));
        if (!Slug().IsMatch(id))
        {
            context.Error($"\"{id}\" is not a valid id: use lowercase letters, digits and single dashes; choose one with --id");
            return ExitCodes.Usage;
        }

        string target;
        string? root;
        if (output is null)
        {
            if (!context.TryFindWorkspace(parse, out var found))
            {
                return ExitCodes.Failed;
            }

            root = found;
            target = Path.Combine(root, WorkspaceLoader.FolderOf(Core.Documents.DocumentKind.Journey), id + ".yaml");
        }
        else
        {
            var resolved = context.Resolve(output);
            target = Directory.Exists(resolved) || output.EndsWith('/') || !(resolved.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || resolved.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                ? Path.Combine(resolved, id + ".yaml")
                : resolved;
            root = WorkspaceFolder.FindRoot(Path.GetDirectoryName(target)!);
        }

        if (File.Exists(target) && !force)
        {
            context.Error($"{context.Display(target)} already exists; choose another id with --id, or pass --force to overwrite it");
            return ExitCodes.Failed;
        }

        var (journey, result) = MermaidJourney.Import(File.ReadAllText(source), context.Display(source), id);
        context.Print(result.Sorted());
        if (journey is null || !result.IsValid)
        {
            context.Error($"could not import {file}: {ValidateCommand.Count(result.Errors.Count(), "error")}");
            return ExitCodes.Failed;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string text;
        if (root is null)
        {
            text = DocumentYaml.Write(journey);
        }
        else
        {
            SchemaFiles.EnsureIn(root);
            text = SchemaFiles.DocumentText(journey, root, target);
        }

        File.WriteAllText(target, text);
        var dropped = result.Warnings.Count();
        context.Info($"imported {ValidateCommand.Count(journey.Stages.Count, "stage")} into {context.Display(target)}"
            + (dropped > 0 ? $" ({ValidateCommand.Count(dropped, "warning")} above: those lines were not imported)" : ""));
        return ExitCodes.Ok;
    }

    internal static string Slugify(string text) => NotSlugChars().Replace(text.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlugChars();
}

namespace Wayfinder.Cli.Commands.Data;

using System.CommandLine;
using Spectre.Console;
using Wayfinder.App.Workspaces;
using Wayfinder.App.Analysis;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Evidence.Clustering;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary><c>wayfinder personas discover JOURNEY</c>: statistical personas from behavioural clusters.</summary>
internal static class PersonasCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("personas", "Work with personas and data");
        var journeyId = new Argument<string>("JOURNEY") { Description = "The journey whose touchpoints describe behaviour" };
        var k = new Option<int?>("--clusters", "-k") { Description = "How many clusters (default: chosen by silhouette, 2 to 6)", HelpName = "K" };
        var output = CommonOptions.Output("The folder for the draft personas (default: personas/ of the workspace)");
        var force = CommonOptions.Force("Overwrite draft personas written before");
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the clusters without writing files" };
        var discover = new Command("discover", "Cluster customers on behaviour (touchpoints, channels, stage reached, recency, satisfaction) and write each cluster as a draft statistical persona")
        {
            journeyId, k, output, force, dryRun, CommonOptions.Events(),
        };
        context.Examples[discover] = ["wayfinder personas discover first-flight", "wayfinder personas discover first-flight -k 4 --dry-run"];
        discover.SetAction(async (parse, cancellationToken) =>
        {
            if (!context.TryFindWorkspace(parse, out var root))
            {
                return ExitCodes.Failed;
            }

            if (parse.GetValue(k) is < 2 or > 12)
            {
                context.Error("--clusters takes a number from 2 to 12");
                return ExitCodes.Usage;
            }

            var id = parse.GetValue(journeyId)!;
            var workspace = context.Open(root, parse);
            var discovery = await context.Get<PersonaDiscoveryService>().DiscoverAsync(workspace, id, parse.GetValue(k), context.Today, cancellationToken).ConfigureAwait(false);
            if (discovery.Journey is not { } journey)
            {
                AnalyzeCommand.NoSuchJourney(context, id, discovery.KnownJourneys);
                return ExitCodes.Usage;
            }

            if (discovery.Clusters is not { } result)
            {
                context.Error("no events imported yet: run `wayfinder import data` or `wayfinder sample-data` first");
                return ExitCodes.Failed;
            }

            if (result.Clusters.Count == 0)
            {
                context.Error($"too few customers with events on {journey.Id}'s touchpoints to cluster ({result.Customers})");
                return ExitCodes.Failed;
            }

            var table = new Table().Title($"{result.Clusters.Count} clusters of {result.Customers:N0} customers (silhouette {result.Silhouette:0.00})").AddColumns("#", "Name", "Share", "What sets them apart", "Segment");
            foreach (var c in result.Clusters)
            {
                table.AddRow(c.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(c.Name), AnalyzeCommand.Percent(c.Share), Markup.Escape(string.Join("\n", c.Traits.Take(3))), Markup.Escape(c.Segment ?? "(no attribute stands out)"));
            }

            context.OutConsole.Write(table);
            if (parse.GetValue(dryRun))
            {
                return ExitCodes.Ok;
            }

            if (parse.GetValue(output) is { } o)
            {
                return WriteDrafts(context, root, context.Resolve(o), discovery.Drafts, parse.GetValue(force));
            }

            var results = await context.Get<PersonaDiscoveryService>().SaveDraftsAsync(workspace, discovery.Drafts, parse.GetValue(force), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < results.Count; i++)
            {
                var file = Path.Combine(root, results[i].Document?.File ?? $"{WorkspaceLoader.FolderOf(Core.Documents.DocumentKind.Persona)}/{discovery.Drafts[i].Id}.yaml");
                if (!results[i].Succeeded)
                {
                    context.Error($"{context.Display(file)} already exists; pass --force to replace the drafts");
                    return ExitCodes.Failed;
                }

                context.Info($"wrote {context.Display(file)}");
            }

            return ExitCodes.Ok;
        });
        command.Subcommands.Add(discover);
        return command;
    }

    /// <summary>Drafts into a folder outside the workspace's persona folder (<c>-o</c>), never over a file without --force.</summary>
    private static int WriteDrafts(CliContext context, string root, string folder, IReadOnlyList<Core.Documents.Persona> drafts, bool force)
    {
        Directory.CreateDirectory(folder);
        foreach (var persona in drafts)
        {
            var path = Path.Combine(folder, persona.Id + ".yaml");
            if (File.Exists(path) && !force)
            {
                context.Error($"{context.Display(path)} already exists; pass --force to replace the drafts");
                return ExitCodes.Failed;
            }

            File.WriteAllText(path, SchemaFiles.DocumentText(persona, root, path));
            context.Info($"wrote {context.Display(path)}");
        }

        return ExitCodes.Ok;
    }
}

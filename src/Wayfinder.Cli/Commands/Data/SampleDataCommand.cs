namespace Wayfinder.Cli.Commands.Data;

using System.CommandLine;
using Spectre.Console;
using Wayfinder.App.Workspaces;
using Wayfinder.App.Data;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.SampleData;

/// <summary><c>wayfinder sample-data</c>: realistic, seeded events, surveys and insights for the workspace's journeys.</summary>
internal static class SampleDataCommand
{
    public static Command Create(CliContext context)
    {
        var customers = new Option<int>("--customers", "-n") { Description = "How many customers walk each journey", DefaultValueFactory = _ => 2000, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "The same seed always writes the same data", DefaultValueFactory = _ => 42, HelpName = "SEED" };
        var output = CommonOptions.Output("The folder for events.csv, surveys.csv and insights.csv (default: data/sample in the workspace)");
        var noImport = new Option<bool>("--no-import") { Description = "Only write the files; do not import them" };
        var command = new Command("sample-data", "Write realistic, seeded sample data (drop-offs, loops, channel switches, unhappy touchpoints, competitor mentions) for the workspace's current journeys, and import it")
        {
            customers, seed, output, noImport, CommonOptions.Events(),
        };
        context.Examples[command] = ["wayfinder sample-data", "wayfinder sample-data -n 100000 --seed 7"];
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!context.TryFindWorkspace(parse, out var root))
            {
                return ExitCodes.Failed;
            }

            var n = parse.GetValue(customers);
            if (n is < 1 or > 10_000_000)
            {
                context.Error("--customers takes a number from 1 to 10,000,000");
                return ExitCodes.Usage;
            }

            var workspace = context.Open(root, parse);
            var sampler = context.Get<SampleDataService>();
            var folder = parse.GetValue(output) is { } o ? context.Resolve(o) : Path.Combine(root, "data", "sample");
            SampleDataResult? result = null;
            if (context.ErrConsole.Profile.Capabilities.Interactive)
            {
                await context.ErrConsole.Status().StartAsync("writing sample data…", async status =>
                {
                    result = await sampler.WriteAsync(workspace, folder, n, parse.GetValue(seed), new Progress<long>(count => status.Status($"writing sample data: {count:N0} events")), cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else
            {
                result = await sampler.WriteAsync(workspace, folder, n, parse.GetValue(seed), null, cancellationToken).ConfigureAwait(false);
            }

            context.Info($"wrote {result!.Events:N0} events to {context.Display(result.EventsFile)}, {result.Surveys:N0} survey answers to {context.Display(result.SurveysFile)}, {result.Insights:N0} insights to {context.Display(result.InsightsFile)}");
            if (parse.GetValue(noImport))
            {
                return ExitCodes.Ok;
            }

            var reports = new List<ImportReport>();
            foreach (var file in SampleDataService.Files(result))
            {
                reports.Add(await DataImport.Import(context, workspace, file, cancellationToken).ConfigureAwait(false));
            }

            return DataImport.Finish(context, json: false, reports);
        });
        return command;
    }
}

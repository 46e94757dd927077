namespace Wayfinder.Cli.Commands.Data;

using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Wayfinder.App.Workspaces;
using Wayfinder.App.Data;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// <c>wayfinder import events|surveys|insights FILE</c> and <c>wayfinder import data</c> (every data source in
/// wayfinder.yaml): data into the workspace's embedded store, with a progress bar and a report of bad rows.
/// </summary>
internal static class DataImport
{
    public static void AddTo(Command import, CliContext context)
    {
        import.Subcommands.Add(CreateFile(context, "events", "Import interaction events (CSV, NDJSON or Parquet; plain, GA4, Segment or Mixpanel columns) into the workspace's event store"));
        import.Subcommands.Add(CreateFile(context, "surveys", "Import survey answers (NPS, CSAT, CES, emotion) about touchpoints or stages"));
        import.Subcommands.Add(CreateFile(context, "insights", "Import research notes tagged to personas, stages and touchpoints"));
        var json = CommonOptions.Json();
        var maxBad = MaxBadRows("Store each file's good rows when it has at most N bad rows, instead of each data source's max_bad_rows (default 0: any bad row and nothing of that file is stored)");
        var all = new Command("data", "Import every data source listed in wayfinder.yaml, each file whole or not at all") { json, maxBad, CommonOptions.Events() };
        context.Examples[all] = ["wayfinder import data", "wayfinder import data --max-bad-rows 10"];
        all.SetAction(async (parse, cancellationToken) =>
        {
            if (!context.TryFindWorkspace(parse, out var root))
            {
                return ExitCodes.Failed;
            }

            var workspace = context.Open(root, parse);
            var sources = await context.Get<ImportService>().SourcesAsync(workspace, parse.GetValue(maxBad), cancellationToken).ConfigureAwait(false);
            if (sources.Count == 0)
            {
                context.Error("wayfinder.yaml lists no data_sources; import a file with `wayfinder import events FILE` or add a data source");
                return ExitCodes.Failed;
            }

            var reports = new List<ImportReport>();
            foreach (var source in sources)
            {
                reports.Add(await Import(context, workspace, source, cancellationToken).ConfigureAwait(false));
            }

            return Finish(context, parse.GetValue(json), reports);
        });
        import.Subcommands.Add(all);
    }

    private static Command CreateFile(CliContext context, string kind, string description)
    {
        var file = new Argument<string>("FILE") { Description = "The file to import" };
        var preset = new Option<string?>("--preset") { Description = "Column names of a known export: plain, ga4, segment, mixpanel (events only)", HelpName = "NAME" };
        var format = new Option<string?>("--format") { Description = "csv, ndjson or parquet (default: from the extension)", HelpName = "FORMAT" };
        var json = CommonOptions.Json();
        var maxBad = MaxBadRows("Store the good rows when the file has at most N bad rows (default 0: any bad row and nothing is stored)");
        var command = new Command(kind, description + "; the file is stored whole or not at all") { file, preset, format, maxBad, json, CommonOptions.Events() };
        context.Examples[command] = kind switch
        {
            "events" => ["wayfinder import events data/events.csv", "wayfinder import events export.ndjson --preset segment", "wayfinder import events data/events.csv --max-bad-rows 10"],
            "surveys" => ["wayfinder import surveys data/surveys.csv"],
            _ => ["wayfinder import insights data/insights.csv"],
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!context.TryFindWorkspace(parse, out var root))
            {
                return ExitCodes.Failed;
            }

            if (parse.GetValue(preset) is { } p && !ColumnPresets.Names.Contains(p))
            {
                context.Error($"unknown preset \"{p}\".{Suggestions.DidYouMean(p, [.. ColumnPresets.Names])} Presets: {string.Join(", ", ColumnPresets.Names)}");
                return ExitCodes.Usage;
            }

            var dataKind = Enum.Parse<DataKind>(kind, ignoreCase: true);
            var data = new DataFile(dataKind, context.Resolve(parse.GetValue(file)!), parse.GetValue(preset), parse.GetValue(format), MaxBadRows: parse.GetValue(maxBad) ?? 0);
            var report = await Import(context, context.Open(root, parse), data, cancellationToken).ConfigureAwait(false);
            return Finish(context, parse.GetValue(json), [report]);
        });
        return command;
    }

    private static Option<long?> MaxBadRows(string description)
    {
        var option = new Option<long?>("--max-bad-rows") { Description = description, HelpName = "N" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is < 0)
            {
                result.AddError("--max-bad-rows takes a number of rows, 0 or more (e.g. --max-bad-rows 10)");
            }
        });
        return option;
    }

    /// <summary>Imports one file through the service, with a progress bar on a terminal for events.</summary>
    internal static async Task<ImportReport> Import(CliContext context, WorkspaceStores workspace, DataFile file, CancellationToken cancellationToken)
    {
        var importer = context.Get<ImportService>();
        if (file.Kind != DataKind.Events || !File.Exists(file.Path) || !context.ErrConsole.Profile.Capabilities.Interactive)
        {
            return await importer.ImportAsync(workspace, file, null, cancellationToken).ConfigureAwait(false);
        }

        var path = file.Path;
        ImportReport? report = null;
        var started = DateTime.UtcNow;
        await context.ErrConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"importing {Path.GetFileName(path)}", maxValue: Math.Max(1, new FileInfo(path).Length));
                var reporter = new Progress<ImportProgress>(p =>
                {
                    task.Value = p.Bytes;
                    var seconds = Math.Max(0.001, (DateTime.UtcNow - started).TotalSeconds);
                    task.Description = p.Stage is { } stage
                        ? $"importing {Path.GetFileName(path)}: {p.Rows:N0} rows read, {stage}"
                        : $"importing {Path.GetFileName(path)}: {p.Rows:N0} rows, {p.Rows / seconds:N0} rows/s";
                });
                report = await importer.ImportAsync(workspace, file, reporter, cancellationToken).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return report!;
    }

    /// <summary>Prints each report; exit 0 only when every file was stored.</summary>
    internal static int Finish(CliContext context, bool json, IReadOnlyList<ImportReport> reports)
    {
        if (json)
        {
            context.Json(reports);
        }
        else
        {
            foreach (var report in reports)
            {
                Describe(context, report);
            }

            var stored = reports.Count(r => r.Succeeded);
            if (reports.Count > 1 && stored < reports.Count)
            {
                context.Error($"{stored} of {reports.Count} files stored; nothing was stored from the other {reports.Count - stored}");
            }
        }

        return reports.All(r => r.Succeeded) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void Describe(CliContext context, ImportReport report)
    {
        var name = context.Display(report.File);
        string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        foreach (var problem in report.Problems)
        {
            context.Warning($"{name}:{problem.Line}: {(problem.Field.Length > 0 ? problem.Field + ": " : "")}{problem.Reason}");
        }

        if (report.BadRows > report.Problems.Count)
        {
            context.Warning($"{name}: … and {N(report.BadRows - report.Problems.Count)} more bad rows");
        }

        if (!report.Succeeded)
        {
            context.Error($"{name}: nothing was stored: {report.Error}");
            return;
        }

        context.Info($"{name}: stored: {N(report.RowsRead)} rows read, {N(report.RowsAdded)} added"
            + (report.Duplicates > 0 ? $", {N(report.Duplicates)} already there (skipped)" : "")
            + (report.BadRows > 0 ? $", {N(report.BadRows)} bad {(report.BadRows == 1 ? "row" : "rows")} left out (up to {N(report.MaxBadRows)} accepted)" : "")
            + (report.AppendedSegment is { } segment ? $"; appended as segment {segment} of the store" : ""));
        if (report.Segments >= CompactCommand.SuggestFrom)
        {
            context.Info($"the store holds {report.Segments} appended imports; `wayfinder compact` merges them into one and makes reading faster");
        }
    }
}

namespace Wayfinder.Cli.Commands.Data;

using System.CommandLine;
using System.Globalization;
using Wayfinder.App.Data;
using Wayfinder.Cli.Infrastructure;

/// <summary><c>wayfinder compact</c>: merges the imports appended to the embedded event store into one store, so reading it combines nothing.</summary>
internal static class CompactCommand
{
    /// <summary>Appended imports from which <c>wayfinder import</c> suggests compacting.</summary>
    public const int SuggestFrom = 8;

    public static Command Create(CliContext context)
    {
        var json = CommonOptions.Json();
        var command = new Command("compact", "Merge the imports appended to the workspace's event store into one store, atomically, so that reading it is faster") { json, CommonOptions.Events() };
        context.Examples[command] = ["wayfinder compact", "wayfinder compact --json"];
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!context.TryFindWorkspace(parse, out var root))
            {
                return ExitCodes.Failed;
            }

            var report = await context.Get<ImportService>().CompactAsync(context.Open(root, parse), cancellationToken).ConfigureAwait(false);
            if (report is null)
            {
                context.Error("the workspace's events are in ClickHouse, which merges its own parts; compact works on the embedded store");
                return ExitCodes.Failed;
            }

            if (parse.GetValue(json))
            {
                context.Json(report);
            }
            else if (report.Error is { } error)
            {
                context.Error(error);
            }
            else
            {
                var events = report.Events.ToString("N0", CultureInfo.InvariantCulture);
                context.Info(report.Merged == 0
                    ? $"nothing to compact: the store holds no appended imports ({events} events)"
                    : $"merged {report.Merged} appended {(report.Merged == 1 ? "import" : "imports")} into the store: {events} events");
            }

            return report.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}

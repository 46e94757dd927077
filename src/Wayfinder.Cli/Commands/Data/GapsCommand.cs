namespace Wayfinder.Cli.Commands.Data;

using System.CommandLine;
using Spectre.Console;
using Wayfinder.App.Workspaces;
using Wayfinder.App.Analysis;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary><c>wayfinder gaps</c>: what the team does not know yet, across the workspace.</summary>
internal static class GapsCommand
{
    public static Command Create(CliContext context)
    {
        var json = CommonOptions.Json();
        var command = new Command("gaps", "List knowledge gaps: stages and touchpoints without events or survey answers, traits without evidence, stale personas and maps") { json, CommonOptions.Events() };
        context.Examples[command] = ["wayfinder gaps", "wayfinder gaps --json | jq 'group_by(.kind) | map({kind: .[0].kind, count: length})'"];
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!context.TryFindWorkspace(parse, out var root))
            {
                return ExitCodes.Failed;
            }

            var gaps = await context.Get<AnalysisService>().GapsAsync(context.Open(root, parse), context.Today, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                context.Json(gaps);
                return ExitCodes.Ok;
            }

            if (gaps.Count == 0)
            {
                context.Info("no knowledge gaps: every stage and touchpoint has data, every trait cites evidence, nothing is stale");
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Kind", "Document", "Where", "What to research");
            foreach (var gap in gaps)
            {
                table.AddRow(Markup.Escape(gap.Kind), Markup.Escape(gap.DocumentId), Markup.Escape(gap.Target), Markup.Escape(gap.Message));
            }

            context.OutConsole.Write(table);
            context.Info($"{gaps.Count} knowledge gaps");
            return ExitCodes.Ok;
        });
        return command;
    }
}

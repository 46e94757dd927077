namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Wayfinder.App.Decisions;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Decisions;
using Wayfinder.Core.Workspaces;

/// <summary><c>wayfinder value-gap ID</c>: a value gap map's needs, ranked by weighted gap to the best competitor.</summary>
internal static class ValueGapCommand
{
    /// <summary>The analysis as <c>--json</c> prints it.</summary>
    internal sealed record ValueGapReport(string MapId, string Persona, double TotalWeightedGap, bool HasCompetitorData, IReadOnlyList<NeedGap> Needs);

    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The value gap map's id" };
        var json = CommonOptions.Json();
        var command = new Command("value-gap", "Analyse a value gap map: each need's gap to the best competitor, weighted by importance, classed as gap, parity, strength or over-served")
        {
            id, json,
        };
        context.Examples[command] = ["wayfinder value-gap maya-needs", "wayfinder value-gap maya-needs --json | jq '.needs[] | select(.class == \"gap\")'"];
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!context.TryFindWorkspace(parse, out var root))
            {
                return ExitCodes.Failed;
            }

            var mapId = parse.GetValue(id)!;
            var report = await context.Get<DecisionService>().ValueGapAsync(context.Open(root), mapId, cancellationToken).ConfigureAwait(false);
            var workspace = report.Workspace;
            if (report.Analysis is not { } analysis)
            {
                OpportunitiesCommand.WarnUnreadable(context, report.Unreadable);
                var known = report.KnownIds;
                context.Error($"no value gap map \"{mapId}\" in the workspace.{Suggestions.DidYouMean(mapId, known)} "
                    + (known.Count > 0 ? $"Value gap maps: {string.Join(", ", known)}" : "Create one with `wayfinder new value-gap ID --persona PERSONA`"));
                return ExitCodes.Usage;
            }

            if (parse.GetValue(json))
            {
                context.Json(new ValueGapReport(analysis.MapId, analysis.Persona, analysis.TotalWeightedGap, analysis.HasCompetitorData, analysis.Needs));
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("#", "Need", "Importance", "Ours", "Best competitor", "Theirs", "Gap", "Weighted", "Class");
            foreach (var n in analysis.Needs)
            {
                table.AddRow(
                    n.Rank.ToString(CultureInfo.InvariantCulture),
                    Markup.Escape(n.Text),
                    n.Importance.ToString(CultureInfo.InvariantCulture),
                    Number(n.Ours),
                    Markup.Escape(CompetitorName(workspace, n.BestCompetitor)),
                    n.BestRating is { } best ? Number(best) : "",
                    n.Gap is { } gap ? Number(gap) : "",
                    n.WeightedGap is { } weighted ? Number(weighted) : "",
                    ClassName(n.Class));
            }

            context.OutConsole.Write(table);
            if (!analysis.HasCompetitorData)
            {
                context.Warning($"no competitor data: no need of {mapId} has a competitor rating, so there are no gaps to rank; rate competitors under each need's `ratings`");
            }

            context.Info($"{report.Title} (persona {analysis.Persona}): total weighted gap {Number(analysis.TotalWeightedGap)}; "
                + "render the chart with `wayfinder render " + mapId + " --format svg`");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string CompetitorName(Workspace workspace, string? id) =>
        id is null ? "" : workspace.Config.Competitors.Find(c => c.Id == id)?.Name ?? id;

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string ClassName(NeedClass cls) => cls switch
    {
        NeedClass.Gap => "[red]gap[/]",
        NeedClass.Strength => "[green]strength[/]",
        NeedClass.OverServed => "[yellow]over-served[/]",
        NeedClass.NoCompetitorData => "[grey]no competitor data[/]",
        _ => "parity",
    };
}

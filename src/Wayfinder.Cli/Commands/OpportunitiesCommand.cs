namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Decisions;
using Wayfinder.App.Decisions;
using Wayfinder.App.Rendering;

/// <summary><c>wayfinder opportunities</c>: the opportunities of every journey, ranked by value for effort.</summary>
internal static class OpportunitiesCommand
{
    public static Command Create(CliContext context)
    {
        var json = CommonOptions.Json();
        var includeClosed = new Option<bool>("--include-closed") { Description = "Also list opportunities that are done or dropped" };
        var format = new Option<string?>("--format") { Description = "Also write the value/effort matrix as svg, png or pdf", HelpName = "FORMAT" };
        var output = CommonOptions.Output("Where to write the matrix (svg, png or pdf by its extension); default with --format: opportunities.FORMAT at the workspace root");
        var command = new Command("opportunities", "Rank the opportunities of all journeys by value for effort (quick wins first), optionally drawn as a value/effort matrix")
        {
            json, includeClosed, format, output,
        };
        context.Examples[command] =
        [
            "wayfinder opportunities",
            "wayfinder opportunities --format svg -o matrix.svg",
            "wayfinder opportunities --json | jq '.[] | select(.quadrant == \"quick_win\")'",
        ];
        command.SetAction(async (parse, cancellationToken) =>
        {
            // `-o matrix.png` says the format by itself.
            var formatText = parse.GetValue(format)
                ?? (parse.GetValue(output) is { } file && Path.HasExtension(file) ? Path.GetExtension(file)[1..] : null);
            if (formatText is not null && (!RenderFormats.TryParse(formatText, out var chosen) || chosen is not (RenderFormat.Svg or RenderFormat.Png or RenderFormat.Pdf)))
            {
                context.Error($"the matrix is written as svg, png or pdf, not \"{formatText}\".{Suggestions.DidYouMean(formatText, ["svg", "png", "pdf"])}");
                return ExitCodes.Usage;
            }

            if (!context.TryFindWorkspace(parse, out var root))
            {
                return ExitCodes.Failed;
            }

            var (ranked, unscored, unreadable) = await context.Get<DecisionService>().OpportunitiesAsync(context.Open(root), parse.GetValue(includeClosed), cancellationToken).ConfigureAwait(false);
            WarnUnreadable(context, unreadable);
            if (unscored.Count > 0)
            {
                context.Info($"{unscored.Count} opportunit{(unscored.Count == 1 ? "y is" : "ies are")} not rated yet, so not ranked: "
                    + string.Join(", ", unscored.Select(u => $"{u.JourneyId}/{u.ItemId ?? u.Text}"))
                    + "; give each a customer_value, business_value and effort from 1 to 5");
            }

            if (parse.GetValue(json))
            {
                context.Json(ranked);
            }
            else
            {
                Print(context, ranked, unscored.Count);
            }

            if (formatText is not null)
            {
                RenderFormats.TryParse(formatText, out var matrixFormat);
                var extension = RenderFormats.Extension(matrixFormat);
                var path = parse.GetValue(output) is { } o
                    ? (Directory.Exists(context.Resolve(o)) || o.EndsWith('/') ? Path.Combine(context.Resolve(o), $"opportunities.{extension}") : context.Resolve(o))
                    : Path.Combine(root, $"opportunities.{extension}");
                var bytes = context.Get<RenderService>().OpportunityMatrix(ranked, matrixFormat);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);

                context.Info($"wrote {context.Display(path)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static void WarnUnreadable(CliContext context, IReadOnlyList<string> unreadable)
    {
        if (unreadable.Count > 0)
        {
            context.Warning($"left out {string.Join(", ", unreadable)}: could not be read; run `wayfinder validate` to see why");
        }
    }

    private static void Print(CliContext context, IReadOnlyList<RankedOpportunity> ranked, int unscored)
    {
        if (ranked.Count == 0)
        {
            if (unscored == 0)
            {
                context.Info("no open opportunities: add items to an `opportunities` lane of a journey");
            }

            return;
        }

        var table = new Table().AddColumns("#", "Journey", "Stage", "Opportunity", "Value", "Effort", "Score", "Quadrant", "Status", "Owner");
        foreach (var r in ranked)
        {
            table.AddRow(
                r.Rank.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(r.JourneyId),
                Markup.Escape(r.Stage),
                Markup.Escape(r.Text),
                r.Value.ToString("0.#", CultureInfo.InvariantCulture),
                r.Effort.ToString(CultureInfo.InvariantCulture),
                r.Score.ToString("0.##", CultureInfo.InvariantCulture),
                QuadrantName(r.Quadrant),
                Markup.Escape(Words(r.Status.ToString())),
                Markup.Escape(r.Owner ?? ""));
        }

        context.OutConsole.Write(table);
    }

    private static string QuadrantName(Quadrant quadrant) => quadrant switch
    {
        Quadrant.QuickWin => "[green]quick win[/]",
        Quadrant.BigBet => "big bet",
        Quadrant.FillIn => "fill-in",
        _ => "[red]money pit[/]",
    };

    /// <summary>InProgress → in progress.</summary>
    internal static string Words(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using System.Globalization;
using Wayfinder.Cli.Commands.Data;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Drafting.Enrich;

/// <summary>
/// <c>wayfinder suggest JOURNEY [--apply N,M|all]</c>: what the data and the research say a map is missing, numbered, each
/// with its reason and source (<see cref="SuggestionService.ProposeAsync"/>); nothing is written until applied.
/// </summary>
internal static class SuggestCommand
{
    public static Command Create(CliContext context)
    {
        var journeyId = new Argument<string>("JOURNEY") { Description = "The journey's id" };
        var apply = new Option<string?>("--apply") { Description = "Add these proposals to the map, by their numbers in the listing (1,3), or all of them", HelpName = "N,M|all" };
        apply.Validators.Add(result =>
        {
            if (!TryParseNumbers(result.GetValueOrDefault<string?>() ?? "", out _))
            {
                result.AddError($"--apply takes the numbers of the proposals, separated by commas (--apply 1,3), or all (--apply all); \"{result.GetValueOrDefault<string?>()}\" is neither");
            }
        });
        var json = CommonOptions.Json();
        var command = new Command("suggest", "Propose what a map is missing from the data and the research (touchpoints for frequent unmapped events, pain points, stages where customers are stuck, KPIs), each with its reason and source; apply the ones you accept with --apply")
        {
            journeyId, apply, json, CommonOptions.Events(),
        };
        context.Examples[command] =
        [
            "wayfinder suggest first-flight",
            "wayfinder suggest first-flight --apply 1,3",
            "wayfinder suggest first-flight --apply all",
        ];
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!context.TryFindWorkspace(parse, out var root))
            {
                return ExitCodes.Failed;
            }

            var id = parse.GetValue(journeyId)!;
            var workspace = context.Open(root, parse);
            var service = context.Get<SuggestionService>();
            if (parse.GetValue(apply) is { } numbers)
            {
                TryParseNumbers(numbers, out var chosen);
                var applied = await service.ApplyAsync(workspace, id, chosen, expectedRevision: null, author: null, cancellationToken).ConfigureAwait(false);
                return Applied(context, root, id, applied, parse.GetValue(json));
            }

            var proposed = await service.ProposeAsync(workspace, id, cancellationToken).ConfigureAwait(false);
            return Listed(context, id, proposed, parse.GetValue(json));
        });
        return command;
    }

    /// <summary>"all" (null: every proposal) or numbers 1, 2, … separated by commas; false for anything else.</summary>
    internal static bool TryParseNumbers(string text, out IReadOnlyCollection<int>? numbers)
    {
        numbers = null;
        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var parsed = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                return false;
            }

            if (!parsed.Contains(n))
            {
                parsed.Add(n);
            }
        }

        numbers = parsed;
        return true;
    }

    /// <summary>The proposals, numbered, on stdout (or as JSON), then how to apply them on stderr.</summary>
    private static int Listed(CliContext context, string id, SuggestResult result, bool json)
    {
        if (result.Outcome == SuggestOutcome.NotFound)
        {
            if (result.Known.Count == 0)
            {
                context.Error($"no journey \"{id}\" in the workspace; there are none yet: create one with `wayfinder new journey ID` or `wayfinder draft ID`");
            }
            else
            {
                AnalyzeCommand.NoSuchJourney(context, id, result.Known);
            }

            return ExitCodes.Usage;
        }

        if (json)
        {
            context.Json(new ListingJson(id, result.Revision, [.. result.Proposals.Select(ProposalJson.Of)]));
        }
        else
        {
            foreach (var proposal in result.Proposals)
            {
                context.Out.WriteLine($"{proposal.Number.ToString(CultureInfo.InvariantCulture),3}. {KindWord(proposal.Kind)} in {proposal.StageId}: {What(proposal)}");
                context.Out.WriteLine($"     why: {proposal.Reason}");
                context.Out.WriteLine($"     source: {proposal.Source}");
            }
        }

        if (result.Proposals.Count == 0)
        {
            context.Info($"no proposals for \"{id}\": the data and the research show nothing the map is missing");
            return ExitCodes.Ok;
        }

        var example = string.Join(',', result.Proposals.Take(2).Select(p => p.Number.ToString(CultureInfo.InvariantCulture)));
        context.Info($"{DraftCommand.Count(result.Proposals.Count, "proposal")}; nothing is written until you apply them: "
            + $"`wayfinder suggest {id} --apply {example}` adds those, `wayfinder suggest {id} --apply all` adds every one");
        return ExitCodes.Ok;
    }

    /// <summary>What was added, or why nothing was written.</summary>
    private static int Applied(CliContext context, string root, string id, ApplyResult result, bool json)
    {
        if (json)
        {
            context.Json(new AppliedJson(result.Outcome, result.Document?.File, result.Document?.Revision, [.. result.Applied.Select(ProposalJson.Of)], result.Unknown,
                [.. result.Diagnostics.Select(d => new ProblemJson(d.Path, d.Message))]));
        }

        switch (result.Outcome)
        {
            case ApplyOutcome.Applied:
                var file = context.Display(Path.Combine(root, result.Document!.File));
                context.Info($"added {DraftCommand.Count(result.Applied.Count, "proposal")} to {file} (revision {result.Document.Revision.ToString(CultureInfo.InvariantCulture)}):");
                foreach (var proposal in result.Applied)
                {
                    context.Info($"  {proposal.Number.ToString(CultureInfo.InvariantCulture)}. {KindWord(proposal.Kind)} in {proposal.StageId}: {What(proposal)}");
                }

                return ExitCodes.Ok;
            case ApplyOutcome.NotFound:
                context.Error($"no journey \"{id}\" in the workspace; list the journeys with `wayfinder list`");
                return ExitCodes.Usage;
            case ApplyOutcome.UnknownNumber:
                var numbers = string.Join(", ", result.Unknown.Select(n => n.ToString(CultureInfo.InvariantCulture)));
                context.Error($"no proposal numbered {numbers} for \"{id}\"; list them with `wayfinder suggest {id}`; nothing was written");
                return ExitCodes.Usage;
            case ApplyOutcome.Changed:
                context.Error($"\"{id}\" changed while the proposals were applied; list them again with `wayfinder suggest {id}`; nothing was written");
                return ExitCodes.Failed;
            default:
                context.Error($"the map with those proposals would not validate ({DraftCommand.Count(result.Diagnostics.Count, "problem")}); nothing was written");
                context.Print(result.Diagnostics);
                return ExitCodes.Failed;
        }
    }

    private static string KindWord(ProposalKind kind) => kind switch
    {
        ProposalKind.Touchpoint => "touchpoint",
        ProposalKind.PainPoint => "pain point",
        ProposalKind.StuckStage => "pain point (customers stuck)",
        _ => "KPI",
    };

    /// <summary>The added item in words: its text, and a KPI's metric and target.</summary>
    private static string What(Proposal proposal)
    {
        var item = proposal.Item;
        var text = item.Text ?? item.Metric ?? item.Id ?? "";
        if (item.Metric is { } metric && item.Text is not null)
        {
            text += $" ({metric}{(item.Target is { } target ? ", target " + target : "")})";
        }

        return $"\"{text}\"";
    }

    private sealed record ListingJson(string Journey, int Revision, IReadOnlyList<ProposalJson> Proposals);

    private sealed record AppliedJson(ApplyOutcome Outcome, string? File, int? Revision, IReadOnlyList<ProposalJson> Applied, IReadOnlyList<int> Unknown, IReadOnlyList<ProblemJson> Diagnostics);

    private sealed record ProblemJson(string Path, string Message);

    private sealed record ProposalJson(int Number, ProposalKind Kind, string Stage, string Lane, string? Text, string? Metric, string? Target, IReadOnlyList<string> Events, string Reason, string Source, string? Evidence)
    {
        public static ProposalJson Of(Proposal p) => new(
            p.Number,
            p.Kind,
            p.StageId,
            Core.Documents.LaneKinds.Of(p.Lane).Id,
            p.Item.Text,
            p.Item.Metric,
            p.Item.Target,
            [.. p.Item.Events.Select(e => e.Name)],
            p.Reason,
            p.Source,
            p.Evidence?.Id);
    }
}

namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Spectre.Console;
using Wayfinder.App.Workspaces;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Documents;
using Wayfinder.Drafting;
using Wayfinder.Drafting.Discovery;
using Wayfinder.Drafting.Model;

/// <summary>
/// <c>wayfinder draft ID --persona P --scenario "…" --goal "…"</c>: the most likely journey as journeys/ID.yaml, written by
/// <see cref="DraftingService"/> (offline or with a language model, from the data with <c>--from-data</c>), marked as a draft.
/// </summary>
internal static partial class DraftCommand
{
    /// <summary>At most this many validation problems of a refused answer are listed.</summary>
    private const int MaxDiagnostics = 10;

    private sealed record Options(
        Argument<string> Id,
        Option<string?> Persona,
        Option<string> Scenario,
        Option<string> Goal,
        Option<string?> Template,
        Option<string?> Title,
        Option<bool> FromData,
        Option<string?> StartEvent,
        Option<string?> GoalEvent,
        Option<string> Drafter,
        Option<string?> Model,
        Option<bool> Json);

    public static Command Create(CliContext context)
    {
        var o = new Options(
            new Argument<string>("ID") { Description = "The new journey's id: a slug such as first-flight; also the file name" },
            new Option<string?>("--persona", "-p") { Description = "The persona the journey is for (its goals, needs, pains, channels and segment)", HelpName = "PERSONA" },
            new Option<string>("--scenario") { Description = "The situation, e.g. \"first international flight\"", HelpName = "TEXT", Required = true },
            new Option<string>("--goal") { Description = "The business goal, e.g. \"more first-time flyers book again\"", HelpName = "TEXT", Required = true },
            new Option<string?>("--template", "-t") { Description = "The journey template whose stages the draft starts from (see `wayfinder templates`)", HelpName = "TEMPLATE" },
            new Option<string?>("--title") { Description = "The title (default: the drafter proposes one)", HelpName = "TITLE" },
            new Option<bool>("--from-data") { Description = "Discover what customers do in the imported events first and draft from it" },
            new Option<string?>("--start-event") { Description = "With --from-data: only what customers do from this event on", HelpName = "EVENT" },
            new Option<string?>("--goal-event") { Description = "With --from-data: only what customers do up to this event", HelpName = "EVENT" },
            new Option<string>("--drafter") { Description = "Who writes the draft: model (a language model), offline (no model), or auto (the model when WAYFINDER_MODEL_ENDPOINT and WAYFINDER_MODEL are set)", HelpName = "DRAFTER", DefaultValueFactory = _ => "auto" },
            new Option<string?>("--model") { Description = "The model's name, overriding WAYFINDER_MODEL (and choosing the model drafter)", HelpName = "MODEL" },
            CommonOptions.Json());
        o.Drafter.AcceptOnlyFromAmong("auto", "offline", "model");
        var command = new Command("draft", "Draft the most likely journey for a persona, scenario and goal as journeys/ID.yaml, marked as a draft: from a language model, or composed offline; from the events with --from-data")
        {
            o.Id, o.Persona, o.Scenario, o.Goal, o.Template, o.Title, o.FromData, o.StartEvent, o.GoalEvent, o.Drafter, o.Model, o.Json, CommonOptions.Events(),
        };
        context.Examples[command] =
        [
            "wayfinder draft first-flight --persona maya --scenario \"first international flight\" --goal \"more first-time flyers book again\"",
            "wayfinder draft first-flight --persona maya --scenario \"first flight\" --goal \"rebooking\" --from-data --goal-event booking_confirmed",
            "WAYFINDER_MODEL_ENDPOINT=http://127.0.0.1:11434/v1 wayfinder draft renewal --scenario \"renewing a contract\" --goal \"fewer churned accounts\" --model llama3.1",
        ];
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse, o, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, Options o, CancellationToken cancellationToken)
    {
        if (Request(context, parse, o) is not { } request)
        {
            return ExitCodes.Usage;
        }

        if (!context.TryFindWorkspace(parse, out var root))
        {
            return ExitCodes.Failed;
        }

        var service = context.Get<DraftingService>();
        var result = await DraftWithProgressAsync(context, service, context.Open(root, parse), request, cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(o.Json))
        {
            context.Json(DraftJson.From(result));
        }

        return result.Outcome == DraftOutcome.Created ? Created(context, root, request, result) : Refused(context, root, request, result);
    }

    /// <summary>The request from the command line, or null after saying what is wrong with it (a usage error).</summary>
    private static DraftRequest? Request(CliContext context, ParseResult parse, Options o)
    {
        var (scenario, goal) = (parse.GetValue(o.Scenario)!.Trim(), parse.GetValue(o.Goal)!.Trim());
        var (start, goalEvent, fromData) = (parse.GetValue(o.StartEvent), parse.GetValue(o.GoalEvent), parse.GetValue(o.FromData));
        var (drafter, model) = (parse.GetValue(o.Drafter)!, parse.GetValue(o.Model));
        string? problem = null;
        if (scenario.Length == 0 || goal.Length == 0)
        {
            problem = $"{(scenario.Length == 0 ? "--scenario" : "--goal")} needs words: say the situation (--scenario \"first international flight\") and the business goal (--goal \"more first-time flyers book again\")";
        }
        else if (!fromData && (start ?? goalEvent) is not null)
        {
            problem = $"{(start is not null ? "--start-event" : "--goal-event")} only applies to a draft from the data: add --from-data";
        }
        else if (drafter == "offline" && model is not null)
        {
            problem = "--model chooses the model drafter, --drafter offline the drafter with no model: give one of them";
        }

        if (problem is not null)
        {
            context.Error(problem);
            context.Info("Run `wayfinder draft --help` for usage.");
            return null;
        }

        return new DraftRequest
        {
            Id = parse.GetValue(o.Id)!,
            Title = parse.GetValue(o.Title),
            Persona = parse.GetValue(o.Persona),
            Scenario = scenario,
            Goal = goal,
            Template = parse.GetValue(o.Template),
            FromData = fromData,
            StartEvent = start,
            GoalEvent = goalEvent,
            Drafter = Enum.Parse<DrafterChoice>(drafter, ignoreCase: true),
            Model = model,
        };
    }

    /// <summary>
    /// Drafts through the service, showing its progress: a spinner with the elapsed seconds on a terminal (a model may
    /// take a minute), else one plain line per step.
    /// </summary>
    private static async Task<DraftResult> DraftWithProgressAsync(CliContext context, DraftingService service, WorkspaceStores workspace, DraftRequest request, CancellationToken cancellationToken)
    {
        if (!context.ErrConsole.Profile.Capabilities.Interactive)
        {
            string? last = null;
            var gate = new Lock();
            var lines = new Reporter(p =>
            {
                // A drafter that ticks ("waiting for the model (3 s)") from its timer gets one line per step, not one per second.
                var step = Step(p.Message);
                lock (gate)
                {
                    if (step != last)
                    {
                        context.Info(step + "…");
                        last = step;
                    }
                }
            });
            return await service.DraftAsync(workspace, request, lines, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        DraftResult? result = null;
        var message = "drafting";
        await context.ErrConsole.Status().StartAsync(message + "…", async status =>
        {
            var clock = Stopwatch.StartNew();
            var drafting = service.DraftAsync(workspace, request, new Reporter(p => Volatile.Write(ref message, Step(p.Message))), cancellationToken: cancellationToken);
            while (!drafting.IsCompleted)
            {
                status.Status(Markup.Escape($"{Volatile.Read(ref message)}… {clock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s"));
                await Task.WhenAny(drafting, Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken)).ConfigureAwait(false);
            }

            result = await drafting.ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result!;
    }

    /// <summary>A progress message without the seconds a drafter may count itself: the spinner shows the time of the whole draft.</summary>
    private static string Step(string message) => CountedSeconds().Replace(message, "");

    [GeneratedRegex(@"\s*\(\d+ s\)$")]
    private static partial Regex CountedSeconds();

    /// <summary>Says which drafter wrote the draft, its stages, what the data showed, its warnings and what to do next.</summary>
    private static int Created(CliContext context, string root, DraftRequest request, DraftResult result)
    {
        var file = context.Display(Path.Combine(root, result.Document!.File));
        var who = result.Drafter == "model"
            ? $"the model {result.Model} at {Where(context.Get<ModelSettings>())} ({Count(result.Attempts, "attempt")})"
            : "the offline drafter (no language model)";
        context.Info($"drafted {file} with {who}");
        var journey = result.Journey!;
        var touchpoints = journey.Lanes.Where(l => l.Type == LaneType.Touchpoints).SelectMany(l => l.Items).ToLookup(i => i.Stage, StringComparer.Ordinal);
        foreach (var stage in journey.Stages)
        {
            var names = touchpoints[stage.Id].Select(i => i.Text ?? i.Id ?? "").Where(t => t.Length > 0).ToList();
            context.Info($"  {stage.Name}: {(names.Count == 0 ? "(no touchpoints)" : string.Join(", ", names))}");
        }

        if (result.Discovered is { } discovered)
        {
            Describe(context, discovered);
        }

        context.Print(result.Warnings);
        context.Info($"next: check it with `wayfinder validate`, see it with `wayfinder render {request.Id}`, "
            + $"and get proposals from the data with `wayfinder suggest {request.Id}`; remove the tag \"drafted\" and the draft note once the team has reviewed it");
        return ExitCodes.Ok;
    }

    /// <summary>The discovered structure in short: customers, stages in order, loops and branches.</summary>
    private static void Describe(CliContext context, DiscoveredJourney discovered)
    {
        context.Info($"found in the events: {Count(discovered.Customers, "customer")}, {Count(discovered.Stages.Count, "stage")} ({string.Join(" → ", discovered.Stages.Select(s => s.Name))})");
        if (discovered.Loops.Count > 0)
        {
            context.Info($"  loops: {Some(discovered.Loops.OrderByDescending(l => l.Count).Select(l => $"{l.Name} ({Count(l.Count, "time")})").ToList())}");
        }

        if (discovered.Branches.Count > 0)
        {
            context.Info($"  branches: {Some([.. discovered.Branches.Select(b => $"in {b.Stage}: {string.Join(" or ", b.Alternatives.Zip(b.Customers, (a, n) => $"{a} ({Count(n, "customer")})"))}")])}");
        }
    }

    /// <summary>The first three, then how many more: a short line even for a log with many loops.</summary>
    private static string Some(List<string> items) =>
        items.Count <= 3 ? string.Join("; ", items) : string.Join("; ", items.Take(3)) + $"; and {(items.Count - 3).ToString("N0", CultureInfo.InvariantCulture)} more";

    /// <summary>Why nothing was written, in the words of each outcome; 2 for what the command line got wrong, else 1.</summary>
    private static int Refused(CliContext context, string root, DraftRequest request, DraftResult result)
    {
        switch (result.Outcome)
        {
            case DraftOutcome.InvalidId:
                context.Error($"\"{request.Id}\" is not a valid id: use lowercase letters, digits and single dashes, e.g. \"{result.Suggestion}\"");
                return ExitCodes.Usage;
            case DraftOutcome.Exists:
                context.Error($"a document with id \"{request.Id}\" already exists ({context.Display(Path.Combine(root, result.File!))}); choose another id or edit that file");
                return ExitCodes.Failed;
            case DraftOutcome.UnknownTemplate:
                context.Error($"unknown journey template \"{request.Template}\".{Suggestions.DidYouMean(request.Template ?? "", result.Known)} Templates: {string.Join(", ", result.Known)}");
                return ExitCodes.Usage;
            case DraftOutcome.UnknownPersona:
                var personas = result.Known.Count == 0 ? "there are none yet; create one with `wayfinder new persona ID`, or draft for all customers without --persona" : "Personas: " + string.Join(", ", result.Known);
                context.Error($"no persona \"{request.Persona}\" in the workspace.{Suggestions.DidYouMean(request.Persona ?? "", result.Known)} {personas}");
                return ExitCodes.Usage;
            case DraftOutcome.NoEvents:
                var whose = request.Persona is { } p ? $" for the customers of persona \"{p}\"'s segment" : "";
                context.Error($"no events{whose} to draft from: import them with `wayfinder import events FILE` (or `wayfinder import data`), or draft without --from-data; nothing was written");
                return ExitCodes.Failed;
            case DraftOutcome.UnknownEvent:
                UnknownEvent(context, request, result.Known);
                return ExitCodes.Failed;
            default:
                Failed(context, result);
                return ExitCodes.Failed;
        }
    }

    private static void UnknownEvent(CliContext context, DraftRequest request, IReadOnlyList<string> known)
    {
        var names = known.ToHashSet(StringComparer.Ordinal);
        var (option, name) = request.StartEvent is { } s && !names.Contains(s) ? ("--start-event", s) : ("--goal-event", request.GoalEvent ?? "");
        var listed = known.Count > 10 ? string.Join(", ", known.Take(10)) + $" and {(known.Count - 10).ToString("N0", CultureInfo.InvariantCulture)} more" : string.Join(", ", known);
        context.Error($"{option}: no event \"{name}\" in the data.{Suggestions.DidYouMean(name, known)} Events, most frequent first: {listed}; nothing was written");
    }

    /// <summary>The drafter's failure in its own words, with up to ten of the problems of a refused answer.</summary>
    private static void Failed(CliContext context, DraftResult result)
    {
        var failure = result.Failure ?? new DraftFailure(DraftFailureKind.Unusable, "the drafter gave no answer");
        var message = failure.Message.Contains("nothing was written", StringComparison.Ordinal) ? failure.Message : failure.Message.TrimEnd('.') + "; nothing was written";
        context.Error(message);
        foreach (var diagnostic in failure.Diagnostics.Take(MaxDiagnostics))
        {
            context.Info($"  {(diagnostic.Path.Length > 0 ? diagnostic.Path + ": " : "")}{diagnostic.Message}");
        }

        if (failure.Diagnostics.Count > MaxDiagnostics)
        {
            context.Info($"  … and {Count(failure.Diagnostics.Count - MaxDiagnostics, "more problem")}");
        }

        if (failure.Kind == DraftFailureKind.NotConfigured)
        {
            context.Info("set WAYFINDER_MODEL_ENDPOINT (an OpenAI-compatible address such as http://127.0.0.1:11434/v1) and WAYFINDER_MODEL, or draft with --drafter offline");
        }
    }

    private static string Where(ModelSettings settings) => settings.Endpoint?.GetLeftPart(UriPartial.Path) ?? "(no endpoint)";

    internal static string Count(long n, string word) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {word}{(n == 1 ? "" : "s")}";

    /// <summary>Reports progress on the caller's thread, so plain lines come out in order, before the result.</summary>
    private sealed class Reporter(Action<DraftProgress> report) : IProgress<DraftProgress>
    {
        public void Report(DraftProgress value) => report(value);
    }

    /// <summary>The <c>--json</c> result: snake_case, every field always there.</summary>
    private sealed record DraftJson(
        DraftOutcome Outcome,
        string? File,
        string? Drafter,
        string? Model,
        int Attempts,
        DraftFailureKind? FailureKind,
        string? Message,
        IReadOnlyList<DiagnosticJson> Diagnostics,
        IReadOnlyList<StageJson> Stages,
        IReadOnlyList<DiagnosticJson> Warnings)
    {
        public static DraftJson From(DraftResult result) => new(
            result.Outcome,
            result.Document?.File ?? result.File,
            result.Drafter,
            result.Model,
            result.Attempts,
            result.Failure?.Kind,
            result.Failure?.Message,
            [.. (result.Failure?.Diagnostics ?? []).Select(d => new DiagnosticJson(d.Path, d.Message))],
            result.Journey is { } journey ? [.. journey.Stages.Select(s => StageJson.Of(journey, s))] : [],
            [.. result.Warnings.Select(d => new DiagnosticJson(d.Path, d.Message))]);
    }

    private sealed record DiagnosticJson(string Path, string Message);

    private sealed record StageJson(string Id, string Name, IReadOnlyList<string> Touchpoints)
    {
        public static StageJson Of(Journey journey, Stage stage) => new(
            stage.Id,
            stage.Name,
            [.. journey.Lanes.Where(l => l.Type == LaneType.Touchpoints).SelectMany(l => l.Items).Where(i => i.Stage == stage.Id).Select(i => i.Text ?? i.Id ?? "")]);
    }
}

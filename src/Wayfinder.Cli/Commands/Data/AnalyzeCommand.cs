namespace Wayfinder.Cli.Commands.Data;

using System.CommandLine;
using System.Globalization;
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

/// <summary><c>wayfinder analyze JOURNEY</c>: what the data says about a journey, as tables, JSON and files.</summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliContext context)
    {
        var journeyId = new Argument<string>("JOURNEY") { Description = "The journey's id" };
        var persona = new Option<string?>("--persona") { Description = "Only customers in this persona's segment", HelpName = "ID" };
        var period = new Option<string?>("--period") { Description = "Only this period: 2026, 2026-Q3 or 2026-07", HelpName = "PERIOD" };
        var channel = new Option<string?>("--channel") { Description = "Only events on this channel", HelpName = "ID" };
        var trend = new Option<string>("--trend") { Description = "The trend's grain: month or quarter", DefaultValueFactory = _ => "month", HelpName = "GRAIN" };
        trend.AcceptOnlyFromAmong("month", "quarter");
        var keepRepeats = new Option<bool>("--keep-repeats") { Description = "Keep consecutive repeats of a touchpoint in path variants (as process-mining tools count them)" };
        var output = CommonOptions.Output("The folder for the result files (default: out/analysis/JOURNEY in the workspace)");
        var json = CommonOptions.Json();
        var formats = new Option<string?>("--format")
        {
            Description = "What to write, comma-separated: json (report.json), drawings, xlsx (analysis.xlsx), csv (a file per table), all; default json,drawings, or nothing with --json (which prints the report only)",
            HelpName = "FORMATS",
        };
        var command = new Command("analyze", "What the data says about a journey: reach, ordered funnel, time between stages, stranded customers, paths, satisfaction, KPI actuals, trend and knowledge gaps")
        {
            journeyId, persona, period, channel, trend, keepRepeats, output, json, formats, CommonOptions.Events(),
        };
        context.Examples[command] =
        [
            "wayfinder analyze first-flight",
            "wayfinder analyze first-flight --persona first-time-flyer --period 2026-Q2",
            "wayfinder analyze first-flight --json | jq '.metrics.funnel'",
            "wayfinder analyze first-flight --format xlsx,csv",
        ];
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!context.TryFindWorkspace(parse, out var root))
            {
                return ExitCodes.Failed;
            }

            // --json alone prints the report and writes no files: rendering drawings nobody asked for costs time.
            var askedFormats = parse.GetValue(formats);
            var outputs = AnalysisExport.ParseFormats(askedFormats, out var formatError);
            if (parse.GetValue(json) && string.IsNullOrWhiteSpace(askedFormats))
            {
                outputs = AnalysisOutputs.None;
            }

            if (formatError is not null)
            {
                context.Error(formatError);
                return ExitCodes.Usage;
            }

            var id = parse.GetValue(journeyId)!;
            var request = new AnalysisRequest
            {
                PersonaId = parse.GetValue(persona),
                Period = parse.GetValue(period),
                Channel = parse.GetValue(channel),
                TrendGrain = parse.GetValue(trend)!,
                CollapseRepeats = !parse.GetValue(keepRepeats),
                Today = context.Today,
            };
            var result = await context.Get<AnalysisService>().AnalyzeAsync(context.Open(root, parse), id, request, cancellationToken).ConfigureAwait(false);
            if (result.Journey is not { } journey)
            {
                NoSuchJourney(context, id, result.KnownJourneys);
                return ExitCodes.Usage;
            }

            if (!result.HasEvents)
            {
                context.Warning("no events imported yet: run `wayfinder import data` (or `wayfinder sample-data` for a demo); the analysis below has no event data");
            }

            foreach (var warning in result.Warnings)
            {
                context.Warning(warning);
            }

            if (result.Report is not { } report)
            {
                context.Error(result.Problem!);
                return ExitCodes.Usage;
            }

            var workspace = result.Workspace;
            // A cut gets its own folder below the journey's, so it never overwrites the uncut results (docs/cli.md).
            var folder = parse.GetValue(output) is { } o ? context.Resolve(o) : Path.Combine(root, "out", "analysis", journey.Id, result.CutFolder);
            var written = new List<string>();
            if (outputs != AnalysisOutputs.None)
            {
                Directory.CreateDirectory(folder);
            }

            if (outputs.HasFlag(AnalysisOutputs.Json))
            {
                written.Add(Path.Combine(folder, "report.json"));
                File.WriteAllText(written[^1], CliJson.Serialize(report) + "\n");
            }

            if (outputs.HasFlag(AnalysisOutputs.Drawings))
            {
                written.AddRange(AnalysisFiles.Write(journey, workspace, report, folder, context.Today));
            }

            written.AddRange(AnalysisFiles.WriteTables(report, AnalysisExport.CutOf(request), folder, context.Today, outputs));
            if (parse.GetValue(json))
            {
                context.Json(report);
            }
            else
            {
                PrintSummary(context, journey, report);
            }

            foreach (var file in written)
            {
                context.Info($"wrote {context.Display(file)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Says that there is no journey of that id, which ids there are, and which one was probably meant.</summary>
    internal static void NoSuchJourney(CliContext context, string id, IReadOnlyList<string> known) =>
        context.Error($"no journey \"{id}\" in the workspace.{Suggestions.DidYouMean(id, known)} Journeys: {string.Join(", ", known)}");

    private static void PrintSummary(CliContext context, Journey journey, JourneyReport report)
    {
        var m = report.Metrics;
        var console = context.OutConsole;
        console.MarkupLine($"[bold]{Markup.Escape(journey.Title)}[/]{(report.Cut.Length > 0 ? $" ({Markup.Escape(report.Cut)})" : "")}: {m.Customers:N0} customers, {m.MappedEvents:N0} mapped events ({m.UnmappedEvents:N0} not mapped to any touchpoint)");
        var funnel = new Table().Title("Ordered funnel").AddColumns("Stage", "Customers", "Conversion", "n", "From start", "Drop-off", "Median time to next", "p90");
        for (var i = 0; i < m.Funnel.Count; i++)
        {
            var f = m.Funnel[i];
            var timing = i < m.Timings.Count ? m.Timings[i] : null;
            funnel.AddRow(
                Markup.Escape(f.StageName),
                f.Customers.ToString("N0", CultureInfo.InvariantCulture),
                Small(Percent(f.Conversion), f.SmallSample),
                f.SampleSize.ToString("N0", CultureInfo.InvariantCulture),
                Percent(f.ConversionFromStart),
                f.DropOff.ToString("N0", CultureInfo.InvariantCulture),
                Duration(timing?.MedianSeconds),
                Duration(timing?.P90Seconds));
        }

        console.Write(funnel);
        var stranded = m.Stranded.Where(s => s.Stranded > 0).OrderByDescending(s => s.Stranded).ThenBy(s => s.TouchpointId, StringComparer.Ordinal).Take(5).ToList();
        if (stranded.Count > 0)
        {
            var table = new Table().Title("Where customers get stranded").AddColumns("Touchpoint", "Stage", "Stranded", "Reached", "Exit rate");
            stranded.ForEach(s => table.AddRow(Markup.Escape(s.TouchpointId), Markup.Escape(s.StageId), s.Stranded.ToString("N0", CultureInfo.InvariantCulture), s.Reached.ToString("N0", CultureInfo.InvariantCulture), Small(Percent(s.ExitRate), s.SmallSample)));
            console.Write(table);
        }

        if (report.StageSatisfaction.Any(s => s.Responses > 0))
        {
            var table = new Table().Title("How customers feel").AddColumns("Stage", "Answers", "CSAT", "CES", "NPS", "Sentiment", "Measured emotion", "Designed");
            var designed = journey.Lanes.Where(l => l.Type == LaneType.Emotion).SelectMany(l => l.Items).Where(i => i.Score is not null)
                .GroupBy(i => i.Stage).ToDictionary(g => g.Key, g => g.Average(i => i.Score!.Value));
            foreach (var s in report.StageSatisfaction)
            {
                table.AddRow(Markup.Escape(s.Id), Small(s.Responses.ToString(CultureInfo.InvariantCulture), s.SmallSample), Number(s.Csat), Number(s.Ces), Number(s.Nps, "0"), Number(s.Sentiment), Number(s.Emotion), designed.TryGetValue(s.Id, out var d) ? Number(d) : "");
            }

            console.Write(table);
        }

        if (report.Kpis.Count > 0)
        {
            var table = new Table().Title("KPIs").AddColumns("Stage", "Metric", "Measures", "Target", "Actual", "n", "Status");
            foreach (var k in report.Kpis)
            {
                table.AddRow(
                    Markup.Escape(k.StageId),
                    Markup.Escape(k.Metric),
                    $"[grey]{Markup.Escape(k.Definition)}[/]",
                    Markup.Escape(k.Target ?? ""),
                    Small(Markup.Escape(k.ActualText), k.SmallSample),
                    k.SampleSize?.ToString("N0", CultureInfo.InvariantCulture) ?? "",
                    k.Problem is { } p ? $"[grey]{Markup.Escape(p)}[/]" : Status(k.Status));
            }

            console.Write(table);
        }

        if (m.Variants.Count > 0)
        {
            var table = new Table().Title("Top paths").AddColumns("Customers", "Share", "Path");
            foreach (var v in m.Variants.Take(5))
            {
                table.AddRow(v.Customers.ToString("N0", CultureInfo.InvariantCulture), Percent(v.Share), Markup.Escape(string.Join(" → ", v.Touchpoints)));
            }

            console.Write(table);
        }

        foreach (var check in report.PersonaChecks)
        {
            context.Warning($"persona {check.PersonaId}: {check.Message}");
        }

        if (HasSmallSamples(report))
        {
            console.MarkupLine($"[yellow]*[/] small sample: out of fewer than {report.SmallSampleSize.ToString(CultureInfo.InvariantCulture)} customers or answers (defaults.small_sample_size)");
        }

        if (report.Gaps.Count > 0)
        {
            context.Info($"{report.Gaps.Count} knowledge gaps: `wayfinder gaps` lists them");
        }
    }

    private static string Small(string text, bool small) => small ? text + " [yellow]*[/]" : text;

    private static bool HasSmallSamples(JourneyReport report) =>
        report.Metrics.Funnel.Any(f => f.SmallSample) || report.Metrics.Stranded.Any(s => s.Stranded > 0 && s.SmallSample)
        || report.StageSatisfaction.Any(s => s.Responses > 0 && s.SmallSample) || report.Kpis.Any(k => k.SmallSample);

    internal static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Number(double? value, string format = "0.00") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    internal static string Duration(double? seconds) => seconds switch
    {
        null => "",
        >= 86400 => (seconds.Value / 86400).ToString("0.0", CultureInfo.InvariantCulture) + " d",
        >= 3600 => (seconds.Value / 3600).ToString("0.0", CultureInfo.InvariantCulture) + " h",
        >= 60 => (seconds.Value / 60).ToString("0", CultureInfo.InvariantCulture) + " min",
        _ => seconds.Value.ToString("0", CultureInfo.InvariantCulture) + " s",
    };

    private static string Status(KpiStatus? status) => status switch
    {
        KpiStatus.Exceeds => "[green]exceeds[/]",
        KpiStatus.Meets => "[green]meets[/]",
        KpiStatus.DoesNotMeet => "[red]does not meet[/]",
        _ => "",
    };
}

namespace Wayfinder.EvidenceBench;

using System.Diagnostics;
using System.Globalization;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// <c>--warm [N] [--runs R]</c>: the server's case. N events (default 10M, the bench's events-N.csv) are imported once into a
/// store held in memory; then the bench journey is analysed again and again on four cuts — none, the persona
/// <c>third</c> (<c>country in ("DE", "FR")</c>), a period, both — as metrics alone (<c>IEventStore.AnalyzeAsync</c>, the
/// period a 7-day window) and as a whole analysis (<c>JourneyAnalysis.RunAsync</c>: metrics, trend, satisfaction; the
/// period a month, the shortest the request takes). Prints per cut the median and min–max of R runs after a warm-up,
/// and the ratio to the uncut run of the same kind, measured in the same run. <c>--case TEXT</c> runs only the cases whose name
/// holds TEXT (for a profiler).
/// </summary>
internal static class WarmBench
{
    private const string Segment = "country in (\"DE\", \"FR\")";

    public static async Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--warm");
        var events = at + 1 < args.Length && long.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 10_000_000;
        var runsAt = Array.IndexOf(args, "--runs");
        var runs = runsAt >= 0 ? int.Parse(args[runsAt + 1], CultureInfo.InvariantCulture) : 10;
        var csv = Path.Combine(Path.GetTempPath(), "wayfinder-bench", $"events-{events}.csv");
        if (!File.Exists(csv))
        {
            BenchEvents.Write(csv, events, BenchEvents.Options(events));
        }

        var import = Stopwatch.StartNew();
        var (parts, _) = await EventImporter.ReadAsync(csv, new EventImportOptions(), CancellationToken.None);
        var store = EventStore.InMemory(EventLogBuilder.Combine(parts, out _));
        parts = null;
        GC.Collect();
        var log = store.Open();
        Console.WriteLine($"# --warm: {log.EventCount:N0} events, {log.CustomerCount:N0} customers, imported in {import.Elapsed.TotalSeconds:F1} s; "
            + $"{Environment.ProcessorCount} cores; {runs} runs after 2 warm-ups; load {Load()}");

        var journey = BenchJourney.Create();
        var persona = new Persona { Id = "third", Title = "A third of the customers", Segment = Segment };
        var workspace = new Workspace
        {
            Root = "bench",
            Config = new WorkspaceConfig { Name = "Engine bench", Defaults = new WorkspaceDefaults { FunnelWindowDays = 30, InactivityDays = 14 } },
            Personas = [new SourcedDocument<Persona>(persona, "personas/third.yaml", "")],
            Journeys = [new SourcedDocument<Journey>(journey, "journeys/bench.yaml", "")],
        };
        var feedback = SurveyStore.InMemory([]);
        var query = new MetricsQuery { Window = TimeSpan.FromDays(30), Inactivity = TimeSpan.FromDays(14) };
        var weekFrom = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        var week = (From: weekFrom, To: weekFrom + (7 * 86_400_000_000L));
        const string Month = "2026-03";

        (string Name, Func<Task<object>> Run)[] cases =
        [
            ("metrics, uncut", async () => await store.AnalyzeAsync(journey, query)),
            ("metrics, persona", async () => await store.AnalyzeAsync(journey, query with { Segment = Segment })),
            ("metrics, 7 days", async () => await store.AnalyzeAsync(journey, query with { FromMicros = week.From, ToMicros = week.To })),
            ("metrics, persona + 7 days", async () => await store.AnalyzeAsync(journey, query with { Segment = Segment, FromMicros = week.From, ToMicros = week.To })),
            ("whole, uncut", async () => await JourneyAnalysis.RunAsync(workspace, journey, store, feedback, new AnalysisRequest())),
            ("whole, persona", async () => await JourneyAnalysis.RunAsync(workspace, journey, store, feedback, new AnalysisRequest { PersonaId = "third" })),
            ("whole, " + Month, async () => await JourneyAnalysis.RunAsync(workspace, journey, store, feedback, new AnalysisRequest { Period = Month })),
            ("whole, persona + " + Month, async () => await JourneyAnalysis.RunAsync(workspace, journey, store, feedback, new AnalysisRequest { PersonaId = "third", Period = Month })),
        ];

        // --case TEXT: only the cases whose name holds TEXT (profiling; ratios then need the uncut case too).
        var only = Array.IndexOf(args, "--case") is var caseAt and >= 0 ? args[caseAt + 1] : null;
        var medians = new double[cases.Length];
        var results = new object[cases.Length];
        for (var i = 0; i < cases.Length; i++)
        {
            var (name, run) = cases[i];
            if (only is not null && !name.Contains(only, StringComparison.Ordinal))
            {
                results[i] = new object();
                medians[i] = double.NaN;
                continue;
            }

            for (var w = 0; w < 2; w++)
            {
                results[i] = await run();
            }

            var times = new List<double>();
            var (gen0, gen2, pause) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
            var allocated = GC.GetTotalAllocatedBytes();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var r = 0; r < runs; r++)
            {
                var watch = Stopwatch.StartNew();
                await run();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            var cpuEach = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
            var gc = $"gc a run: {(GC.CollectionCount(0) - gen0) / (double)runs:F1} gen0, {(GC.CollectionCount(2) - gen2) / (double)runs:F1} gen2, "
                + $"pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds / runs:F0} ms, {(GC.GetTotalAllocatedBytes() - allocated) / 1e6 / runs:F0} MB";
            times.Sort();
            medians[i] = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
            var baseline = medians[i < 4 ? 0 : 4];
            Console.WriteLine($"{name,-28} median {medians[i],6:F0} ms (min {times[0]:F0}, max {times[^1]:F0}), cpu {cpuEach,5:F0} ms a run, "
                + $"÷ uncut {medians[i] / baseline:F2}; load {Load()}; {gc}");
        }

        // Equal fingerprints before and after a change say the results stayed the same (to the last digit of the JSON).
        Console.WriteLine($"check: uncut {Describe(results[0])}");
        Console.WriteLine($"check: whole persona + {Month}: {DescribeReport(results[7])}");
        Console.WriteLine($"fingerprints: {string.Join(" ", results.Select(Fingerprint))}");
        return 0;
    }

    private static string Fingerprint(object result) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(result, result.GetType())))[..10];

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static string Describe(object result) => result is JourneyMetrics m
        ? $"{m.Customers} customers, funnel {string.Join("→", m.Funnel.Select(f => f.Customers))}, median {m.Timings.FirstOrDefault()?.MedianSeconds}, p90 {m.Timings.FirstOrDefault()?.P90Seconds}, "
            + $"top {m.Variants.FirstOrDefault()?.Customers}, {m.Flow.Count} edges, stranded {m.Stranded.Sum(s => s.Stranded)}"
        : "?";

    private static string DescribeReport(object result) => result is JourneyReport r
        ? $"{Describe(r.Metrics)}, trend {string.Join(",", r.Trend.Where(t => t.StageId == "buy").Select(t => t.Customers))}"
        : "?";
}

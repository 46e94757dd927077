// Whole-process benchmark of the evidence engine against DuckDB SQL, in the same run.
// Usage: dotnet run -c Release --project bench/Wayfinder.EvidenceBench -- [events=1000000] [--no-duckdb] [--no-pandas] [--dir DIR] [--csv FILE]
//        [--clickhouse HOST:PORT,HOST:PORT] (servers from scripts/clickhouse.sh: one server alone, then all as a cluster)
//        --warm [N] [--runs R] [--case TEXT]: repeated analyses of N events (default 10M) in one process, per cut (WarmBench.cs)
//        --discover: journey discovery on the saved store (DiscoveryBench.cs)
//        --generate-only N [--start YYYY-MM-DD] [--days D] [--seed S] [--out FILE]: write the events CSV and exit (BenchEvents.cs)
//        --duckdb-only FILE: the DuckDB SQL baseline alone on FILE, as its own process (bench/engine-process.sh)
using System.Diagnostics;
using System.Globalization;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Metrics;
using Wayfinder.Evidence.Store;
using Wayfinder.EvidenceBench;

if (args.Contains("--warm"))
{
    return await WarmBench.RunAsync(args);
}

if (args.Contains("--discover"))
{
    await DiscoveryBench.RunAsync(Path.Combine(Path.GetTempPath(), "wayfinder-bench", "store"));
    return 0;
}

if (args.Contains("--generate-only"))
{
    return BenchEvents.GenerateOnly(args);
}

if (Array.IndexOf(args, "--duckdb-only") is var duckDbAt and >= 0)
{
    if (duckDbAt + 1 >= args.Length || !File.Exists(args[duckDbAt + 1]))
    {
        Console.Error.WriteLine("--duckdb-only needs an events CSV that exists, e.g. --duckdb-only /tmp/wayfinder-bench/events-1000000.csv");
        return 2;
    }

    var result = DuckDbBaseline.Run(args[duckDbAt + 1], BenchJourney.Create(), (long)TimeSpan.FromDays(30).TotalMicroseconds, (long)TimeSpan.FromDays(14).TotalMicroseconds);
    Console.WriteLine($"duckdb: load {result.LoadSeconds:F2} s, metrics {result.MetricsSeconds:F2} s ({string.Join(", ", result.Parts.Select(p => $"{p.Name} {p.Seconds:F2}"))}) → {result.LoadSeconds + result.MetricsSeconds:F2} s");
    Console.WriteLine($"duckdb: funnel {string.Join(" → ", result.Funnel)}; top variant {result.TopVariantCount}; {result.Edges} edges; stranded {result.Stranded}");
    return 0;
}

if (args.Contains("--metrics-only"))
{
    // Profiling aid: analyse an already-saved store repeatedly (--threads N for one partition per thread).
    var store = new EventStore(Path.Combine(Path.GetTempPath(), "wayfinder-bench", "store")).Open();
    var j = BenchJourney.Create();
    var threadsAt = Array.IndexOf(args, "--threads");
    int? threads = threadsAt >= 0 ? int.Parse(args[threadsAt + 1], CultureInfo.InvariantCulture) : null;
    var times = new List<double>();
    for (var i = 0; i < 10; i++)
    {
        var w = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var m = JourneyAnalyzer.Analyze(j.Id, store, JourneyMapping.Build(j, store), new MetricsQuery(), threads);
        times.Add(w.Elapsed.TotalMilliseconds);
        Console.WriteLine($"run {i}: {w.Elapsed.TotalMilliseconds:F0} ms, cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms ({m.Customers} customers)");
    }

    var warm = times.Skip(1).Order().ToList();
    Console.WriteLine($"first {times[0]:F0} ms; warm: best {warm[0]:F0} ms, median {warm[warm.Count / 2]:F0} ms");
    return 0;
}

if (args.Contains("--save-only"))
{
    // Profiling aid: save the saved store again (into a scratch folder), three times.
    var scratch = Path.Combine(Path.GetTempPath(), "wayfinder-bench", "save-scratch");
    var saved = new EventStore(Path.Combine(Path.GetTempPath(), "wayfinder-bench", "store")).Open();
    for (var i = 0; i < 3; i++)
    {
        var w = Stopwatch.StartNew();
        new EventStore(scratch).Save(saved);
        Console.WriteLine($"save {i}: {w.Elapsed.TotalMilliseconds:F0} ms");
    }

    Directory.Delete(scratch, recursive: true);
    return 0;
}

if (args.Contains("--import-only"))
{
    // Profiling aid: read the 10M-event CSV and build the log, three times.
    var file = Path.Combine(Path.GetTempPath(), "wayfinder-bench", "events-10000000.csv");
    for (var i = 0; i < 3; i++)
    {
        var w = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (read, _) = await EventImporter.ReadAsync(file, new EventImportOptions(), CancellationToken.None);
        var parsed = w.Elapsed.TotalMilliseconds;
        var built = EventLogBuilder.Combine(read, out _);
        Console.WriteLine($"import {i}: {w.Elapsed.TotalMilliseconds:F0} ms (parse {parsed:F0}), cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms ({built.EventCount} events)");
    }

    return 0;
}

var events = args.FirstOrDefault(a => char.IsDigit(a[0])) is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 1_000_000;
var runDuckDb = !args.Contains("--no-duckdb");
var runPandas = !args.Contains("--no-pandas") && PandasBaseline.Available();
var dirIndex = Array.IndexOf(args, "--dir");
var dir = dirIndex >= 0 ? args[dirIndex + 1] : Path.Combine(Path.GetTempPath(), "wayfinder-bench");
Directory.CreateDirectory(dir);
var journey = BenchJourney.Create();
// --csv FILE: that file instead of DIR/events-N.csv (the store is still saved in DIR).
var csvAt = Array.IndexOf(args, "--csv");
var csv = csvAt >= 0 ? args[csvAt + 1] : Path.Combine(dir, $"events-{events}.csv");
if (!File.Exists(csv))
{
    BenchEvents.Write(csv, events, BenchEvents.Options(events));
}

var size = new FileInfo(csv).Length;
Console.WriteLine($"# {events:N0} events, {size / 1e6:F0} MB CSV ({(double)size / events:F0} bytes a row), {Environment.ProcessorCount} cores");
var window = TimeSpan.FromDays(30);
var inactivity = TimeSpan.FromDays(14);

// Wayfinder: import (parse + build), metrics, save, reopen.
static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
var memory = new List<string>();
void Mark(string phase)
{
    var process = Process.GetCurrentProcess();
    memory.Add($"{phase}: heap {GC.GetTotalMemory(false) / 1e6:F0} MB, working set {process.WorkingSet64 / 1e6:F0} MB, peak {process.PeakWorkingSet64 / 1e6:F0} MB");
}

var total = Stopwatch.StartNew();
var cpu0 = Cpu();
var parse = Stopwatch.StartNew();
var (parts, report) = await EventImporter.ReadAsync(csv, new EventImportOptions(), CancellationToken.None);
parse.Stop();
var cpu1 = Cpu();
Mark("after parse");
var build = Stopwatch.StartNew();
var log = EventLogBuilder.Combine(parts, out var duplicates);
build.Stop();
var cpu2 = Cpu();
Mark("after build");
parts = null;
var gen2Before = GC.CollectionCount(2);
var pauseBefore = GC.GetTotalPauseDuration();
var metricsWatch = Stopwatch.StartNew();
var mapping = JourneyMapping.Build(journey, log);
var metrics = JourneyAnalyzer.Analyze(journey.Id, log, mapping, new MetricsQuery { Window = window, Inactivity = inactivity });
metricsWatch.Stop();
var cpu3 = Cpu();
Mark("after metrics");
Console.WriteLine($"gc during the first metrics: {GC.CollectionCount(2) - gen2Before} gen2, pause {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:F0} ms");
total.Stop();
var storeDir = Path.Combine(dir, "store");
var save = Stopwatch.StartNew();
new EventStore(storeDir).Save(log);
save.Stop();
log = null;
GC.Collect();
var reopen = Stopwatch.StartNew();
var reopened = new EventStore(storeDir).Open();
reopen.Stop();
// Metrics on already-imported data: the best of three runs (the first also pays for JIT compilation).
var again = new Stopwatch();
var mappingTime = double.MaxValue;
var analyzeTime = double.MaxValue;
var metrics2 = metrics;
for (var run = 0; run < 3; run++)
{
    var watch = Stopwatch.StartNew();
    var m = JourneyMapping.Build(journey, reopened);
    var mapped = watch.Elapsed.TotalSeconds;
    metrics2 = JourneyAnalyzer.Analyze(journey.Id, reopened, m, new MetricsQuery { Window = window, Inactivity = inactivity });
    mappingTime = Math.Min(mappingTime, mapped);
    analyzeTime = Math.Min(analyzeTime, watch.Elapsed.TotalSeconds - mapped);
}
Mark("after reopen and metrics");
var peak = Process.GetCurrentProcess().PeakWorkingSet64;
memory.ForEach(m => Console.WriteLine("memory: " + m));

Console.WriteLine($"wayfinder: parse {parse.Elapsed.TotalSeconds:F2} s, build {build.Elapsed.TotalSeconds:F2} s, metrics {metricsWatch.Elapsed.TotalSeconds:F3} s → import+metrics {total.Elapsed.TotalSeconds:F2} s ({events / total.Elapsed.TotalSeconds / 1e6:F1} M events/s)");
Console.WriteLine($"wayfinder: cpu time: parse {cpu1 - cpu0:F2} s, build {cpu2 - cpu1:F2} s, metrics {cpu3 - cpu2:F3} s (wall time suffers when the machine is busy: load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
Console.WriteLine($"wayfinder: save {save.Elapsed.TotalSeconds:F2} s, reopen {reopen.Elapsed.TotalSeconds:F3} s, metrics on the reopened store (best of 3) {mappingTime + analyzeTime:F3} s (mapping {mappingTime:F3}, analysis {analyzeTime:F3}), peak memory {peak / 1e6:F0} MB");
Console.WriteLine($"wayfinder: {report.RowsRead:N0} rows, {report.BadRows} bad, {duplicates} duplicates, {metrics.Customers:N0} customers; funnel {string.Join(" → ", metrics.Funnel.Select(f => f.Customers))}; top variant {metrics.Variants[0].Customers}; {metrics.Flow.Count} edges; stranded {metrics.Stranded.Sum(s => s.Stranded)}");
if (metrics2.Funnel.Select(f => f.Customers).SequenceEqual(metrics.Funnel.Select(f => f.Customers)) is false)
{
    Console.WriteLine("MISMATCH: metrics on the reopened store differ");
}

void Compare(string name, BaselineResult baseline)
{
    var baselineTotal = baseline.LoadSeconds + baseline.MetricsSeconds;
    var label = (name + ":").PadRight(10);
    Console.WriteLine($"{label} load {baseline.LoadSeconds:F2} s, metrics {baseline.MetricsSeconds:F2} s ({string.Join(", ", baseline.Parts.Select(p => $"{p.Name} {p.Seconds:F2}"))}) → {baselineTotal:F2} s");
    Console.WriteLine($"{label} funnel {string.Join(" → ", baseline.Funnel)}; top variant {baseline.TopVariantCount}; {baseline.Edges} edges; stranded {baseline.Stranded}");
    var same = baseline.Funnel.SequenceEqual(metrics.Funnel.Select(f => (long)f.Customers)) && baseline.TopVariantCount == metrics.Variants[0].Customers
        && baseline.Edges == metrics.Flow.Count && baseline.Stranded == metrics.Stranded.Sum(s => s.Stranded);
    Console.WriteLine($"results agree ({name}): {(same ? "yes" : "NO")}");
    Console.WriteLine($"ratio ({name} ÷ wayfinder), import+metrics: {baselineTotal / total.Elapsed.TotalSeconds:F1}x; metrics only: {baseline.MetricsSeconds / metricsWatch.Elapsed.TotalSeconds:F1}x");
}

var clickhouseAt = Array.IndexOf(args, "--clickhouse");
if (clickhouseAt >= 0)
{
    await ClickHouseBench.RunAsync(
        csv, journey, new MetricsQuery { Window = window, Inactivity = inactivity }, metrics, parse.Elapsed.TotalSeconds + build.Elapsed.TotalSeconds + save.Elapsed.TotalSeconds,
        analyzeTime + mappingTime, args[clickhouseAt + 1]);
}

if (runDuckDb)
{
    Compare("duckdb", DuckDbBaseline.Run(csv, journey, (long)window.TotalMicroseconds, (long)inactivity.TotalMicroseconds));
}

if (runPandas)
{
    Compare("pandas", PandasBaseline.Run(csv, journey, (long)window.TotalMicroseconds, (long)inactivity.TotalMicroseconds));
}
else if (!args.Contains("--no-pandas"))
{
    Console.WriteLine("pandas:    not run (no python3 here imports pandas; on Debian: apt install python3-pandas)");
}

return 0;

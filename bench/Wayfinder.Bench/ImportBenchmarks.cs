namespace Wayfinder.Bench;

using BenchmarkDotNet.Attributes;
using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.SampleData;
using Wayfinder.Evidence.Store;

/// <summary>
/// Why Wayfinder reads CSV and NDJSON with its own byte-level parsers: the same files read by the general readers
/// (Sep for CSV, a <see cref="System.Text.Json.JsonDocument"/> per NDJSON line) are the baselines, in the same run.
/// One slice, so the ratio is the parsers' and not the cores'.
/// </summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private string _csv = "";
    private string _ndjson = "";

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wayfinder-bench", "import-benchmarks");
        Directory.CreateDirectory(folder);
        _csv = Path.Combine(folder, "events.csv");
        _ndjson = Path.Combine(folder, "events.ndjson");
        var journey = Journey();
        var events = EventGenerator.Generate(journey, new GeneratorOptions { Customers = 20_000, Seed = 3 }).Take(100_000).ToList();
        using (var writer = new StreamWriter(_csv))
        {
            EventGenerator.WriteCsv(events, writer, allAttributes: false);
        }

        // The same rows as NDJSON objects, attributes nested as a Segment export has them.
        var lines = File.ReadLines(_csv).Skip(1).Select(line => line.Split(','))
            .Select(f => $$$"""{"customer_id":"{{{f[0]}}}","timestamp":"{{{f[1]}}}","event":"{{{f[2]}}}","channel":"{{{f[3]}}}","properties":{"device":"{{{f[4]}}}"},"traits":{"plan":"{{{f[5]}}}","country":"{{{f[6]}}}"}}""");
        File.WriteAllLines(_ndjson, lines);
    }

    [Benchmark(Baseline = true, Description = "CSV, Sep (general reader)")]
    public int CsvGeneral() => Read(_csv, new EventImportOptions { GeneralReaderOnly = true });

    [Benchmark(Description = "CSV, Utf8Lines + CsvLineParser")]
    public int CsvBytes() => Read(_csv, new EventImportOptions { Slices = 1 });

    [Benchmark(Description = "NDJSON, JsonDocument per line (general reader)")]
    public int NdjsonGeneral() => Read(_ndjson, new EventImportOptions { GeneralReaderOnly = true });

    [Benchmark(Description = "NDJSON, Utf8Lines + NdjsonLineParser")]
    public int NdjsonBytes() => Read(_ndjson, new EventImportOptions { Slices = 1 });

    /// <summary>5 stages of 4 touchpoints, each claiming one event (as in Wayfinder.EvidenceBench).</summary>
    private static Journey Journey()
    {
        string[] stages = ["discover", "consider", "buy", "use", "recommend"];
        string[] channels = ["web", "app", "email", "store"];
        return new Journey
        {
            Id = "bench",
            Title = "Benchmark journey",
            Stages = [.. stages.Select(s => new Stage { Id = s, Name = s })],
            Lanes =
            [
                new Lane
                {
                    Id = "touchpoints",
                    Type = LaneType.Touchpoints,
                    Items = [.. stages.SelectMany(s => Enumerable.Range(1, 4).Select(t => new LaneItem { Id = $"{s}-{t}", Stage = s, Text = $"{s}-{t}", Channel = channels[t - 1], Events = [$"{s}_{t}"] }))],
                },
            ],
        };
    }

    private static int Read(string path, EventImportOptions options)
    {
        var (parts, _) = EventImporter.ReadAsync(path, options, CancellationToken.None).GetAwaiter().GetResult();
        return EventLogBuilder.Combine(parts, out _).EventCount;
    }
}

namespace Wayfinder.Bench;

using BenchmarkDotNet.Attributes;
using nietras.SeparatedValues;
using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.SampleData;
using Wayfinder.Evidence.Store;

/// <summary>
/// Why Wayfinder reads CSV and NDJSON with its own byte-level parsers: the same files read by the general readers
/// (the RFC 4180 reader for CSV, a <see cref="System.Text.Json.JsonDocument"/> per NDJSON line) are the baselines, in
/// the same run; for quoted CSV, Sep is the library baseline of the RFC 4180 reader.
/// One slice, so the ratio is the parsers' and not the cores'.
/// </summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private string _csv = "";
    private string _ndjson = "";
    private string _quoted = "";

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

        // The same rows with every field quoted and a doubled quote in the device: the files that take the RFC 4180 reader.
        _quoted = Path.Combine(folder, "events-quoted.csv");
        File.WriteAllLines(_quoted, File.ReadLines(_csv).Select((line, i) =>
            string.Join(',', line.Split(',').Select(f => "\"" + (i > 0 && f.StartsWith("ios", StringComparison.Ordinal) ? f + " \"\"beta\"\"" : f) + "\""))));
    }

    /// <summary>
    /// The library baseline for quoted CSV: Sep unescaping every field, and nothing else. Wayfinder reads quoted files
    /// with its own RFC 4180 reader because Sep accepts an unterminated quote by reading to the end of the file, so
    /// lines would be lost without a bad row; this pair says what that costs.
    /// </summary>
    [Benchmark(Description = "quoted CSV, Sep fields only (library)")]
    public int QuotedSep()
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(_quoted);
        var chars = 0;
        foreach (var row in reader)
        {
            for (var i = 0; i < row.ColCount; i++)
            {
                chars += row[i].Span.Length;
            }
        }

        return chars;
    }

    [Benchmark(Description = "quoted CSV, CsvRecords fields only")]
    public int QuotedRecords()
    {
        using var stream = File.OpenRead(_quoted);
        using var records = CsvRecords.Open(stream, 1 << 22);
        var chars = 0;
        while (records.Read())
        {
            for (var i = 0; i < records.Count; i++)
            {
                chars += records[i].Length;
            }
        }

        return chars;
    }

    [Benchmark(Description = "quoted CSV, whole import (CsvRecords)")]
    public int QuotedImport() => Read(_quoted, new EventImportOptions { Slices = 1, MaxBadRows = 0 });

    [Benchmark(Baseline = true, Description = "CSV, CsvRecords (general reader)")]
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

namespace Wayfinder.EvidenceBench;

using System.Diagnostics;
using System.Globalization;
using Wayfinder.Evidence.SampleData;

/// <summary>
/// The benchmark's events CSV: <see cref="EventGenerator"/> over <see cref="BenchJourney"/>, one customer for about five
/// events, the customer.plan and customer.country attributes. The same arguments always give the same file.
/// </summary>
internal static class BenchEvents
{
    /// <summary>The settings the benchmark's files were always made with (events-N.csv): seed 7, 180 days from 2026-01-01.</summary>
    public static GeneratorOptions Options(long events, int seed = 7, DateOnly? start = null, int days = 180) =>
        new() { Customers = (int)(events / 5) + 100, Seed = seed, Start = start ?? new DateOnly(2026, 1, 1), Days = days };

    /// <summary>Writes the first <paramref name="events"/> generated events to <paramref name="csv"/>, saying so on stderr.</summary>
    public static void Write(string csv, long events, GeneratorOptions options)
    {
        Console.Error.WriteLine($"generating {events:N0} events into {csv} …");
        var watch = Stopwatch.StartNew();
        var folder = Path.GetDirectoryName(Path.GetFullPath(csv))!;
        Directory.CreateDirectory(folder);
        // Written beside and moved into place, so a stopped run never leaves a short file that later runs would reuse.
        var partial = csv + ".partial";
        using (var writer = new StreamWriter(partial))
        {
            EventGenerator.WriteCsv(EventGenerator.Generate(BenchJourney.Create(), options).Take(checked((int)events)), writer, allAttributes: false);
        }

        File.Move(partial, csv, overwrite: true);
        Console.Error.WriteLine($"  done in {watch.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// <c>--generate-only N [--start YYYY-MM-DD] [--days D] [--seed S] [--out FILE]</c>: writes the CSV and exits
    /// (default FILE: events-N.csv in the temp folder's wayfinder-bench). Returns the exit code.
    /// </summary>
    public static int GenerateOnly(string[] args)
    {
        string? Value(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        if (!long.TryParse(Value("--generate-only"), NumberStyles.None, CultureInfo.InvariantCulture, out var events) || events is < 1 or > int.MaxValue)
        {
            Console.Error.WriteLine($"--generate-only needs a number of events from 1 to {int.MaxValue:N0}, e.g. --generate-only 1000000");
            return 2;
        }

        DateOnly? start = null;
        if (Value("--start") is { } startText)
        {
            if (!DateOnly.TryParseExact(startText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                Console.Error.WriteLine($"--start {startText}: expected a day as YYYY-MM-DD, e.g. --start 2026-09-01");
                return 2;
            }

            start = day;
        }

        if (!int.TryParse(Value("--seed") ?? "7", NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
        {
            Console.Error.WriteLine($"--seed {Value("--seed")}: expected a whole number, e.g. --seed 8");
            return 2;
        }

        if (!int.TryParse(Value("--days") ?? "180", NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < 1)
        {
            Console.Error.WriteLine($"--days {Value("--days")}: expected the number of days over which customers start (1 or more), e.g. --days 1");
            return 2;
        }

        var csv = Value("--out") ?? Path.Combine(Path.GetTempPath(), "wayfinder-bench", $"events-{events}.csv");
        Write(csv, events, Options(events, seed, start, days));
        return 0;
    }
}

namespace Wayfinder.Cli.Tests;

using Process = System.Diagnostics.Process;
using Stopwatch = System.Diagnostics.Stopwatch;
using System.Security.Cryptography;
using System.Text;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;

/// <summary>
/// Appends and compaction of the embedded store as the user runs them (the built <c>wayfinder</c>, a process of its
/// own), killed at random points: the store reopens, holding the events of before or after, never anything else.
/// </summary>
public sealed class AppendCrashTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Customers = 20_000;

    /// <summary>
    /// Every customer's events on <paramref name="days"/> days from <paramref name="first"/>: a, b and c, each with a
    /// page, so that writing a file takes tens of milliseconds.
    /// </summary>
    private static void WriteEvents(string path, DateTime first, int days)
    {
        var text = new StringBuilder("customer_id,timestamp,event,channel,page\n");
        for (var c = 0; c < Customers; c++)
        {
            for (var d = 0; d < days; d++)
            {
                var day = first.AddDays(d).AddSeconds(c);
                text.Append(CultureInfoFree($"c{c:D5},{day:yyyy-MM-ddTHH:mm:ss}Z,a,web,p{c % 13}\n"));
                text.Append(CultureInfoFree($"c{c:D5},{day.AddMinutes(5):yyyy-MM-ddTHH:mm:ss}Z,b,{(c % 2 == 0 ? "app" : "web")},p{d}\n"));
                if (c % 3 != 0)
                {
                    text.Append(CultureInfoFree($"c{c:D5},{day.AddHours(1):yyyy-MM-ddTHH:mm:ss}Z,c,app,\n"));
                }
            }
        }

        File.WriteAllText(path, text.ToString());
    }

    private static string CultureInfoFree(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>A checksum of every column of the store's log as it reads now (ids, times, events, channels, properties, attributes, stitched ids).</summary>
    private static string Checksum(EventLog log)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string? text) => hash.AppendData(Encoding.UTF8.GetBytes((text ?? "\u0000") + "\u0001"));
        foreach (var id in log.CustomerIds)
        {
            Add(id);
        }

        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(log.CustomerStart.AsSpan()));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(log.Timestamps.AsSpan()));
        for (var r = 0; r < log.EventCount; r++)
        {
            Add(log.EventNames[log.EventCodes[r]]);
            Add(log.ChannelCodes[r] < 0 ? null : log.ChannelNames[log.ChannelCodes[r]]);
        }

        foreach (var (name, column) in log.Properties.Concat(log.Attributes).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Add(name);
            for (var i = 0; i < column.Codes.Length; i++)
            {
                Add(column[i]);
            }
        }

        return $"{log.EventCount} events, sha256 {Convert.ToHexString(hash.GetHashAndReset())}";
    }

    private static async Task<string> FullMerge(params string[] files)
    {
        var store = EventStore.InMemory(EventLog.Empty);
        foreach (var file in files)
        {
            Assert.True((await store.ImportAsync(file, new EventImportOptions())).Succeeded);
        }

        return Checksum(store.Open());
    }

    /// <summary>
    /// Starts the built CLI in <paramref name="workspace"/>; with <paramref name="killWhen"/>, kills it (and anything it
    /// started) when that returns true, unless it ended first.
    /// </summary>
    private static async Task<(bool Killed, int ExitCode, string Stderr)> RunToolAsync(string workspace, Func<Process, bool>? killWhen, params string[] args)
    {
        using var process = CliRunner.StartTool(workspace, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var killed = false;
        if (killWhen is not null && killWhen(process) && !process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            killed = true;
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await stdout;
        return (killed, process.ExitCode, await stderr);
    }

    private static bool AfterWritingBegan(Process process, string writing, TimeSpan delay)
    {
        while (!process.HasExited && !Directory.Exists(writing))
        {
            Thread.Sleep(1);
        }

        return !process.WaitForExit(delay);
    }

    private static async Task<TimeSpan> TimedRun(string workspace, string expected, params string[] args)
    {
        var clock = Stopwatch.StartNew();
        var (_, code, stderr) = await RunToolAsync(workspace, null, args);
        Assert.True(code == 0, stderr);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        return clock.Elapsed;
    }

    private static async Task<string> EmptyWorkspace(TempFolder temp)
    {
        Assert.Equal(0, (await CliRunner.RunAsync(temp.Path, "init", "ws", "--empty")).ExitCode);
        return temp.Combine("ws");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var leftover in new[] { to, to + ".new", to + ".old" }.Where(Directory.Exists))
        {
            Directory.Delete(leftover, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task KillingAnAppendOrACompactionAtRandomPointsLeavesTheStoreBeforeOrAfterNeverBetween()
    {
        using var temp = new TempFolder();
        var workspace = await EmptyWorkspace(temp);
        var store = Path.Combine(workspace, ".wayfinder", "store");
        var (january, february, march) = (temp.Combine("january.csv"), temp.Combine("february.csv"), temp.Combine("march.csv"));
        WriteEvents(january, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), 3);
        WriteEvents(february, new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), 3);
        WriteEvents(march, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), 1);
        var before = await FullMerge(january);
        var after = await FullMerge(january, february);
        Assert.NotEqual(before, after);

        Assert.Equal(0, (await CliRunner.RunAsync(workspace, "import", "events", january)).ExitCode);
        var baseOnly = temp.Combine("base-only");
        CopyFolder(store, baseOnly);
        Assert.Equal(before, Checksum(new EventStore(store).Open()));
        var appending = await TimedRun(workspace, "appended as segment 1 of the store", "import", "events", february);
        var withSegment = temp.Combine("with-segment");
        CopyFolder(store, withSegment);
        Assert.Equal(after, Checksum(new EventStore(store).Open()));
        var compacting = await TimedRun(workspace, "merged 1 appended import into the store", "compact");
        Assert.Equal(after, Checksum(new EventStore(store).Open()));

        // A fixed seed: the same kill points on every run, spread over each command's normal duration.
        var random = new Random(14);
        var seen = new List<string>();
        foreach (var (operation, from, duration, allowed) in new[]
        {
            (new[] { "import", "events", february }, baseOnly, appending, new[] { before, after }),
            (new[] { "compact" }, withSegment, compacting, new[] { after }),
        })
        {
            // Most of a run is starting and reading; half the kills land at random in the whole run, the other half at
            // random in the first tens of ms after the writing began (the temporary segment or store.new appeared).
            var writing = operation[0] == "compact" ? store + ".new" : Path.Combine(store, "appends", ".000001.tmp");
            for (var kill = 0; kill < 10; kill++)
            {
                CopyFolder(from, store);
                var whole = kill % 2 == 0;
                var delay = TimeSpan.FromMilliseconds(random.NextDouble() * (whole ? duration.TotalMilliseconds : 40));
                var (killed, _, _) = await RunToolAsync(workspace, process => whole ? !process.WaitForExit(delay) : AfterWritingBegan(process, writing, delay), operation);

                var reopened = Checksum(new EventStore(store).Open());
                var point = $"{operation[0]} {(killed ? "killed" : "ended")} {delay.TotalMilliseconds:F0} ms after {(whole ? "it started" : "the writing began")}";
                Assert.True(allowed.Contains(reopened), $"{point}: the store reads {reopened}, neither before nor after");
                seen.Add($"{point}: {(reopened == before ? "before" : "after")}");
            }
        }

        output.WriteLine($"append {appending.TotalMilliseconds:F0} ms, compaction {compacting.TotalMilliseconds:F0} ms when not killed");
        seen.ForEach(output.WriteLine);

        // After the last kill (of a compaction), the store takes an append and a compaction as usual.
        var march1 = await CliRunner.RunAsync(workspace, "import", "events", march);
        var compacted = await CliRunner.RunAsync(workspace, "compact");

        Assert.True(march1.ExitCode == 0, march1.ToString());
        Assert.Contains("; appended as segment ", march1.Stderr, StringComparison.Ordinal);
        Assert.True(compacted.ExitCode == 0, compacted.ToString());
        Assert.Equal(await FullMerge(january, february, march), Checksum(new EventStore(store).Open()));
        Assert.False(Directory.Exists(Path.Combine(store, "appends")), string.Join("\n", seen));
    }

    [Fact]
    public async Task CompactSaysWhatItMergedAndThatASecondRunHasNothingToDo()
    {
        using var temp = new TempFolder();
        var workspace = await EmptyWorkspace(temp);
        temp.Write("ws/day1.csv", "customer_id,timestamp,event\nu1,2026-03-01T00:00:00Z,signup\nu2,2026-03-01T01:00:00Z,signup\n");
        temp.Write("ws/day2.csv", "customer_id,timestamp,event\nu1,2026-03-02T00:00:00Z,order\n");
        temp.Write("ws/day3.csv", "customer_id,timestamp,event\nu2,2026-03-03T00:00:00Z,order\nu3,2026-03-03T00:00:00Z,signup\n");

        var day1 = await CliRunner.RunAsync(workspace, "import", "events", "day1.csv");
        var day2 = await CliRunner.RunAsync(workspace, "import", "events", "day2.csv");
        var day3 = await CliRunner.RunAsync(workspace, "import", "events", "day3.csv");
        var compact = await CliRunner.RunAsync(workspace, "compact");
        var again = await CliRunner.RunAsync(workspace, "compact", "--json");

        Assert.Equal(["day1.csv: stored: 2 rows read, 2 added"], day1.ErrorLines);
        Assert.Equal(["day2.csv: stored: 1 rows read, 1 added; appended as segment 1 of the store"], day2.ErrorLines);
        Assert.Equal(["day3.csv: stored: 2 rows read, 2 added; appended as segment 2 of the store"], day3.ErrorLines);
        Assert.Equal((0, "merged 2 appended imports into the store: 5 events"), (compact.ExitCode, compact.ErrorLines.Single()));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("\"merged\": 0", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"events\": 5", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImportWhileAnotherProcessWritesTheStoreIsRefusedWithAClearMessage()
    {
        using var temp = new TempFolder();
        var workspace = await EmptyWorkspace(temp);
        temp.Write("ws/day1.csv", "customer_id,timestamp,event\nu1,2026-03-01T00:00:00Z,signup\n");
        Directory.CreateDirectory(Path.Combine(workspace, ".wayfinder"));

        CliResult result;
        using (new FileStream(Path.Combine(workspace, ".wayfinder", "store.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            result = await CliRunner.RunAsync(workspace, "import", "events", "day1.csv");
        }

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: day1.csv: nothing was stored: another import or compaction is running on this store; try again when it has finished"], result.ErrorLines);
    }
}

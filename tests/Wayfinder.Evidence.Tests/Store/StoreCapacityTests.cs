namespace Wayfinder.Evidence.Tests.Store;

using Parquet;
using Parquet.Schema;
using Wayfinder.Evidence;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Tests.Import;

public sealed class StoreCapacityTests
{
    private const long Machine24Gb = 24L << 30;
    private const string ClickHouse = "Keep these events in ClickHouse instead: set store.events in wayfinder.yaml to your ClickHouse server, or pass --events clickhouse://HOST:8123/DATABASE (docs/clickhouse.md)";

    [Fact]
    public void HundredMillionEventsFitA24GbMachine()
    {
        // 100M × 105 B = 10.5 GB to import, 100M × 70 B = 7 GB to read, against 0.8 × 24 GiB = 20.6 GB.
        Assert.Null(StoreCapacity.ImportProblem(100_000_000, 0, rewritesStore: false, Machine24Gb));
        Assert.Null(StoreCapacity.ReadProblem(100_000_000, Machine24Gb));
    }

    [Fact]
    public void AnImportTooBigForTheMachineNamesTheLimitAndClickHouse()
    {
        // 200M × 105 B = 21.0e9 B = 19.6 GiB; 0.8 × 24 GiB = 20,615,843,020 B, / 105 = 196.3M, rounded down to 190M.
        Assert.Equal(
            "about 200,000,000 events need about 19.6 GB of memory, and this machine has 24 GB: the embedded store fits about 190,000,000 events here. " + ClickHouse,
            StoreCapacity.ImportProblem(200_000_000, 0, rewritesStore: false, Machine24Gb));
    }

    [Fact]
    public void AnAppendIsJudgedByTheWholeStoreItMustBeReadAs()
    {
        // Appending builds only the 1M new rows (105 MB), but 251M events must then be read: 17.6e9 B < 20.6e9 B.
        Assert.Null(StoreCapacity.ImportProblem(1_000_000, 250_000_000, rewritesStore: false, Machine24Gb));
        // 301M × 70 B = 21.07e9 B = 19.6 GiB > 20.6e9 B; 20,615,843,020 / 70 = 294.5M, rounded down to 290M.
        Assert.Equal(
            "300,000,000 stored events and about 1,000,000 new ones need about 19.6 GB of memory, and this machine has 24 GB: the embedded store fits about 290,000,000 events here. " + ClickHouse,
            StoreCapacity.ImportProblem(1_000_000, 300_000_000, rewritesStore: false, Machine24Gb));
        // The same rows merged into the store build all 301M again: 301M × 105 B = 31.6e9 B = 29.4 GiB, fits 190M.
        Assert.Equal(
            "300,000,000 stored events and about 1,000,000 new ones need about 29.4 GB of memory, and this machine has 24 GB: the embedded store fits about 190,000,000 events here. " + ClickHouse,
            StoreCapacity.ImportProblem(1_000_000, 300_000_000, rewritesStore: true, Machine24Gb));
    }

    [Fact]
    public void NoMachineHoldsMoreEventsThanAnArrayCan()
    {
        Assert.Equal(
            "the embedded store holds at most 2,147,483,591 events on any machine. " + ClickHouse,
            StoreCapacity.ImportProblem(3_000_000_000, 0, rewritesStore: false, 1L << 50));
    }

    [Fact]
    public void ReadingATooBigStoreSaysSoBeforeReadingIt()
    {
        // 300M × 70 B = 21.0e9 B = 19.6 GiB > 20.6e9 B.
        Assert.Equal(
            "the event store holds 300,000,000 events, which need about 19.6 GB of memory to analyse, and this machine has 24 GB: the embedded store fits about 290,000,000 events here. "
            + "Analyse them on a machine with more memory, or move them to ClickHouse (set store.events in wayfinder.yaml and run `wayfinder import data` there; docs/clickhouse.md)",
            StoreCapacity.ReadProblem(300_000_000, Machine24Gb));
    }

    [Fact]
    public async Task RowsOfASmallTextFileAreCountedWhole()
    {
        using var temp = new TempFolder();
        // A CSV header is not a row; NDJSON has none.
        Assert.Equal(2, await StoreCapacity.EstimateRowsAsync(temp.Write("a.csv", "h\nb\nc\n"), null));
        Assert.Equal(2, await StoreCapacity.EstimateRowsAsync(temp.Write("b.csv", "h\nb\nc"), null));
        Assert.Equal(3, await StoreCapacity.EstimateRowsAsync(temp.Write("a.ndjson", "{}\n{}\n{}"), null));
        Assert.Equal(0, await StoreCapacity.EstimateRowsAsync(temp.Write("c.ndjson", ""), null));
    }

    [Fact]
    public async Task RowsOfALargeFileAreEstimatedFromItsFirstFourMegabytes()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "big.csv");
        // 10 MiB of 100-byte lines: the first 4 MiB hold 41,943 whole lines; scaled by 10 MiB / 4 MiB = 2.5 → 104,857.5 → 104,858,
        // less the header: 104,857 (the file holds 104,857 whole lines and a part).
        var line = new string('x', 99) + "\n";
        await File.WriteAllTextAsync(path, string.Concat(Enumerable.Repeat(line, 104_858))[..(10 << 20)]);
        Assert.Equal(104_857, await StoreCapacity.EstimateRowsAsync(path, "csv"));
    }

    [Fact]
    public async Task ParquetRowsComeFromTheFooter()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "e.parquet");
        var schema = new ParquetSchema(new DataField<string>("user_id"), new DataField<long>("n"));
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            for (var g = 0; g < 2; g++)
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(schema.DataFields[0], new[] { "a", "b", "c" });
                await group.WriteAsync<long>(schema.DataFields[1], new long[] { 1, 2, 3 });
            }
        }

        Assert.Equal(6, await StoreCapacity.EstimateRowsAsync(path, null));
    }

    [Fact]
    public async Task AFileThatCannotBeReadHasNoEstimate()
    {
        using var temp = new TempFolder();
        Assert.Null(await StoreCapacity.EstimateRowsAsync(Path.Combine(temp.Path, "missing.csv"), null));
        Assert.Null(await StoreCapacity.EstimateRowsAsync(temp.Write("events.xlsx", "x"), null));
    }
}

public sealed class StoreCapacityRefusalTests : IDisposable
{
    private const string Events = "user_id,timestamp,event_name\nu1,2026-03-01T10:00:00Z,a\nu1,2026-03-01T11:00:00Z,b\nu2,2026-03-01T12:00:00Z,a\n";
    private readonly TempFolder _temp = new();

    private string Folder => Path.Combine(_temp.Path, "store");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AnImportThatCannotFitIsRefusedBeforeReadingAndTheStoreIsUnchanged()
    {
        // 3 rows × 105 B = 315 B to import, against 0.8 × 300 B = 240 B usable: 240 / 105 = 2 events fit.
        var file = _temp.Write("events.csv", Events);
        var store = new EventStore(Folder, new EngineOptions { MemoryBytes = 300 });
        var report = await store.ImportAsync(file, new EventImportOptions());
        Assert.False(report.Succeeded);
        Assert.Equal(
            "about 3 events need about 315 bytes of memory, and this machine has 300 bytes: the embedded store fits about 2 events here. "
            + "Keep these events in ClickHouse instead: set store.events in wayfinder.yaml to your ClickHouse server, or pass --events clickhouse://HOST:8123/DATABASE (docs/clickhouse.md)",
            report.Error);
        Assert.False(Directory.Exists(Path.Combine(Folder, "appends")));
        Assert.False(File.Exists(Path.Combine(Folder, "events.arrow")));
        Assert.Equal(0, new EventStore(Folder).Open().EventCount);
    }

    [Fact]
    public async Task AStoreTooLargeToReadSaysSoInsteadOfReadingIt()
    {
        var file = _temp.Write("events.csv", Events);
        Assert.True((await new EventStore(Folder).ImportAsync(file, new EventImportOptions())).Succeeded);
        // 3 stored events × 70 B = 210 B to read, against 0.8 × 200 B = 160 B: 160 / 70 = 2 events fit.
        var error = Assert.Throws<StoreTooLargeException>(() => new EventStore(Folder, new EngineOptions { MemoryBytes = 200 }).Open());
        Assert.Equal(
            "the event store holds 3 events, which need about 210 bytes of memory to analyse, and this machine has 200 bytes: the embedded store fits about 2 events here. "
            + "Analyse them on a machine with more memory, or move them to ClickHouse (set store.events in wayfinder.yaml and run `wayfinder import data` there; docs/clickhouse.md)",
            error.Message);
        Assert.Equal(3, new EventStore(Folder, new EngineOptions { MemoryBytes = 263 }).Open().EventCount);
    }

    [Fact]
    public async Task AnAppendIsJudgedByTheStoreItJoins()
    {
        // Base: 3 events. Next day: 2 more. As an append, 2 × 105 = 210 B to build and 5 × 70 = 350 B to read: with
        // 440 B (352 usable) both fit; with 430 B (344 usable) the read of 5 does not.
        var file = _temp.Write("day1.csv", Events);
        Assert.True((await new EventStore(Folder).ImportAsync(file, new EventImportOptions())).Succeeded);
        var day2 = _temp.Write("day2.csv", "user_id,timestamp,event_name\nu1,2026-03-02T10:00:00Z,c\nu3,2026-03-02T11:00:00Z,a\n");
        var refused = await new EventStore(Folder, new EngineOptions { MemoryBytes = 430 }).ImportAsync(day2, new EventImportOptions());
        Assert.StartsWith("3 stored events and about 2 new ones need about 350 bytes of memory, and this machine has 430 bytes: the embedded store fits about 4 events here.", refused.Error);
        Assert.Equal(3, new EventStore(Folder).Open().EventCount);
        var report = await new EventStore(Folder, new EngineOptions { MemoryBytes = 440 }).ImportAsync(day2, new EventImportOptions());
        Assert.True(report.Succeeded, report.Error);
        Assert.Equal(1, report.AppendedSegment);
        Assert.Equal(5, new EventStore(Folder).Open().EventCount);
    }
}

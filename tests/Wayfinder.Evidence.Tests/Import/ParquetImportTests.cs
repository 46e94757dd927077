namespace Wayfinder.Evidence.Tests.Import;

using Parquet;
using Parquet.Schema;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;

public sealed class ParquetImportTests
{
    private static async Task<string> WriteParquet(string path, string[] customers, DateTime[] times, string[] events, long?[] amounts)
    {
        var schema = new ParquetSchema(
            new DataField("user_id", typeof(string), isNullable: true),
            new DataField("event_time", typeof(DateTime), isNullable: false),
            new DataField("event_name", typeof(string), isNullable: true),
            new DataField("amount", typeof(long), isNullable: true));
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(schema.DataFields[0], customers);
        await group.WriteAsync<DateTime>(schema.DataFields[1], times.AsMemory());
        await group.WriteAsync(schema.DataFields[2], events);
        await group.WriteAsync<long>(schema.DataFields[3], amounts.AsMemory());
        return path;
    }

    [Fact]
    public async Task ParquetEventsAreImportedWithTypedColumnsAndBadRowsReported()
    {
        using var temp = new TempFolder();
        var march1 = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var file = await WriteParquet(
            Path.Combine(temp.Path, "events.parquet"),
            ["u1", "", "u2"],
            [march1, march1, march1.AddHours(2)],
            ["buy", "buy", "view"],
            [42, null, null]);
        var store = new EventStore(Path.Combine(temp.Path, "store"));

        var report = await store.ImportAsync(file, new EventImportOptions { MaxBadRows = 1 });
        var log = store.Open();

        Assert.True(report.Succeeded, report.Error);
        Assert.Equal((3L, 2L, 1L), (report.RowsRead, report.RowsAdded, report.BadRows));
        Assert.Equal("line 2: customer_id: is missing; every event needs the customer it belongs to", report.Problems.Single().ToString());
        Assert.Equal(["u1", "u2"], log.CustomerIds);
        Assert.Equal(new DateTimeOffset(march1).ToUnixTimeMilliseconds() * 1000, log.Timestamps[0]);
        Assert.Equal(("42", (string?)null), (log.Properties["amount"][0], log.Properties["amount"][1]));
    }

    [Fact]
    public async Task RowGroupsAreReadInParallelWithRowNumbersAcrossGroupsAndEpochMicroseconds()
    {
        // Three row groups, GA4-like: event_timestamp in epoch microseconds as INT64, one value out of range.
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "ga4.parquet");
        var schema = new ParquetSchema(
            new DataField("user_pseudo_id", typeof(string), isNullable: true),
            new DataField("event_timestamp", typeof(long), isNullable: false),
            new DataField("event_name", typeof(string), isNullable: true));
        var march1 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            for (var g = 0; g < 3; g++)
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(schema.DataFields[0], new[] { $"u{g}", $"u{g}" });
                await group.WriteAsync<long>(schema.DataFields[1], new[] { march1 + g, g == 2 ? 99_999_999_999_999_999 : march1 + 10 + g }.AsMemory());
                await group.WriteAsync(schema.DataFields[2], new[] { "page_view", "scroll" });
            }
        }

        var (parts, report) = await EventImporter.ReadAsync(path, new EventImportOptions { Preset = "ga4", Slices = 2 }, CancellationToken.None);
        var log = EventLogBuilder.Combine(parts, out _);

        Assert.Equal(2, parts.Count);
        Assert.Equal((6L, 1L), (report.RowsRead, report.BadRows));
        Assert.Equal("line 6: timestamp: '99999999999999999' is outside 1970–2099 as epoch microseconds", report.Problems.Single().ToString());
        Assert.Equal(["u0", "u1", "u2"], log.CustomerIds);
        Assert.Equal([march1, march1 + 10, march1 + 1, march1 + 11, march1 + 2], log.Timestamps);
    }

    [Fact]
    public async Task MissingTextValuesAreMissingNotShifted()
    {
        // Text is read as a dense list of the values present, spread back over the rows by their definition levels.
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "nulls.parquet");
        var schema = new ParquetSchema(
            new DataField("customer_id", typeof(string), isNullable: true),
            new DataField("timestamp", typeof(DateTime), isNullable: false),
            new DataField("event", typeof(string), isNullable: true),
            new DataField("coupon", typeof(string), isNullable: true),
            new DataField("customer.plan", typeof(string), isNullable: false));
        var march1 = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(schema.DataFields[0], new string?[] { "u1", null, "u2", "u3", "u1" });
            await group.WriteAsync<DateTime>(schema.DataFields[1], Enumerable.Range(0, 5).Select(h => march1.AddHours(h)).ToArray().AsMemory());
            await group.WriteAsync(schema.DataFields[2], new string?[] { "view", "view", null, "buy", "buy" });
            await group.WriteAsync(schema.DataFields[3], new string?[] { null, "X", null, "SPRING", null });
            await group.WriteAsync(schema.DataFields[4], new string?[] { "free", "pro", "pro", "free", "pro" });
        }

        var (parts, report) = await EventImporter.ReadAsync(path, new EventImportOptions(), CancellationToken.None);
        var log = EventLogBuilder.Combine(parts, out _);

        Assert.Equal(
            ["line 2: customer_id: is missing; every event needs the customer it belongs to", "line 3: event: is missing; every row needs an event name"],
            report.Problems.Select(p => p.ToString()));
        Assert.Equal(["u1", "u3"], log.CustomerIds);
        Assert.Equal(["view", "buy", "buy"], log.EventCodes.Select(c => log.EventNames[c]));
        Assert.Equal([null, null, "SPRING"], Enumerable.Range(0, 3).Select(r => log.Properties["coupon"][r]));
        Assert.Equal(["pro", "free"], Enumerable.Range(0, 2).Select(c => log.Attributes["plan"][c]));
    }

    [Fact]
    public async Task ABinaryColumnIsRefusedInPlainWords()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "blob.parquet");
        var schema = new ParquetSchema(
            new DataField("customer_id", typeof(string), isNullable: true),
            new DataField("timestamp", typeof(DateTime), isNullable: false),
            new DataField("event", typeof(string), isNullable: true),
            new DataField("blob", typeof(byte[]), isNullable: true));
        await using (var stream = File.Create(path))
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(schema.DataFields[0], new string?[] { "u1" });
            await group.WriteAsync<DateTime>(schema.DataFields[1], new[] { new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc) }.AsMemory());
            await group.WriteAsync(schema.DataFields[2], new string?[] { "a" });
            await group.WriteAsync(schema.DataFields[3], new byte[]?[] { [1, 2] });
        }

        var report = await new EventStore(Path.Combine(temp.Path, "store")).ImportAsync(path, new EventImportOptions());

        Assert.Equal("column 'blob' holds binary data, which Wayfinder cannot read; export it as text or a number, or leave it out of the export", report.Error);
    }

    [Fact]
    public async Task ATruncatedParquetFileIsRefusedAndTheStoreKept()
    {
        using var temp = new TempFolder();
        var good = temp.Write("good.csv", "customer_id,timestamp,event\nu1,2026-03-01T00:00:00Z,a\n");
        var file = await WriteParquet(Path.Combine(temp.Path, "events.parquet"), ["u1"], [DateTime.UtcNow], ["a"], [1]);
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);
        var store = new EventStore(Path.Combine(temp.Path, "store"));
        await store.ImportAsync(good, new EventImportOptions());

        var report = await store.ImportAsync(file, new EventImportOptions());

        Assert.False(report.Succeeded);
        Assert.StartsWith("not a readable Parquet file", report.Error, StringComparison.Ordinal);
        Assert.Equal(1, store.Open().EventCount);
    }

    [Fact]
    public async Task WrongColumnTypesInCsvAreRowErrorsNotCrashes()
    {
        using var temp = new TempFolder();
        // A timestamp column holding words and numbers of no known size; an NDJSON line whose fields are objects.
        var csv = temp.Write("events.csv", "customer_id,timestamp,event\nu1,true,a\nu2,12.5.3,a\nu3,-5,a\n");
        var ndjson = temp.Write("events.ndjson", "{\"customer_id\":{\"id\":1},\"timestamp\":[1,2],\"event\":\"a\"}\n{\"customer_id\":\"u9\",\"timestamp\":\"2026-03-01T00:00:00Z\",\"event\":\"a\"}\n");
        var store = new EventStore(Path.Combine(temp.Path, "store"));

        var a = await store.ImportAsync(csv, new EventImportOptions());
        var b = await store.ImportAsync(ndjson, new EventImportOptions { MaxBadRows = 1 });

        Assert.Equal((3L, 0L), (a.BadRows, a.RowsAdded));
        Assert.Equal(
            [
                "line 2: timestamp: 'true' is not ISO 8601 or an epoch number; write ISO 8601 (2026-03-01T14:05:00Z, 2026-03-01 14:05:00+01:00 or 2026-03-01) or epoch seconds (1772373900), or name the file's format in the data source's mapping in wayfinder.yaml (e.g. timestamp_format: \"dd/MM/yyyy HH:mm\")",
                "line 3: timestamp: '12.5.3' is not a number",
                "line 4: timestamp: '-5' is outside 1970–2099 as epoch seconds",
            ],
            a.Problems.Select(p => p.ToString()));
        Assert.Equal((1L, 1L), (b.BadRows, b.RowsAdded));
        Assert.StartsWith("line 1: no column for customer_id; no column for timestamp (the file's columns are customer_id.id, timestamp.0, timestamp.1, event)", b.Problems.Single().ToString(), StringComparison.Ordinal);
    }
}

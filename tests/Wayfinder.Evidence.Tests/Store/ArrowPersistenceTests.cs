namespace Wayfinder.Evidence.Tests.Store;

using Apache.Arrow;
using Apache.Arrow.Ipc;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Tests.Import;

public sealed class ArrowPersistenceTests
{
    [Theory]
    [InlineData("u1", "u2")]
    [InlineData("zoë", "北京-7")]
    public void ASavedLogReopensAsItWas(string first, string second)
    {
        // More rows than an Arrow batch holds (262,144), ASCII and non-ASCII ids: the columns are written as views of
        // the log's own arrays and the ids straight from their packed characters.
        using var temp = new TempFolder();
        var builder = new EventLogBuilder();
        for (var i = 0; i < 1_100_000; i++)
        {
            builder.Add(i % 3 == 0 ? first : second, 1_700_000_000_000_000 + i, $"e{i % 7}", i % 5 == 0 ? null : "web", [new("page", $"p{i % 11}")], [new("plan", i % 2 == 0 ? "free" : "pro")]);
        }

        var log = builder.Build();
        var store = new EventStore(Path.Combine(temp.Path, "store"));

        store.Save(log);
        var reopened = store.Open();

        Assert.Equal([first, second], reopened.CustomerIds);
        Assert.Equal(log.CustomerStart, reopened.CustomerStart);
        Assert.Equal(log.Timestamps, reopened.Timestamps);
        Assert.Equal(log.EventCodes, reopened.EventCodes);
        Assert.Equal(log.ChannelCodes, reopened.ChannelCodes);
        Assert.Equal(log.Properties["page"].Codes, reopened.Properties["page"].Codes);
        Assert.Equal(log.Properties["page"].Values, reopened.Properties["page"].Values);
        // The last rows: 1,099,998 (the first customer, even: free) and 1,099,999 (the second, odd: pro).
        Assert.Equal(["free", "pro"], Enumerable.Range(0, 2).Select(c => reopened.Attributes["plan"][c]));

        // A reopened log saved again writes its ids back from the Arrow array it read them as.
        var again = new EventStore(Path.Combine(temp.Path, "again"));
        again.Save(reopened);
        Assert.Equal([first, second], again.Open().CustomerIds);
    }

    [Fact]
    public void PropertiesOfFewAndOfManyValuesReopenWithTheirCodesAndMissingValues()
    {
        // "few" has 2 values and no value on every third row (read a byte per row), "many" 200 values (read as ints).
        using var temp = new TempFolder();
        var builder = new EventLogBuilder();
        for (var i = 0; i < 300; i++)
        {
            KeyValuePair<string, string>[] properties = i % 3 == 0 ? [new("many", $"m{i % 200}")] : [new("few", i % 2 == 0 ? "x" : "y"), new("many", $"m{i % 200}")];
            builder.Add("u1", i, "e", properties: properties);
        }

        var store = new EventStore(Path.Combine(temp.Path, "store"));
        store.Save(builder.Build());

        var reopened = new EventStore(Path.Combine(temp.Path, "store")).Open();

        // Rows 0, 1, 2, 3: no value, y, x, no value; codes in order of first sight: y (row 1) is 0, x (row 2) is 1.
        Assert.Equal([-1, 0, 1, -1], reopened.Properties["few"].Codes[..4]);
        Assert.Equal([null, "y", "x", null], Enumerable.Range(0, 4).Select(r => reopened.Properties["few"][r]));
        Assert.Equal(200, reopened.Properties["many"].Values.Count);
        Assert.Equal(["m0", "m199", "m0", "m99"], new[] { 0, 199, 200, 299 }.Select(r => reopened.Properties["many"][r]));
        Assert.Same(reopened.Properties["few"].Codes, reopened.Properties["few"].Codes);
    }

    [Fact]
    public void AStoreWrittenBeforeTheRowCountWasKeptStillOpens()
    {
        // events.arrow without the "rows" metadata, as stores were written before: read whole, then copied.
        using var temp = new TempFolder();
        var builder = new EventLogBuilder();
        builder.Add("u1", 10, "a", "web");
        builder.Add("u2", 5, "b", null);
        builder.Add("u1", 20, "c", "app");
        var folder = Path.Combine(temp.Path, "store");
        var store = new EventStore(folder);
        store.Save(builder.Build());
        var events = Path.Combine(folder, "events.arrow");
        List<RecordBatch> batches = [];
        Schema schema;
        using (var reader = new ArrowFileReader(File.OpenRead(events)))
        {
            schema = reader.Schema;
            while (reader.ReadNextRecordBatch() is { } batch)
            {
                batches.Add(batch);
            }
        }

        var old = new Schema(schema.FieldsList, schema.Metadata.Where(m => m.Key != "rows"));
        using (var writer = new ArrowFileWriter(File.Create(events), old))
        {
            batches.ForEach(b => writer.WriteRecordBatch(new RecordBatch(old, [.. Enumerable.Range(0, b.ColumnCount).Select(b.Column)], b.Length)));
            writer.WriteEnd();
        }

        var log = store.Open();

        Assert.Equal(["u1", "u2"], log.CustomerIds);
        Assert.Equal([10, 20, 5], log.Timestamps);
        Assert.Equal(["a", "c", "b"], log.EventCodes.Select(c => log.EventNames[c]));
    }

    [Fact]
    public void ReadingWithSeveralThreadsGivesTheLogOneThreadReads()
    {
        // Three batches (262,144 rows each, the last shorter) of two customers' rows, a property of few values (a byte
        // per row) and one of many: each batch's columns are copied by whichever thread is free.
        using var temp = new TempFolder();
        var builder = new EventLogBuilder();
        for (var i = 0; i < 600_000; i++)
        {
            builder.Add(i % 4 == 0 ? "a" : "b", 1_700_000_000_000_000 + i, $"e{i % 5}", i % 3 == 0 ? null : "web", [new("few", $"f{i % 3}"), new("many", $"m{i % 300}")]);
        }

        var folder = Path.Combine(temp.Path, "store");
        ArrowPersistence.Write(builder.Build(), folder);

        var one = ArrowPersistence.Read(folder, parallelism: 1);
        var three = ArrowPersistence.Read(folder, parallelism: 3);

        Assert.Equal([0, 150_000, 600_000], one.CustomerStart);
        LogAssert.Same(one, three);
        // Row 150,000 is customer b's first: event 1 (i = 1), channel web, few f1, many m1.
        Assert.Equal(("e1", "web", "f1", "m1"), (three.EventNames[three.EventCodes[150_000]], three.ChannelNames[three.ChannelCodes[150_000]], three.Properties["few"][150_000], three.Properties["many"][150_000]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void ACustomerBeyondTheStoredCustomersIsReportedAsDamageWithAnyNumberOfThreads(int parallelism)
    {
        // events.arrow rewritten with customer 5 on its last row, where customers.arrow holds 2.
        using var temp = new TempFolder();
        var builder = new EventLogBuilder();
        builder.Add("u1", 10, "a", "web");
        builder.Add("u2", 20, "b", null);
        var folder = Path.Combine(temp.Path, "store");
        ArrowPersistence.Write(builder.Build(), folder);
        var events = Path.Combine(folder, "events.arrow");
        RecordBatch batch;
        Schema schema;
        using (var reader = new ArrowFileReader(File.OpenRead(events)))
        {
            schema = reader.Schema;
            batch = reader.ReadNextRecordBatch().Clone();
        }

        using (var writer = new ArrowFileWriter(File.Create(events), schema))
        {
            var customers = new Int32Array.Builder().Append(0).Append(5).Build();
            writer.WriteRecordBatch(new RecordBatch(schema, [customers, .. Enumerable.Range(1, batch.ColumnCount - 1).Select(batch.Column)], batch.Length));
            writer.WriteEnd();
        }

        var refused = Assert.Throws<InvalidDataException>(() => ArrowPersistence.Read(folder, parallelism));

        Assert.Equal($"{events} holds customer 5, customers.arrow 2 customers; the store is damaged", refused.Message);
    }
}

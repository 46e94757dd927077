namespace Wayfinder.Evidence.Tests.Store;

using System.Text;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Tests.Import;

/// <summary>Imports that append a segment instead of rewriting the store, reading them merged, compaction and what a crash leaves.</summary>
public sealed class AppendTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Folder => Path.Combine(_temp.Path, "store");

    private static EventImportOptions Segment => new() { Preset = "segment" };

    // Day 1: u1 (plan free) and the anonymous a1, stitched to u1 by an identify row.
    private string Day1() => _temp.Write("day1.ndjson", """
        {"type":"track","event":"Signed Up","userId":"u1","timestamp":"2026-03-01T10:00:00Z","properties":{"page":"home"}}
        {"type":"identify","userId":"u1","timestamp":"2026-03-01T10:01:00Z","traits":{"plan":"free"}}
        {"type":"track","event":"Viewed","anonymousId":"a1","timestamp":"2026-03-01T09:00:00Z"}
        {"type":"track","event":"Viewed","anonymousId":"a1","userId":"u1","timestamp":"2026-03-01T11:00:00Z"}
        {"type":"track","event":"Signed Up","userId":"u2","timestamp":"2026-03-01T12:00:00Z"}
        """);

    // Day 2: the anonymous a3 (not stitched yet), a1 again (stitched to u1 on day 1), and an order sent twice with the
    // same $insert_id (the second copy is a duplicate whatever its other properties).
    private string Day2() => _temp.Write("day2.ndjson", """
        {"type":"track","event":"Viewed","anonymousId":"a3","timestamp":"2026-03-02T08:00:00Z","properties":{"page":"pricing"}}
        {"type":"track","event":"Viewed","anonymousId":"a1","timestamp":"2026-03-02T09:00:00Z"}
        {"type":"track","event":"Ordered","userId":"u2","timestamp":"2026-03-02T10:00:00Z","properties":{"$insert_id":"o-1","total":"10"}}
        {"type":"track","event":"Ordered","userId":"u2","timestamp":"2026-03-02T10:00:00Z","properties":{"$insert_id":"o-1","total":"10.0"}}
        """);

    // Day 3: a3 turns out to be u1 (its day-2 events become u1's), and u1's plan changes to pro.
    private string Day3() => _temp.Write("day3.ndjson", """
        {"type":"track","event":"Logged In","anonymousId":"a3","userId":"u1","timestamp":"2026-03-03T08:00:00Z"}
        {"type":"identify","userId":"u1","timestamp":"2026-03-03T08:01:00Z","traits":{"plan":"pro"}}
        {"type":"track","event":"Ordered","userId":"u1","timestamp":"2026-03-03T09:00:00Z","properties":{"$insert_id":"o-2"}}
        """);

    /// <summary>Everything a log says, decoded: customers in order with their rows (time, event, channel, properties) and attributes, then the stitched ids.</summary>
    internal static string Describe(EventLog log)
    {
        var text = new StringBuilder();
        var properties = log.Properties.Keys.Order(StringComparer.Ordinal).ToArray();
        var attributes = log.Attributes.Keys.Order(StringComparer.Ordinal).ToArray();
        for (var c = 0; c < log.CustomerCount; c++)
        {
            text.Append(log.CustomerIds[c]).Append(':');
            foreach (var a in attributes)
            {
                text.Append(' ').Append(a).Append('=').Append(log.Attributes[a][c]);
            }

            text.Append('\n');
            for (var r = log.CustomerStart[c]; r < log.CustomerStart[c + 1]; r++)
            {
                text.Append("  ").Append(log.Timestamps[r]).Append(' ').Append(log.EventNames[log.EventCodes[r]])
                    .Append(' ').Append(log.ChannelCodes[r] < 0 ? "-" : log.ChannelNames[log.ChannelCodes[r]]);
                foreach (var p in properties)
                {
                    text.Append(' ').Append(p).Append('=').Append(log.Properties[p][r]);
                }

                text.Append('\n');
            }
        }

        foreach (var (from, to) in log.Identities.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            text.Append(from).Append(" -> ").Append(to).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The store in <see cref="Folder"/> with <paramref name="files"/> imported in order.</summary>
    private Task<EventStore> Imported(params string[] files) => ImportAll(new EventStore(Folder), files);

    /// <summary>The same files imported into a store held in memory, which always merges and rewrites.</summary>
    private static async Task<EventLog> FullMerge(params string[] files) => (await ImportAll(EventStore.InMemory(EventLog.Empty), files)).Open();

    private static async Task<EventStore> ImportAll(EventStore store, string[] files)
    {
        foreach (var file in files)
        {
            Assert.True((await store.ImportAsync(file, Segment)).Succeeded);
        }

        return store;
    }

    [Fact]
    public async Task ImportsOfLaterDaysAppendSegmentsAndReadTheSameAsOneFullMerge()
    {
        var (day1, day2, day3) = (Day1(), Day2(), Day3());
        var store = new EventStore(Folder);

        var first = await store.ImportAsync(day1, Segment);
        var second = await store.ImportAsync(day2, Segment);
        var third = await store.ImportAsync(day3, Segment);

        Assert.Equal((null, 0), (first.AppendedSegment, first.Segments));
        // Day 2: 4 rows, the second order a duplicate of the first by its $insert_id.
        Assert.Equal((1, 1, 3L, 1L), (second.AppendedSegment, second.Segments, second.RowsAdded, second.Duplicates));
        Assert.Equal((2, 2, 2L, 0L), (third.AppendedSegment, third.Segments, third.RowsAdded, third.Duplicates));
        Assert.True(File.Exists(Path.Combine(Folder, "appends", "000002", "events.arrow")));

        var expected = Describe(await FullMerge(day1, day2, day3));
        Assert.Equal(expected, Describe(store.Open()));
        Assert.Equal(expected, Describe(new EventStore(Folder).Open()));
        // By hand: a1's and a3's views are u1's (a3 stitched on day 3, after its view was appended), u1's plan is day 3's,
        // the order sent twice is there once (the first copy); times are µs since 1970 (2026-03-01T00:00Z = 1772323200 s).
        Assert.Equal(
            """
            u1: plan=pro
              1772355600000000 Viewed - $insert_id= page= total=
              1772359200000000 Signed Up - $insert_id= page=home total=
              1772362800000000 Viewed - $insert_id= page= total=
              1772438400000000 Viewed - $insert_id= page=pricing total=
              1772442000000000 Viewed - $insert_id= page= total=
              1772524800000000 Logged In - $insert_id= page= total=
              1772528400000000 Ordered - $insert_id=o-2 page= total=
            u2: plan=
              1772366400000000 Signed Up - $insert_id= page= total=
              1772445600000000 Ordered - $insert_id=o-1 page= total=10
            a1 -> u1
            a3 -> u1

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            expected);
    }

    [Fact]
    public async Task CompactionMergesTheSegmentsIntoTheBaseAndChangesNoEvent()
    {
        var (day1, day2, day3) = (Day1(), Day2(), Day3());
        var store = await Imported(day1, day2, day3);
        var before = Describe(store.Open());

        var report = await store.CompactAsync();

        Assert.Equal(new CompactionReport(2, 9), report);
        Assert.False(Directory.Exists(Path.Combine(Folder, "appends")));
        Assert.Equal(0, store.SegmentCount);
        Assert.Equal(before, Describe(store.Open()));
        Assert.Equal(before, Describe(new EventStore(Folder).Open()));
        Assert.Equal(new CompactionReport(0, 9), await store.CompactAsync());
    }

    [Fact]
    public async Task AClosedStoreWritesNothingAgainWhereItsFolderWas()
    {
        var (day1, day2, day3) = (Day1(), Day2(), Day3());
        var store = await Imported(day1, day2);
        await store.CloseAsync();
        Directory.Delete(Folder, recursive: true);

        var import = await store.ImportAsync(day3, Segment);
        var compaction = await store.CompactAsync();

        Assert.Equal(EventStore.ClosedMessage, import.Error);
        Assert.Equal(new CompactionReport(0, 0, EventStore.ClosedMessage), compaction);
        Assert.Throws<IOException>(() => store.Save(store.Open()));
        Assert.False(Directory.Exists(Folder));
    }

    [Fact]
    public async Task AnImportOverlappingTheStoredTimesRewritesTheStoreWithTheSegments()
    {
        var (day1, day2, day3) = (Day1(), Day2(), Day3());
        var store = await Imported(day1, day3);

        // Day 2 comes before day 3, which is stored: a merge, which also takes in the segment day 3 was appended as.
        var late = await store.ImportAsync(day2, Segment);

        Assert.Equal((null, 0, 3L), (late.AppendedSegment, late.Segments, late.RowsAdded));
        Assert.False(Directory.Exists(Path.Combine(Folder, "appends")));
        Assert.Equal(Describe(await FullMerge(day1, day3, day2)), Describe(new EventStore(Folder).Open()));
    }

    [Fact]
    public async Task ALaterFileWithACustomerWhoOnlyChangesAttributesIsMergedNotAppended()
    {
        // u2 has no new event, only a new plan: a segment would keep the plan as of u2's last event in it (none), so
        // the stored plan would win on reading; a merge weighs the row's own time and takes gold.
        var (day1, day2) = (Day1(), Day2());
        var identify = _temp.Write("day4.ndjson", """
            {"type":"identify","userId":"u2","timestamp":"2026-03-04T08:00:00Z","traits":{"plan":"gold"}}
            {"type":"track","event":"Viewed","userId":"u1","timestamp":"2026-03-04T09:00:00Z"}
            """);
        var store = await Imported(day1, day2);

        var report = await store.ImportAsync(identify, Segment);

        Assert.Equal((null, 0, 1L), (report.AppendedSegment, report.Segments, report.RowsAdded));
        var reopened = new EventStore(Folder).Open();
        Assert.Equal(Describe(await FullMerge(day1, day2, identify)), Describe(reopened));
        Assert.Equal("gold", reopened.Attributes["plan"][reopened.CustomerIds.ToList().IndexOf("u2")]);
    }

    [Fact]
    public async Task AFileImportedAgainAfterAnAppendAddsNothing()
    {
        var (day1, day2) = (Day1(), Day2());
        var store = await Imported(day1, day2);
        var before = Describe(store.Open());

        var again = await store.ImportAsync(day2, Segment);

        Assert.Equal((0L, 4L, (int?)null), (again.RowsAdded, again.Duplicates, again.AppendedSegment));
        Assert.Equal(before, Describe(new EventStore(Folder).Open()));
    }

    [Fact]
    public async Task AStoreWrittenWithoutItsTimeRangeIsRewrittenNotAppendedTo()
    {
        var (day1, day2) = (Day1(), Day2());
        await Imported(day1);
        RemoveTimeRange(Path.Combine(Folder, "events.arrow"));

        var report = await new EventStore(Folder).ImportAsync(day2, Segment);

        Assert.Equal((null, 3L), (report.AppendedSegment, report.RowsAdded));
        Assert.Equal(Describe(await FullMerge(day1, day2)), Describe(new EventStore(Folder).Open()));
    }

    /// <summary>Rewrites events.arrow without the time range in its schema, as stores were written before it was kept.</summary>
    private static void RemoveTimeRange(string path)
    {
        List<Apache.Arrow.RecordBatch> batches = [];
        Apache.Arrow.Schema schema;
        using (var reader = new Apache.Arrow.Ipc.ArrowFileReader(File.OpenRead(path)))
        {
            schema = reader.Schema;
            while (reader.ReadNextRecordBatch() is { } batch)
            {
                batches.Add(batch);
            }
        }

        var kept = schema.Metadata.Where(m => m.Key is not (StoreLayout.MinTimeKey or StoreLayout.MaxTimeKey));
        var older = new Apache.Arrow.Schema(schema.FieldsList, kept);
        using var stream = File.Create(path);
        using var writer = new Apache.Arrow.Ipc.ArrowFileWriter(stream, older);
        foreach (var batch in batches)
        {
            writer.WriteRecordBatch(new Apache.Arrow.RecordBatch(older, Enumerable.Range(0, batch.ColumnCount).Select(batch.Column), batch.Length));
        }

        writer.WriteEnd();
    }

    [Fact]
    public async Task ASegmentLeftHalfWrittenIsIgnoredAndTheNextWriterRemovesIt()
    {
        var (day1, day2) = (Day1(), Day2());
        var store = await Imported(day1);
        var before = Describe(store.Open());
        // What a crash while writing segment 1 leaves: its temporary folder with a cut-off file.
        var leftover = Directory.CreateDirectory(Path.Combine(Folder, "appends", ".000001.tmp")).FullName;
        File.WriteAllBytes(Path.Combine(leftover, "events.arrow"), [0x41, 0x52, 0x52, 0x4f]);

        Assert.Equal(before, Describe(new EventStore(Folder).Open()));
        var report = await new EventStore(Folder).ImportAsync(day2, Segment);

        Assert.Equal(1, report.AppendedSegment);
        Assert.False(Directory.Exists(leftover));
        Assert.Equal(Describe(await FullMerge(day1, day2)), Describe(new EventStore(Folder).Open()));
    }

    [Fact]
    public async Task ACopyLeftBesideTheStoreIsRemovedAndAStoreMovedAsideIsPutBack()
    {
        var (day1, day2) = (Day1(), Day2());
        var store = await Imported(day1, day2);
        var expected = Describe(store.Open());

        // A crash while writing the compacted copy: store.new is half there; the store itself is whole.
        Directory.CreateDirectory(Folder + ".new");
        File.WriteAllBytes(Path.Combine(Folder + ".new", "events.arrow"), [1, 2, 3]);
        Assert.Equal(expected, Describe(new EventStore(Folder).Open()));
        Assert.Equal(new CompactionReport(1, 7), await new EventStore(Folder).CompactAsync());
        Assert.False(Directory.Exists(Folder + ".new"));

        // A crash between the two moves of a swap: only store.old is there; opening puts it back.
        Directory.Move(Folder, Folder + ".old");
        Assert.Equal(expected, Describe(new EventStore(Folder).Open()));
        Assert.True(Directory.Exists(Folder));
        Assert.False(Directory.Exists(Folder + ".old"));
    }

    [Fact]
    public async Task ASecondWriterIsToldAnotherIsRunningAndTheStoreIsUnchanged()
    {
        var (day1, day2) = (Day1(), Day2());
        var store = await Imported(day1, day2);
        var before = Describe(store.Open());

        ImportReport refused;
        CompactionReport notCompacted;
        // Another process writing holds the lock file beside the store with no sharing.
        using (new FileStream(Folder + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            refused = await new EventStore(Folder).ImportAsync(Day3(), Segment);
            notCompacted = await new EventStore(Folder).CompactAsync();
        }

        Assert.Equal("another import or compaction is running on this store; try again when it has finished", refused.Error);
        Assert.Equal(new CompactionReport(0, 0, "another import or compaction is running on this store; try again when it has finished"), notCompacted);
        Assert.Equal(before, Describe(new EventStore(Folder).Open()));
        Assert.Equal(1, new EventStore(Folder).SegmentCount);
        // Released, the next writer goes ahead.
        Assert.Equal(new CompactionReport(1, 7), await new EventStore(Folder).CompactAsync());
    }
}

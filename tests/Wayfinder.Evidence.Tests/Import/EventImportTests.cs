namespace Wayfinder.Evidence.Tests.Import;

using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;

public sealed class EventImportTests
{
    private static readonly long s_march1 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    [Fact]
    public async Task PlainCsvIsImportedWithAttributesAndProperties()
    {
        using var temp = new TempFolder();
        var file = temp.Write("events.csv", """
            customer_id,timestamp,event,channel,customer.country,plan
            u1,2026-03-01T00:00:00Z,signup,web,DE,free
            u1,2026-03-01T01:00:00+01:00,login,app,,pro
            u2,1772323200,signup,,FR,
            """);
        var store = new EventStore(Path.Combine(temp.Path, "store"));

        var report = await store.ImportAsync(file, new EventImportOptions());
        var log = store.Open();

        Assert.True(report.Succeeded, report.Error);
        Assert.Equal((3L, 3L, 0L, 0L), (report.RowsRead, report.RowsAdded, report.BadRows, report.Duplicates));
        Assert.Equal(["u1", "u2"], log.CustomerIds);
        // 01:00+01:00 is midnight UTC, the same instant as the signup: ties keep file order. 1772323200 s = 2026-03-01T00:00Z.
        Assert.Equal([s_march1, s_march1, s_march1], log.Timestamps);
        Assert.Equal(["signup", "login", "signup"], log.EventCodes.Select(c => log.EventNames[c]));
        Assert.Equal(["web", "app", null], log.ChannelCodes.Select(c => c < 0 ? null : log.ChannelNames[c]));
        Assert.Equal(("DE", "FR"), (log.Attributes["country"][0], log.Attributes["country"][1]));
        Assert.Equal(["free", "pro", null], Enumerable.Range(0, 3).Select(r => log.Properties["plan"][r]));
    }

    [Fact]
    public async Task BadRowsAreReportedWithLineAndReasonAndTheGoodRowsKeptWhenTheLimitAllowsThem()
    {
        using var temp = new TempFolder();
        var file = temp.Write("events.csv", """
            customer_id,timestamp,event
            u1,2026-03-01T00:00:00Z,signup
            ,2026-03-01T00:00:00Z,signup
            u2,yesterday,signup
            u3,9999-12-31T00:00:00Z,signup
            u4,2026-03-01T00:00:00Z,
            u5,2026-03-01
            u6,2026-03-02T00:00:00Z,login
            """);
        var store = new EventStore(Path.Combine(temp.Path, "store"));

        var refused = await store.ImportAsync(file, new EventImportOptions());
        var report = await store.ImportAsync(file, new EventImportOptions { MaxBadRows = 5 });

        Assert.Equal((7L, 0L, 5L, false), (refused.RowsRead, refused.RowsAdded, refused.BadRows, refused.Succeeded));
        Assert.Equal(report.Problems, refused.Problems);
        Assert.Equal((7L, 2L, 5L, 5L), (report.RowsRead, report.RowsAdded, report.BadRows, report.MaxBadRows));
        Assert.Equal(
            [
                "line 3: customer_id: is missing; every event needs the customer it belongs to",
                "line 4: timestamp: 'yesterday' is not ISO 8601 or an epoch number; write ISO 8601 (2026-03-01T14:05:00Z, 2026-03-01 14:05:00+01:00 or 2026-03-01) or epoch seconds (1772373900), or name the file's format in the data source's mapping in wayfinder.yaml (e.g. timestamp_format: \"dd/MM/yyyy HH:mm\")",
                "line 5: timestamp: '9999-12-31T00:00:00Z' is outside 1970–2099",
                "line 6: event: is missing; every row needs an event name",
                "line 7: has 2 fields but the header has 3 (a truncated or malformed line)",
            ],
            report.Problems.Select(p => p.ToString()));
        Assert.Equal(["u1", "u6"], store.Open().CustomerIds);
    }

    [Fact]
    public async Task ImportingTheSameFileTwiceAddsNothing()
    {
        using var temp = new TempFolder();
        var file = temp.Write("events.csv", "customer_id,timestamp,event\nu1,2026-03-01T00:00:00Z,a\nu1,2026-03-01T00:00:00Z,a\nu2,2026-03-02T00:00:00Z,b\n");
        var store = new EventStore(Path.Combine(temp.Path, "store"));

        var first = await store.ImportAsync(file, new EventImportOptions());
        var second = await store.ImportAsync(file, new EventImportOptions());

        Assert.Equal((2L, 1L), (first.RowsAdded, first.Duplicates));
        Assert.Equal((0L, 3L), (second.RowsAdded, second.Duplicates));
        Assert.Equal(2, store.Open().EventCount);
    }

    [Fact]
    public async Task AFileThatCannotBeReadLeavesTheStoreAsItWas()
    {
        using var temp = new TempFolder();
        var good = temp.Write("good.csv", "customer_id,timestamp,event\nu1,2026-03-01T00:00:00Z,a\n");
        var noColumns = temp.Write("bad.csv", "who,when,what\nu1,2026-03-01T00:00:00Z,a\n");
        var empty = temp.Write("empty.csv", "");
        var store = new EventStore(Path.Combine(temp.Path, "store"));
        await store.ImportAsync(good, new EventImportOptions());

        var bad = await store.ImportAsync(noColumns, new EventImportOptions());
        var nothing = await store.ImportAsync(empty, new EventImportOptions());

        Assert.Equal(
            "no column for customer_id; no column for timestamp; no column for event (the file's columns are who, when, what); name them in the data source's mapping in wayfinder.yaml, e.g. mapping: { customer_id: user, timestamp: at, event: what }",
            bad.Error);
        Assert.Equal("the file is empty; an events CSV starts with a header line such as customer_id,timestamp,event", nothing.Error);
        Assert.Equal(1, store.Open().EventCount);
    }

    [Fact]
    public async Task ProgressGoesFromReadingToOrderingOrMergingToSaving()
    {
        using var temp = new TempFolder();
        var file = temp.Write("events.csv", "customer_id,timestamp,event\nu1,2026-03-01T00:00:00Z,a\nu2,2026-03-01T00:00:00Z,b\n");
        var store = new EventStore(Path.Combine(temp.Path, "store"));
        var first = new Recorder();
        var second = new Recorder();

        await store.ImportAsync(file, new EventImportOptions { Progress = first });
        await store.ImportAsync(file, new EventImportOptions { Progress = second });

        var length = new FileInfo(file).Length;
        Assert.Equal([(2L, length, (string?)null), (2L, length, "ordering by customer and time"), (2L, length, "saving")], first.Seen.TakeLast(3).Select(p => (p.Rows, p.Bytes, p.Stage)));
        Assert.Equal(["merging with the stored events", "saving"], second.Seen.TakeLast(2).Select(p => p.Stage));
    }

    /// <summary>Records progress as it is reported (Progress&lt;T&gt; would post it later).</summary>
    private sealed class Recorder : IProgress<ImportProgress>
    {
        public List<ImportProgress> Seen { get; } = [];

        public void Report(ImportProgress value) => Seen.Add(value);
    }

    [Fact]
    public async Task AMissingFileOrAFolderIsNamedAsSuch()
    {
        using var temp = new TempFolder();
        var store = new EventStore(Path.Combine(temp.Path, "store"));
        var missing = Path.Combine(temp.Path, "nothing.csv");

        var none = await store.ImportAsync(missing, new EventImportOptions());
        var folder = await store.ImportAsync(temp.Path, new EventImportOptions { Format = "csv" });

        // The report names the file; the error says what is wrong with it.
        Assert.Equal((missing, "no such file"), (none.File, none.Error));
        Assert.Equal((temp.Path, "a folder, not a file; name an events file (CSV, NDJSON or Parquet)"), (folder.File, folder.Error));
    }

    [Fact]
    public async Task AnEnormousLineStopsTheImportWithoutChangingTheStore()
    {
        using var temp = new TempFolder();
        var good = temp.Write("good.csv", "customer_id,timestamp,event\nu1,2026-03-01T00:00:00Z,a\n");
        var huge = temp.Write("huge.csv", "customer_id,timestamp,event\nu1,2026-03-01T00:00:00Z," + new string('x', 3 * 1024 * 1024) + "\n");
        var store = new EventStore(Path.Combine(temp.Path, "store"));
        await store.ImportAsync(good, new EventImportOptions());

        var report = await store.ImportAsync(huge, new EventImportOptions { MaxLineBytes = 1024 * 1024 });

        Assert.Equal("line 2 is longer than 1 MiB; this is not a line-per-event file or it is corrupt", report.Error);
        Assert.Equal(1, store.Open().EventCount);
    }

    [Fact]
    public async Task AOneGigabyteLineIsRefusedAfterReadingOnlyItsStart()
    {
        // The file is sparse: 1 GiB of zero bytes after the last comma, with no line break. Both the sliced read (which
        // looks for a line break near the middle) and a single reader stop after a few MiB.
        using var temp = new TempFolder();
        var good = temp.Write("good.csv", "customer_id,timestamp,event\nu1,2026-03-01T00:00:00Z,a\n");
        var huge = temp.Write("huge.csv", "customer_id,timestamp,event\nu1,2026-03-01T00:00:00Z,");
        await using (var stream = new FileStream(huge, FileMode.Open))
        {
            stream.SetLength(1L << 30);
        }

        var store = new EventStore(Path.Combine(temp.Path, "store"));
        await store.ImportAsync(good, new EventImportOptions());

        var sliced = await store.ImportAsync(huge, new EventImportOptions());
        var single = await store.ImportAsync(huge, new EventImportOptions { Slices = 1 });

        Assert.Matches("^a line near byte [0-9]+ is longer than 4 MiB; this is not a line-per-event file or it is corrupt$", sliced.Error);
        Assert.Equal("line 2 is longer than 4 MiB; this is not a line-per-event file or it is corrupt", single.Error);
        Assert.Equal(1, store.Open().EventCount);
    }

    [Fact]
    public async Task MappingNamesColumnsAndEpochMillisecondsAreRead()
    {
        using var temp = new TempFolder();
        var file = temp.Write("events.csv", "who;at;what;tier\nu1;1772323200000;a;gold\n");
        var store = new EventStore(Path.Combine(temp.Path, "store"));

        var report = await store.ImportAsync(file, new EventImportOptions
        {
            Mapping = new Dictionary<string, string> { ["customer_id"] = "who", ["timestamp"] = "at", ["event"] = "what", ["attributes"] = "tier" },
        });
        var log = store.Open();

        Assert.Equal(1, report.RowsAdded);
        Assert.Equal(s_march1, log.Timestamps[0]);
        Assert.Equal("gold", log.Attributes["tier"][0]);
    }

    [Fact]
    public async Task NdjsonExportsOfSegmentMixpanelAndGa4AreRead()
    {
        using var temp = new TempFolder();
        var segment = temp.Write("segment.ndjson", """
            {"userId":"u1","timestamp":"2026-03-01T00:00:00.000Z","event":"Order Completed","properties":{"total":42.5},"context":{"traits":{"plan":"pro"}}}
            not json
            """);
        var mixpanel = temp.Write("mixpanel.ndjson", """
            {"event":"Signed Up","properties":{"distinct_id":"u2","time":1772323200,"$browser":"Firefox"}}
            """);
        var ga4 = temp.Write("ga4.ndjson", """
            {"event_name":"page_view","event_timestamp":"1772323200000000","user_pseudo_id":"u3","platform":"WEB","geo":{"country":"Germany"},"event_params":[{"key":"page_title","value":{"string_value":"Home"}}]}
            """);
        var store = new EventStore(Path.Combine(temp.Path, "store"));

        var s = await store.ImportAsync(segment, new EventImportOptions { Preset = "segment", MaxBadRows = 1 });
        var m = await store.ImportAsync(mixpanel, new EventImportOptions { Preset = "mixpanel" });
        var g = await store.ImportAsync(ga4, new EventImportOptions { Preset = "ga4" });
        var log = store.Open();

        Assert.Equal((1L, 1L), (s.RowsAdded, s.BadRows));
        Assert.StartsWith("line 2: is not valid JSON", s.Problems[0].ToString(), StringComparison.Ordinal);
        Assert.Equal((1L, 1L), (m.RowsAdded, g.RowsAdded));
        Assert.Equal(["u1", "u2", "u3"], log.CustomerIds);
        Assert.Equal([s_march1, s_march1, s_march1], log.Timestamps);
        Assert.Equal(["Order Completed", "Signed Up", "page_view"], log.EventCodes.Select(c => log.EventNames[c]));
        Assert.Equal("42.5", log.Properties["total"][0]);
        Assert.Equal("pro", log.Attributes["plan"][0]);
        Assert.Equal("Firefox", log.Properties["$browser"][1]);
        Assert.Equal("Home", log.Properties["page_title"][2]);
        Assert.Equal("Germany", log.Attributes["geo.country"][2]);
        Assert.Equal("WEB", log.ChannelNames[log.ChannelCodes[2]]);
    }
}

public sealed class ParallelImportTests
{
    [Fact]
    public async Task ACsvReadInSlicesGivesTheSameLogAndTheSameReportAsOneReader()
    {
        using var temp = new TempFolder();
        var lines = new List<string> { "customer_id,timestamp,event,channel,customer.plan" };
        var random = new Random(9);
        for (var i = 0; i < 400; i++)
        {
            var customer = $"u{random.Next(60)}";
            lines.Add(i % 97 == 5
                ? $"{customer},not-a-date,view,web,free"
                : $"{customer},2026-03-{1 + random.Next(28):00}T{random.Next(24):00}:00:00Z,{(random.Next(3) == 0 ? "buy" : "view")},{(random.Next(2) == 0 ? "web" : "app")},{(random.Next(4) == 0 ? "pro" : "free")}");
        }

        var file = temp.Write("events.csv", string.Join("\n", lines) + "\n");

        var (single, oneReport) = await EventImporter.ReadAsync(file, new EventImportOptions { ParallelThresholdBytes = long.MaxValue }, CancellationToken.None);
        var (sliced, slicedReport) = await EventImporter.ReadAsync(file, new EventImportOptions { ParallelThresholdBytes = 64, Slices = 3 }, CancellationToken.None);
        var a = EventLogBuilder.Combine(single, out var d1);
        var b = EventLogBuilder.Combine(sliced, out var d2);

        Assert.Single(single);
        Assert.Equal(3, sliced.Count);
        Assert.Equal((oneReport.RowsRead, oneReport.BadRows), (slicedReport.RowsRead, slicedReport.BadRows));
        Assert.Equal(["line 7: timestamp: 'not-a-date' is not ISO 8601 or an epoch number; write ISO 8601 (2026-03-01T14:05:00Z, 2026-03-01 14:05:00+01:00 or 2026-03-01) or epoch seconds (1772373900), or name the file's format in the data source's mapping in wayfinder.yaml (e.g. timestamp_format: \"dd/MM/yyyy HH:mm\")"], oneReport.Problems.Take(1).Select(p => p.ToString()));
        Assert.Equal(oneReport.Problems, slicedReport.Problems);
        Assert.Equal(d1, d2);
        Assert.Equal(a.CustomerIds, b.CustomerIds);
        Assert.Equal(a.Timestamps, b.Timestamps);
        Assert.Equal(a.EventCodes.Select(c => a.EventNames[c]), b.EventCodes.Select(c => b.EventNames[c]));
        Assert.Equal(a.ChannelCodes.Select(c => a.ChannelNames[c]), b.ChannelCodes.Select(c => b.ChannelNames[c]));
        Assert.Equal(Enumerable.Range(0, a.CustomerCount).Select(c => a.Attributes["plan"][c]), Enumerable.Range(0, b.CustomerCount).Select(c => b.Attributes["plan"][c]));
    }

    [Fact]
    public async Task AQuotedLineBreakMakesTheSlicedReadFallBackToOneReader()
    {
        using var temp = new TempFolder();
        var lines = new List<string> { "customer_id,timestamp,event,note" };
        for (var i = 0; i < 60; i++)
        {
            lines.Add($"u{i},2026-03-01T00:00:00Z,view,plain");
        }

        lines.Add("u99,2026-03-01T00:00:00Z,view,\"two\nlines\"");
        var file = temp.Write("events.csv", string.Join("\n", lines) + "\n");

        var (parts, report) = await EventImporter.ReadAsync(file, new EventImportOptions { ParallelThresholdBytes = 64, Slices = 3 }, CancellationToken.None);
        var log = EventLogBuilder.Combine(parts, out _);

        Assert.Single(parts);
        Assert.Equal((61L, 0L), (report.RowsRead, report.BadRows));
        Assert.Equal("two\nlines", log.Properties["note"][log.CustomerStart[log.CustomerIds.ToList().IndexOf("u99")]]);
    }
}

namespace Wayfinder.Evidence.Tests.Import;

using System.Text;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;

/// <summary>The byte-level CSV reader against Sep (the general reader, used when the header is quoted) on the same rows.</summary>
public sealed class Utf8CsvTests
{
    private const string Rows =
        "u1,2026-03-01T00:00:00Z,signup,web,DE\r\n" +
        "\r\n" +
        "   \r\n" +
        " u2 , 2026-03-01T00:00:00Z , login , app ,FR\r\n" +
        "zoë,2026-03-02T10:00:00+02:00,signup,,北京\r\n" +
        "u3,2026-03-03T00:00:00Z,signup,web\r\n" +
        "u3,2026-03-03T00:00:00Z,signup,web,NL,extra\r\n" +
        ",2026-03-03T00:00:00Z,signup,web,NL\r\n" +
        "u4,1772323200000,buy,web,NL";

    [Fact]
    public async Task PlainRowsReadFromBytesMatchTheGeneralReader()
    {
        using var temp = new TempFolder();
        var plain = temp.Write("plain.csv", "customer_id,timestamp,event,channel,customer.country\r\n" + Rows);
        var quoted = temp.Write("quoted.csv", "\"customer_id\",timestamp,event,channel,customer.country\r\n" + Rows);

        var (fastParts, fast) = await EventImporter.ReadAsync(plain, new EventImportOptions(), CancellationToken.None);
        var (sepParts, sep) = await EventImporter.ReadAsync(quoted, new EventImportOptions(), CancellationToken.None);
        var a = EventLogBuilder.Combine(fastParts, out _);
        var b = EventLogBuilder.Combine(sepParts, out _);

        Assert.Equal(
            [
                "line 7: has 4 fields but the header has 5 (a truncated or malformed line)",
                "line 8: has 6 fields but the header has 5 (a truncated or malformed line)",
                "line 9: customer_id: is missing; every event needs the customer it belongs to",
            ],
            fast.Problems.Select(p => p.ToString()));
        Assert.Equal((7L, 3L), (fast.RowsRead, fast.BadRows));
        Assert.Equal(["u1", "u2", "zoë", "u4"], a.CustomerIds);
        Assert.Equal(["signup", "login", "signup", "buy"], a.EventCodes.Select(c => a.EventNames[c]));
        Assert.Equal(["web", "app", null, "web"], a.ChannelCodes.Select(c => c < 0 ? null : a.ChannelNames[c]));
        Assert.Equal(["DE", "FR", "北京", "NL"], Enumerable.Range(0, 4).Select(c => a.Attributes["country"][c]));
        // 10:00+02:00 is 08:00 UTC; 1772323200000 ms is 2026-03-01T00:00Z.
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000, a.Timestamps[2]);
        Assert.Equal(a.Timestamps[0], a.Timestamps[3]);

        SameImport.Assert((sep, b), (fast, a));
    }

    [Theory]
    [InlineData('\t')]
    [InlineData(';')]
    public async Task TheSeparatorIsTakenFromTheHeader(char separator)
    {
        using var temp = new TempFolder();
        var file = temp.Write("events.txt", string.Join('\n', "customer_id,timestamp,event,channel", "u1,2026-03-01T00:00:00Z,view,web", "u1,2026-03-01T01:00:00Z,buy,a,b").Replace(',', separator));

        var (parts, report) = await EventImporter.ReadAsync(file, new EventImportOptions { Format = "csv" }, CancellationToken.None);
        var log = EventLogBuilder.Combine(parts, out _);

        Assert.Equal(["line 3: has 5 fields but the header has 4 (a truncated or malformed line)"], report.Problems.Select(p => p.ToString()));
        Assert.Equal(["view"], log.EventNames);
        Assert.Equal(["web"], log.ChannelNames);
    }

    [Theory]
    [InlineData("customer_id,timestamp,event,event", "columns 3 and 4")]
    [InlineData("\"customer_id\",timestamp,event,Event", "columns 3 and 4")]
    public async Task AHeaderNamingAColumnTwiceIsRefusedInPlainWords(string header, string detail)
    {
        // The byte reader and (with a quote in the header) the RFC 4180 reader read the header; neither crashes.
        using var temp = new TempFolder();
        var file = temp.Write("events.csv", header + "\nu1,2026-03-01T00:00:00Z,a,b\n");
        var store = new EventStore(Path.Combine(temp.Path, "store"));

        var report = await store.ImportAsync(file, new EventImportOptions());

        Assert.Equal($"the header line names the column 'event' more than once ({detail}); give each column its own name", report.Error);
        Assert.Equal(0, store.Open().EventCount);
    }

    [Fact]
    public async Task AHeaderWithoutRowsImportsNothingAndSaysSo()
    {
        using var temp = new TempFolder();
        var file = temp.Write("events.csv", "customer_id,timestamp,event\n");

        var (parts, report) = await EventImporter.ReadAsync(file, new EventImportOptions(), CancellationToken.None);

        Assert.Equal((0L, 0L), (report.RowsRead, report.BadRows));
        Assert.Equal(0, EventLogBuilder.Combine(parts, out _).EventCount);
    }

    [Fact]
    public async Task ALongLineInALaterSliceIsReportedWithItsLineInTheFile()
    {
        using var temp = new TempFolder();
        var text = new StringBuilder("customer_id,timestamp,event\n");
        for (var i = 0; i < 40; i++)
        {
            text.Append(CultureInfo($"u{i},2026-03-01T00:00:00Z,view\n"));
        }

        text.Append("u99,2026-03-01T00:00:00Z,").Append('x', 5000).Append('\n');
        text.Append("u100,2026-03-01T00:00:00Z,view\n");
        var file = temp.Write("events.csv", text.ToString());

        var error = await Assert.ThrowsAsync<ImportAbortedException>(() =>
            EventImporter.ReadAsync(file, new EventImportOptions { ParallelThresholdBytes = 64, Slices = 2, MaxLineBytes = 4096 }, CancellationToken.None));

        Assert.Equal("line 42 is longer than 4 KiB; this is not a line-per-event file or it is corrupt", error.Message);
    }

    [Fact]
    public async Task BytesThatAreNotUtf8AreReadByTheGeneralReaderAsReplacementCharacters()
    {
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, "latin1.csv");
        var bytes = Encoding.UTF8.GetBytes("customer_id,timestamp,event\nu1,2026-03-01T00:00:00Z,caf").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();
        await File.WriteAllBytesAsync(file, bytes);

        var (parts, report) = await EventImporter.ReadAsync(file, new EventImportOptions(), CancellationToken.None);
        var log = EventLogBuilder.Combine(parts, out _);

        Assert.Equal((1L, 0L), (report.RowsRead, report.BadRows));
        Assert.Equal(["caf\uFFFD"], log.EventNames);
    }

    [Fact]
    public async Task RowsReadThroughTheCombinationMemoMatchRowsReadFieldByField()
    {
        using var temp = new TempFolder();
        var text = new StringBuilder("customer_id,timestamp,event,channel,device,customer.plan\n");
        var random = new Random(3);
        // What each bad row is reported for, in the order checked: the field count, then customer, event, timestamp.
        var expected = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            var customer = random.Next(40) == 0 ? "" : $"u{random.Next(40)}";
            var time = random.Next(60) == 0 ? "soon" : $"2026-03-{1 + random.Next(28):00}T{random.Next(24):00}:00:00Z";
            var name = random.Next(60) == 0 ? "" : $"e{random.Next(4)}";
            text.Append(CultureInfo($"{customer},{time},{name},{(random.Next(3) == 0 ? "" : "web")},{(random.Next(2) == 0 ? "phone" : "desk")},{(random.Next(5) == 0 ? "pro" : "free")}\n"));
            if (customer.Length == 0 || name.Length == 0 || time == "soon")
            {
                expected.Add(customer.Length == 0 ? "customer_id" : name.Length == 0 ? "event" : "timestamp");
            }

            if (i % 50 == 0)
            {
                text.Append("u1,2026-03-01T00:00:00Z,e1\n");
                expected.Add("");
            }
        }

        var file = temp.Write("events.csv", text.ToString());

        var (memoParts, memo) = await EventImporter.ReadAsync(file, new EventImportOptions(), CancellationToken.None);
        var (plainParts, plain) = await EventImporter.ReadAsync(file, new EventImportOptions { RowMemoLimit = 0 }, CancellationToken.None);
        var (smallParts, small) = await EventImporter.ReadAsync(file, new EventImportOptions { RowMemoLimit = 5 }, CancellationToken.None);
        var a = EventLogBuilder.Combine(memoParts, out _);
        var b = EventLogBuilder.Combine(plainParts, out _);
        var c = EventLogBuilder.Combine(smallParts, out _);

        Assert.Equal(expected, memo.Problems.Select(p => p.Field));
        Assert.Equal(10, memo.Problems.Count(p => p.Reason.StartsWith("has 3 fields", StringComparison.Ordinal)));
        Assert.Equal(["", "customer_id", "event", "timestamp"], expected.Distinct().Order());
        Assert.Equal(["device"], a.Properties.Keys);
        Assert.Equal(["plan"], a.Attributes.Keys);
        SameImport.Assert((memo, a), (plain, b));
        SameImport.Assert((memo, a), (small, c));
    }

    [Fact]
    public async Task NamesMetOnlyInBadRowsOrInRowsThatLostAreNotInTheLog()
    {
        using var temp = new TempFolder();
        var file = temp.Write("events.csv", """
            customer_id,timestamp,event,channel,customer.plan
            u1,2026-03-02T00:00:00Z,view,web,pro
            u1,2026-03-01T00:00:00Z,view,web,trial
            u2,never,ghost,fax,gold
            ,2026-03-01T00:00:00Z,phantom,pigeon,silver
            u2,2026-03-01T00:00:00Z,view,web,free
            """);

        var (parts, report) = await EventImporter.ReadAsync(file, new EventImportOptions(), CancellationToken.None);
        var log = EventLogBuilder.Combine(parts, out _);

        Assert.Equal(2L, report.BadRows);
        Assert.Equal(["view"], log.EventNames);
        Assert.Equal(["web"], log.ChannelNames);
        // u1's trial row is older than its pro row, so trial is no customer's plan.
        Assert.Equal(["pro", "free"], log.Attributes["plan"].Values);
        Assert.Equal([0, 1], log.Attributes["plan"].Codes);
    }

    private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);
}

public sealed class InternerTests
{
    [Fact]
    public void ValuesOfEveryLengthGetTheirOwnCodeAndKeepIt()
    {
        var interner = new Interner();
        // Lengths around the 4-, 8- and 16-byte key boundaries, including values whose overlapping words are equal.
        string[] values = ["", "a", "aaaa", "aaaaaaaa", "aaaaaaaaa", "aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaa", "abcdefgh", "abcdefghabcdefgh", "zoë", "北京市"];

        var codes = values.Select(v => interner.Intern(Encoding.UTF8.GetBytes(v))).ToArray();
        var again = values.Reverse().Select(v => interner.Intern(v.AsSpan())).Reverse().ToArray();

        Assert.Equal(Enumerable.Range(0, values.Length), codes);
        Assert.Equal(codes, again);
        Assert.Equal(values, interner.ToArray());
        Assert.Equal(values, interner.ToPacked());
    }

    [Fact]
    public void AMillionIdsSurviveTheTableGrowing()
    {
        var interner = new Interner();
        for (var i = 0; i < 1_000_000; i++)
        {
            Assert.Equal(i, interner.Intern($"customer-{i}".AsSpan()));
        }

        Assert.Equal(1_000_000, interner.Count);
        Assert.Equal(123_456, interner.Intern("customer-123456"u8));
        Assert.Equal("customer-999999", interner.GetString(999_999));
        Assert.Equal("customer-42", interner.ToPacked()[42]);
    }
}

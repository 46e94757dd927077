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

        Assert.Equal((fast.RowsRead, fast.BadRows), (sep.RowsRead, sep.BadRows));
        Assert.Equal(fast.Problems, sep.Problems);
        Assert.Equal(a.CustomerIds, b.CustomerIds);
        Assert.Equal(a.Timestamps, b.Timestamps);
        Assert.Equal(a.EventCodes.Select(c => a.EventNames[c]), b.EventCodes.Select(c => b.EventNames[c]));
        Assert.Equal(a.ChannelCodes.Select(c => c < 0 ? null : a.ChannelNames[c]), b.ChannelCodes.Select(c => c < 0 ? null : b.ChannelNames[c]));
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

        Assert.Equal("line 42 is longer than 4 KiB; this is not a line-per-event file or it is corrupt. Nothing was imported.", error.Message);
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

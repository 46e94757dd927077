namespace Wayfinder.Evidence.Tests.Import;

using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;

/// <summary>RFC 4180's own examples (section 2) and hostile files: every row read, or reported with its line.</summary>
public sealed class CsvQuotingTests
{
    private static List<(long Line, string? Problem, string[] Fields)> Records(string text)
    {
        using var records = CsvRecords.Open(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), 1 << 20);
        var all = new List<(long, string?, string[])> { (0, null, [.. records.Header]) };
        while (records.Read())
        {
            all.Add((records.Line, records.Problem, records.Problem is null ? [.. Enumerable.Range(0, records.Count).Select(i => records[i].ToString())] : []));
        }

        return all;
    }

    private static void AssertRecords(List<(long Line, string? Problem, string[] Fields)> expected, List<(long Line, string? Problem, string[] Fields)> actual)
    {
        static string Show((long Line, string? Problem, string[] Fields) r) => $"{r.Line}: {r.Problem ?? string.Join("|", r.Fields)}";
        Assert.Equal(expected.Select(Show), actual.Select(Show));
    }

    [Fact]
    public void RecordsEndAtCrlfAndTheLastMayHaveNoLineBreak()
    {
        // RFC 4180 2.1 and 2.2.
        AssertRecords([(0L, null, ["aaa", "bbb", "ccc"]), (2L, null, ["zzz", "yyy", "xxx"])], Records("aaa,bbb,ccc\r\nzzz,yyy,xxx"));
    }

    [Fact]
    public void QuotedFieldsHoldSeparatorsLineBreaksAndDoubledQuotes()
    {
        // RFC 4180 2.5, 2.6 and 2.7.
        var records = Records("a,b,c\r\n\"aaa\",\"b\r\nbb\",\"ccc\"\r\n\"a,a\",\"b\"\"bb\",\"\"\r\nz,y,x\r\n");

        AssertRecords(
            [(0L, null, ["a", "b", "c"]), (2L, null, ["aaa", "b\r\nbb", "ccc"]), (4L, null, ["a,a", "b\"bb", ""]), (5L, null, ["z", "y", "x"])],
            records);
    }

    [Fact]
    public void AQuoteInsideAnUnquotedFieldAndTextAfterAClosingQuoteAreBadRecords()
    {
        var records = Records("a,b\nx,ab\"c\n\"x\"y,z\nok,ok\n");

        AssertRecords(
            [
                (0L, null, ["a", "b"]),
                (2L, "field 2 has a quote but does not start with one; enclose the field in quotes and write the quote twice (\"a \"\"quoted\"\" word\")", []),
                (3L, "field 1 has text after its closing quote; inside a quoted field write a quote twice (\"\")", []),
                (4L, null, ["ok", "ok"]),
            ],
            records);
    }

    [Fact]
    public void AnUnterminatedQuoteIsABadRecordAndTheLinesAfterItAreReadAsRecords()
    {
        var records = Records("a,b\n1,\"open\n2,two\n3,three\n");

        AssertRecords(
            [
                (0L, null, ["a", "b"]),
                (2L, "a quoted field opened on line 2 is never closed: the file ends inside it (a file cut off, or a missing closing quote)", []),
                (3L, null, ["2", "two"]),
                (4L, null, ["3", "three"]),
            ],
            records);
    }

    [Fact]
    public void AByteOrderMarkBeforeTheHeaderIsDropped()
    {
        Assert.Equal(["a", "b"], Records("\uFEFFa,b\n1,2\n")[0].Fields);
    }

    private static async Task<(ImportReport Report, EventLog Log)> Import(string text, EventImportOptions? options = null)
    {
        using var temp = new TempFolder();
        var file = temp.Write("events.csv", text);
        var store = new EventStore(Path.Combine(temp.Path, "store"));
        var report = await store.ImportAsync(file, options ?? new EventImportOptions { MaxBadRows = 100 });
        return (report, store.Open());
    }

    private static string[] Problems(ImportReport report) => [.. report.Problems.Select(p => p.ToString())];

    [Fact]
    public async Task AFileCutOffInsideAQuotedFieldIsABadRowAndStoresNothing()
    {
        var (report, log) = await Import("customer_id,timestamp,event,note\nu1,2026-03-01T00:00:00Z,view,\"fine\"\nu2,2026-03-01T00:00:00Z,view,\"cut of", new EventImportOptions());

        Assert.False(report.Succeeded);
        Assert.Equal((2L, 1L, 0L), (report.RowsRead, report.BadRows, report.RowsAdded));
        Assert.Equal(["line 3: a quoted field opened on line 3 is never closed: the file ends inside it (a file cut off, or a missing closing quote)"], Problems(report));
        Assert.Equal(0, log.EventCount);
    }

    [Fact]
    public async Task AQuoteClosedLinesLaterMakesTheRowBadAndTheLinesItPulledInAreRowsOfTheirOwn()
    {
        // Line 2's quote is closed on line 3: an event name with a line break is a quote gone wrong, never data.
        var (report, log) = await Import("customer_id,timestamp,event\nu1,2026-03-01T00:00:00Z,\"view\nu2,2026-03-01T00:00:00Z,view\"\nu3,2026-03-01T00:00:00Z,buy\n");

        Assert.Equal(
            [
                "line 2: event: holds a line break: a quote opened in this row is probably not closed where it should be (the row runs over lines 2–3)",
                "line 3: field 3 has a quote but does not start with one; enclose the field in quotes and write the quote twice (\"a \"\"quoted\"\" word\")",
            ],
            Problems(report));
        Assert.Equal((3L, 1L), (report.RowsRead, report.RowsAdded));
        Assert.Equal(["u3"], log.CustomerIds);
    }

    [Fact]
    public async Task ALegitimateLineBreakInAQuotedPropertyIsKept()
    {
        var (report, log) = await Import("customer_id,timestamp,event,note\r\nu1,2026-03-01T00:00:00Z,view,\"two\r\nlines, one \"\"note\"\"\"\r\nu2,2026-03-01T00:00:00Z,buy,\r\n", new EventImportOptions());

        Assert.True(report.Succeeded, report.Error);
        Assert.Equal((2L, 2L, 0L), (report.RowsRead, report.RowsAdded, report.BadRows));
        Assert.Equal("two\r\nlines, one \"note\"", log.Properties["note"][0]);
    }

    [Fact]
    public async Task CrlfAndLfFilesWithAndWithoutAByteOrderMarkReadTheSame()
    {
        const string Lf = "customer_id,timestamp,event,note\nu1,2026-03-01T00:00:00Z,view,\"a,b\"\nu2,2026-03-01T00:00:00Z,buy,c\n";

        var (lf, lfLog) = await Import(Lf);
        var (crlf, crlfLog) = await Import(Lf.Replace("\n", "\r\n", StringComparison.Ordinal));
        var (bom, bomLog) = await Import("\uFEFF" + Lf);

        Assert.All([lf, crlf, bom], r => Assert.Equal((2L, 2L, 0L), (r.RowsRead, r.RowsAdded, r.BadRows)));
        Assert.All([lfLog, crlfLog, bomLog], l => Assert.Equal(("a,b", "c"), (l.Properties["note"][0], l.Properties["note"][1])));
    }

    [Fact]
    public async Task ALargeFileWithAQuotedLineBreakIsNeverSplitInsideTheQuotedField()
    {
        // 2,000 rows, one of them (row 1,000, line 1,001) with a quoted line break, read as if in four slices.
        var rows = Enumerable.Range(0, 2000).Select(i => i == 999 ? $"u{i},2026-03-01T00:00:00Z,view,\"split\nhere\"" : $"u{i},2026-03-01T00:00:00Z,view,n{i}");
        var text = "customer_id,timestamp,event,note\n" + string.Join("\n", rows) + "\n";

        var (report, log) = await Import(text, new EventImportOptions { ParallelThresholdBytes = 1024, Slices = 4 });

        Assert.True(report.Succeeded, report.Error);
        Assert.Equal((2000L, 2000L, 0L), (report.RowsRead, report.RowsAdded, report.BadRows));
        Assert.Contains("split\nhere", Enumerable.Range(0, log.EventCount).Select(i => log.Properties["note"][i]));
    }
}

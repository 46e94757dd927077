namespace Wayfinder.Evidence.Tests.Import;

using System.Text;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;

/// <summary>The byte-level NDJSON reader against the general one (a JSON document per line) on the same lines.</summary>
public sealed class NdjsonReaderTests
{
    private static readonly string[] s_lines =
    [
        """{"who":"nobody","event":"x"}""",
        "",
        """{"customer_id":"u1","timestamp":"2026-03-01T00:00:00Z","event":"signup","channel":"web","properties":{"total":42.5,"coupon":null,"ok":true},"traits":{"plan":"free"}}""",
        """not json at all""",
        """[1,2,3]""",
        """{"customer_id":" u2 ","timestamp":1772323200,"event":"Caf\u00e9 \"visit\"","context":{"traits":{"country":"zoë"}},"properties":{"n":1e3}}""",
        """{"customer_id":"u3","timestamp":"2026-03-02T00:00:00+02:00","event":"page_view","event_params":[{"key":"page","value":{"string_value":"Home"}},{"key":"n","value":{"int_value":7}}],"tags":["a","b"]}""",
        """{"customer_id":"u4","timestamp":"yesterday","event":"signup"}""",
        """{"customer_id":"u5","timestamp":"2026-03-03T00:00:00Z"}""",
        """{"customer_id":"u1","timestamp":"2026-03-04T00:00:00Z","event":"buy","event":"buy twice","traits":{"plan":"pro"},"properties":{"total":"10"}}""",
        """{"customer_id":"u6","timestamp":"2026-03-05T00:00:00Z","event":"signup"} trailing""",
        """{"customer_id":"u3","timestamp":"2026-03-06T00:00:00Z","event":"scroll","event_params":[{"key":"pct","value":{"string_value":null,"int_value":90,"double_value":null}},{"key":"label","value":{"string_value":"A\"b","int_value":null}},{"key":"gone","value":{"string_value":null}},{"key":"flat","value":"x"}]}""",
        """{"customer_id":"u3","timestamp":"2026-03-07T00:00:00Z","event":"scroll","event_params":[{"value":{"int_value":5},"key":"late"}],"items":[{"id":"p1","qty":2}]}""",
        """   """,
    ];

    [Fact]
    public async Task LinesReadFromBytesMatchTheGeneralReader()
    {
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, "events.ndjson");
        // A byte order mark, Windows line ends and enough copies of the lines for three slices.
        var text = string.Concat(Enumerable.Repeat(string.Join("\r\n", s_lines) + "\r\n", 40));
        await File.WriteAllBytesAsync(file, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);

        var (fastParts, fast) = await EventImporter.ReadAsync(file, new EventImportOptions { ParallelThresholdBytes = 4096, Slices = 3 }, CancellationToken.None);
        var (generalParts, general) = await EventImporter.ReadAsync(file, new EventImportOptions { GeneralReaderOnly = true }, CancellationToken.None);
        var a = EventLogBuilder.Combine(fastParts, out _);
        var b = EventLogBuilder.Combine(generalParts, out _);

        Assert.Equal(4, fastParts.Count);
        Assert.Equal(
            [
                "line 1: no column for customer_id; no column for timestamp (the file's columns are who, event); name them in the data source's mapping in wayfinder.yaml, e.g. mapping: { customer_id: user, timestamp: at, event: what }",
                "line 4: is not valid JSON ('not json at all' is an invalid JSON literal. Expected the literal 'null'. LineNumber: 0 | BytePositionInLine: 1, at byte 2)",
                "line 5: is not a JSON object; each line of an NDJSON file holds one event object",
                "line 8: timestamp: 'yesterday' is not ISO 8601 or an epoch number; write ISO 8601 (2026-03-01T14:05:00Z, 2026-03-01 14:05:00+01:00 or 2026-03-01) or epoch seconds (1772373900), or name the file's format in the data source's mapping in wayfinder.yaml (e.g. timestamp_format: \"dd/MM/yyyy HH:mm\")",
                "line 9: event: is missing; every row needs an event name",
                "line 11: is not valid JSON ('t' is invalid after a single JSON value. Expected end of data. LineNumber: 0 | BytePositionInLine: 73, at byte 74)",
                "line 15: customer_id: is missing; every event needs the customer it belongs to",
            ],
            fast.Problems.Take(7).Select(p => p.ToString()));
        Assert.Equal((480L, 240L), (fast.RowsRead, fast.BadRows));

        Assert.Equal(["u1", "u2", "u3"], a.CustomerIds);
        Assert.Equal(["signup", "Café \"visit\"", "page_view", "buy twice", "scroll"], a.EventNames);
        Assert.Equal("zoë", a.Attributes["country"][1]);
        Assert.Equal("pro", a.Attributes["plan"][0]);
        Assert.Equal(["42.5", "10"], a.Properties["total"].Values);
        Assert.Equal(["true"], a.Properties["ok"].Values);
        // properties.n and GA4's event_params n both become the property n.
        Assert.Equal(["1e3", "7"], a.Properties["n"].Values);
        Assert.Equal(["Home"], a.Properties["page"].Values);
        // GA4 pairs read as they stream by (the first non-null *_value), and the shapes that need the document reader.
        Assert.Equal(["90"], a.Properties["pct"].Values);
        Assert.Equal(["A\"b"], a.Properties["label"].Values);
        Assert.Equal(["x"], a.Properties["flat"].Values);
        Assert.False(a.Properties.ContainsKey("gone"));
        Assert.Equal(["5"], a.Properties["late"].Values);
        Assert.Equal(["p1"], a.Properties["items.0.id"].Values);
        Assert.Equal(["a"], a.Properties["tags.0"].Values);
        Assert.False(a.Properties.ContainsKey("coupon"));

        SameImport.Assert((general, b), (fast, a));
    }
}

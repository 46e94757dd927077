namespace Wayfinder.Evidence.Tests.Import;

using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;

/// <summary>
/// The vendor presets on samples of each vendor's export (Fixtures/Vendors, written from the vendors' documentation:
/// the Segment Spec, GA4's BigQuery export schema, Mixpanel's export and simplified ID merge).
/// </summary>
public sealed class VendorExportTests
{
    // 2026-03-01T10:00:00Z in µs; the fixtures' times are minutes after it.
    private static readonly long s_ten = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Vendors", name);

    private static long Minutes(int minutes) => s_ten + (minutes * 60_000_000L);

    private static async Task<(ImportReport Report, EventLog Log)> Import(string path, string preset, IReadOnlyDictionary<string, string>? mapping = null, bool general = false)
    {
        var (parts, report) = await EventImporter.ReadAsync(path, new EventImportOptions { Preset = preset, Mapping = mapping, GeneralReaderOnly = general }, CancellationToken.None);
        var log = EventLogBuilder.Combine(parts, out var duplicates);
        return (report with { Duplicates = duplicates }, log);
    }

    private static IEnumerable<(string Customer, string Event, long Time, string? Channel)> Rows(EventLog log) =>
        Enumerable.Range(0, log.CustomerCount).SelectMany(c => Enumerable.Range(log.CustomerStart[c], log.CustomerStart[c + 1] - log.CustomerStart[c])
            .Select(r => (log.CustomerIds[c], log.EventNames[log.EventCodes[r]], log.Timestamps[r], log.ChannelCodes[r] < 0 ? null : log.ChannelNames[log.ChannelCodes[r]])));

    private static string? Attribute(EventLog log, string name, string customer) =>
        log.Attributes.TryGetValue(name, out var column) ? column[log.CustomerIds.ToList().IndexOf(customer)] : null;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AVendorExportsTimesAreReadInTheMappingsTimestampFormat(bool general)
    {
        // 01/03/2026 is 1 March only because the mapping says day first; without the format it is refused.
        var path = Path.Combine(Path.GetTempPath(), $"wayfinder-vendor-format-{Guid.NewGuid():N}.ndjson");
        File.WriteAllText(path, """{"type":"track","userId":"u1","event":"Searched","timestamp":"01/03/2026 14:05"}""" + "\n");
        try
        {
            var (report, log) = await Import(path, "segment", new Dictionary<string, string> { ["timestamp_format"] = "dd/MM/yyyy HH:mm" }, general);
            var (refused, _) = await Import(path, "segment", null, general);

            Assert.Equal((1L, 0L), (report.RowsRead, report.BadRows));
            Assert.Equal([("u1", "Searched", new DateTimeOffset(2026, 3, 1, 14, 5, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000, (string?)null)], Rows(log));
            Assert.Equal(1L, refused.BadRows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task SegmentCallsBecomeViewsEventsAndAttributesWithEachPersonsIdsStitchedToTheirUserId()
    {
        var (report, log) = await Import(Fixture("segment.ndjson"), "segment");

        // Ten calls: seven events (track, page, screen); identify, group and alias only set attributes and ids.
        Assert.Equal((10L, 0L), (report.RowsRead, report.BadRows));
        // anon-1 is u1 (identify and track carry both ids), anon-2 is u2 (alias); u3 only ever had a userId.
        Assert.Equal(["u1", "u2", "u3"], log.CustomerIds);
        Assert.Equal(new Dictionary<string, string> { ["anon-1"] = "u1", ["anon-2"] = "u2" }, log.Identities);
        Assert.Equal(
            [
                ("u1", "Page Viewed: Home", Minutes(0), "browser"),
                ("u1", "Product Viewed", Minutes(1), "browser"),
                ("u1", "Order Completed", Minutes(3), "server"),
                ("u1", "Page Viewed", Minutes(5), "browser"),
                ("u2", "Signed Up", Minutes(-1), "browser"),
                ("u2", "Screen Viewed: Checkout", Minutes(4), "mobile"),
                ("u3", "Signed Up", Minutes(8), "server"),
            ],
            Rows(log));
        // identify's traits and track's context.traits are the user's; group's traits are the group's.
        Assert.Equal(("ana@example.com", "pro", "5", "PT"), (Attribute(log, "email", "u1"), Attribute(log, "plan", "u1"), Attribute(log, "logins", "u1"), Attribute(log, "country", "u1")));
        Assert.Equal(("g-7", "Acme", "Travel", "enterprise"), (Attribute(log, "group_id", "u1"), Attribute(log, "group.name", "u1"), Attribute(log, "group.industry", "u1"), Attribute(log, "group.plan", "u1")));
        Assert.Null(Attribute(log, "plan", "u2"));
        // The nameless page keeps its path for where-matchers; the page's name is not a property of its own.
        Assert.Equal("/pricing", log.Properties["path"][3]);
        Assert.Equal(("free", "free"), (log.Properties["plan"][4], log.Properties["plan"][6]));
        Assert.False(log.Properties.ContainsKey("type"));
        Assert.False(log.Properties.ContainsKey("anonymousId"));
    }

    [Fact]
    public async Task APageCallFirstAnIdentifyCallAndALaterRowWithOnlyAUserIdAllImport()
    {
        // The three failures of issue 8: "no column for event", "every row needs an event name", "customer_id is missing".
        using var temp = new TempFolder();
        var path = temp.Write("calls.ndjson", """
            {"type":"page","name":"Pricing","anonymousId":"a1","timestamp":"2026-03-01T10:00:00Z","properties":{"path":"/pricing"}}
            {"type":"identify","anonymousId":"a1","userId":"u1","timestamp":"2026-03-01T10:01:00Z","traits":{"plan":"pro"}}
            {"type":"track","event":"Trial Started","userId":"u1","timestamp":"2026-03-01T10:02:00Z"}
            {"type":"pageview","userId":"u1","timestamp":"2026-03-01T10:03:00Z"}
            """);

        var (report, log) = await Import(path, "segment");

        Assert.Equal(["line 4: type: 'pageview' is not a Segment call; a row's type is track, page, screen, identify, group or alias"], report.Problems.Select(p => p.ToString()));
        Assert.Equal([("u1", "Page Viewed: Pricing", Minutes(0), null), ("u1", "Trial Started", Minutes(2), null)], Rows(log));
        Assert.Equal("pro", Attribute(log, "plan", "u1"));
    }

    [Fact]
    public async Task Ga4RowsWithAndWithoutAUserIdAreOneCustomerUnderTheUserIdWithParamsAsPropertiesAndUserPropertiesAsAttributes()
    {
        var (report, log) = await Import(Fixture("ga4.ndjson"), "ga4");

        // The first row has no user_id: it is the pseudo id's, stitched to u1 by the login row that has both.
        Assert.Equal((4L, 0L), (report.RowsRead, report.BadRows));
        Assert.Equal(["u1", "2204.1772359800"], log.CustomerIds);
        Assert.Equal(
            [
                ("u1", "page_view", Minutes(0), "WEB"),
                ("u1", "login", Minutes(5), "WEB"),
                ("u1", "purchase", Minutes(15), "WEB"),
                ("2204.1772359800", "first_visit", Minutes(10), "WEB"),
            ],
            Rows(log));
        Assert.Equal(("Pricing", "1772359200", "42.5", "EUR"), (log.Properties["page_title"][0], log.Properties["ga_session_id"][1], log.Properties["value"][2], log.Properties["currency"][2]));
        // user_properties are attributes (their set_timestamp_micros is no value); geo is the latest row's.
        Assert.Equal(("pro", "3", "Porto", "Madrid"), (Attribute(log, "plan", "u1"), Attribute(log, "seats", "u1"), Attribute(log, "geo.city", "u1"), Attribute(log, "geo.city", "2204.1772359800")));
        Assert.False(log.Properties.ContainsKey("user_pseudo_id"));
    }

    [Theory]
    [InlineData("traffic_source.medium", "organic,organic,organic,(none)")]
    [InlineData("collected_traffic_source.manual_medium", "email,,cpc,")]
    [InlineData("device.category", "mobile,mobile,tablet,desktop")]
    public async Task TheGa4ChannelIsTheFieldTheMappingChooses(string column, string expected)
    {
        var (_, log) = await Import(Fixture("ga4.ndjson"), "ga4", new Dictionary<string, string> { ["channel"] = column });

        Assert.Equal(expected, string.Join(',', Rows(log).Select(r => r.Channel)));
    }

    [Fact]
    public async Task MixpanelDuplicatesAreDroppedByEventDistinctIdTimeAndInsertIdAndTheDeviceIsMergedIntoTheUser()
    {
        var (report, log) = await Import(Fixture("mixpanel.ndjson"), "mixpanel");

        // Line 2 differs from line 1 only in $city and line 4 repeats line 3: both dropped. Line 6 is a second later
        // and line 7 has its own $insert_id: kept.
        Assert.Equal((7L, 0L, 2L), (report.RowsRead, report.BadRows, report.Duplicates));
        Assert.Equal(["u1", "u2"], log.CustomerIds);
        Assert.Equal(
            [
                ("u1", "Viewed Pricing", Minutes(0), "web"),
                ("u1", "Signed Up", Minutes(1), "web"),
                ("u2", "Purchase", Minutes(0) + 100_000_000L, "python"),
                ("u2", "Purchase", Minutes(0) + 100_000_000L, "python"),
                ("u2", "Purchase", Minutes(0) + 101_000_000L, "python"),
            ],
            Rows(log));
        Assert.Equal("Lisbon", log.Properties["$city"][0]);
        Assert.Equal(new Dictionary<string, string> { ["$device:d-1"] = "u1", ["d-1"] = "u1" }, log.Identities);
    }

    [Theory]
    [InlineData("segment.ndjson", "segment")]
    [InlineData("ga4.ndjson", "ga4")]
    [InlineData("mixpanel.ndjson", "mixpanel")]
    public async Task TheByteReaderAndTheGeneralReaderReadEachVendorExportAlike(string file, string preset)
    {
        var general = await Import(Fixture(file), preset, general: true);
        var fast = await Import(Fixture(file), preset);

        SameImport.Assert(general, fast);
        Assert.Equal(general.Log.Identities, fast.Log.Identities);
    }

    [Fact]
    public async Task AVendorExportAsCsvFallsBackAndStitchesIdsTheSameWay()
    {
        using var temp = new TempFolder();
        var path = temp.Write("ga4.csv", """
            event_timestamp,event_name,user_id,user_pseudo_id,platform
            1772359200000000,page_view,,p1,WEB
            1772359500000000,login,u1,p1,WEB
            """);

        var (report, log) = await Import(path, "ga4");

        Assert.Equal(0L, report.BadRows);
        Assert.Equal([("u1", "page_view", Minutes(0), "WEB"), ("u1", "login", Minutes(5), "WEB")], Rows(log));
    }
}

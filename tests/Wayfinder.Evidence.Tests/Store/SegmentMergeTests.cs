namespace Wayfinder.Evidence.Tests.Store;

using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Tests.Import;

/// <summary>Reading a base and its appended segments by copying (<see cref="SegmentMerge.TryRead"/>) gives exactly the general combine's log.</summary>
public sealed class SegmentMergeTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private async Task<EventLog> Log(string name, string csv, string? preset = null)
    {
        var store = EventStore.InMemory(EventLog.Empty);
        Assert.True((await store.ImportAsync(_temp.Write(name, csv), new EventImportOptions { Preset = preset })).Succeeded);
        return store.Open();
    }

    // Day 1: u1 and u2 (u2 on the free plan); day 2: u2 again (now on pro), a new customer u3, a new event, channel and
    // property value; day 3: u1 again and u4, with the property missing.
    private const string Day1 = "user_id,timestamp,event_name,channel,page,attr.plan\n"
        + "u1,2026-03-01T10:00:00Z,viewed,web,home,\n"
        + "u2,2026-03-01T09:00:00Z,viewed,app,pricing,free\n"
        + "u1,2026-03-01T11:00:00Z,ordered,web,cart,\n"
        + "u2,2026-03-01T12:00:00Z,viewed,app,home,free\n";

    private const string Day2 = "user_id,timestamp,event_name,channel,page,attr.plan\n"
        + "u3,2026-03-02T08:00:00Z,viewed,email,promo,trial\n"
        + "u2,2026-03-02T09:00:00Z,refunded,app,pricing,pro\n"
        + "u3,2026-03-02T10:00:00Z,ordered,,cart,\n";

    private const string Day3 = "user_id,timestamp,event_name,channel,page,attr.plan\n"
        + "u4,2026-03-03T08:00:00Z,viewed,store,,\n"
        + "u1,2026-03-03T09:00:00Z,viewed,web,,\n";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task CopyingTheSegmentsGivesTheCombinedLogCodeForCode(int parallelism)
    {
        var (day1, day2, day3) = (await Log("d1.csv", Day1), await Log("d2.csv", Day2), await Log("d3.csv", Day3));
        var merged = SegmentMerge.TryRead(Stored(day1), [day2, day3], parallelism);
        var combined = EventLogBuilder.Combine([EventLogBuilder.FromLog(day1), EventLogBuilder.FromLog(day2), EventLogBuilder.FromLog(day3)], out var duplicates);

        Assert.Equal(0, duplicates);
        Assert.NotNull(merged);
        LogAssert.Same(combined, merged);

        // By hand: customers in order of first appearance (u1, u2 from day 1, then u3, u4); u2's plan is day 2's;
        // rows per customer: u1 2 + 1, u2 2 + 1, u3 2, u4 1.
        Assert.Equal(["u1", "u2", "u3", "u4"], merged.CustomerIds);
        Assert.Equal([0, 3, 6, 8, 9], merged.CustomerStart);
        Assert.Equal(["viewed", "ordered", "refunded"], merged.EventNames);
        Assert.Equal([null, "pro", "trial", null], Enumerable.Range(0, 4).Select(c => merged.Attributes["plan"][c]));
        Assert.Equal(["home", "cart", null, "pricing", "home", "pricing", "promo", "cart", null], Enumerable.Range(0, 9).Select(r => merged.Properties["page"][r]));
    }

    [Fact]
    public async Task ASegmentWithANewPropertyOrOnePastAByteOfValuesReadsAsTheCombine()
    {
        // Day 1: 100 rows of 7 customers, property n with 100 values (a byte per row in the base's file). Day 2: 60 rows,
        // 60 more values of n (160 in all: no longer a byte), a property the base lacks, two new customers.
        string Rows(int day, int count, Func<int, string> customer, Func<int, string> n, Func<int, string> coupon) =>
            "user_id,timestamp,event_name,n,coupon\n" + string.Concat(Enumerable.Range(0, count).Select(i =>
                $"{customer(i)},2026-03-0{day}T{i / 60:D2}:{i % 60:D2}:00Z,e{i % 3},{n(i)},{coupon(i)}\n"));
        var day1 = await Log("d1.csv", Rows(1, 100, i => $"u{i % 7}", i => $"v{i}", _ => ""));
        var day2 = await Log("d2.csv", Rows(2, 60, i => $"u{i % 9}", i => $"w{i}", i => i % 4 == 0 ? $"c{i % 3}" : ""));

        var read = SegmentMerge.TryRead(Stored(day1), [day2]);
        var combined = EventLogBuilder.Combine([EventLogBuilder.FromLog(day1), EventLogBuilder.FromLog(day2)], out _);

        Assert.NotNull(read);
        LogAssert.Same(combined, read);
        Assert.Equal(160, read.Properties["n"].Values.Count);
        Assert.Equal(["u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8"], read.CustomerIds);
        // u0: day 1 rows 0, 7, …, 98 (15), then day 2 rows 0, 9, …, 54 (7); its first day-2 row has coupon c0.
        Assert.Equal(22, read.CustomerStart[1]);
        Assert.Null(read.Properties["coupon"][14]);
        Assert.Equal("c0", read.Properties["coupon"][15]);
    }

    /// <summary>The folder <paramref name="log"/> is written to as a store's base.</summary>
    private string Stored(EventLog log)
    {
        var folder = Path.Combine(_temp.Path, "base-" + Guid.NewGuid().ToString("N"));
        ArrowPersistence.Write(log, folder);
        return folder;
    }

    [Fact]
    public async Task PartsWhoseTimesOverlapOrWithStitchedIdsAreLeftToTheGeneralCombine()
    {
        var (day1, day2) = (await Log("d1.csv", Day1), await Log("d2.csv", Day2));
        Assert.Null(SegmentMerge.TryRead(Stored(day2), [day1]));
        Assert.Null(SegmentMerge.TryRead(Stored(day1), [day2, day2]));
        var stitched = await Log("s.ndjson", """{"type":"track","event":"Viewed","anonymousId":"a1","userId":"u9","timestamp":"2026-03-05T09:00:00Z"}""", "segment");
        Assert.Single(stitched.Identities);
        Assert.Null(SegmentMerge.TryRead(Stored(day1), [stitched]));
        Assert.Null(SegmentMerge.TryRead(Stored(stitched), [day2]));
    }
}

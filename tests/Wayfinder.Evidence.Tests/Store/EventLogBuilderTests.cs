namespace Wayfinder.Evidence.Tests.Store;

using Wayfinder.Evidence.Store;

public sealed class EventLogBuilderTests
{
    [Fact]
    public void RowsAreGroupedByCustomerAndSortedByTimeKeepingInputOrderForTies()
    {
        var builder = new EventLogBuilder();
        builder.Add("u2", 5, "x");
        builder.Add("u1", 9, "late");
        builder.Add("u1", 3, "tie-first");
        builder.Add("u1", 3, "tie-second");
        builder.Add("u2", 1, "y");

        var log = builder.Build();

        // Customers in order of first appearance.
        Assert.Equal(["u2", "u1"], log.CustomerIds);
        Assert.Equal([0, 2, 5], log.CustomerStart);
        Assert.Equal([1L, 5, 3, 3, 9], log.Timestamps);
        Assert.Equal(["y", "x", "tie-first", "tie-second", "late"], log.EventCodes.Select(c => log.EventNames[c]));
    }

    [Fact]
    public void ExactDuplicateRowsAreDroppedAndCounted()
    {
        var builder = new EventLogBuilder();
        builder.Add("u1", 3, "a", "web", [new("plan", "pro")]);
        builder.Add("u1", 3, "b", "web");
        builder.Add("u1", 3, "a", "web", [new("plan", "pro")]);   // duplicate of the first
        builder.Add("u1", 3, "a", "web", [new("plan", "free")]);  // differs in a property: kept
        builder.Add("u1", 4, "a", "web", [new("plan", "pro")]);   // differs in time: kept
        builder.Add("u2", 3, "a", "web", [new("plan", "pro")]);   // another customer: kept
        builder.Add("u2", 3, "a", "web", [new("plan", "pro")]);   // duplicate

        var log = builder.Build(out var duplicates);

        Assert.Equal(2, duplicates);
        Assert.Equal(5, log.EventCount);
        Assert.Equal([0, 4, 5], log.CustomerStart);
        Assert.Equal(["pro", null, "free", "pro", "pro"], Enumerable.Range(0, 5).Select(r => log.Properties["plan"][r]));
    }

    [Fact]
    public void AttributesTakeTheCustomersLastValueInTime()
    {
        var builder = new EventLogBuilder();
        builder.Add("u1", 10, "a", attributes: [new("country", "FR")]);
        builder.Add("u1", 5, "a", attributes: [new("country", "DE")]);
        builder.Add("u1", 20, "a");

        var log = builder.Build();

        Assert.Equal("FR", log.Attributes["country"][0]);
    }

    [Fact]
    public void ABuilderFromALogBuildsTheSameLog()
    {
        var builder = new EventLogBuilder();
        builder.Add("u1", 10, "a", "web", [new("plan", "pro")], [new("country", "FR")]);
        builder.Add("u2", 5, "b", null, [], [new("country", "DE")]);
        var log = builder.Build();

        var copy = EventLogBuilder.FromLog(log).Build(out var duplicates);

        Assert.Equal(0, duplicates);
        Assert.Equal(log.CustomerIds, copy.CustomerIds);
        Assert.Equal(log.Timestamps, copy.Timestamps);
        Assert.Equal(("FR", "DE"), (copy.Attributes["country"][0], copy.Attributes["country"][1]));
        Assert.Equal(("pro", (string?)null), (copy.Properties["plan"][0], copy.Properties["plan"][1]));
        Assert.Equal([0, -1], copy.ChannelCodes);
    }

    [Fact]
    public void MergingIntoALogLeavesTheLogAsItWas()
    {
        // FromLog shares the log's arrays: rows added to the builder, or in a part after it, must not write into them.
        var builder = new EventLogBuilder();
        builder.Add("u1", 10, "a", "web", [new("plan", "pro")], [new("country", "FR")]);
        builder.Add("u2", 5, "b", null, [], [new("country", "DE")]);
        var log = builder.Build();
        int[][] Codes() => [log.EventCodes, log.ChannelCodes, log.Properties["plan"].Codes, log.Attributes["country"].Codes];
        var times = log.Timestamps.ToArray();
        var codes = Codes().Select(c => c.ToArray()).ToArray();
        var from = EventLogBuilder.FromLog(log);
        from.Add("u1", 20, "c", "app", [new("plan", "free")], [new("country", "NL")]);
        var part = new EventLogBuilder();
        part.Add("u2", 30, "a", "app", [new("plan", "team")], [new("country", "BE")]);

        var merged = EventLogBuilder.Combine([from, part], out _);

        Assert.Equal(times, log.Timestamps);
        Assert.Equal(codes, Codes());
        Assert.Equal(["u1", "u2"], log.CustomerIds);
        Assert.Equal([10, 20, 5, 30], merged.Timestamps);
        Assert.Equal(["pro", "free", null, "team"], Enumerable.Range(0, 4).Select(r => merged.Properties["plan"][r]));
        Assert.Equal(("NL", "BE"), (merged.Attributes["country"][0], merged.Attributes["country"][1]));
    }
}

public sealed class CombineTests
{
    [Fact]
    public void BuildersOfConsecutivePartsCombineAsOneBuilderWouldBuild()
    {
        var rows = new (string Customer, long Time, string Event, string? Channel, string? Plan, string? Country)[]
        {
            ("u1", 5, "a", "web", "pro", "DE"), ("u2", 1, "b", null, null, "FR"), ("u1", 2, "c", "app", null, null),
            ("u3", 7, "a", "web", "free", null), ("u1", 5, "a", "web", "pro", null), ("u2", 1, "b", null, null, "GB"),
            ("u1", 9, "b", "app", "plus", "AT"),
        };
        void Fill(EventLogBuilder b, IEnumerable<(string Customer, long Time, string Event, string? Channel, string? Plan, string? Country)> part)
        {
            foreach (var r in part)
            {
                b.Add(r.Customer, r.Time, r.Event, r.Channel, r.Plan is null ? [] : [new("plan", r.Plan)], r.Country is null ? [] : [new("country", r.Country)]);
            }
        }

        var whole = new EventLogBuilder();
        Fill(whole, rows);
        var parts = new[] { new EventLogBuilder(), new EventLogBuilder(), new EventLogBuilder() };
        Fill(parts[0], rows[..2]);
        Fill(parts[1], rows[2..5]);
        Fill(parts[2], rows[5..]);

        var one = whole.Build(out var d1);
        var combined = EventLogBuilder.Combine(parts, out var d2);

        Assert.Equal((2, 2), (d1, d2));
        Assert.Equal(one.CustomerIds, combined.CustomerIds);
        Assert.Equal(one.CustomerStart, combined.CustomerStart);
        Assert.Equal(one.Timestamps, combined.Timestamps);
        Assert.Equal(one.EventCodes.Select(c => one.EventNames[c]), combined.EventCodes.Select(c => combined.EventNames[c]));
        Assert.Equal(Enumerable.Range(0, one.EventCount).Select(r => one.Properties["plan"][r]), Enumerable.Range(0, combined.EventCount).Select(r => combined.Properties["plan"][r]));
        // u1: country DE at 5, AT at 9 → AT; u2: FR then GB at the same time → the later row, GB.
        Assert.Equal(["AT", "GB", null], Enumerable.Range(0, 3).Select(c => combined.Attributes["country"][c]));
        Assert.Equal(["AT", "GB", null], Enumerable.Range(0, 3).Select(c => one.Attributes["country"][c]));
    }

    [Fact]
    public void CombiningAndReleasingDropsDuplicatesInEverySliceAndLeavesThePartsEmpty()
    {
        static EventLogBuilder[] Parts()
        {
            var a = new EventLogBuilder();
            a.Add("u1", 1, "a");
            a.Add("u1", 1, "a");
            a.Add("u2", 3, "b");
            a.Add("u3", 2, "a");
            var b = new EventLogBuilder();
            b.Add("u2", 3, "b");
            b.Add("u2", 1, "a", properties: [new("device", "app")]);
            b.Add("u4", 4, "c");
            b.Add("u3", 2, "a");
            b.Add("u3", 5, "b", properties: [new("device", "tv")]);
            return [a, b];
        }

        var released = Parts();
        var log = EventLogBuilder.CombineAndRelease(released, out var duplicates, parallelism: 3);
        var kept = EventLogBuilder.Combine(Parts(), out var keptDuplicates, parallelism: 3);

        // Three slices of the four customers (u1 | u2 | u3, u4), each with a duplicate: u1's second (1, a),
        // u2's second (3, b) once sorted after (1, a), u3's second (2, a). What is left, by customer and time:
        // u1 (1, a); u2 (1, a, app), (3, b); u3 (2, a), (5, b, tv); u4 (4, c).
        Assert.Equal((3, 3), (duplicates, keptDuplicates));
        Assert.Equal(["u1", "u2", "u3", "u4"], log.CustomerIds);
        Assert.Equal([0, 1, 3, 5, 6], log.CustomerStart);
        Assert.Equal([1L, 1, 3, 2, 5, 4], log.Timestamps);
        Assert.Equal(["a", "a", "b", "a", "b", "c"], log.EventCodes.Select(c => log.EventNames[c]));
        Assert.Equal([null, "app", null, null, "tv", null], Enumerable.Range(0, log.EventCount).Select(r => log.Properties["device"][r]));
        Assert.Equal(kept.CustomerStart, log.CustomerStart);
        Assert.Equal(kept.Timestamps, log.Timestamps);
        Assert.Equal(kept.EventCodes, log.EventCodes);
        Assert.Equal([0, 0], released.Select(p => p.Count));
    }
}

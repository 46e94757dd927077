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

        Assert.Equal(["u1", "u2"], log.CustomerIds);
        Assert.Equal([0, 3, 5], log.CustomerStart);
        Assert.Equal([3L, 3, 9, 1, 5], log.Timestamps);
        Assert.Equal(["tie-first", "tie-second", "late", "y", "x"], log.EventCodes.Select(c => log.EventNames[c]));
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
    public void AddingALogToANewBuilderGivesTheSameLog()
    {
        var builder = new EventLogBuilder();
        builder.Add("u1", 10, "a", "web", [new("plan", "pro")], [new("country", "FR")]);
        builder.Add("u2", 5, "b", null, [], [new("country", "DE")]);
        var log = builder.Build();

        var again = new EventLogBuilder();
        again.AddLog(log);
        var copy = again.Build(out var duplicates);

        Assert.Equal(0, duplicates);
        Assert.Equal(log.CustomerIds, copy.CustomerIds);
        Assert.Equal(log.Timestamps, copy.Timestamps);
        Assert.Equal(("FR", "DE"), (copy.Attributes["country"][0], copy.Attributes["country"][1]));
        Assert.Equal(("pro", (string?)null), (copy.Properties["plan"][0], copy.Properties["plan"][1]));
        Assert.Equal([0, -1], copy.ChannelCodes);
    }
}

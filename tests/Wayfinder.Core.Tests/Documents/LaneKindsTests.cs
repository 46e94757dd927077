namespace Wayfinder.Core.Tests.Documents;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;

public sealed class LaneKindsTests
{
    [Fact]
    public void EveryLaneTypeHasExactlyOneKindInEnumOrder()
    {
        Assert.Equal(Enum.GetValues<LaneType>(), LaneKinds.All.Select(k => k.Type));
        Assert.All(Enum.GetValues<LaneType>(), t => Assert.Equal(t, LaneKinds.Of(t).Type));
    }

    [Fact]
    public void KindIdsAreTheTypesAsYamlWritesThem()
    {
        foreach (var kind in LaneKinds.All)
        {
            var yaml = DocumentYaml.Write(new Lane { Id = "x", Type = kind.Type });
            Assert.Contains($"type: {kind.Id}\n", yaml, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MapOrderRunsFromRolesDownToImages()
    {
        Assert.Equal(
            ["roles", "goals", "actions", "questions", "thoughts", "touchpoints", "channels", "emotion", "pain_points", "opportunities", "ideas", "kpis", "metrics", "backstage", "images"],
            LaneKinds.InMapOrder.Select(k => k.Id));
    }

    [Fact]
    public void EachKindHasOneDisplayName()
    {
        Assert.Equal(
            ["Customer goals", "Actions", "Questions", "Thoughts", "Touchpoints", "Channels", "Emotion", "Pain points", "Opportunities", "Ideas", "KPIs", "Metrics", "Backstage", "Roles", "Images"],
            LaneKinds.All.Select(k => k.DisplayName));
    }

    [Fact]
    public void ALaneWithoutANameShowsItsKindsName()
    {
        Assert.Equal("Customer goals", new Lane { Id = "g", Type = LaneType.Goals }.DisplayName());
        Assert.Equal("Customer goals", new Lane { Id = "g", Type = LaneType.Goals, Name = "  " }.DisplayName());
        Assert.Equal("What they want", new Lane { Id = "g", Type = LaneType.Goals, Name = "What they want" }.DisplayName());
    }

    [Fact]
    public void ItemFieldsBelongToTheKindsThatCarryThem()
    {
        Assert.Equal(["touchpoints", "channels"], LaneKinds.UsingField("channel").Select(k => k.Id));
        Assert.Equal(["emotion"], LaneKinds.UsingField("score").Select(k => k.Id));
        Assert.Equal(["kpis", "metrics"], LaneKinds.UsingField("target").Select(k => k.Id));
        Assert.Equal(["opportunities"], LaneKinds.UsingField("effort").Select(k => k.Id));
        Assert.Equal(["roles"], LaneKinds.UsingField("persona").Select(k => k.Id));
        Assert.Equal(["images"], LaneKinds.UsingField("src").Select(k => k.Id));
        Assert.Empty(LaneKinds.UsingField("text"));
    }

    [Fact]
    public void DefaultLaneIdsAreSlugs()
    {
        Assert.Equal("pain-points", LaneKinds.Of(LaneType.PainPoints).DefaultLaneId);
        Assert.All(LaneKinds.All, k => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", k.DefaultLaneId));
    }
}

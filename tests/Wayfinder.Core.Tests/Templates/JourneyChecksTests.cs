namespace Wayfinder.Core.Tests.Templates;

using Wayfinder.Core.Documents;

/// <summary>The checks the templates and samples are held to must themselves catch what they claim to.</summary>
public sealed class JourneyChecksTests
{
    private static readonly Journey s_broken = new()
    {
        Id = "broken",
        Title = "Broken",
        Stages =
        [
            new Stage { Id = "a", Name = "A", LoopsTo = "b" },
            new Stage { Id = "b", Name = "B", Steps = [new Step { Id = "s1", Name = "S1", Next = ["s9"] }] },
            new Stage { Id = "b", Name = "B again" },
        ],
        Lanes =
        [
            new Lane
            {
                Id = "tp", Type = LaneType.Touchpoints, Items =
                [
                    new LaneItem { Id = "tp-one", Stage = "a", Channel = "web", Owner = "x", Events = ["checkout_*"] },
                    new LaneItem { Id = "tp-two", Stage = "b", Channel = "fax", Owner = "x", Events = ["checkout_started"] },
                    new LaneItem { Id = "tp-three", Stage = "b", Channel = "web", Owner = "x", Events = ["checkout_started"] },
                ],
            },
            new Lane { Id = "emo", Type = LaneType.Emotion, Items = [new LaneItem { Stage = "a", Score = 2.5 }, new LaneItem { Stage = "c", Score = 0 }] },
            new Lane { Id = "opp", Type = LaneType.Opportunities, Items = [new LaneItem { Id = "op", Stage = "a", Addresses = ["pp-missing"] }] },
            new Lane
            {
                Id = "kpi", Type = LaneType.Kpis, Items =
                [
                    new LaneItem { Id = "k1", Stage = "a", Metric = "conversion(z)", Target = ">= 40%", Actual = "35%", Status = KpiStatus.Meets },
                    new LaneItem { Id = "k2", Stage = "a", Metric = "reach(touchpoint: tp-one)", Target = "<= 2 days", Actual = "3 days", Status = KpiStatus.DoesNotMeet },
                    new LaneItem { Id = "k3", Stage = "a", Metric = "median_time(a -> q)", Target = ">= 30", Actual = "31", Status = KpiStatus.Exceeds },
                ],
            },
        ],
    };

    [Fact]
    public void ChecksFindEveryPlantedProblem()
    {
        Assert.Equal(["b"], JourneyChecks.DuplicateStageIds(s_broken));
        Assert.Equal(
            ["tp-one:checkout_* / tp-two:checkout_started", "tp-one:checkout_* / tp-three:checkout_started", "tp-two:checkout_started / tp-three:checkout_started"],
            JourneyChecks.EventsClaimedTwice(s_broken));
        Assert.Equal(["fax"], JourneyChecks.UnknownChannels(s_broken, ["web"]));
        Assert.Equal(["op -> pp-missing"], JourneyChecks.AddressesNotNamingPainPoints(s_broken));
        Assert.Equal(["a/: 2.5"], JourneyChecks.EmotionsOutOfRange(s_broken));
        Assert.Equal(["b", "b"], JourneyChecks.StagesWithoutEmotion(s_broken));
        Assert.Equal(["?: stage c", "a: loops_to b is not an earlier stage", "b: next s9"], JourneyChecks.DanglingReferences(s_broken));
        Assert.Equal(["k1: 35% against >= 40% is not Meets"], JourneyChecks.KpiStatusesContradictingTheirNumbers(s_broken));
        Assert.Equal(
            ["k1: conversion(z): no stage or touchpoint 'z'", "k3: median_time(a -> q): no stage or touchpoint 'q'"],
            JourneyChecks.KpiMetricsNamingUnknownStagesOrTouchpoints(s_broken).Select(p => p[..p.IndexOf(" in this journey", StringComparison.Ordinal)]));
    }

    [Theory]
    [InlineData("checkout_*", "checkout_started", true)]
    [InlineData("checkout_*", "checkout", false)]
    [InlineData("step_?", "step_1", true)]
    [InlineData("step_?", "step_10", false)]
    [InlineData("a.b", "axb", false)]
    [InlineData("exact", "exact", true)]
    public void EventPatternsMatchLikeGlobs(string pattern, string name, bool expected) =>
        Assert.Equal(expected, JourneyChecks.Matches(pattern, name));
}

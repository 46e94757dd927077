namespace Wayfinder.Core.Tests.Decisions;

using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;

public sealed class OpportunityRankingTests
{
    private static LaneItem Opportunity(string id, int? customer, int? business, int? effort, OpportunityStatus? status = OpportunityStatus.Idea) => new()
    {
        Id = id,
        Stage = "s",
        Text = $"Do {id}",
        Owner = "team",
        OpportunityStatus = status,
        CustomerValue = customer,
        BusinessValue = business,
        Effort = effort,
        Addresses = ["pp-1"],
    };

    private static Journey Journey(string id, params LaneItem[] opportunities) => new()
    {
        Id = id,
        Title = id,
        Stages = [new Stage { Id = "s", Name = "S" }],
        Lanes =
        [
            new Lane { Id = "pains", Type = LaneType.PainPoints, Items = [new LaneItem { Id = "pp-1", Stage = "s", Text = "Pain" }] },
            new Lane { Id = "opportunities", Type = LaneType.Opportunities, Items = [.. opportunities] },
        ],
    };

    [Fact]
    public void OpportunitiesRankByMeanValuePerUnitOfEffort()
    {
        // value = (customer + business) / 2; score = value / effort.
        // op-a 5,5 effort 2 → value 5.0, score 2.5, quick win
        // op-b 4,3 effort 1 → value 3.5, score 3.5, quick win
        // op-c 2,2 effort 4 → value 2.0, score 0.5, money pit
        // op-d 5,4 effort 5 → value 4.5, score 0.9, big bet
        // op-e 2,3 effort 1 → value 2.5, score 2.5, fill-in (ties op-a on score; op-a's higher value goes first)
        var journey = Journey(
            "j",
            Opportunity("op-a", 5, 5, 2),
            Opportunity("op-b", 4, 3, 1),
            Opportunity("op-c", 2, 2, 4),
            Opportunity("op-d", 5, 4, 5),
            Opportunity("op-e", 2, 3, 1));

        var ranked = OpportunityRanking.Rank([journey]);

        Assert.Equal(["op-b", "op-a", "op-e", "op-d", "op-c"], ranked.Select(r => r.ItemId));
        Assert.Equal([1, 2, 3, 4, 5], ranked.Select(r => r.Rank));
        Assert.Equal([3.5, 2.5, 2.5, 0.9, 0.5], ranked.Select(r => r.Score));
        Assert.Equal([3.5, 5.0, 2.5, 4.5, 2.0], ranked.Select(r => r.Value));
        Assert.Equal([Quadrant.QuickWin, Quadrant.QuickWin, Quadrant.FillIn, Quadrant.BigBet, Quadrant.MoneyPit], ranked.Select(r => r.Quadrant));
        var first = ranked[0];
        Assert.Equal(("j", "s", "Do op-b", "team", OpportunityStatus.Idea, 4, 3, 1), (first.JourneyId, first.Stage, first.Text, first.Owner, first.Status, first.CustomerValue, first.BusinessValue, first.Effort));
        Assert.Equal(["pp-1"], first.Addresses);
    }

    [Fact]
    public void ScoresAreRoundedToSixDecimals()
    {
        // (2 + 3) / 2 / 3 = 0.8333…
        var ranked = OpportunityRanking.Rank([Journey("j", Opportunity("op", 2, 3, 3))]);

        Assert.Equal(0.833333, Assert.Single(ranked).Score);
    }

    [Fact]
    public void EqualScoreAndValueRankByJourneyThenItemId()
    {
        var ranked = OpportunityRanking.Rank(
        [
            Journey("beta", Opportunity("op-a", 4, 4, 2)),
            Journey("alpha", Opportunity("op-z", 4, 4, 2), Opportunity("op-b", 4, 4, 2)),
        ]);

        Assert.Equal([("alpha", "op-b"), ("alpha", "op-z"), ("beta", "op-a")], ranked.Select(r => (r.JourneyId, r.ItemId!)));
    }

    [Theory]
    // Value above 3 is high, effort above 3 is high; 3 itself is low on both axes.
    [InlineData(3.0, 3, Quadrant.FillIn)]
    [InlineData(3.5, 3, Quadrant.QuickWin)]
    [InlineData(3.0, 4, Quadrant.MoneyPit)]
    [InlineData(3.5, 4, Quadrant.BigBet)]
    [InlineData(5.0, 1, Quadrant.QuickWin)]
    [InlineData(1.0, 5, Quadrant.MoneyPit)]
    public void QuadrantEdgesSitAtThree(double value, int effort, Quadrant expected) =>
        Assert.Equal(expected, OpportunityRanking.QuadrantOf(value, effort));

    [Fact]
    public void DoneAndDroppedAreLeftOutUnlessAskedFor()
    {
        var journey = Journey(
            "j",
            Opportunity("op-idea", 3, 3, 3, OpportunityStatus.Idea),
            Opportunity("op-planned", 3, 3, 3, OpportunityStatus.Planned),
            Opportunity("op-doing", 3, 3, 3, OpportunityStatus.InProgress),
            Opportunity("op-done", 5, 5, 1, OpportunityStatus.Done),
            Opportunity("op-dropped", 5, 5, 1, OpportunityStatus.Dropped));

        var open = OpportunityRanking.Rank([journey]);
        var all = OpportunityRanking.Rank([journey], includeClosed: true);

        Assert.Equal(["op-doing", "op-idea", "op-planned"], open.Select(r => r.ItemId));
        Assert.Equal(["op-done", "op-dropped", "op-doing", "op-idea", "op-planned"], all.Select(r => r.ItemId));
        Assert.Equal([OpportunityStatus.Done, OpportunityStatus.Dropped], all.Take(2).Select(r => r.Status));
    }

    [Fact]
    public void MissingInputsCountAsThreeAndAMissingStatusAsAnIdea()
    {
        // Customer missing → 3: value (3 + 5) / 2 = 4; effort missing → 3: score 4 / 3 = 1.333333.
        var ranked = OpportunityRanking.Rank([Journey("j", Opportunity("op", null, 5, null, status: null))]);

        var row = Assert.Single(ranked);
        Assert.Equal((3, 5, 3, 4.0, 1.333333, OpportunityStatus.Idea, Quadrant.QuickWin), (row.CustomerValue, row.BusinessValue, row.Effort, row.Value, row.Score, row.Status, row.Quadrant));
    }

    [Fact]
    public void AnOpportunityNobodyRatedIsNotRankedButListedAsNotRatedYet()
    {
        // A rating of any one of the three puts an opportunity in the ranking; none at all would make its place a guess.
        var journey = Journey("j", Opportunity("rated", null, 4, null), Opportunity("unrated", null, null, null), Opportunity("closed", null, null, null, OpportunityStatus.Done));

        Assert.Equal(["rated"], OpportunityRanking.Rank([journey]).Select(r => r.ItemId));
        Assert.Equal([("j", "unrated")], OpportunityRanking.Unscored([journey]).Select(u => (u.JourneyId, u.ItemId)));
        Assert.Equal(["unrated", "closed"], OpportunityRanking.Unscored([journey], includeClosed: true).Select(u => u.ItemId));
    }

    [Fact]
    public void EffortBelowOneCountsAsOne()
    {
        var row = Assert.Single(OpportunityRanking.Rank([Journey("j", Opportunity("op", 4, 4, 0))]));

        Assert.Equal((1, 4.0), (row.Effort, row.Score));
    }

    [Fact]
    public void OnlyOpportunityLanesAreRanked()
    {
        var journey = Journey("j", Opportunity("op", 4, 4, 2)) with { };
        journey.Lanes.Add(new Lane { Id = "ideas", Type = LaneType.Ideas, Items = [Opportunity("idea", 5, 5, 1)] });

        Assert.Equal(["op"], OpportunityRanking.Rank([journey]).Select(r => r.ItemId));
    }
}

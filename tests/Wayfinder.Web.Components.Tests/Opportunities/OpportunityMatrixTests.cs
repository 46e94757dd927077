namespace Wayfinder.Web.Components.Tests.Opportunities;

using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Components.Opportunities;

/// <summary>The value/effort matrix: where a dropped point lands on the scale, the arrow keys, and the re-scored journey.</summary>
public sealed class OpportunityMatrixTests : BunitContext
{
    private static RankedOpportunity Ranked(string id, int customer, int business, int effort, int rank = 1)
    {
        var value = (customer + business) / 2.0;
        return new RankedOpportunity("first-flight", id, "book", $"Opportunity {id}", null, OpportunityStatus.Idea, customer, business, effort, value, value / effort,
            OpportunityRanking.QuadrantOf(value, effort), [], rank);
    }

    // The plot runs from x 64 (effort 1) to 616 (effort 5): 138 px an effort step; from y 424 (value 1) up to 24 (value 5):
    // 50 px half a value point.
    [Theory]
    [InlineData(340, 174, 3.5, 3)]
    [InlineData(64, 424, 1, 1)]
    [InlineData(616, 24, 5, 5)]
    [InlineData(408, 199, 3.5, 3)] // effort (408-64)/138 = 2.49 steps → 3; value (424-199)/50 = 4.5 halves → 5 halves → 3.5
    [InlineData(409, 201, 3, 4)] // effort 2.5 steps → rounds away → 4; value 4.46 halves → 4 → 3
    [InlineData(-50, 900, 1, 1)]
    [InlineData(2000, -300, 5, 5)]
    public void A_pixel_maps_to_the_nearest_step_of_the_scale(double x, double y, double value, int effort) =>
        Assert.Equal((value, effort), MatrixScale.FromPixel(x, y));

    [Theory]
    [InlineData(4, 2, 3.5, 4, 3)] // one point more: to the lower of the two
    [InlineData(5, 5, 1, 1, 1)]
    [InlineData(3, 3, 4.5, 5, 4)] // three points more: customer on a tie, then business, then customer
    [InlineData(2, 4, 2, 2, 2)]   // two points less: from the higher
    [InlineData(3, 3, 3, 3, 3)]
    public void A_new_value_changes_customer_and_business_value_as_little_as_possible(int customer, int business, double value, int newCustomer, int newBusiness) =>
        Assert.Equal((newCustomer, newBusiness), MatrixScale.Revalue(customer, business, value));

    [Fact]
    public async Task Dropping_a_point_re_scores_it_at_the_snapped_step()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        JSInterop.SetupModule("./js/opportunities.js");
        var item = Ranked("o1", 4, 2, 2);
        var moves = new List<OpportunityMove>();
        var cut = Render<OpportunityMatrix>(p => p.Add(m => m.Items, [item]).Add(m => m.CanEdit, true).Add(m => m.OnMove, (OpportunityMove m) => moves.Add(m)));

        // The point is drawn at effort 2 (x 202), value 3 (y 224).
        var circle = cut.Find("g.point circle");
        Assert.Equal(("202", "224"), (circle.GetAttribute("cx"), circle.GetAttribute("cy")));

        await cut.InvokeAsync(() => cut.Instance.DropAsync("first-flight/o1", 340, 174));
        await cut.InvokeAsync(() => cut.Instance.DropAsync("first-flight/o1", 205, 230)); // the same step: no move

        Assert.Equal([new OpportunityMove(item, 3.5, 3)], moves);
    }

    [Fact]
    public void Arrow_keys_move_the_selected_point_by_one_step_and_stop_at_the_edges()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        JSInterop.SetupModule("./js/opportunities.js");
        var item = Ranked("o1", 5, 4, 1);
        var moves = new List<OpportunityMove>();
        var cut = Render<OpportunityMatrix>(p => p.Add(m => m.Items, [item]).Add(m => m.CanEdit, true).Add(m => m.OnMove, (OpportunityMove m) => moves.Add(m)));

        var point = cut.Find("g.point");
        point.KeyDown("ArrowUp");
        point.KeyDown("ArrowDown");
        point.KeyDown("ArrowRight");
        point.KeyDown("ArrowLeft"); // effort 1 already: nothing
        point.KeyDown("Enter");

        Assert.Equal([new OpportunityMove(item, 5, 1), new OpportunityMove(item, 4, 1), new OpportunityMove(item, 4.5, 2)], moves);
    }

    [Fact]
    public async Task A_viewer_moves_nothing()
    {
        var item = Ranked("o1", 3, 3, 3);
        var moves = new List<OpportunityMove>();
        var cut = Render<OpportunityMatrix>(p => p.Add(m => m.Items, [item]).Add(m => m.CanEdit, false).Add(m => m.OnMove, (OpportunityMove m) => moves.Add(m)));

        cut.Find("g.point").KeyDown("ArrowUp");
        await cut.InvokeAsync(() => cut.Instance.DropAsync("first-flight/o1", 340, 174));

        Assert.Empty(moves);
        Assert.DoesNotContain("matrix-editable", cut.Find("svg").ClassList);
    }

    [Fact]
    public void Re_scoring_changes_only_that_opportunity_of_the_journey()
    {
        var journey = new Journey
        {
            Id = "first-flight",
            Title = "First flight",
            Stages = [new Stage { Id = "book", Name = "Book" }],
            Lanes =
            [
                new Lane { Id = "pains", Type = LaneType.PainPoints, Items = [new LaneItem { Id = "o1", Stage = "book", Text = "Not an opportunity", Effort = 1 }] },
                new Lane
                {
                    Id = "opps",
                    Type = LaneType.Opportunities,
                    Items =
                    [
                        new LaneItem { Id = "o1", Stage = "book", Text = "Opportunity o1", CustomerValue = 4, BusinessValue = 2, Effort = 2 },
                        new LaneItem { Id = "o2", Stage = "book", Text = "Other", CustomerValue = 1, Effort = 5 },
                    ],
                },
            ],
        };

        var changed = MatrixScale.Rescore(journey, Ranked("o1", 4, 2, 2), 4, 3, 3)!;

        Assert.Equal((4, 3, 3), (changed.Lanes[1].Items[0].CustomerValue, changed.Lanes[1].Items[0].BusinessValue, changed.Lanes[1].Items[0].Effort));
        Assert.Equal(journey.Lanes[1].Items[1], changed.Lanes[1].Items[1]);
        Assert.Same(journey.Lanes[0], changed.Lanes[0]);
        Assert.Null(MatrixScale.Rescore(journey, Ranked("gone", 4, 2, 2), 4, 3, 3));
    }
}

namespace Wayfinder.Web.Components.Tests.Home;

using Wayfinder.Core.Documents;
using Wayfinder.Web.Components.Home;

/// <summary>Search over documents: each hit names its element in plain words and links to it.</summary>
public sealed class WorkspaceSearchTests
{
    private static readonly Journey s_journey = new()
    {
        Id = "first-flight",
        Title = "Maya's first flight",
        Stages = [new Stage { Id = "book", Name = "Book", Goal = "Pay one clear price", Steps = [new Step { Id = "pick-fare", Name = "Pick a fare" }] }],
        Lanes =
        [
            new Lane { Id = "pains", Type = LaneType.PainPoints, Items = [new LaneItem { Id = "pp-fees", Stage = "book", Text = "Hidden fées at checkout" }] },
            new Lane { Id = "kpis", Type = LaneType.Kpis, Items = [new LaneItem { Id = "kpi-price", Stage = "book", Metric = "Fee complaints per 1,000 bookings" }] },
        ],
    };

    private static readonly Persona s_persona = new()
    {
        Id = "maya",
        Title = "Maya, the first-time flyer",
        Pains = [new Trait { Id = "pain-queues", Text = "Fear of queues" }],
        Goals = ["Arrive relaxed"],
    };

    [Fact]
    public void Every_field_holding_the_query_is_a_hit_named_by_its_element()
    {
        var groups = WorkspaceSearch.Run([s_persona, s_journey], [], "FEE");

        var group = Assert.Single(groups);
        Assert.Equal(("first-flight", DocumentKind.Journey), (group.DocumentId, group.Kind));
        Assert.Empty(group.TitleRanges);
        Assert.Equal(
            [
                new SearchHit("pp-fees", "stage Book › pain", "Hidden fées at checkout", [new TextRange(7, 3)]),
                new SearchHit("kpi-price", "stage Book › kpi metric", "Fee complaints per 1,000 bookings", [new TextRange(0, 3)]),
            ],
            group.Hits,
            new HitComparer());
    }

    [Fact]
    public void Documents_whose_title_holds_the_query_come_first()
    {
        var sam = new Persona { Id = "sam", Title = "Sam", Goals = ["First to board", "first off the plane"] };

        var groups = WorkspaceSearch.Run([sam, s_journey], [], "first");

        Assert.Equal(["first-flight", "sam"], groups.Select(g => g.DocumentId));
        Assert.Equal([new TextRange(7, 5)], groups[0].TitleRanges);
        Assert.Equal(2, groups[1].Hits.Count);
    }

    [Fact]
    public void Comment_threads_beside_a_document_are_searched_with_it()
    {
        var groups = WorkspaceSearch.Run([s_persona], [new ThreadText(DocumentKind.Persona, "maya", "pain-queues", "omar", "Do we have survey data on queues?")], "survey");

        var hit = Assert.Single(Assert.Single(groups).Hits);
        Assert.Equal(("pain-queues", "comment by omar"), (hit.ElementId, hit.Label));
    }

    [Fact]
    public void A_hit_links_to_its_document_selecting_the_element() =>
        Assert.Equal("/w/demo/journeys/first-flight?element=pp-fees", WorkspaceSearch.Link("demo", DocumentKind.Journey, "first-flight", "pp-fees"));

    [Fact]
    public void A_blank_query_finds_nothing() =>
        Assert.Empty(WorkspaceSearch.Run([s_journey], [], " "));

    private sealed class HitComparer : IEqualityComparer<SearchHit>
    {
        public bool Equals(SearchHit? x, SearchHit? y) =>
            x is not null && y is not null && x.ElementId == y.ElementId && x.Label == y.Label && x.Text == y.Text && x.Ranges.SequenceEqual(y.Ranges);

        public int GetHashCode(SearchHit obj) => obj.Label.GetHashCode(StringComparison.Ordinal);
    }
}

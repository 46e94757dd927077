namespace Wayfinder.Rendering.Tests;

using System.Xml.Linq;
using Wayfinder.Core.Documents;
using Wayfinder.Rendering.JourneyMaps;

/// <summary>The map marks its elements and overlays so a page can select them: ids escaped, groups balanced.</summary>
public sealed class ElementMarksTests
{
    [Fact]
    public void Stages_lanes_and_cards_are_groups_named_by_their_escaped_ids()
    {
        var journey = TestJourneys.Map(3);
        journey = journey with
        {
            Stages = [journey.Stages[0] with { Id = "s1\"><script>alert(1)</script>" }, .. journey.Stages.Skip(1)],
            Lanes = [.. journey.Lanes.Select(l => l with { Items = [.. l.Items.Select((item, i) => item with { Id = $"{l.Id}-item-{i}" })] })],
        };

        var svg = JourneyMapRenderer.RenderSvg(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today, ShowEmptyLanes: true));

        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        var groups = XDocument.Parse(svg).Descendants().Where(e => e.Attribute("data-element-id") is not null).ToList();
        Assert.Equal("stage", groups.Single(g => g.Attribute("data-element-id")!.Value == "s1\"><script>alert(1)</script>").Attribute("data-element-kind")!.Value);
        Assert.Equal(journey.Lanes.Count, groups.Count(g => g.Attribute("data-element-kind")!.Value == "lane"));
        // A card on the second stage (the first stage's cards name its old id, so they are not drawn).
        var (lane, item) = journey.Lanes.Where(l => !l.KindOf().HasScore).SelectMany(l => l.Items.Select(it => (l, it))).First(p => p.it.Stage == journey.Stages[1].Id);
        Assert.Equal(lane.KindOf().ItemWord, groups.Single(g => g.Attribute("data-element-id")!.Value == item.Id).Attribute("data-element-kind")!.Value);
    }

    [Fact]
    public void Evidence_dots_are_an_overlay_of_their_own()
    {
        var journey = TestJourneys.Map(3);

        var svg = XDocument.Parse(JourneyMapRenderer.RenderSvg(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today)));

        var cards = journey.Lanes.Where(l => !l.KindOf().HasScore).Sum(l => l.Items.Count(i => journey.Stages.Exists(s => s.Id == i.Stage)));
        Assert.Equal(cards, svg.Descendants().Count(e => e.Attribute("data-overlay")?.Value == "evidence"));
    }
}

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

        var svg = JourneyMapRenderer.RenderSvg(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today));

        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        var groups = XDocument.Parse(svg).Descendants().Where(e => e.Attribute("data-element-id") is not null).ToList();
        Assert.Equal("stage", groups.Single(g => g.Attribute("data-element-id")!.Value == "s1\"><script>alert(1)</script>").Attribute("data-element-kind")!.Value);
        Assert.Equal(journey.Lanes.Count, groups.Count(g => g.Attribute("data-element-kind")!.Value == "lane"));
        var firstItem = journey.Lanes.First(l => l.Items.Count > 0 && !l.KindOf().HasScore);
        Assert.Equal(firstItem.KindOf().ItemWord, groups.Single(g => g.Attribute("data-element-id")!.Value == $"{firstItem.Id}-item-0").Attribute("data-element-kind")!.Value);
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

namespace Wayfinder.Rendering.Tests;

using Wayfinder.App.Rendering;
using Wayfinder.Core.Documents;
using Wayfinder.Rendering.JourneyMaps;

/// <summary>Focused views: lanes chosen and ordered, a range of stages, empty lanes hidden unless asked for.</summary>
public sealed class ViewsTests
{
    [Fact]
    public void LanesAreDrawnAsChosenAndInThatOrder()
    {
        var layout = Layout(new MapRenderOptions(TestJourneys.Today, Lanes: ["pains", "actions"]));

        Assert.Equal(["pains", "actions"], layout.Lanes.Select(l => l.LaneId));
    }

    [Fact]
    public void StageRangeFromBToDGivesExactlyBCAndD()
    {
        var layout = Layout(new MapRenderOptions(TestJourneys.Today, Stages: "b..d", ShowEmptyLanes: true));

        Assert.Equal(["b", "c", "d"], layout.Stages.Select(s => s.StageId));
    }

    [Theory]
    [InlineData("..b", new[] { "a", "b" })]
    [InlineData("c..", new[] { "c", "d", "e" })]
    [InlineData("c", new[] { "c" })]
    [InlineData(" b .. c ", new[] { "b", "c" })]
    public void OpenEndedAndSingleStageRangesGiveTheirStages(string range, string[] expected)
    {
        var layout = Layout(new MapRenderOptions(TestJourneys.Today, Stages: range, ShowEmptyLanes: true));

        Assert.Equal(expected, layout.Stages.Select(s => s.StageId));
    }

    [Fact]
    public void UnknownLaneIdSaysWhichLanesThereAreWithASuggestion()
    {
        Assert.Equal(
            "--lanes: journey \"views\" has no lane \"action\". Did you mean \"actions\"? Lanes: actions, touchpoints, emotion, pains, ideas",
            JourneyView.Problem(Journey(), ["pains", "action"], null));
    }

    [Fact]
    public void UnknownStageAndBackwardsRangeSayWhatToDo()
    {
        Assert.Equal("--stages: journey \"views\" has no stage \"zz\". Stages: a, b, c, d, e", JourneyView.Problem(Journey(), null, "c..zz"));
        Assert.Equal("--stages: \"d\" comes after \"b\" in journey \"views\"; give the earlier stage first (b..d)", JourneyView.Problem(Journey(), null, "d..b"));
        Assert.Equal("--lanes: lane \"ideas\" is named twice; name each lane once, in the order to show them", JourneyView.Problem(Journey(), ["ideas", "ideas"], null));
        Assert.Null(JourneyView.Problem(Journey(), ["ideas"], "b.."));
    }

    [Fact]
    public void ApplyingAnUnknownIdThrowsTheProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => JourneyView.Apply(Journey(), new MapRenderOptions(Stages: "zz")));

        Assert.StartsWith("--stages: journey \"views\" has no stage \"zz\".", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyLanesAreHiddenByDefaultAndShownWithTheFlag()
    {
        // emotion and ideas have no items; touchpoints has one in c, pains one in e.
        Assert.Equal(["actions", "touchpoints", "pains"], Layout(new MapRenderOptions(TestJourneys.Today)).Lanes.Select(l => l.LaneId));
        Assert.Equal(["actions", "touchpoints", "emotion", "pains", "ideas"], Layout(new MapRenderOptions(TestJourneys.Today, ShowEmptyLanes: true)).Lanes.Select(l => l.LaneId));

        // In stages a..b only actions has items.
        Assert.Equal(["actions"], Layout(new MapRenderOptions(TestJourneys.Today, Stages: "a..b")).Lanes.Select(l => l.LaneId));
    }

    [Fact]
    public void TheLegendFollowsTheLanesShown()
    {
        var hidden = Svg.AllText(JourneyMapRenderer.RenderSvg(Journey(), TestJourneys.Workspace(), new MapRenderOptions(TestJourneys.Today)));
        var shown = Svg.AllText(JourneyMapRenderer.RenderSvg(Journey(), TestJourneys.Workspace(), new MapRenderOptions(TestJourneys.Today, ShowEmptyLanes: true)));

        Assert.DoesNotContain("Ideas", hidden, StringComparison.Ordinal);
        Assert.Contains("Ideas", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void TheViewKeepsIdsAndDropsPhasesAndLoopsOutsideTheRange()
    {
        var view = JourneyView.Apply(Journey(), new MapRenderOptions(Stages: "c..e", Lanes: ["pains", "touchpoints"]));

        Assert.Equal(["c", "d", "e"], view.Stages.Select(s => s.Id));
        Assert.Null(view.Stages.Single(s => s.Id == "e").LoopsTo); // it looped back to b, which is not shown
        Assert.Equal(["later"], view.Timeline!.Phases.Select(p => p.Name));
        Assert.Equal(["c", "d", "e"], view.Timeline.Phases[0].Stages);
        Assert.Equal(["pains", "touchpoints"], view.Lanes.Select(l => l.Id));
        Assert.Equal(["pain-late"], view.Lanes[0].Items.Select(i => i.Id));
    }

    [Fact]
    public void TheWholeJourneyIsItsOwnView()
    {
        var journey = Journey() with { Lanes = [.. Journey().Lanes.Where(l => l.Items.Count > 0)] };

        Assert.Same(journey, JourneyView.Apply(journey, default));
    }

    [Fact]
    public void CsvShowsTheSameView()
    {
        var settings = new RenderSettings { Lanes = ["pains"], Stages = "d..e", CsvLayout = Wayfinder.Rendering.Tables.CsvLayout.Grid };
        var csv = System.Text.Encoding.UTF8.GetString(RenderFormats.Render(Journey(), RenderFormat.Csv, TestJourneys.Workspace(), settings));

        Assert.Contains("Queue at the gate", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Find the page", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Stage a", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderViewsReportsTheFirstJourneyThatCannotShowTheView()
    {
        var jobs = new[] { new RenderJob(Journey(), "journeys/views.yaml", RenderFormat.Svg) };

        Assert.Null(RenderViews.Problem(jobs, new RenderSettings { Lanes = ["pains"] }));
        Assert.Equal("--stages: journey \"views\" has no stage \"xx\". Stages: a, b, c, d, e", RenderViews.Problem(jobs, new RenderSettings { Stages = "xx" }));
    }

    private static MapLayout Layout(MapRenderOptions options) => JourneyMapRenderer.Layout(Journey(), TestJourneys.Workspace(), options);

    /// <summary>Five stages a–e (e loops back to b; phases "early" a–b and "later" c–e) and five lanes, two of them empty.</summary>
    private static Journey Journey() => new()
    {
        Id = "views",
        Title = "Views",
        Timeline = new Timeline { Phases = [new Phase { Name = "early", Stages = ["a", "b"] }, new Phase { Name = "later", Stages = ["c", "d", "e"] }] },
        Stages =
        [
            new Stage { Id = "a", Name = "Stage a" },
            new Stage { Id = "b", Name = "Stage b" },
            new Stage { Id = "c", Name = "Stage c" },
            new Stage { Id = "d", Name = "Stage d" },
            new Stage { Id = "e", Name = "Stage e", LoopsTo = "b" },
        ],
        Lanes =
        [
            new Lane { Id = "actions", Type = LaneType.Actions, Items = [new LaneItem { Id = "act-a", Stage = "a", Text = "Find the page" }, new LaneItem { Id = "act-b", Stage = "b", Text = "Read the offer" }] },
            new Lane { Id = "touchpoints", Type = LaneType.Touchpoints, Items = [new LaneItem { Id = "tp-c", Stage = "c", Text = "Checkout", Channel = "web" }] },
            new Lane { Id = "emotion", Type = LaneType.Emotion },
            new Lane { Id = "pains", Type = LaneType.PainPoints, Items = [new LaneItem { Id = "pain-late", Stage = "e", Text = "Queue at the gate" }] },
            new Lane { Id = "ideas", Type = LaneType.Ideas },
        ],
    };
}

namespace Wayfinder.Rendering.Tests;

using Wayfinder.Core.Documents;
using Wayfinder.Rendering.JourneyMaps;

public sealed class JourneyMapSvgTests
{
    private static readonly MapRenderOptions s_options = new(TestJourneys.Today);

    [Theory]
    [InlineData(3, false)]
    [InlineData(15, false)]
    [InlineData(15, true)]
    public void SvgIsWellFormedAndHoldsEveryStageLaneAndKpi(int stages, bool longTexts)
    {
        var journey = TestJourneys.Map(stages, longTexts);
        // Every lane, also the ones with no items in these stages (left out by default).
        var svg = JourneyMapRenderer.RenderSvg(journey, TestJourneys.Workspace(journey), s_options with { ShowEmptyLanes = true });

        var doc = Svg.Parse(svg);
        Assert.Equal(Svg.Ns + "svg", doc.Root!.Name);
        var text = Svg.AllText(svg);
        Assert.All(journey.Stages, s => Assert.Contains(s.Name, text, StringComparison.Ordinal));
        Assert.All(journey.Lanes, l => Assert.Contains(MapLayoutBuilder.LaneName(l), text, StringComparison.Ordinal));
        foreach (var kpi in journey.Lanes.Where(l => l.Type == LaneType.Kpis).SelectMany(l => l.Items))
        {
            Assert.Contains(kpi.Text!, text, StringComparison.Ordinal);
            Assert.Contains(kpi.Actual!, text, StringComparison.Ordinal);
            Assert.Contains($"target {kpi.Target}", text, StringComparison.Ordinal);
        }

        Assert.Contains("does not meet", text, StringComparison.Ordinal);
        Assert.Contains("no status", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SvgNamesOnlyDejaVuSans()
    {
        var journey = TestJourneys.Map(3);
        var doc = Svg.Parse(JourneyMapRenderer.RenderSvg(journey, TestJourneys.Workspace(journey), s_options));

        var families = doc.Descendants().Select(e => (string?)e.Attribute("font-family")).OfType<string>().Distinct().ToList();
        Assert.Equal(["DejaVu Sans, sans-serif"], families);
    }

    [Fact]
    public void EmptyCellsStayEmpty()
    {
        var journey = TestJourneys.Map(3);
        var layout = JourneyMapRenderer.Layout(journey, TestJourneys.Workspace(journey), s_options);

        // The roles lane has no item in three stages (every fourth stage only): no card, no "N/A".
        Assert.DoesNotContain(layout.Cards, c => c.LaneId == "roles");
        Assert.DoesNotContain("N/A", Svg.AllText(layout.Scene.ToSvg(journey.Title)), StringComparison.Ordinal);
    }

    [Fact]
    public void StaleAndFreshPersonasAreTold()
    {
        var journey = TestJourneys.Map(3);
        var text = Svg.AllText(JourneyMapRenderer.RenderSvg(journey, TestJourneys.Workspace(journey), s_options));

        // Omar was last reviewed on 2025-01-10 (cadence 90 days by default): stale on 2026-11-25; Maya on 2026-10-01 + 90 days: fresh.
        Assert.Equal(1, CountOf(text, "REVIEW OVERDUE"));
        Assert.Contains("Omar Haddad", text, StringComparison.Ordinal);
        Assert.Contains("“I just want to know what I'm paying for before I click buy.”", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FutureCompetitorMapShowsStateSubjectLoopAndSubJourney()
    {
        var journey = TestJourneys.Map(6) with
        {
            State = JourneyState.Future,
            Subject = new Subject { Kind = SubjectKind.Competitor, Competitor = "acme" },
        };
        var text = Svg.AllText(JourneyMapRenderer.RenderSvg(journey, TestJourneys.Workspace(journey), s_options));

        Assert.Contains("FUTURE STATE", text, StringComparison.Ordinal);
        Assert.Contains("COMPETITOR JOURNEY · Acme Air", text, StringComparison.Ordinal);
        Assert.Contains("loops back", text, StringComparison.Ordinal);
        Assert.Contains("↺ loops back to: Compare options", text, StringComparison.Ordinal);
        Assert.Contains("opens sub-journey: detailed-trigger", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("offline", null, "DRAFT · offline drafter · 2026-12-03 · to review")]
    [InlineData("model", "llama3.1:8b <b>&</b>", "DRAFT · language model llama3.1:8b <b>&</b> · 2026-12-03 · to review")]
    public void ADraftSaysWhoDraftedItAndWhen(string drafter, string? model, string badge)
    {
        var journey = TestJourneys.Map(3) with { Draft = new DraftNote { Drafter = drafter, Model = model, Date = new DateOnly(2026, 12, 3) } };
        var svg = JourneyMapRenderer.RenderSvg(journey, TestJourneys.Workspace(journey), s_options);

        Assert.Contains(badge, Svg.AllText(svg), StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void TouchpointCardsShowTheChannelName()
    {
        var journey = TestJourneys.Map(3);
        var text = Svg.AllText(JourneyMapRenderer.RenderSvg(journey, TestJourneys.Workspace(journey), s_options));

        Assert.Contains("Website", text, StringComparison.Ordinal);
        Assert.Contains("Flagship store", text, StringComparison.Ordinal);
        Assert.Contains("unknown-channel", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryLaneTypeRendersItsItems()
    {
        var types = Enum.GetValues<LaneType>();
        var journey = new Journey
        {
            Id = "all-lanes",
            Title = "Every lane type",
            Stages = [new Stage { Id = "a", Name = "A" }, new Stage { Id = "b", Name = "B", Steps = [new Step { Id = "b1", Name = "B one" }, new Step { Id = "b2", Name = "B two" }] }],
            Lanes = types.Select(t => new Lane
            {
                Id = t.ToString(),
                Type = t,
                Items =
                [
                    new LaneItem { Stage = "a", Text = $"{t} in A", Score = 1, Channel = "web", Metric = "reach(touchpoint: ad)", Actual = "1,200", Target = "1,000", Persona = "maya", Alt = "A photo of the desk", Src = "images/desk.png" },
                    new LaneItem { Stage = "b", Step = "b2", Text = $"{t} in B two", Score = -1 },
                    new LaneItem { Stage = "nowhere", Text = "an item of a stage the map does not have" },
                ],
            }).ToList(),
        };
        var layout = JourneyMapRenderer.Layout(journey, TestJourneys.Workspace(journey), s_options);

        Assert.Equal(types.Length, layout.Lanes.Count);
        Assert.Equal((types.Length - 1) * 2, layout.Cards.Count);
        Assert.Equal(2, layout.EmotionPoints.Count);
        var stepB2 = layout.Stages[1].Steps[1];
        Assert.All(layout.Cards.Where(c => c.StepId == "b2"), c => Assert.Equal(stepB2.X + MapLayoutBuilder.CellPad, c.X));
        var text = Svg.AllText(layout.Scene.ToSvg(journey.Title));
        Assert.Contains("Maya Okafor", text, StringComparison.Ordinal);
        Assert.Contains("A photo of the desk", text, StringComparison.Ordinal);
        Assert.Contains("1,200", text, StringComparison.Ordinal);
        Assert.DoesNotContain("an item of a stage the map does not have", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateIdsAndDanglingReferencesDoNotStopTheRendering()
    {
        // Validation reports these; the renderer still draws what it can.
        var journey = new Journey
        {
            Id = "messy",
            Title = "Messy",
            Personas = ["nobody"],
            Stages =
            [
                new Stage { Id = "a", Name = "A", LoopsTo = "missing", SubJourney = "missing", Steps = [new Step { Id = "x", Name = "X", Next = ["y", "ghost"] }, new Step { Id = "x", Name = "X again" }] },
                new Stage { Id = "a", Name = "A twin", Steps = [new Step { Id = "x", Name = "X elsewhere" }] },
            ],
            Lanes =
            [
                new Lane { Id = "t", Type = LaneType.Touchpoints, Items = [new LaneItem { Stage = "a", Step = "x", Channel = "nope" }] },
                new Lane { Id = "t", Type = LaneType.Roles, Items = [new LaneItem { Stage = "a", Persona = "nobody" }] },
                new Lane { Id = "e", Type = LaneType.Emotion, Items = [new LaneItem { Stage = "a", Score = 9 }, new LaneItem { Stage = "a", Score = -9 }] },
            ],
            Timeline = new Timeline { Phases = [new Phase { Name = "Nothing", Stages = ["missing"] }] },
        };
        var workspace = TestJourneys.Workspace(journey);

        var svg = JourneyMapRenderer.RenderSvg(journey, workspace, s_options);

        var text = Svg.AllText(svg);
        Assert.Contains("persona not found in the workspace", text, StringComparison.Ordinal);
        Assert.Contains("X again", text, StringComparison.Ordinal);
        Assert.Contains("X elsewhere", text, StringComparison.Ordinal);
        Assert.NotEmpty(JourneyMapRenderer.RenderPdf(journey, workspace, s_options));
    }

    [Fact]
    public void CardsSayHowManyCommentsTheyCarry()
    {
        var journey = TestJourneys.Map(3) with { };
        journey.Lanes[0].Items[0] = journey.Lanes[0].Items[0] with { Comments = [new Comment { Author = "ana", Text = "Is this right?" }, new Comment { Author = "bo", Text = "Yes" }] };
        var text = Svg.AllText(JourneyMapRenderer.RenderSvg(journey, TestJourneys.Workspace(journey), s_options));

        Assert.Contains("2 comments", text, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}

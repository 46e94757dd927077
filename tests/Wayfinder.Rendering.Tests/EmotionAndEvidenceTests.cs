namespace Wayfinder.Rendering.Tests;

using Wayfinder.Core.Documents;
using Wayfinder.Rendering.JourneyMaps;

public sealed class EmotionAndEvidenceTests
{
    private static Journey ThreeStages(params Lane[] lanes) => new()
    {
        Id = "small",
        Title = "Small",
        Stages = [new Stage { Id = "a", Name = "A" }, new Stage { Id = "b", Name = "B" }, new Stage { Id = "c", Name = "C" }],
        Lanes = [.. lanes],
    };

    [Fact]
    public void EmotionScoresMapToExactHeightsInTheEmotionRow()
    {
        var journey = ThreeStages(new Lane
        {
            Id = "feel",
            Type = LaneType.Emotion,
            Items = [new LaneItem { Stage = "a", Score = -2 }, new LaneItem { Stage = "b", Score = 0 }, new LaneItem { Stage = "c", Score = 2 }],
        });
        var layout = JourneyMapRenderer.Layout(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today));
        var row = Assert.Single(layout.Lanes);

        // +2 sits EmotionTopPad (34) below the row top, −2 the plot height (112) lower, 0 half-way: 34, 90, 146.
        var points = layout.EmotionPoints;
        Assert.Equal(3, points.Count);
        Assert.Equal(row.Y + 146, points[0].Y);
        Assert.Equal(row.Y + 90, points[1].Y);
        Assert.Equal(row.Y + 34, points[2].Y);

        // Each point sits at the centre of its stage's column, in stage order.
        Assert.All(points.Zip(layout.Stages), p => Assert.Equal(p.Second.X + (p.Second.Width / 2), p.First.X));

        // The SVG draws the three points there and a curve through them.
        var circles = Svg.Parse(layout.Scene.ToSvg(journey.Title)).Descendants(Svg.Ns + "circle")
            .Select(c => ((float)c.Attribute("cx")!, (float)c.Attribute("cy")!)).ToHashSet();
        Assert.All(points, p => Assert.Contains((MathF.Round(p.X, 2), MathF.Round(p.Y, 2)), circles));
        Assert.Contains(layout.Scene.Shapes.OfType<Drawing.PathShape>(), s => s.D.StartsWith($"M{Drawing.Scene.F(points[0].X)} {Drawing.Scene.F(points[0].Y)}C", StringComparison.Ordinal));
    }

    [Fact]
    public void ScoresOutsideTheScaleAreClamped()
    {
        Assert.Equal(MapLayout.EmotionY(100, 2), MapLayout.EmotionY(100, 7));
        Assert.Equal(MapLayout.EmotionY(100, -2), MapLayout.EmotionY(100, -3.5));
        Assert.Equal(100 + 34 + 28, MapLayout.EmotionY(100, 1));
    }

    [Fact]
    public void CatmullRomPassesThroughEveryPoint()
    {
        var path = MapLayoutBuilder.CatmullRom([(0, 0), (10, 10), (20, 0)], -100, 100);

        // Two cubic segments; control points 1/6 of the neighbours' difference away: (0,0)→(10,10) has c1 = (1.67, 1.67), c2 = (6.67, 10).
        Assert.Equal("M0 0C1.67 1.67 6.67 10 10 10C13.33 10 18.33 1.67 20 0", path);
    }

    [Fact]
    public void EachCardCarriesItsEvidenceGradeAsADot()
    {
        // int-1 and int-2 are interviews, survey-q3 a survey (workspace evidence); "nope" resolves to nothing.
        var journey = ThreeStages(new Lane
        {
            Id = "pains",
            Type = LaneType.PainPoints,
            Items =
            [
                new LaneItem { Stage = "a", Text = "assumed" },
                new LaneItem { Stage = "a", Text = "unknown citation", Evidence = ["nope"] },
                new LaneItem { Stage = "b", Text = "two interviews", Evidence = ["int-1", "int-2"] },
                new LaneItem { Stage = "c", Text = "interview and survey", Evidence = ["int-1", "survey-q3"] },
            ],
        });
        var layout = JourneyMapRenderer.Layout(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today));

        Assert.Equal(
            [EvidenceGrade.Assumption, EvidenceGrade.Assumption, EvidenceGrade.OneSource, EvidenceGrade.SeveralSources],
            layout.Cards.Select(c => c.Grade));

        // Drawn at each card's top-right corner: hollow = white fill, half = white circle plus a filled half, full = ink fill.
        var circles = layout.Scene.Shapes.OfType<Drawing.CircleShape>().ToList();
        foreach (var card in layout.Cards)
        {
            var dot = Assert.Single(circles, c => c.Cx == card.X + card.Width - 11 && c.Cy == card.Y + 11);
            Assert.Equal(card.Grade == EvidenceGrade.SeveralSources ? Drawing.Palette.Ink : Drawing.Palette.Paper, dot.Fill);
            var halves = layout.Scene.Shapes.OfType<Drawing.PathShape>().Count(p => p.D.StartsWith($"M{Drawing.Scene.F(dot.Cx)} {Drawing.Scene.F(dot.Cy - dot.R)}A", StringComparison.Ordinal));
            Assert.Equal(card.Grade == EvidenceGrade.OneSource ? 1 : 0, halves);
        }
    }
}

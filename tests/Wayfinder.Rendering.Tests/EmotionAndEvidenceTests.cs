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

    /// <summary>Three stages scored −2, 0 and +2.</summary>
    private static Journey LowNeutralHigh() => ThreeStages(new Lane
    {
        Id = "feel",
        Type = LaneType.Emotion,
        Items = [new LaneItem { Stage = "a", Score = -2 }, new LaneItem { Stage = "b", Score = 0 }, new LaneItem { Stage = "c", Score = 2 }],
    });

    [Fact]
    public void EmotionScoresMapToExactHeightsInTheEmotionRow()
    {
        var journey = LowNeutralHigh();
        var layout = JourneyMapRenderer.Layout(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today));
        var row = Assert.Single(layout.Lanes);

        // +2 sits EmotionTopPad (34) below the row top, −2 the plot height (336) lower, 0 half-way: 34, 202, 370.
        var points = layout.EmotionPoints;
        Assert.Equal(3, points.Count);
        Assert.Equal(row.Y + 370, points[0].Y);
        Assert.Equal(row.Y + 202, points[1].Y);
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
        Assert.Equal(100 + 34 + 84, MapLayout.EmotionY(100, 1));
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

        // Drawn in a tab cut into each card's top-right corner, right of the text column (never where a bullet would be):
        // hollow = white fill, half = white circle plus a filled half, full = ink fill.
        var circles = layout.Scene.Shapes.OfType<Drawing.CircleShape>().ToList();
        var paths = layout.Scene.Shapes.OfType<Drawing.PathShape>().ToList();
        foreach (var card in layout.Cards)
        {
            var right = card.X + card.Width;
            Assert.Single(paths, p => p.Fill == Drawing.Glyphs.EvidenceTab && p.D.StartsWith($"M{Drawing.Scene.F(right - 22)} {Drawing.Scene.F(card.Y)}H", StringComparison.Ordinal));
            var dot = Assert.Single(circles, c => c.Cx == right - 11 && c.Cy == card.Y + 10);
            Assert.True(dot.Cx - dot.R > card.X + 12 + card.TextWidth, "the marker sits right of the card's text");
            Assert.Equal(card.Grade == EvidenceGrade.SeveralSources ? Drawing.Palette.Ink : Drawing.Palette.Paper, dot.Fill);
            var halves = layout.Scene.Shapes.OfType<Drawing.PathShape>().Count(p => p.D.StartsWith($"M{Drawing.Scene.F(dot.Cx)} {Drawing.Scene.F(dot.Cy - dot.R)}A", StringComparison.Ordinal));
            Assert.Equal(card.Grade == EvidenceGrade.OneSource ? 1 : 0, halves);
        }
    }

    [Fact]
    public void TheEmotionPlotIsThreeTimesItsOldHeight()
    {
        // The −2 … +2 band was 112 units (28 a step); now 3 × 112 = 336 (84 a step).
        Assert.Equal(336, MapLayout.EmotionY(0, -2) - MapLayout.EmotionY(0, 2));
        Assert.Equal(3 * 112, MapLayoutBuilder.EmotionPlotHeight);
        Assert.Equal(84, MapLayout.EmotionY(0, 0) - MapLayout.EmotionY(0, 1));

        // The row: 34 above the band, 336 of band, 22 down to the captions, one caption line of 14, 14 below: 420 (was 196).
        var journey = ThreeStages(new Lane { Id = "feel", Type = LaneType.Emotion, Items = [new LaneItem { Stage = "a", Score = 1, Text = "ok" }] });
        var layout = JourneyMapRenderer.Layout(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today));
        Assert.Equal(420, Assert.Single(layout.Lanes).Height);
    }

    [Fact]
    public void TheMonotoneCurveFollowsFritschCarlsonOnHandComputedPoints()
    {
        // Secants 0.2, 0, −0.3. Tangents: 0.2 at the start (its secant); 0 at (10, 2) and (20, 2), which end a flat segment;
        // −0.3 at the end. Each Bézier's control points lie a third of the segment along the end tangents:
        // (0,0)→(10,2): (3.33, 0.67), (6.67, 2); the flat segment stays at 2; (20,2)→(30,−1): (23.33, 2), (26.67, −1 + 1).
        Assert.Equal(
            "M0 0C3.33 0.67 6.67 2 10 2C13.33 2 16.67 2 20 2C23.33 2 26.67 0 30 -1",
            MapLayoutBuilder.MonotoneCurve([(0, 0), (10, 2), (20, 2), (30, -1)]));
    }

    [Theory]
    [InlineData(new float[] { 0, 2, 2, -1 }, new float[] { 0, 10, 20, 30 })]
    [InlineData(new float[] { -2, 2, -2, 1.9f, 2, -1.5f }, new float[] { 0, 40, 300, 320, 330, 700 })]
    [InlineData(new float[] { 2, 1.8f, -2, -1.9f, 0, 0.1f }, new float[] { 0, 224, 448, 672, 896, 1120 })]
    public void TheMonotoneCurveNeverLeavesTheRangeOfASegmentsEnds(float[] scores, float[] xs)
    {
        var points = scores.Zip(xs, (s, x) => (X: x, Y: MapLayout.EmotionY(0, s))).ToList();
        var segments = Segments(MapLayoutBuilder.MonotoneCurve(points));
        Assert.Equal(points.Count - 1, segments.Count);
        for (var k = 0; k < segments.Count; k++)
        {
            var (y0, y1) = (points[k].Y, points[k + 1].Y);
            for (var t = 0.0; t <= 1.0; t += 0.005)
            {
                var y = Bezier(segments[k], t);

                // The path's numbers are rounded to 0.01, so allow that much.
                Assert.InRange(y, Math.Min(y0, y1) - 0.01, Math.Max(y0, y1) + 0.01);
            }
        }
    }

    [Fact]
    public void FacesAreDrawnOnlyWhenAskedFor()
    {
        var journey = LowNeutralHigh();
        var workspace = TestJourneys.Workspace(journey);
        var plain = JourneyMapRenderer.Layout(journey, workspace, new MapRenderOptions(TestJourneys.Today));
        var faces = JourneyMapRenderer.Layout(journey, workspace, new MapRenderOptions(TestJourneys.Today, Faces: true));

        // A face (radius 12) is a white disc ringed in the point's colour with a mouth in that colour, 0.45 r either side of
        // the centre: a frown (ends 0.55 r down, bowing up), a straight line (0.38 r down), a smile (ends 0.22 r down, bowing down).
        static string F(float v) => Drawing.Scene.F(v);
        static string Mouth(EmotionPoint p) => p.Score switch
        {
            > 0.25 => $"M{F(p.X - 5.4f)} {F(p.Y + 2.64f)}Q{F(p.X)} {F(p.Y + 8.64f)} {F(p.X + 5.4f)} {F(p.Y + 2.64f)}",
            < -0.25 => $"M{F(p.X - 5.4f)} {F(p.Y + 6.6f)}Q{F(p.X)} {F(p.Y + 1.2f)} {F(p.X + 5.4f)} {F(p.Y + 6.6f)}",
            _ => $"M{F(p.X - 5.4f)} {F(p.Y + 4.56f)}L{F(p.X + 5.4f)} {F(p.Y + 4.56f)}",
        };
        static int Faces(MapLayout layout) => layout.EmotionPoints.Count(p =>
            layout.Scene.Shapes.OfType<Drawing.CircleShape>().Any(c => c.Cx == p.X && c.Cy == p.Y && c.R == MapLayoutBuilder.FaceRadius && c.Fill == Drawing.Palette.Paper && c.Stroke == Drawing.Palette.Emotion(p.Score))
            && layout.Scene.Shapes.OfType<Drawing.PathShape>().Any(s => s.D == Mouth(p) && s.Stroke == Drawing.Palette.Emotion(p.Score)));

        Assert.Equal(3, Faces(faces));
        Assert.Equal(0, Faces(plain));
        Assert.All(plain.EmotionPoints, p => Assert.Contains(plain.Scene.Shapes.OfType<Drawing.CircleShape>(), c => c.Cx == p.X && c.Cy == p.Y && c.R == MapLayoutBuilder.PointRadius && c.Fill == Drawing.Palette.Emotion(p.Score)));
    }

    [Fact]
    public void DesignedAndMeasuredLabelsATenthApartNeverOverlap()
    {
        var journey = new Journey
        {
            Id = "close",
            Title = "Close curves",
            Stages = [.. "abcd".Select(c => new Stage { Id = c.ToString(), Name = c.ToString().ToUpperInvariant() })],
            Lanes =
            [
                new Lane
                {
                    Id = "feel",
                    Type = LaneType.Emotion,
                    Items = [new LaneItem { Stage = "a", Score = 1 }, new LaneItem { Stage = "b", Score = -0.5 }, new LaneItem { Stage = "c", Score = 2 }, new LaneItem { Stage = "d", Score = 1.9 }],
                },
            ],
        };
        var report = new Core.Metrics.JourneyReport
        {
            JourneyId = "close",
            Metrics = new Core.Metrics.JourneyMetrics { JourneyId = "close" },
            MeasuredEmotion = [new("a", 1.1, 40), new("b", -0.4, 12) { SmallSample = true }, new("c", 1.9, 35), new("d", 2, 8) { SmallSample = true }],
        };
        var layout = JourneyMapRenderer.Layout(journey, TestJourneys.Workspace(journey), new MapRenderOptions(TestJourneys.Today, 1, report));

        Assert.Equal(["+1", "−0.5", "+2", "+1.9", "+1.1 · n=40", "−0.4 · n=12 · small sample", "+1.9 · n=35", "+2 · n=8 · small sample"], layout.EmotionLabels.Select(l => l.Text));
        AssertLabelsClear(layout);

        // Each label stays by its point: its nearest edge within 40 units (no label is sent across the map).
        var row = Assert.Single(layout.Lanes);
        foreach (var (label, point) in layout.EmotionLabels.Zip(layout.EmotionPoints.Where(p => !p.Measured).Concat(layout.EmotionPoints.Where(p => p.Measured))))
        {
            var dx = Math.Max(0, Math.Max(label.X - point.X, point.X - (label.X + label.Width)));
            var dy = Math.Max(0, Math.Max(label.Y - point.Y, point.Y - (label.Y + label.Height)));
            Assert.True(Math.Sqrt((dx * dx) + (dy * dy)) <= 40, $"{label.Text} is far from its point");
            Assert.InRange(label.Y, row.Y, row.Y + row.Height);
        }
    }

    [Fact]
    public void DemoAndPosterMapLabelsNeverOverlapAloneOrWithAMeasuredCurveATenthAway()
    {
        var (demo, _) = App.Workspaces.WorkspaceFolder.Load(Path.Combine(RenderSamplesTests.FindRepo(), "samples", "demo"));
        var journeys = demo.Journeys.Select(j => (Journey: j.Document, Workspace: demo)).Where(j => j.Journey.Lanes.Exists(l => l.Type == LaneType.Emotion)).ToList();
        Assert.NotEmpty(journeys);
        var poster = TestJourneys.Map(15, longTexts: true);
        journeys.Add((poster, TestJourneys.Workspace(poster)));
        foreach (var (journey, workspace) in journeys)
        {
            var designed = journey.Lanes.Where(l => l.Type == LaneType.Emotion).SelectMany(l => l.Items).Where(i => i.Score is not null).ToList();
            var alone = JourneyMapRenderer.Layout(journey, workspace, new MapRenderOptions(TestJourneys.Today));
            Assert.Equal(designed.Count, alone.EmotionLabels.Count);
            AssertLabelsClear(alone);

            // A measured score 0.1 above the stage's first designed one, on a small sample (the longest label).
            var report = new Core.Metrics.JourneyReport
            {
                JourneyId = journey.Id,
                Metrics = new Core.Metrics.JourneyMetrics { JourneyId = journey.Id },
                MeasuredEmotion = [.. journey.Stages.Select(s => designed.Find(i => i.Stage == s.Id)).OfType<LaneItem>()
                    .Select(i => new Core.Metrics.EmotionPoint(i.Stage, Math.Min(2, i.Score!.Value + 0.1), 12) { SmallSample = true })],
            };
            var close = JourneyMapRenderer.Layout(journey, workspace, new MapRenderOptions(TestJourneys.Today, 1, report, Faces: true));
            Assert.Equal(designed.Count + report.MeasuredEmotion.Count, close.EmotionLabels.Count);
            AssertLabelsClear(close, MapLayoutBuilder.FaceRadius);
        }
    }

    /// <summary>No two label boxes share any area, and none covers a point (a dot, a face or a measured square).</summary>
    private static void AssertLabelsClear(MapLayout layout, float radius = MapLayoutBuilder.PointRadius)
    {
        var labels = layout.EmotionLabels;
        for (var i = 0; i < labels.Count; i++)
        {
            for (var j = i + 1; j < labels.Count; j++)
            {
                Assert.False(labels[i].Overlaps(labels[j]), $"{layout.Scene.Width}: \"{labels[i].Text}\" {labels[i]} overlaps \"{labels[j].Text}\" {labels[j]}");
            }

            foreach (var p in layout.EmotionPoints)
            {
                var r = p.Measured ? 5 : radius;
                Assert.False(labels[i].Overlaps(new EmotionLabel(p.StageId, "point", p.X - r, p.Y - r, 2 * r, 2 * r)), $"\"{labels[i].Text}\" covers the point at {p.StageId} ({p.X}, {p.Y})");
            }
        }
    }

    /// <summary>The cubic segments of an "M x y C … C …" path, each as its four y values (start, two controls, end).</summary>
    private static List<double[]> Segments(string path)
    {
        var numbers = System.Text.RegularExpressions.Regex.Matches(path, @"-?\d+(\.\d+)?").Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(0, (numbers.Count - 2) % 6);
        var segments = new List<double[]>();
        for (var i = 2; i + 6 <= numbers.Count; i += 6)
        {
            segments.Add([numbers[i - 1], numbers[i + 1], numbers[i + 3], numbers[i + 5]]);
        }

        return segments;
    }

    private static double Bezier(double[] y, double t) =>
        (Math.Pow(1 - t, 3) * y[0]) + (3 * Math.Pow(1 - t, 2) * t * y[1]) + (3 * (1 - t) * t * t * y[2]) + (Math.Pow(t, 3) * y[3]);
}

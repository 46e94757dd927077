namespace Wayfinder.Evidence.Tests.Surveys;

using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;
using Wayfinder.Evidence.Tests.Import;
using Wayfinder.Evidence.Tests.Metrics;

public sealed class SatisfactionTests
{
    [Fact]
    public void NpsCsatCesAndTheMeasuredEmotionArePerTouchpointAndStage()
    {
        var mapping = JourneyMapping.Build(LogFixture.ThreeStages(), EventLog.Empty);
        SurveyResponse Answer(string? tp, string? stage, SurveyMetric metric, double score, string? comment = null) => new(0, null, tp, stage, metric, score, comment);
        SurveyResponse[] answers =
        [
            Answer("a", null, SurveyMetric.Nps, 10),
            Answer("a", null, SurveyMetric.Nps, 9),
            Answer("a", null, SurveyMetric.Nps, 7),
            Answer("a", null, SurveyMetric.Nps, 3, "slow and confusing"),
            Answer("a", null, SurveyMetric.Csat, 4, "great, easy"),
            Answer(null, "A", SurveyMetric.Ces, 2),
            Answer(null, "B", SurveyMetric.Emotion, -1),
            Answer("zz", null, SurveyMetric.Csat, 5),   // unknown touchpoint: left out
        ];

        var (touchpoints, stages, curve) = SatisfactionAnalyzer.Analyze(mapping, answers);

        // a: NPS (2 promoters − 1 detractor) ÷ 4 = 25; CSAT 4; sentiment (−1 + 1) ÷ 2 = 0.
        var a = touchpoints[0];
        Assert.Equal((5, 25d, 4, 4d, 1, 0d, 2), (a.Responses, a.Nps, a.NpsCount, a.Csat, a.CsatCount, a.Sentiment, a.Comments));
        // Stage A adds the CES 2 answer. Emotion: NPS → (10−5)/2.5=2, 1.6, 0.8, −0.8; CSAT 4 → 1; CES 2 → (4−2)/1.5=1.333333.
        // Mean = (2 + 1.6 + 0.8 − 0.8 + 1 + 1.333333) ÷ 6 = 0.988889.
        var stageA = stages[0];
        Assert.Equal((6, 2d, 1), (stageA.Responses, stageA.Ces, stageA.CesCount));
        Assert.Equal(0.988889, stageA.Emotion!.Value, 6);
        Assert.Equal([("A", 6), ("B", 1), ("C", 0)], curve.Select(p => (p.StageId, p.SampleSize)));
        Assert.Equal(-1, curve[1].Score);
        Assert.Null(curve[2].Score);
    }

    [Theory]
    [InlineData("Great staff, very helpful", 1d)]
    [InlineData("The app was not easy and the wait was long", -1d)]
    [InlineData("good food but late departure", 0d)]
    [InlineData("we flew to Paris", null)]
    public void CommentSentimentCountsPositiveAndNegativeWordsWithNegation(string text, double? expected)
    {
        Assert.Equal(expected, Sentiment.Score(text));
    }

    [Fact]
    public void SurveyFilesInLongAndWideFormAreReadAndBadRowsReported()
    {
        using var temp = new TempFolder();
        var wide = temp.Write("wide.csv", """
            timestamp,customer_id,touchpoint,stage,nps,csat,comment
            2026-03-01T10:00:00Z,u1,checkin,,9,4,"Quick, friendly"
            2026-03-01T11:00:00Z,u2,,board,11,,
            2026-03-01T12:00:00Z,u3,,,8,,
            2026-03-01T13:00:00Z,u4,checkin,,,,
            """);
        var longForm = temp.Write("long.ndjson", """
            {"timestamp":"2026-03-02T10:00:00Z","stage":"board","metric":"ces","score":6}
            {"timestamp":"2026-03-02T10:00:00Z","stage":"board","metric":"stars","score":6}
            """);

        var (responses, report) = SurveyImporter.ReadSurveys(wide);
        var (more, report2) = SurveyImporter.ReadSurveys(longForm);

        Assert.Equal(2, responses.Count);
        Assert.Equal((SurveyMetric.Nps, 9d, "Quick, friendly"), (responses[0].Metric, responses[0].Score, responses[0].Comment));
        Assert.Equal(
            [
                "line 3: nps: 11 is outside 0..10, the NPS scale",
                "line 4: touchpoint: names neither a touchpoint nor a stage; say what the answer is about",
                "line 5: score: has no answer; fill one of nps, csat, ces, emotion (or use metric and score columns)",
            ],
            report.Problems.Select(p => p.ToString()));
        Assert.Equal((4L, 3L), (report.RowsRead, report.BadRows));
        Assert.Single(more);
        Assert.Equal("line 2: metric: 'stars' is not one of nps, csat, ces, emotion", report2.Problems.Single().ToString());
    }
}

public sealed class SurveyStoreTests
{
    [Fact]
    public async Task SurveysAndInsightsPersistAndTheSameFileTwiceAddsNothing()
    {
        using var temp = new TempFolder();
        var surveys = temp.Write("s.csv", "timestamp,customer_id,touchpoint,metric,score,comment\n2026-03-01T10:00:00Z,u1,checkin,csat,4,ok\n2026-03-01T10:00:00Z,u1,checkin,csat,4,ok\n");
        var insights = temp.Write("i.csv", "id,date,kind,text,personas,stages\nint-7,2026-02-01,interview,Worried about bags,first-time-flyer,check-in;board\n");
        var store = new SurveyStore(Path.Combine(temp.Path, "feedback"));

        var first = await store.ImportSurveysAsync(surveys);
        var second = await store.ImportSurveysAsync(surveys);
        var notes = await store.ImportInsightsAsync(insights);

        Assert.Equal((1L, 1L), (first.RowsAdded, first.Duplicates));
        Assert.Equal((0L, 2L), (second.RowsAdded, second.Duplicates));
        Assert.Equal(1L, notes.RowsAdded);
        var reopened = new SurveyStore(Path.Combine(temp.Path, "feedback"));
        Assert.Equal(new SurveyResponse(1772359200000000, "u1", "checkin", null, SurveyMetric.Csat, 4, "ok"), reopened.Surveys().Single());
        var insight = reopened.Insights().Single();
        Assert.Equal(("int-7", "interview", "Worried about bags"), (insight.Id, insight.Kind, insight.Text));
        Assert.Equal(["check-in", "board"], insight.Stages);
    }

    [Fact]
    public void ASurveyHeaderNamingAColumnTwiceIsRefusedInPlainWords()
    {
        using var temp = new TempFolder();
        var file = temp.Write("surveys.csv", "timestamp,NPS,nps\n2026-03-01T10:00:00Z,9,8\n");

        var (responses, report) = SurveyImporter.ReadSurveys(file);

        Assert.Empty(responses);
        Assert.Equal("the header line names the column 'NPS' more than once (columns 2 and 3); give each column its own name", report.Error);
    }
}

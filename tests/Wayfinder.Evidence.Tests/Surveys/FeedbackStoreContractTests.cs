namespace Wayfinder.Evidence.Tests.Surveys;

using Wayfinder.Evidence.Surveys;
using Wayfinder.Evidence.Tests.Import;
using Wayfinder.Evidence.Tests.Metrics;

/// <summary>
/// What every survey and insight store must do, through <see cref="IFeedbackStore"/> only. A ClickHouse store
/// subclasses this with its own <see cref="CreateStore"/> and must pass the same tests.
/// </summary>
public abstract class FeedbackStoreContractTests : IDisposable
{
    private readonly TempFolder _temp = new();

    protected abstract IFeedbackStore CreateStore(string folder);

    public void Dispose()
    {
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    // About ThreeStages (touchpoints a, b on web and c on app, in stages A, B, C): CSAT on a in January, NPS on c and
    // CES on stage B in February, and an anonymous answer about an unknown touchpoint z.
    private const string Answers = """
        timestamp,customer_id,touchpoint,stage,metric,score,comment
        2026-01-05T00:00:00Z,u1,a,,csat,5,
        2026-01-06T00:00:00Z,u2,a,,csat,3,
        2026-02-05T00:00:00Z,u1,c,,nps,10,
        2026-02-06T00:00:00Z,u2,c,,nps,6,
        2026-02-07T00:00:00Z,u3,c,,nps,8,
        2026-02-08T00:00:00Z,u3,,B,ces,2,
        2026-02-09T00:00:00Z,,z,,csat,1,
        """;

    private static long Micros(int month, int day) => new DateTimeOffset(2026, month, day, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    private async Task<IFeedbackStore> StoreWith(string surveys, string? insights = null)
    {
        var store = CreateStore(Path.Combine(_temp.Path, "feedback"));
        var report = await store.ImportSurveysAsync(_temp.Write("surveys.csv", surveys));
        Assert.True(report.Succeeded, report.Error);
        if (insights is not null)
        {
            Assert.True((await store.ImportInsightsAsync(_temp.Write("insights.csv", insights))).Succeeded);
        }

        return store;
    }

    private static List<(string Id, int Responses, double? Csat, double? Ces, double? Nps, double? Emotion)> Rows(IReadOnlyList<Core.Metrics.SatisfactionRow> rows) =>
        [.. rows.Select(r => (r.Id, r.Responses, r.Csat, r.Ces, r.Nps, r.Emotion))];

    [Fact]
    public async Task SatisfactionCountsTouchpointAnswersForTheirStageAndLeavesUnknownTouchpointsOut()
    {
        var store = await StoreWith(Answers);

        var all = await store.SatisfactionAsync(LogFixture.ThreeStages(), new SurveyQuery());

        // a: CSAT 5 and 3 → mean 4, emotion (2 + 0) / 2 = 1. c: NPS 10 (promoter), 6 (detractor), 8 → (1 − 1) / 3 = 0;
        // emotion (2 + 0.4 + 1.2) / 3 = 1.2. B: CES 2 → emotion (4 − 2) / 1.5 = 1.333333. z is no touchpoint of the journey.
        Assert.Equal(
            [("a", 2, 4d, null, null, 1d), ("b", 0, null, null, null, null), ("c", 3, null, null, 0d, 1.2)],
            Rows(all.Touchpoints));
        Assert.Equal(
            [("A", 2, 4d, null, null, 1d), ("B", 1, null, 2d, null, 1.333333), ("C", 3, null, null, 0d, 1.2)],
            Rows(all.Stages));
        Assert.Equal([("A", (double?)1, 2), ("B", 1.333333, 1), ("C", 1.2, 3)], all.Curve.Select(p => (p.StageId, p.Score, p.SampleSize)));
    }

    [Fact]
    public async Task SatisfactionCutsByPersonaCustomersPeriodAndChannel()
    {
        var store = await StoreWith(Answers);
        var journey = LogFixture.ThreeStages();

        var u1 = await store.SatisfactionAsync(journey, new SurveyQuery { Customers = new HashSet<string>(["u1"], StringComparer.Ordinal) });
        var february = await store.SatisfactionAsync(journey, new SurveyQuery { FromMicros = Micros(2, 1), ToMicros = Micros(3, 1) });
        var app = await store.SatisfactionAsync(journey, new SurveyQuery { Channel = "app" });

        // u1: CSAT 5 on a (emotion 2), NPS 10 on c (100). February: the NPS answers and the CES on B. On app: only
        // touchpoint c's answers; the answer about stage B as a whole is on no channel.
        Assert.Equal([("A", 1), ("B", 0), ("C", 1)], u1.Stages.Select(s => (s.Id, s.Responses)));
        Assert.Equal((5d, 2d, 100d), (u1.Stages[0].Csat!.Value, u1.Stages[0].Emotion!.Value, u1.Stages[2].Nps!.Value));
        Assert.Equal([("A", 0), ("B", 1), ("C", 3)], february.Stages.Select(s => (s.Id, s.Responses)));
        Assert.Equal([("A", 0), ("B", 0), ("C", 3)], app.Stages.Select(s => (s.Id, s.Responses)));
    }

    [Fact]
    public async Task SatisfactionAppliesPersonaCustomersPeriodAndChannelTogether()
    {
        var store = await StoreWith(Answers);

        var cut = await store.SatisfactionAsync(LogFixture.ThreeStages(), new SurveyQuery
        {
            Customers = new HashSet<string>(["u1", "u3"], StringComparer.Ordinal),
            FromMicros = Micros(2, 1),
            ToMicros = Micros(3, 1),
            Channel = "app",
        });

        // u1 and u3 in February on app: NPS 10 (a promoter) and 8 (passive) on c: (1 − 0) / 2 = 50. u3's CES on stage B is on no channel;
        // u2's NPS is another customer's; the CSAT answers on a are in January and on web.
        Assert.Equal([("A", 0, null), ("B", 0, null), ("C", 2, (double?)50)], cut.Stages.Select(s => (s.Id, s.Responses, s.Nps)));
    }

    [Fact]
    public async Task EmotionByCustomerIsTheMeanOfTheirAnswersOnTheEmotionScale()
    {
        var store = await StoreWith(Answers);

        var emotion = await store.EmotionByCustomerAsync();

        // u1: (5 − 3) and (10 − 5) / 2.5 → 2. u2: 0 and 0.4 → 0.2. u3: 1.2 and 1.333333 → 1.266667. The anonymous answer counts for nobody.
        Assert.Equal(["u1", "u2", "u3"], emotion.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, emotion["u1"], 6);
        Assert.Equal(0.2, emotion["u2"], 6);
        Assert.Equal(1.266667, emotion["u3"], 6);
    }

    [Fact]
    public async Task ImportingTheSameAnswersTwiceAddsNothingAndAFileWithBadRowsStoresNothing()
    {
        var store = await StoreWith(Answers);
        var badFile = _temp.Write("bad.csv", """
            timestamp,customer_id,touchpoint,metric,score
            2026-03-01T00:00:00Z,u9,a,csat,4
            soon,u9,a,csat,4
            2026-03-02T00:00:00Z,u9,,csat,4
            2026-03-03T00:00:00Z,u9,a,stars,4
            """);

        var again = await store.ImportSurveysAsync(Path.Combine(_temp.Path, "surveys.csv"));
        var bad = await store.ImportSurveysAsync(badFile);
        var before = await store.SatisfactionAsync(LogFixture.ThreeStages(), new SurveyQuery());
        var tooMany = await store.ImportSurveysAsync(badFile, new FeedbackImportOptions { MaxBadRows = 2 });
        var allowed = await store.ImportSurveysAsync(badFile, new FeedbackImportOptions { MaxBadRows = 3 });
        var after = await store.SatisfactionAsync(LogFixture.ThreeStages(), new SurveyQuery());

        Assert.Equal((0L, 7L), (again.RowsAdded, again.Duplicates));
        Assert.Equal((0L, 3L, false), (bad.RowsAdded, bad.BadRows, bad.Succeeded));
        Assert.Equal([(3L, "timestamp"), (4L, "touchpoint"), (5L, "metric")], bad.Problems.Select(p => (p.Line, p.Field)));
        Assert.Equal((0L, false), (tooMany.RowsAdded, tooMany.Succeeded));
        Assert.Equal((1L, 3L, true), (allowed.RowsAdded, allowed.BadRows, allowed.Succeeded));
        Assert.Equal((2, 3), (before.Touchpoints[0].Responses, after.Touchpoints[0].Responses));
    }

    [Fact]
    public async Task InsightsWithABadRowOrADateThatIsNotIsoStoreNothing()
    {
        var store = CreateStore(Path.Combine(_temp.Path, "feedback"));
        var file = _temp.Write("insights.csv", """
            id,date,kind,text
            i1,2026-01-10,interview,Bags worry them
            i2,01/03/2026,interview,Checkout is slow
            i3,2026-01-12,note,
            """);

        var report = await store.ImportInsightsAsync(file);

        Assert.False(report.Succeeded);
        Assert.Equal([(3L, "date"), (4L, "text")], report.Problems.Select(p => (p.Line, p.Field)));
        Assert.Empty(await store.InsightsAsync(new InsightQuery()));
    }

    [Fact]
    public async Task TheMappingsTimestampFormatReadsDayFirstDatesOfSurveysAndInsights()
    {
        var store = CreateStore(Path.Combine(_temp.Path, "feedback"));
        var options = new FeedbackImportOptions { Mapping = new Dictionary<string, string> { ["timestamp_format"] = "dd/MM/yyyy" } };
        var surveys = _temp.Write("surveys.csv", "timestamp,touchpoint,metric,score\n01/03/2026,a,csat,4\n13/03/2026,a,csat,5\n");
        var insights = _temp.Write("insights.csv", "id,date,text\ni1,01/03/2026,Late buses\n");

        var s = await store.ImportSurveysAsync(surveys, options);
        var i = await store.ImportInsightsAsync(insights, options);
        var march = await store.SatisfactionAsync(LogFixture.ThreeStages(), new SurveyQuery { FromMicros = Micros(3, 1), ToMicros = Micros(3, 2) });

        Assert.Equal((2L, 1L), (s.RowsAdded, i.RowsAdded));
        Assert.Equal(1, march.Touchpoints[0].Responses);
        Assert.Equal(new DateOnly(2026, 3, 1), (await store.InsightsAsync(new InsightQuery())).Single().Date);
    }

    [Fact]
    public async Task InsightsAreFoundByPersonaStageAndTouchpoint()
    {
        var store = await StoreWith(Answers, """
            id,date,kind,text,personas,stages,touchpoints
            i1,2026-01-10,interview,Bags worry them,maya,A;B,a
            i2,2026-01-11,workshop,Checkout is slow,ben,C,c
            """);

        var all = await store.InsightsAsync(new InsightQuery());
        var maya = await store.InsightsAsync(new InsightQuery(PersonaId: "maya"));
        var stageC = await store.InsightsAsync(new InsightQuery(StageId: "C"));
        var both = await store.InsightsAsync(new InsightQuery(StageId: "B", TouchpointId: "a"));
        var none = await store.InsightsAsync(new InsightQuery(PersonaId: "maya", StageId: "C"));

        Assert.Equal(["i1", "i2"], all.Select(i => i.Id));
        Assert.Equal(("i1", "interview", "Bags worry them", new DateOnly(2026, 1, 10)), (maya.Single().Id, maya.Single().Kind, maya.Single().Text, maya.Single().Date!.Value));
        Assert.Equal(["i2"], stageC.Select(i => i.Id));
        Assert.Equal(["i1"], both.Select(i => i.Id));
        Assert.Empty(none);
    }

    [Fact]
    public async Task InsightsImportedTwiceAreKeptOnce()
    {
        var store = CreateStore(Path.Combine(_temp.Path, "feedback"));
        var file = _temp.Write("insights.csv", "id,kind,text\ni1,note,Late buses\n");

        var first = await store.ImportInsightsAsync(file);
        var second = await store.ImportInsightsAsync(file);

        Assert.Equal((1L, 0L, 1L), (first.RowsAdded, second.RowsAdded, second.Duplicates));
        Assert.Single(await store.InsightsAsync(new InsightQuery()));
    }
}

public sealed class EmbeddedFeedbackStoreContractTests : FeedbackStoreContractTests
{
    protected override IFeedbackStore CreateStore(string folder) => new SurveyStore(folder);

    [Fact]
    public async Task AClosedStoreWritesNothingAgainWhereItsFolderWas()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "feedback");
        var store = new SurveyStore(folder);
        var answers = temp.Write("s.csv", "timestamp,customer_id,touchpoint,metric,score\n2026-01-05T00:00:00Z,u1,a,csat,5\n");
        Assert.True((await store.ImportSurveysAsync(answers)).Succeeded);
        await store.CloseAsync();
        Directory.Delete(folder, recursive: true);

        var surveys = await store.ImportSurveysAsync(answers);
        var insights = await store.ImportInsightsAsync(temp.Write("i.csv", "id,text\ni1,one\n"));

        Assert.Equal((Wayfinder.Evidence.Store.EventStore.ClosedMessage, Wayfinder.Evidence.Store.EventStore.ClosedMessage), (surveys.Error, insights.Error));
        Assert.False(Directory.Exists(folder));
    }
}

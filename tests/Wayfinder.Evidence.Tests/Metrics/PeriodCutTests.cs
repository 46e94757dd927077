namespace Wayfinder.Evidence.Tests.Metrics;

using Wayfinder.Evidence.Metrics;
using Wayfinder.Evidence.Store;
using static Wayfinder.Evidence.Tests.Metrics.LogFixture;

/// <summary>Period cuts and the monthly trend on a hand-built log over January to April 2026 (stages A, B, C; window 30 days).</summary>
public sealed class PeriodCutTests
{
    private static long At(int month, int day, int hour = 12) => new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    private static readonly (long From, long To) s_march = (At(3, 1, 0), At(4, 1, 0));

    private static EventLog Log() => Build(
        ThreeStages(),
        ("u1", At(1, 10), "a"), ("u1", At(1, 20), "b"), ("u1", At(2, 5), "c"),
        ("u2", At(1, 31, 23), "a"), ("u2", At(2, 1, 1), "b"), ("u2", At(2, 2), "c"),
        ("u3", At(2, 3), "a"), ("u3", At(2, 10), "b"), ("u3", At(3, 1), "c"),
        ("u4", At(1, 5), "x"), ("u4", At(3, 1), "a"), ("u4", At(3, 2), "b"), ("u4", At(3, 3), "c"),
        ("u5", At(1, 1), "a"), ("u5", At(3, 20), "a"), ("u5", At(3, 25), "b"),
        // Spread over more than the window (matched by chains): a in January, b in February, a in April.
        ("u6", At(1, 25), "a"), ("u6", At(2, 2), "b"), ("u6", At(4, 10), "a"),
        // Within one window (matched in order): a in January, b in February.
        ("u7", At(1, 28), "a"), ("u7", At(2, 3), "b")).Log;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APeriodCutCountsOnlyTheRowsInsideThePeriod(bool funnelOnly)
    {
        var log = Log();
        var mapping = Mapping.JourneyMapping.Build(ThreeStages(), log);

        var march = JourneyAnalyzer.Analyze("j", log, mapping, new MetricsQuery { FromMicros = s_march.From, ToMicros = s_march.To, FunnelOnly = funnelOnly });

        // March holds u3's c (no start: level 0), u4's a, b, c (level 3) and u5's a, b (level 2); u5's January a is outside.
        Assert.Equal(3, march.Customers);
        Assert.Equal(6, march.MappedEvents);
        Assert.Equal([2, 2, 1], march.Funnel.Select(f => f.Customers));
        Assert.Equal([2, 2, 2], march.StageReach.Select(r => r.Customers));
        Assert.Equal([2, 2, 2], march.StageReach.Select(r => r.Events));
    }

    [Fact]
    public async Task TheTrendMatchesEachMonthOnItsOwnRowsAlone()
    {
        var log = Log();
        var trend = await EventStore.InMemory(log).TrendAsync(ThreeStages(), new MetricsQuery(), "month");

        // Levels per month — January: u1 2 (a, b), u2 1, u5 1, u6 1, u7 1; February: u1 0 (c), u2 0 (b, c), u3 2, u6 0 (b:
        // its January a does not carry over), u7 0; March: u3 0, u4 3, u5 2; April: u6 1.
        Assert.Equal(["2026-01", "2026-02", "2026-03", "2026-04"], trend.Select(t => t.Period).Distinct());
        Assert.Equal([5, 1, 0, 1, 1, 0, 2, 2, 1, 1, 0, 0], trend.Select(t => t.Customers));
        var february = trend.Single(t => t.Period == "2026-02" && t.StageId == "B");
        Assert.Equal(1, february.Conversion);
        Assert.Equal(0.8, february.Change); // January's B conversion was 1 of 5
    }

    [Fact]
    public async Task TheTrendOfAnalysesCutToAPeriodKeepsToTheCut()
    {
        var log = Log();
        var trend = await EventStore.InMemory(log).TrendAsync(ThreeStages(), new MetricsQuery { FromMicros = At(2, 1, 0), ToMicros = At(3, 2, 0), Channel = null }, "month");

        // February as above; March only up to 2 March 00:00: u3's c (level 0), u4's a (level 1).
        Assert.Equal([1, 1, 0, 1, 0, 0], trend.Select(t => t.Customers));
    }

    [Fact]
    public void APeriodFunnelEqualsTheSameCutAnalysedAlone()
    {
        var log = Log();
        var mapping = Mapping.JourneyMapping.Build(ThreeStages(), log);
        (long, long)[] months = [(At(1, 1, 0), At(2, 1, 0)), (At(2, 1, 0), At(3, 1, 0)), s_march, (At(4, 1, 0), At(5, 1, 0))];

        var funnels = JourneyAnalyzer.FunnelByPeriod(log, mapping, new MetricsQuery(), null, months, 2, CancellationToken.None);

        for (var m = 0; m < months.Length; m++)
        {
            var alone = JourneyAnalyzer.Analyze("j", log, mapping, new MetricsQuery { FromMicros = months[m].Item1, ToMicros = months[m].Item2, FunnelOnly = true });
            Assert.Equal(alone.Funnel, funnels[m]);
        }
    }
}

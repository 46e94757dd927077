namespace Wayfinder.Evidence.Tests.Metrics;

using Wayfinder.Evidence.Metrics;
using Wayfinder.Evidence.Store;
using static LogFixture;

public sealed class FunnelTests
{
    [Fact]
    public void FunnelCountsOnlyStagesReachedInOrderWithinTheWindow()
    {
        var (log, mapping) = Build(
            ThreeStages(),
            ("u1", Days(0), "a"), ("u1", Days(1), "b"), ("u1", Days(2), "c"),   // A B C in order: 3
            ("u2", Days(0), "b"), ("u2", Days(1), "a"), ("u2", Days(2), "c"),   // B before A, no B after: 1
            ("u3", Days(0), "a"), ("u3", Days(31), "b"),                        // B outside 30 days: 1
            ("u4", Days(0), "a"), ("u4", Days(10), "a"), ("u4", Days(35), "b"), ("u4", Days(36), "c"), // the later start counts: 3
            ("u5", Days(0), "a"), ("u5", Days(0), "b"),                         // same timestamp is not later: 1
            ("u6", Days(0), "c"));                                               // never starts: 0

        var metrics = JourneyAnalyzer.Analyze("j", log, mapping);

        Assert.Equal(6, metrics.Customers);
        Assert.Equal([5, 2, 2], metrics.Funnel.Select(f => f.Customers));
        Assert.Equal([1, 0.4, 1], metrics.Funnel.Select(f => f.Conversion));
        Assert.Equal([1, 0.4, 0.4], metrics.Funnel.Select(f => f.ConversionFromStart));
        Assert.Equal([3, 0, 0], metrics.Funnel.Select(f => f.DropOff));
    }

    [Fact]
    public void FunnelLevelsMatchABruteForceSearchOnRandomLogs()
    {
        // Customers within one window take the in-order matching path, customers spread wider the chains: both must
        // give the deepest chain of strictly later events of stages A, B, C whose last event is within the window of its first.
        var random = new Random(11);
        string[] names = ["a", "b", "c", "x"];
        var rows = new List<(string Customer, long Time, string Event)>();
        var expected = new int[4];
        var spread = 0;
        var aToC = new List<int>();
        for (var c = 0; c < 300; c++)
        {
            var events = Enumerable.Range(0, random.Next(1, 10))
                .Select(_ => (Hour: random.Next(0, 9) * 5, Stage: random.Next(4)))
                .OrderBy(e => e.Hour)
                .ToArray();
            rows.AddRange(events.Select(e => ($"u{c:000}", Hours(e.Hour), names[e.Stage])));
            spread += events[^1].Hour - events[0].Hour > 24 ? 1 : 0;
            if (events.Any(e => e.Stage < 3))
            {
                var depth = Deepest(events, 0, -1, -1, windowHours: 24);
                expected[depth]++;
                // A→C: from the first a to the first c after it, for customers whose funnel reached C.
                if (depth == 3)
                {
                    var firstA = events.First(e => e.Stage == 0).Hour;
                    aToC.Add(events.First(e => e.Stage == 2 && e.Hour > firstA).Hour - firstA);
                }
            }
        }

        var (log, mapping) = Build(ThreeStages(), [.. rows]);

        var metrics = JourneyAnalyzer.Analyze("j", log, mapping, new MetricsQuery { Window = TimeSpan.FromHours(24) });

        // Funnel step k counts customers whose deepest chain has at least k + 1 stages.
        Assert.Equal([expected[1] + expected[2] + expected[3], expected[2] + expected[3], expected[3]], metrics.Funnel.Select(f => f.Customers));
        Assert.True(expected[3] > 10 && expected[2] > 10 && expected[1] > 10, $"the random log exercises every depth: {string.Join(", ", expected)}");
        Assert.InRange(spread, 50, 250);
        var sorted = aToC.Order().ToArray();
        var position = 0.5 * (sorted.Length - 1);
        var median = sorted[(int)position] + ((sorted[(int)Math.Ceiling(position)] - sorted[(int)position]) * (position - Math.Floor(position)));
        Assert.Equal([("A", "C", aToC.Count, (double?)(median * 3600))], metrics.SpanTimings.Select(t => (t.FromStage, t.ToStage, t.Customers, t.MedianSeconds)));
    }

    /// <summary>Brute force: the most stages matched in order, each event strictly later, the last within the window of the first.</summary>
    private static int Deepest((int Hour, int Stage)[] events, int stage, int lastHour, int startHour, int windowHours)
    {
        var best = stage;
        if (stage == 3)
        {
            return best;
        }

        foreach (var (hour, s) in events)
        {
            if (s == stage && hour > lastHour && (startHour < 0 || hour - startHour <= windowHours))
            {
                best = Math.Max(best, Deepest(events, stage + 1, hour, startHour < 0 ? hour : startHour, windowHours));
            }
        }

        return best;
    }

    [Fact]
    public void AFunnelOnlyAnalysisGivesTheSameReachAndFunnelAndNothingElse()
    {
        var (log, mapping) = Build(
            ThreeStages(),
            ("u1", Days(0), "a"), ("u1", Days(1), "b"), ("u1", Days(2), "c"),
            ("u2", Days(0), "a"), ("u2", Days(40), "b"),
            ("u3", Days(3), "b"), ("u3", Days(4), "a"), ("u3", Days(5), "b"));

        var full = JourneyAnalyzer.Analyze("j", log, mapping);
        var funnel = JourneyAnalyzer.Analyze("j", log, mapping, new MetricsQuery { FunnelOnly = true });

        Assert.Equal([3, 2, 1], funnel.Funnel.Select(f => f.Customers));
        Assert.Equal(full.Funnel, funnel.Funnel);
        Assert.Equal(full.StageReach, funnel.StageReach);
        Assert.Equal(full.TouchpointReach, funnel.TouchpointReach);
        Assert.Equal((3, 8), (funnel.Customers, funnel.MappedEvents));
        Assert.Empty(funnel.Timings);
        Assert.Empty(funnel.Variants);
        Assert.Empty(funnel.Flow);
        Assert.Empty(funnel.Stranded);
        Assert.Empty(funnel.ChannelMix);
    }

    [Fact]
    public void BestChainCountsWhereTheNewestChainCannotAdvance()
    {
        // a@0 b@2 a@3 b@4 c@4: the chain started at 3 reaches B at 4, and C at 4 is not strictly later;
        // the chain started at 0 reached B at 2, so C at 4 completes it. ClickHouse's greedy windowFunnel says 2 here.
        var (log, mapping) = Build(
            ThreeStages(),
            ("u", Hours(0), "a"), ("u", Hours(2), "b"), ("u", Hours(3), "a"), ("u", Hours(4), "b"), ("u", Hours(4), "c"));

        var metrics = JourneyAnalyzer.Analyze("j", log, mapping);

        Assert.Equal([1, 1, 1], metrics.Funnel.Select(f => f.Customers));
    }

    [Fact]
    public void ManyStartsWithinTheWindowKeepEveryUsefulChain()
    {
        // Seven starts (more than the four chain slots a stage begins with), B at 10 h, then the window closes on
        // the early starts: with a 12-hour window only starts at or after 8 h can reach C at 20 h.
        var rows = Enumerable.Range(0, 7).Select(i => ("u", Hours(i + 2), "a")).ToList();
        rows.Add(("u", Hours(10), "b"));
        rows.Add(("u", Hours(20), "c"));
        rows.Add(("v", Hours(0), "a"));
        rows.Add(("v", Hours(1), "b"));
        rows.Add(("v", Hours(20), "c"));
        var (log, mapping) = Build(ThreeStages(), [.. rows]);

        var metrics = JourneyAnalyzer.Analyze("j", log, mapping, new MetricsQuery { Window = TimeSpan.FromHours(12) });

        // u: the start at 8 h reaches B at 10 h and C at 20 h (12 h). v: a at 0 h is 20 h before c.
        Assert.Equal([2, 2, 1], metrics.Funnel.Select(f => f.Customers));
    }

    [Fact]
    public void OutOfOrderInputIsSortedByTimeKeepingInputOrderForTies()
    {
        // Given out of order; sorted: a@1 b@2 c@2 (c after b at the same time, as given) → b then c not strictly later.
        var (log, mapping) = Build(
            ThreeStages(),
            ("u", Hours(2), "b"), ("u", Hours(2), "c"), ("u", Hours(1), "a"));

        var metrics = JourneyAnalyzer.Analyze("j", log, mapping);

        Assert.Equal([1, 1, 0], metrics.Funnel.Select(f => f.Customers));
        Assert.Equal(["a", "b", "c"], metrics.Variants.Single().Touchpoints);
    }

    [Fact]
    public void TimeBetweenStagesIsMedianAndP90OfFirstReachesAmongConverted()
    {
        // A→B among u1..u4: 1 h, 2 h, 3 h, 10 h. Median (type 7) = 2.5 h = 9000 s; p90 = 3 + 0.7 × 7 = 7.9 h = 28440 s.
        // B→C: only u1 converted: 5 h = 18000 s.
        var (log, mapping) = Build(
            ThreeStages(),
            ("u1", Hours(0), "a"), ("u1", Hours(1), "b"), ("u1", Hours(6), "c"),
            ("u2", Hours(0), "a"), ("u2", Hours(2), "b"),
            ("u3", Hours(0), "a"), ("u3", Hours(1), "a"), ("u3", Hours(3), "b"),
            ("u4", Hours(0), "a"), ("u4", Hours(10), "b"),
            ("u5", Hours(0), "a"));

        var metrics = JourneyAnalyzer.Analyze("j", log, mapping);

        var ab = metrics.Timings[0];
        Assert.Equal(("A", "B", 4), (ab.FromStage, ab.ToStage, ab.Customers));
        Assert.Equal(9000, ab.MedianSeconds);
        Assert.Equal(28440, ab.P90Seconds);
        var bc = metrics.Timings[1];
        Assert.Equal((1, 18000d, 18000d), (bc.Customers, bc.MedianSeconds, bc.P90Seconds));
        // A→C: only u1, from a at 0 h to c at 6 h.
        Assert.Equal([("A", "C", 1, (double?)21600)], metrics.SpanTimings.Select(t => (t.FromStage, t.ToStage, t.Customers, t.MedianSeconds)));
    }
}

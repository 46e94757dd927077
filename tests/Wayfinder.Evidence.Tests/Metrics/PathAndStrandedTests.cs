namespace Wayfinder.Evidence.Tests.Metrics;

using Wayfinder.Evidence.Metrics;
using Wayfinder.Evidence.Store;
using static LogFixture;

public sealed class PathAndStrandedTests
{
    [Fact]
    public void StrandedCustomersAreCountedAtTheirLastTouchpoint()
    {
        // Data ends at day 30 (u4's event). Inactivity 14 days.
        // u1: last event b at day 1, never reached C → stranded at b. u2: reached C → not stranded.
        // u3: last event a at day 20 → 10 days ago → active. u4: a at day 0 and day 30 → active.
        var (log, mapping) = Build(
            ThreeStages(),
            ("u1", Days(0), "a"), ("u1", Days(1), "b"),
            ("u2", Days(0), "a"), ("u2", Days(1), "c"),
            ("u3", Days(20), "a"),
            ("u4", Days(0), "a"), ("u4", Days(30), "a"));

        var metrics = JourneyAnalyzer.Analyze("j", log, mapping);

        Assert.Equal(
            [("a", 0, 4, 0d), ("b", 1, 1, 1d), ("c", 0, 1, 0d)],
            metrics.Stranded.Select(s => (s.TouchpointId, s.Stranded, s.Reached, s.ExitRate)));
    }

    [Fact]
    public void VariantsCollapseRepeatsButTheFlowGraphKeepsSelfLoops()
    {
        var (log, mapping) = Build(
            ThreeStages(),
            ("u1", Hours(0), "a"), ("u1", Hours(1), "a"), ("u1", Hours(3), "b"),
            ("u2", Hours(0), "a"), ("u2", Hours(2), "b"),
            ("u3", Hours(0), "b"), ("u3", Hours(4), "c"),
            ("u4", Hours(0), "x"));   // an unmapped event: not a customer of this journey

        var metrics = JourneyAnalyzer.Analyze("j", log, mapping);

        Assert.Equal(3, metrics.Customers);
        Assert.Equal(1, metrics.UnmappedEvents);
        Assert.Equal(
            [("a>b", 2, 0.666667), ("b>c", 1, 0.333333)],
            metrics.Variants.Select(v => (string.Join('>', v.Touchpoints), v.Customers, v.Share)));
        // a→b twice (2 h and 2 h), a→a once (1 h), b→c once (4 h).
        Assert.Equal(
            [("a", "b", 2, 7200d), ("a", "a", 1, 3600d), ("b", "c", 1, 14400d)],
            metrics.Flow.Select(e => (e.From, e.To, e.Count, e.MedianSeconds)));
        Assert.Equal(
            [("a", 2, 0), ("b", 1, 2), ("c", 0, 1)],
            metrics.Endpoints.Select(e => (e.TouchpointId, e.Starts, e.Ends)));
    }

    [Fact]
    public void LongPathsAreCountedExactlyAcrossPartitions()
    {
        // Paths longer than three touchpoints take the sorted-hash route: 3 × a>b>c>a>b, 2 × a>b>c>b, 1 × c>b>a>b.
        var rows = new List<(string, long, string)>();
        void Walk(string customer, params string[] events) => rows.AddRange(events.Select((e, i) => (customer, Hours(i), e)));
        for (var i = 0; i < 3; i++)
        {
            Walk($"x{i}", "a", "b", "c", "a", "b");
        }

        Walk("y0", "a", "b", "c", "b");
        Walk("y1", "a", "a", "b", "c", "b");
        Walk("z0", "c", "b", "a", "b");
        var (log, mapping) = Build(ThreeStages(), [.. rows]);

        var one = JourneyAnalyzer.Analyze("j", log, mapping, threads: 1);
        var three = JourneyAnalyzer.Analyze("j", log, mapping, new MetricsQuery { TopVariants = 2 }, threads: 3);

        Assert.Equal(
            [("a>b>c>a>b", 3, 0.5), ("a>b>c>b", 2, 0.333333), ("c>b>a>b", 1, 0.166667)],
            one.Variants.Select(v => (string.Join('>', v.Touchpoints), v.Customers, v.Share)));
        Assert.Equal(["a>b>c>a>b", "a>b>c>b"], three.Variants.Select(v => string.Join('>', v.Touchpoints)));
    }

    [Fact]
    public void TheTopOfManyLongPathsSharingCountSlotsIsExactWithTiesAtTheCut()
    {
        // 20,000 customers on random long paths over a, b, c (thousands of distinct paths, more than the slots the long
        // paths are first counted in), then eight paths 60 times each, a short one 45 times and four paths 40 times
        // each: the top 10 are the nine plus the first of the four tied at 40 by their ids. The expected list is
        // counted here path by path, the way the variants are defined.
        var rows = new List<(string, long, string)>();
        var paths = new List<string>();
        void Walk(string customer, params string[] events)
        {
            rows.AddRange(events.Select((e, i) => (customer, Hours(i), e)));
            paths.Add(string.Join('>', events.Where((e, i) => i == 0 || events[i - 1] != e)));
        }

        var random = new Random(7);
        string[] tps = ["a", "b", "c"];
        for (var i = 0; i < 20_000; i++)
        {
            // Each step to one of the other two touchpoints: 9 to 12 steps, some 20,000 paths of which few repeat.
            var walk = new List<string> { tps[random.Next(3)] };
            for (var length = random.Next(9, 13); walk.Count < length;)
            {
                walk.Add(tps[(Array.IndexOf(tps, walk[^1]) + 1 + random.Next(2)) % 3]);
            }

            Walk($"r{i}", [.. walk]);
        }

        string[][] heavy = [["a", "b", "c", "a"], ["a", "c", "b", "a"], ["b", "a", "c", "b"], ["b", "c", "a", "b"], ["c", "a", "b", "c"], ["c", "b", "a", "c"], ["a", "b", "a", "b"], ["c", "b", "c", "b"]];
        string[][] tied = [["b", "c", "b", "c"], ["a", "c", "a", "c"], ["c", "a", "c", "a"], ["b", "a", "b", "a"]];
        foreach (var (group, times) in new[] { (heavy, 60), ([["a", "b"]], 45), (tied, 40) })
        {
            for (var i = 0; i < times; i++)
            {
                foreach (var path in group)
                {
                    Walk($"h{rows.Count}", path);
                }
            }
        }

        var (log, mapping) = Build(ThreeStages(), [.. rows]);
        var counted = paths.GroupBy(p => p).Select(g => (Path: g.Key, Count: g.Count())).ToList();
        var expected = counted.OrderByDescending(v => v.Count).ThenBy(v => v.Path.Replace('>', '\u001f'), StringComparer.Ordinal).Take(10).ToList();
        Assert.True(counted.Count > 8_000);
        Assert.Equal(40, expected[^1].Count);
        Assert.Equal("a>c>a>c", expected[^1].Path);

        foreach (var threads in new[] { 1, 2 })
        {
            var metrics = JourneyAnalyzer.Analyze("j", log, mapping, new MetricsQuery { TopVariants = 10 }, threads: threads);
            Assert.Equal(expected, metrics.Variants.Select(v => (string.Join('>', v.Touchpoints), v.Customers)));
        }
    }

    [Fact]
    public void AmongLongPathsNearlyAllDifferentTheFewRepeatedOnesAreTheTop()
    {
        // 5,000 customers on random walks of 20 to 24 steps (nearly all different), three paths walked 3 times each and
        // four walked twice: the top 5 are the three, then two of those tied at 2 (the four, and any random walk that
        // happened twice), by their ids.
        var rows = new List<(string, long, string)>();
        var paths = new List<string>();
        string[] tps = ["a", "b", "c"];
        void Walk(string customer, IReadOnlyList<string> events)
        {
            rows.AddRange(events.Select((e, i) => (customer, Hours(i), e)));
            paths.Add(string.Join('>', events));
        }

        var random = new Random(11);
        List<string> RandomWalk()
        {
            var walk = new List<string> { tps[random.Next(3)] };
            for (var length = random.Next(20, 25); walk.Count < length;)
            {
                walk.Add(tps[(Array.IndexOf(tps, walk[^1]) + 1 + random.Next(2)) % 3]);
            }

            return walk;
        }

        for (var i = 0; i < 5_000; i++)
        {
            Walk($"r{i}", RandomWalk());
        }

        var repeated = Enumerable.Range(0, 7).Select(_ => RandomWalk()).ToList();
        for (var k = 0; k < repeated.Count; k++)
        {
            for (var n = 0; n < (k < 3 ? 3 : 2); n++)
            {
                Walk($"x{k}-{n}", repeated[k]);
            }
        }

        var (log, mapping) = Build(ThreeStages(), [.. rows]);
        var counted = paths.GroupBy(p => p).Select(g => (Path: g.Key, Count: g.Count())).ToList();
        var expected = counted.OrderByDescending(v => v.Count).ThenBy(v => v.Path.Replace('>', '\u001f'), StringComparer.Ordinal).Take(5).ToList();
        Assert.Equal([3, 3, 3, 2, 2], expected.Select(v => v.Count));

        var metrics = JourneyAnalyzer.Analyze("j", log, mapping, new MetricsQuery { TopVariants = 5 }, threads: 1);

        Assert.Equal(expected, metrics.Variants.Select(v => (string.Join('>', v.Touchpoints), v.Customers)));
    }

    [Fact]
    public void LongPathsPrintedAreThoseWithinThePeriodWithRepeatsAsAsked()
    {
        // Hours 0..5 are in the period, hour 6 is not: the printed long paths leave it out (they are rebuilt from the log).
        var rows = new List<(string, long, string)>();
        void Walk(string customer, params string[] events) => rows.AddRange(events.Select((e, i) => (customer, Hours(i), e)));
        Walk("u1", "a", "a", "b", "c", "b", "a", "c");
        Walk("u2", "a", "a", "b", "c", "b", "a");
        Walk("u3", "a", "b", "c", "b", "a", "a");
        var (log, mapping) = Build(ThreeStages(), [.. rows]);
        var period = new MetricsQuery { FromMicros = Hours(0), ToMicros = Hours(6) };

        var collapsed = JourneyAnalyzer.Analyze("j", log, mapping, period);
        var kept = JourneyAnalyzer.Analyze("j", log, mapping, period with { CollapseRepeats = false });

        Assert.Equal([("a>b>c>b>a", 3)], collapsed.Variants.Select(v => (string.Join('>', v.Touchpoints), v.Customers)));
        Assert.Equal(
            [("a>a>b>c>b>a", 2), ("a>b>c>b>a>a", 1)],
            kept.Variants.Select(v => (string.Join('>', v.Touchpoints), v.Customers)));
    }

    [Fact]
    public void EdgeMediansAreExactOnManyTransitions()
    {
        // Thousands of transitions an edge, skewed gaps with many ties: every edge's median must equal the sorted one's.
        var random = new Random(5);
        string[] names = ["a", "b", "c"];
        var rows = new List<(string, long, string)>();
        var gaps = new Dictionary<(string, string), List<long>>();
        for (var c = 0; c < 5000; c++)
        {
            var time = Hours(0);
            var previous = "";
            var events = random.Next(1, 12);
            for (var i = 0; i < events; i++)
            {
                var name = names[random.Next(3)];
                var gap = i == 0 ? 0 : 1_000_000 + ((long)(Math.Pow(random.NextDouble(), 3) * 7_200_000_000) / 1_000_000 * 1_000_000);
                time += gap;
                rows.Add(($"u{c}", time, name));
                if (i > 0)
                {
                    (gaps.TryGetValue((previous, name), out var list) ? list : gaps[(previous, name)] = []).Add(gap);
                }

                previous = name;
            }
        }

        var (log, mapping) = Build(ThreeStages(), [.. rows]);

        var metrics = JourneyAnalyzer.Analyze("j", log, mapping, threads: 2);

        Assert.Equal(9, metrics.Flow.Count);
        Assert.True(gaps.Values.Min(g => g.Count) > 2000);
        foreach (var edge in metrics.Flow)
        {
            var sorted = gaps[(edge.From, edge.To)].Order().ToArray();
            var middle = (sorted.Length - 1) / 2.0;
            var median = (sorted[(int)Math.Floor(middle)] + sorted[(int)Math.Ceiling(middle)]) / 2.0 / 1_000_000;
            Assert.Equal((sorted.Length, median), (edge.Count, edge.MedianSeconds));
        }
    }

    [Fact]
    public void VariantsKeepRepeatsOnRequest()
    {
        var (log, mapping) = Build(ThreeStages(), ("u1", Hours(0), "a"), ("u1", Hours(1), "a"), ("u1", Hours(3), "b"));

        var metrics = JourneyAnalyzer.Analyze("j", log, mapping, new MetricsQuery { CollapseRepeats = false });

        Assert.Equal(["a", "a", "b"], metrics.Variants.Single().Touchpoints);
    }

    [Fact]
    public void ReachCountsCustomersAndEventsPerStageAndTouchpoint()
    {
        var (log, mapping) = Build(
            ThreeStages(),
            ("u1", Hours(0), "a"), ("u1", Hours(1), "a"), ("u1", Hours(3), "b"),
            ("u2", Hours(0), "a"));

        var metrics = JourneyAnalyzer.Analyze("j", log, mapping);

        Assert.Equal([("A", 2, 3), ("B", 1, 1), ("C", 0, 0)], metrics.StageReach.Select(r => (r.Id, r.Customers, r.Events)));
        Assert.Equal([("A", "web", 3, 1d), ("B", "web", 1, 1d)], metrics.ChannelMix.Select(c => (c.StageId, c.Channel, c.Events, c.Share)));
    }

    [Fact]
    public void PeriodCutIgnoresEventsOutsideThePeriod()
    {
        var (log, mapping) = Build(
            ThreeStages(),
            ("u1", Days(0), "a"), ("u1", Days(40), "b"),
            ("u2", Days(35), "a"), ("u2", Days(36), "b"));

        var metrics = JourneyAnalyzer.Analyze("j", log, mapping, new MetricsQuery { FromMicros = Days(31), ToMicros = Days(59) });

        // In the period, u1 only has b (no start) and u2 has a then b.
        Assert.Equal([1, 1, 0], metrics.Funnel.Select(f => f.Customers));
        Assert.Equal(2, metrics.Customers);
    }
}

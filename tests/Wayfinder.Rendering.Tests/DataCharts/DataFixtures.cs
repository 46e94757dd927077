namespace Wayfinder.Rendering.Tests.DataCharts;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;

/// <summary>A three-stage journey with three touchpoints, and reports about it built by hand.</summary>
internal static class DataFixtures
{
    public static Journey Journey(string stageName = "Find a fare", string touchpointText = "Search page") => new()
    {
        Id = "small",
        Title = "Buying a ticket",
        Stages =
        [
            new Stage { Id = "s1", Name = stageName },
            new Stage { Id = "s2", Name = "Pay for it" },
            new Stage { Id = "s3", Name = "Use the ticket" },
        ],
        Lanes =
        [
            new Lane
            {
                Id = "tps",
                Type = LaneType.Touchpoints,
                Items =
                [
                    new LaneItem { Id = "tp-a", Stage = "s1", Text = touchpointText, Channel = "web" },
                    new LaneItem { Id = "tp-b", Stage = "s2", Text = "Checkout", Channel = "web" },
                    new LaneItem { Id = "tp-c", Stage = "s2", Text = "Call centre", Channel = "phone" },
                ],
            },
            new Lane
            {
                Id = "emotion",
                Type = LaneType.Emotion,
                Items = [new LaneItem { Stage = "s1", Score = 1 }, new LaneItem { Stage = "s2", Score = -1 }, new LaneItem { Stage = "s3", Score = 0.5 }],
            },
        ],
    };

    /// <summary>
    /// 100 customers start; 60 pay, 45 use the ticket. Two path variants ([tp-a, tp-b] × 30, [tp-a, tp-c] × 10) and two
    /// periods; customers' last events strand 20 at tp-a.
    /// </summary>
    public static JourneyReport Report(IReadOnlyList<PathVariant>? variants = null, IReadOnlyList<TrendPoint>? trend = null) => new()
    {
        JourneyId = "small",
        Metrics = new JourneyMetrics
        {
            JourneyId = "small",
            Customers = 100,
            MappedEvents = 400,
            Funnel =
            [
                new FunnelStep("s1", "Find a fare", 100, 1, 1, 40),
                new FunnelStep("s2", "Pay for it", 60, 0.6, 0.6, 15),
                new FunnelStep("s3", "Use the ticket", 45, 0.75, 0.45, 0),
            ],
            Timings = [new StageTiming("s1", "s2", 60, 90_000, 180_000), new StageTiming("s2", "s3", 45, 600, null)],
            Stranded = [new StrandedRow("tp-a", "s1", 20, 100, 0.2), new StrandedRow("tp-b", "s2", 0, 60, 0), new StrandedRow("tp-c", "s2", 5, 10, 0.5)],
            Variants = variants ?? [new PathVariant(["tp-a", "tp-b"], 30, 0.3), new PathVariant(["tp-a", "tp-c"], 10, 0.1)],
        },
        StageSatisfaction = [new SatisfactionRow("stage", "s1", "s1", 12, 4.25, 8, 2.5, 4, 25, 4, 0.5, 3, 1.2)],
        MeasuredEmotion = [new("s1", 1.2, 12)],
        Trend = trend ?? TwoPeriods(),
        Gaps = [new KnowledgeGap("touchpoint-without-surveys", "small", "tp-b", "touchpoint 'tp-b' has no survey answers")],
        PersonaChecks = [new PersonaCheck("maya", "channels", "says they prefer 'app', but only 2% of events happen there")],
    };

    /// <summary>2026-06 and 2026-07: s2's conversion rises 3.2 points, s3's falls 1 point.</summary>
    public static IReadOnlyList<TrendPoint> TwoPeriods() =>
    [
        new("2026-06", "s1", 50, 1, null),
        new("2026-06", "s2", 30, 0.6, null),
        new("2026-06", "s3", 24, 0.8, null),
        new("2026-07", "s1", 50, 1, 0),
        new("2026-07", "s2", 32, 0.632, 0.032),
        new("2026-07", "s3", 25, 0.79, -0.01),
    ];
}

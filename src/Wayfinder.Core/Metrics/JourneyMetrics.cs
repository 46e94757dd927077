namespace Wayfinder.Core.Metrics;

/// <summary>Customers and events that reached a stage or a touchpoint.</summary>
public sealed record ReachRow(string Id, string Name, string StageId, int Customers, int Events);

/// <summary>One step of the ordered funnel.</summary>
/// <param name="Customers">Customers who reached this stage in order within the window.</param>
/// <param name="Conversion">Customers here ÷ customers at the previous step (1 for the first step; 0 when the previous had none).</param>
/// <param name="ConversionFromStart">Customers here ÷ customers at the first step.</param>
/// <param name="DropOff">Customers at this step who did not reach the next one (0 at the last step).</param>
public sealed record FunnelStep(string StageId, string StageName, int Customers, double Conversion, double ConversionFromStart, int DropOff)
{
    /// <summary>The n of <see cref="Conversion"/>: customers at the previous step (at the first step, its own).</summary>
    public int SampleSize { get; init; }

    /// <summary>Whether <see cref="SampleSize"/> is below the workspace's small-sample threshold.</summary>
    public bool SmallSample { get; init; }
}

/// <summary>Time from reaching one stage to reaching the next, among those who converted.</summary>
public sealed record StageTiming(string FromStage, string ToStage, int Customers, double? MedianSeconds, double? P90Seconds);

/// <summary>Customers stranded at a touchpoint: their last mapped event was there, long ago, before the last stage.</summary>
/// <param name="Reached">The n of <paramref name="ExitRate"/>.</param>
public sealed record StrandedRow(string TouchpointId, string StageId, int Stranded, int Reached, double ExitRate)
{
    /// <summary>Whether <see cref="Reached"/> is below the workspace's small-sample threshold.</summary>
    public bool SmallSample { get; init; }
}

/// <summary>A path variant: a sequence of touchpoint ids and how many customers followed it.</summary>
public sealed record PathVariant(IReadOnlyList<string> Touchpoints, int Customers, double Share);

/// <summary>A directly-follows edge between touchpoints (self-loops included).</summary>
public sealed record FlowEdge(string From, string To, int Count, double MedianSeconds);

/// <summary>How often a touchpoint starts or ends a customer's path.</summary>
public sealed record EndpointRow(string TouchpointId, int Starts, int Ends);

/// <summary>The share of a stage's events that happened on a channel.</summary>
public sealed record ChannelShare(string StageId, string Channel, int Events, double Share);

/// <summary>Everything the event data says about one journey (for one cut: persona, channel, period).</summary>
public sealed record JourneyMetrics
{
    public required string JourneyId { get; init; }

    /// <summary>A description of the cut, e.g. "persona maya, 2026-Q3"; empty for all data.</summary>
    public string Cut { get; init; } = "";
    public int Customers { get; init; }
    public int MappedEvents { get; init; }
    public int UnmappedEvents { get; init; }
    public IReadOnlyList<ReachRow> StageReach { get; init; } = [];
    public IReadOnlyList<ReachRow> TouchpointReach { get; init; } = [];
    public IReadOnlyList<FunnelStep> Funnel { get; init; } = [];
    public IReadOnlyList<StageTiming> Timings { get; init; } = [];

    /// <summary>Times between stages further apart (a to b, b ≥ a + 2), among customers who reached b in order.</summary>
    public IReadOnlyList<StageTiming> SpanTimings { get; init; } = [];
    public IReadOnlyList<StrandedRow> Stranded { get; init; } = [];
    public IReadOnlyList<PathVariant> Variants { get; init; } = [];
    public IReadOnlyList<FlowEdge> Flow { get; init; } = [];
    public IReadOnlyList<EndpointRow> Endpoints { get; init; } = [];
    public IReadOnlyList<ChannelShare> ChannelMix { get; init; } = [];
}

/// <summary>What customers said about a touchpoint or a stage.</summary>
/// <param name="Scope">"stage" or "touchpoint".</param>
/// <param name="Nps">% promoters (9–10) minus % detractors (0–6), −100..100; null without NPS answers.</param>
/// <param name="Sentiment">Mean comment sentiment, −1..1; null without comments.</param>
/// <param name="Emotion">The measured emotion, −2..2, from every answer mapped onto that scale; null without answers.</param>
public sealed record SatisfactionRow(
    string Scope,
    string Id,
    string StageId,
    int Responses,
    double? Csat,
    int CsatCount,
    double? Ces,
    int CesCount,
    double? Nps,
    int NpsCount,
    double? Sentiment,
    int Comments,
    double? Emotion)
{
    /// <summary>Whether <see cref="Responses"/> is below the workspace's small-sample threshold.</summary>
    public bool SmallSample { get; init; }
}

/// <summary>A point of the measured emotion curve.</summary>
public sealed record EmotionPoint(string StageId, double? Score, int SampleSize)
{
    /// <summary>Whether <see cref="SampleSize"/> is below the workspace's small-sample threshold.</summary>
    public bool SmallSample { get; init; }
}

/// <summary>A KPI's actual value from data, and its status against the target.</summary>
/// <param name="Actual">The value in the target's unit (a percentage as 0–100 when the target is in %).</param>
/// <param name="Problem">Why no actual could be computed (unknown metric, no data), else null.</param>
public sealed record KpiResult(string StageId, string Metric, string? Target, double? Actual, string ActualText, Documents.KpiStatus? Status, string? Problem)
{
    /// <summary>What the metric measures, resolved on the journey: from what to what, out of whom.</summary>
    public string Definition { get; init; } = "";

    /// <summary>The n of the actual: the customers a rate is out of, the answers a score is the mean of; null for a plain count.</summary>
    public int? SampleSize { get; init; }

    /// <summary>Whether <see cref="SampleSize"/> is below the workspace's small-sample threshold.</summary>
    public bool SmallSample { get; init; }
}

/// <summary>A two-step ordered funnel between two places of a journey (stage or touchpoint, named as in a KPI metric).</summary>
/// <param name="Reached">Customers who reached <paramref name="From"/>.</param>
/// <param name="Converted">Of those, customers who reached <paramref name="To"/> after it within the funnel window.</param>
/// <param name="Timing">The time from the one to the other among those who converted.</param>
public sealed record PlaceConversion(string From, string To, int Reached, int Converted, StageTiming? Timing);

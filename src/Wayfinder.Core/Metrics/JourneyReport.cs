namespace Wayfinder.Core.Metrics;

/// <summary>How a stage's reach and conversion moved from one period to the next.</summary>
/// <param name="Period">e.g. 2026-07 or 2026-Q3.</param>
/// <param name="Change">Conversion minus the previous period's (in share points, −1..1); null for the first period.</param>
public sealed record TrendPoint(string Period, string StageId, int Customers, double Conversion, double? Change)
{
    /// <summary>The n of <see cref="Conversion"/>: the period's customers at the previous stage (at the first stage, its own).</summary>
    public int SampleSize { get; init; }

    /// <summary>Whether <see cref="SampleSize"/> is below the workspace's small-sample threshold.</summary>
    public bool SmallSample { get; init; }

    /// <summary>Whether the period was still running when the data ends (the data does not reach its last day): its numbers are partial.</summary>
    public bool Running { get; init; }
}

/// <summary>Something the team does not know yet: research to do next.</summary>
/// <param name="Kind">stage-without-events, touchpoint-without-events, touchpoint-without-event-names, stage-without-surveys, touchpoint-without-surveys, trait-without-evidence, stale-persona, stale-journey, persona-without-segment, segment-without-customers.</param>
public sealed record KnowledgeGap(string Kind, string DocumentId, string Target, string Message);

/// <summary>Where a persona's stated traits disagree with what its segment's data shows.</summary>
public sealed record PersonaCheck(string PersonaId, string Aspect, string Message);

/// <summary>Everything the data says about one journey, for one cut: what <c>wayfinder analyze</c> prints, draws and writes as JSON.</summary>
public sealed record JourneyReport
{
    public required string JourneyId { get; init; }
    public string Cut { get; init; } = "";

    /// <summary>Rates and means out of fewer than this many customers or answers are marked as small samples (<c>defaults.small_sample_size</c>).</summary>
    public int SmallSampleSize { get; init; } = Workspaces.WorkspaceDefaults.DefaultSmallSampleSize;
    public required JourneyMetrics Metrics { get; init; }
    public IReadOnlyList<SatisfactionRow> TouchpointSatisfaction { get; init; } = [];
    public IReadOnlyList<SatisfactionRow> StageSatisfaction { get; init; } = [];
    public IReadOnlyList<EmotionPoint> MeasuredEmotion { get; init; } = [];
    public IReadOnlyList<KpiResult> Kpis { get; init; } = [];
    public IReadOnlyList<TrendPoint> Trend { get; init; } = [];
    public IReadOnlyList<KnowledgeGap> Gaps { get; init; } = [];
    public IReadOnlyList<PersonaCheck> PersonaChecks { get; init; } = [];
}

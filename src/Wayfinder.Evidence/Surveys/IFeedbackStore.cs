namespace Wayfinder.Evidence.Surveys;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Import;

/// <summary>
/// Where survey answers and insights live and where their metrics are computed. Each method answers with a small
/// result, so a SQL store can answer it with one query. Every implementation passes the same contract tests.
/// </summary>
public interface IFeedbackStore
{
    /// <summary>
    /// Imports survey answers from one file, whole or not at all: with more bad rows than
    /// <see cref="FeedbackImportOptions.MaxBadRows"/> (by default any) nothing is stored and the report says so
    /// (<see cref="ImportReport.Judge"/>). Answers already stored are skipped (importing twice adds nothing).
    /// </summary>
    Task<ImportReport> ImportSurveysAsync(string path, FeedbackImportOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Imports insights from one file, whole or not at all as above; insights already stored are skipped.</summary>
    Task<ImportReport> ImportInsightsAsync(string path, FeedbackImportOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// CSAT, CES, NPS, sentiment and measured emotion per touchpoint and stage of a journey, on one cut. Answers about
    /// a touchpoint count for it and its stage; answers about a stage for the stage only; others are left out.
    /// </summary>
    Task<SurveyMetrics> SatisfactionAsync(Journey journey, SurveyQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every customer who answered, with the mean of their answers on the emotion scale −2..+2 (<see cref="SurveyResponse.AsEmotion"/>).</summary>
    Task<IReadOnlyDictionary<string, double>> EmotionByCustomerAsync(CancellationToken cancellationToken = default);

    /// <summary>The insights tagged to all of the query's persona, stage and touchpoint (those given), in stored order.</summary>
    Task<IReadOnlyList<Insight>> InsightsAsync(InsightQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Options for reading one survey or insight file.</summary>
public sealed record FeedbackImportOptions
{
    /// <summary>The data source's mapping from <c>wayfinder.yaml</c>; surveys read how times are written from it (<see cref="TimestampFormats"/>).</summary>
    public IReadOnlyDictionary<string, string>? Mapping { get; init; }

    /// <summary>How many bad rows may be left out with the good rows stored; 0 (the default): any bad row and nothing is stored.</summary>
    public long MaxBadRows { get; init; }

    /// <summary>The mapping's <see cref="TimestampFormats.MappingKey"/>, or null for ISO 8601 and epoch numbers.</summary>
    public string? TimestampFormat => Mapping?.GetValueOrDefault(TimestampFormats.MappingKey);

    /// <summary>The mapping's <see cref="TimestampFormats.UnitKey"/>, or null to tell epoch units by size.</summary>
    public string? TimestampUnit => Mapping?.GetValueOrDefault(TimestampFormats.UnitKey);
}

/// <summary>A cut of the survey answers.</summary>
public sealed record SurveyQuery
{
    /// <summary>Only answers by these customers (a persona's segment, resolved by the event store); null for every answer.</summary>
    public IReadOnlySet<string>? Customers { get; init; }

    /// <summary>Only answers at or after this time (microseconds since the epoch).</summary>
    public long? FromMicros { get; init; }

    /// <summary>Only answers before this time (microseconds since the epoch).</summary>
    public long? ToMicros { get; init; }

    /// <summary>Only answers about a touchpoint of the journey on this channel (answers about a stage as a whole are left out).</summary>
    public string? Channel { get; init; }
}

/// <summary>Which insights: null parts match every insight.</summary>
public sealed record InsightQuery(string? PersonaId = null, string? StageId = null, string? TouchpointId = null);

/// <summary>A journey's survey metrics on one cut.</summary>
public sealed record SurveyMetrics(IReadOnlyList<SatisfactionRow> Touchpoints, IReadOnlyList<SatisfactionRow> Stages, IReadOnlyList<EmotionPoint> Curve);

namespace Wayfinder.Evidence.Surveys;

/// <summary>The survey metrics Wayfinder understands, with their scales.</summary>
public enum SurveyMetric
{
    /// <summary>Net Promoter Score question, 0–10.</summary>
    Nps,

    /// <summary>Customer satisfaction, 1–5.</summary>
    Csat,

    /// <summary>Customer effort, 1–7 (lower is easier).</summary>
    Ces,

    /// <summary>A direct emotion rating, −2..+2.</summary>
    Emotion,
}

/// <summary>One survey answer about a touchpoint or a stage.</summary>
public sealed record SurveyResponse(
    long TimestampMicros,
    string? CustomerId,
    string? Touchpoint,
    string? Stage,
    SurveyMetric Metric,
    double Score,
    string? Comment)
{
    /// <summary>The valid range of each metric's score.</summary>
    public static (double Min, double Max) Range(SurveyMetric metric) => metric switch
    {
        SurveyMetric.Nps => (0, 10),
        SurveyMetric.Csat => (1, 5),
        SurveyMetric.Ces => (1, 7),
        _ => (-2, 2),
    };

    /// <summary>
    /// The score mapped onto the emotion scale −2..+2: CSAT − 3; (NPS − 5) ÷ 2.5; (4 − CES) ÷ 1.5 (low effort feels good);
    /// emotion as is.
    /// </summary>
    public double AsEmotion() => Metric switch
    {
        SurveyMetric.Csat => Score - 3,
        SurveyMetric.Nps => (Score - 5) / 2.5,
        SurveyMetric.Ces => (4 - Score) / 1.5,
        _ => Score,
    };
}

/// <summary>A qualitative note (interview, workshop, support ticket) tagged to personas, stages and touchpoints.</summary>
public sealed record Insight(
    string Id,
    DateOnly? Date,
    string Kind,
    string Text,
    IReadOnlyList<string> Personas,
    IReadOnlyList<string> Stages,
    IReadOnlyList<string> Touchpoints,
    string? Source);

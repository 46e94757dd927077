namespace Wayfinder.Evidence.Analysis;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Kpis;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>What to analyse: the cut (persona, period, channel) and how.</summary>
public sealed record AnalysisRequest
{
    /// <summary>Only customers in this persona's segment.</summary>
    public string? PersonaId { get; init; }

    /// <summary>Only this period: 2026, 2026-Q3 or 2026-07.</summary>
    public string? Period { get; init; }

    /// <summary>Only events on this channel.</summary>
    public string? Channel { get; init; }

    /// <summary>month or quarter, for the trend.</summary>
    public string TrendGrain { get; init; } = "month";

    /// <summary>The trend re-runs the funnel once per period: leave it out when only the gaps or totals are wanted.</summary>
    public bool IncludeTrend { get; init; } = true;
    public bool CollapseRepeats { get; init; } = true;
    public int TopVariants { get; init; } = 20;

    /// <summary>The day against which reviews are stale.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);
}

/// <summary>Runs every metric of a journey on one cut of the data and gathers them in a <see cref="JourneyReport"/>.</summary>
public static class JourneyAnalysis
{
    /// <summary>Throws <see cref="ArgumentException"/> with a plain message for an unknown persona, a persona without a segment, or a malformed period.</summary>
    public static async Task<JourneyReport> RunAsync(
        Workspace workspace, Journey journey, IEventStore events, IFeedbackStore feedback, AnalysisRequest request, CancellationToken cancellationToken = default)
    {
        var defaults = workspace.Config.Defaults;
        var cut = new List<string>();
        string? segment = null;
        IReadOnlySet<string>? segmentCustomers = null;
        if (request.PersonaId is { } personaId)
        {
            var persona = workspace.FindPersona(personaId)
                ?? throw new ArgumentException($"no persona '{personaId}' in the workspace; `wayfinder list` shows the ids");
            if (string.IsNullOrWhiteSpace(persona.Segment))
            {
                throw new ArgumentException($"persona '{personaId}' has no segment, so no data can be tied to it; add a segment filter such as plan = \"pro\"");
            }

            segment = persona.Segment;
            // The segment's customers only narrow the survey answers, and only answers with a customer id can be theirs:
            // without any, the set can stay empty (listing a large segment's customers cost more than its metrics).
            var answered = await feedback.EmotionByCustomerAsync(cancellationToken).ConfigureAwait(false);
            if (answered.Count == 0)
            {
                Segments.Check(segment); // a malformed segment is refused as it is when evaluated
                segmentCustomers = new HashSet<string>(StringComparer.Ordinal);
            }
            else
            {
                var customers = await events.CustomersAsync(segment, cancellationToken).ConfigureAwait(false);
                segmentCustomers = customers.Select(c => c.CustomerId).Where(answered.ContainsKey).ToHashSet(StringComparer.Ordinal);
            }

            cut.Add($"persona {personaId}");
        }

        long? from = null, to = null;
        if (request.Period is { } period)
        {
            var range = Periods.Parse(period, out var problem) ?? throw new ArgumentException(problem);
            (from, to) = range;
            cut.Add(period);
        }

        if (request.Channel is { } channel)
        {
            cut.Add($"channel {channel}");
        }

        var query = new MetricsQuery
        {
            Window = TimeSpan.FromDays(defaults.FunnelWindowDays),
            Inactivity = TimeSpan.FromDays(defaults.InactivityDays),
            CollapseRepeats = request.CollapseRepeats,
            TopVariants = request.TopVariants,
            Segment = segment,
            FromMicros = from,
            ToMicros = to,
            Channel = request.Channel,
            Cut = string.Join(", ", cut),
        };
        // With a trend, the metrics and every period's funnel come from one pass (IEventStore.AnalyzeWithTrendAsync).
        var (metrics, trend) = request.IncludeTrend
            ? await events.AnalyzeWithTrendAsync(journey, query, request.TrendGrain, cancellationToken).ConfigureAwait(false)
            : (await events.AnalyzeAsync(journey, query, cancellationToken).ConfigureAwait(false), []);
        // Every cut narrows the answers too: an answer is on the channel of the touchpoint it is about (docs/metrics.md).
        var surveyQuery = new SurveyQuery { Customers = segmentCustomers, FromMicros = from, ToMicros = to, Channel = request.Channel };
        var surveys = await feedback.SatisfactionAsync(journey, surveyQuery, cancellationToken).ConfigureAwait(false);
        var satisfaction = surveys.Touchpoints.Concat(surveys.Stages).ToList();
        var conversions = await PlaceConversions.ComputeAsync(journey, KpiEvaluator.TwoStepMetrics(journey), events, query, cancellationToken).ConfigureAwait(false);
        if (trend.Count > 0 && (await events.SummaryAsync(cancellationToken).ConfigureAwait(false)).ToMicros is { } lastEvent)
        {
            trend = Periods.MarkRunning(trend, Math.Min(lastEvent, (to ?? long.MaxValue) - 1));
        }

        var checks = new List<PersonaCheck>();
        var segmentGaps = new List<KnowledgeGap>();
        foreach (var persona in journey.Personas.Select(workspace.FindPersona).OfType<Persona>())
        {
            checks.AddRange(await PersonaChecks.CheckAsync(persona, events, journey, workspace.Config.Channels, segmentGaps, cancellationToken).ConfigureAwait(false));
        }

        return SmallSamples.Mark(new JourneyReport
        {
            JourneyId = journey.Id,
            Cut = query.Cut,
            Metrics = metrics,
            TouchpointSatisfaction = surveys.Touchpoints,
            StageSatisfaction = surveys.Stages,
            MeasuredEmotion = surveys.Curve,
            Kpis = KpiEvaluator.EvaluateAll(journey, metrics, satisfaction, conversions),
            Trend = trend,
            Gaps = [.. KnowledgeGaps.ForJourney(workspace, journey, metrics, surveys.Touchpoints, surveys.Stages, request.Today), .. segmentGaps],
            PersonaChecks = checks,
        }, defaults.SmallSampleSize);
    }
}

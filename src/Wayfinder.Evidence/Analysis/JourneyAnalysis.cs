namespace Wayfinder.Evidence.Analysis;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Kpis;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Metrics;
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
    public static JourneyReport Run(Workspace workspace, Journey journey, EventLog log, IReadOnlyList<SurveyResponse> surveys, AnalysisRequest request)
    {
        var defaults = workspace.Config.Defaults;
        var cut = new List<string>();
        bool[]? selected = null;
        Func<SurveyResponse, bool>? surveyFilter = null;
        if (request.PersonaId is { } personaId)
        {
            var persona = workspace.FindPersona(personaId)
                ?? throw new ArgumentException($"no persona '{personaId}' in the workspace; `wayfinder list` shows the ids");
            if (string.IsNullOrWhiteSpace(persona.Segment))
            {
                throw new ArgumentException($"persona '{personaId}' has no segment, so no data can be tied to it; add a segment filter such as plan = \"pro\"");
            }

            var chosen = Segments.Customers(log, persona.Segment);
            var ids = new HashSet<string>(log.CustomerIds.Where((_, i) => chosen[i]), StringComparer.Ordinal);
            selected = chosen;
            surveyFilter = r => r.CustomerId is { } id && ids.Contains(id);
            cut.Add($"persona {personaId}");
        }

        long? from = null, to = null;
        if (request.Period is { } period)
        {
            var range = Periods.Parse(period, out var problem) ?? throw new ArgumentException(problem);
            (from, to) = range;
            var inner = surveyFilter;
            surveyFilter = r => r.TimestampMicros >= range.From && r.TimestampMicros < range.To && (inner?.Invoke(r) ?? true);
            cut.Add(period);
        }

        if (request.Channel is { } channel)
        {
            cut.Add($"channel {channel}");
        }

        var mapping = JourneyMapping.Build(journey, log, Segments.RowCondition(log));
        var options = new MetricsQuery
        {
            Window = TimeSpan.FromDays(defaults.FunnelWindowDays),
            Inactivity = TimeSpan.FromDays(defaults.InactivityDays),
            CollapseRepeats = request.CollapseRepeats,
            TopVariants = request.TopVariants,
            FromMicros = from,
            ToMicros = to,
            Channel = request.Channel,
            Cut = string.Join(", ", cut),
        }.ToOptions(selected);
        var metrics = JourneyAnalyzer.Analyze(journey.Id, log, mapping, options);
        var (touchpoints, stages, curve) = SatisfactionAnalyzer.Analyze(mapping, surveys, surveyFilter);
        var satisfaction = touchpoints.Concat(stages).ToList();
        return new JourneyReport
        {
            JourneyId = journey.Id,
            Cut = options.Cut,
            Metrics = metrics,
            TouchpointSatisfaction = touchpoints,
            StageSatisfaction = stages,
            MeasuredEmotion = curve,
            Kpis = KpiEvaluator.EvaluateAll(journey, metrics, satisfaction),
            Trend = request.IncludeTrend ? Trend(journey, log, mapping, options, request.TrendGrain) : [],
            Gaps = KnowledgeGaps.ForJourney(workspace, journey, metrics, touchpoints, stages, request.Today),
            PersonaChecks = [.. journey.Personas.Select(workspace.FindPersona).OfType<Persona>().SelectMany(p => PersonaChecks.Check(p, log, journey, mapping, workspace.Config.Channels))],
        };
    }

    private static List<TrendPoint> Trend(Journey journey, EventLog log, JourneyMapping mapping, AnalysisOptions options, string grain)
    {
        var points = new List<TrendPoint>();
        if (log.EventCount == 0)
        {
            return points;
        }

        var start = Math.Max(log.MinTimestamp, options.FromMicros ?? long.MinValue);
        var end = Math.Min(log.MaxTimestamp, (options.ToMicros ?? long.MaxValue) - 1);
        double?[] previous = new double?[journey.Stages.Count];
        foreach (var period in Periods.Covering(start, end, grain))
        {
            var range = Periods.Parse(period, out _)!.Value;
            var metrics = JourneyAnalyzer.Analyze(journey.Id, log, mapping, options with
            {
                FromMicros = Math.Max(range.From, options.FromMicros ?? long.MinValue),
                ToMicros = Math.Min(range.To, options.ToMicros ?? long.MaxValue),
                TopVariants = 0,
                FunnelOnly = true,
            });
            for (var s = 0; s < metrics.Funnel.Count; s++)
            {
                var step = metrics.Funnel[s];
                points.Add(new TrendPoint(period, step.StageId, step.Customers, step.Conversion, previous[s] is { } p ? Math.Round(step.Conversion - p, 6) : null));
                previous[s] = step.Conversion;
            }
        }

        return points;
    }
}

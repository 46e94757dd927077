namespace Wayfinder.Evidence.Surveys;

using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Mapping;

/// <summary>CSAT, CES, NPS, comment sentiment and the measured emotion per touchpoint and per stage.</summary>
public static class SatisfactionAnalyzer
{
    /// <summary>
    /// Answers about a touchpoint count for it and for its stage; answers about a stage count for the stage only.
    /// Answers naming neither a known touchpoint nor a known stage of this journey are left out.
    /// </summary>
    public static (IReadOnlyList<SatisfactionRow> Touchpoints, IReadOnlyList<SatisfactionRow> Stages, IReadOnlyList<EmotionPoint> Curve) Analyze(
        JourneyMapping mapping, IEnumerable<SurveyResponse> responses, Func<SurveyResponse, bool>? filter = null)
    {
        var stageIndex = mapping.Stages.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var tpIndex = mapping.Touchpoints.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var byTouchpoint = mapping.Touchpoints.Select(_ => new List<SurveyResponse>()).ToArray();
        var byStage = mapping.Stages.Select(_ => new List<SurveyResponse>()).ToArray();
        foreach (var response in responses)
        {
            if (filter is not null && !filter(response))
            {
                continue;
            }

            if (response.Touchpoint is { } tp && tpIndex.TryGetValue(tp, out var t))
            {
                byTouchpoint[t].Add(response);
                byStage[mapping.Touchpoints[t].Stage].Add(response);
            }
            else if (response.Stage is { } stage && stageIndex.TryGetValue(stage, out var s))
            {
                byStage[s].Add(response);
            }
        }

        var touchpoints = mapping.Touchpoints.Select((t, i) => Row("touchpoint", t.Id, mapping.Stages[t.Stage].Id, byTouchpoint[i])).ToList();
        var stages = mapping.Stages.Select((s, i) => Row("stage", s.Id, s.Id, byStage[i])).ToList();
        var curve = stages.Select(s => new EmotionPoint(s.Id, s.Emotion, s.Responses)).ToList();
        return (touchpoints, stages, curve);
    }

    private static SatisfactionRow Row(string scope, string id, string stageId, List<SurveyResponse> responses)
    {
        var csat = responses.Where(r => r.Metric == SurveyMetric.Csat).Select(r => r.Score).ToList();
        var ces = responses.Where(r => r.Metric == SurveyMetric.Ces).Select(r => r.Score).ToList();
        var nps = responses.Where(r => r.Metric == SurveyMetric.Nps).Select(r => r.Score).ToList();
        var sentiments = responses.Where(r => r.Comment is not null).Select(r => Sentiment.Score(r.Comment)).OfType<double>().ToList();
        double? npsScore = nps.Count == 0 ? null : Math.Round(100.0 * (nps.Count(s => s >= 9) - nps.Count(s => s <= 6)) / nps.Count, 6);
        return new SatisfactionRow(
            scope,
            id,
            stageId,
            responses.Count,
            Mean(csat),
            csat.Count,
            Mean(ces),
            ces.Count,
            npsScore,
            nps.Count,
            Mean(sentiments),
            sentiments.Count,
            Mean(responses.Select(r => r.AsEmotion()).ToList()));
    }

    private static double? Mean(List<double> values) => values.Count == 0 ? null : Math.Round(values.Average(), 6);
}

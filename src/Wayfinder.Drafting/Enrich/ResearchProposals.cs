namespace Wayfinder.Drafting.Enrich;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Drafting.Answers;
using Wayfinder.Evidence.Surveys;

/// <summary>Pain points from research: insights no item of the map cites yet, and low satisfaction in the surveys.</summary>
internal static class ResearchProposals
{
    /// <summary>A mean CSAT (1–5) below this is low.</summary>
    public const double LowCsat = 3.5;

    /// <summary>An NPS below this is low.</summary>
    public const double LowNps = 0;

    /// <summary>A measured emotion (−2..+2) at or below this is low.</summary>
    public const double LowEmotion = -0.5;

    /// <summary>
    /// A pain point for every insight tagged to a stage or touchpoint of the journey (and to one of its personas, or to
    /// none) that no item cites: in the first such stage in map order, else the stage of the first such touchpoint,
    /// citing the insight as drafts do.
    /// </summary>
    public static IEnumerable<Proposal> FromInsights(EnrichContext context, IReadOnlyList<Insight> insights)
    {
        var journey = context.Journey;
        var cited = journey.Lanes.SelectMany(l => l.Items).SelectMany(i => i.Evidence).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var insight in insights)
        {
            var evidenceId = DraftMapping.EvidenceIdOf(insight.Id);
            var forPersonas = insight.Personas.Count == 0 || journey.Personas.Count == 0 || insight.Personas.Intersect(journey.Personas, StringComparer.Ordinal).Any();
            if (cited.Contains(evidenceId) || !forPersonas || !seen.Add(evidenceId))
            {
                continue;
            }

            string stageId, where;
            if (journey.Stages.Find(s => insight.Stages.Contains(s.Id, StringComparer.Ordinal)) is { } stage)
            {
                (stageId, where) = (stage.Id, $"stage {Words.Quoted(stage.Name)}");
            }
            else if (context.Touchpoints.FirstOrDefault(t => insight.Touchpoints.Contains(t.Touchpoint.Id, StringComparer.Ordinal)) is { Item: not null } touchpoint)
            {
                (stageId, where) = (journey.Stages[touchpoint.Touchpoint.Stage].Id, $"touchpoint {Words.Quoted(touchpoint.Touchpoint.Name)}");
            }
            else
            {
                continue;
            }

            var link = new EvidenceLink
            {
                Id = evidenceId,
                Kind = DraftMapping.KindOf(insight.Kind),
                Title = DraftMapping.Shorten(insight.Text, 80),
                Source = insight.Source,
                Date = insight.Date,
            };
            var item = new LaneItem { Stage = stageId, Text = DraftMapping.Shorten(insight.Text, 200), Evidence = [evidenceId] };
            var reason = $"the {insight.Kind} insight {insight.Id} is tagged to {where}, and no item of the map cites it";
            yield return new Proposal(0, ProposalKind.PainPoint, stageId, LaneType.PainPoints, item, reason, $"insight {insight.Id}", link);
        }
    }

    /// <summary>
    /// A pain point for every touchpoint whose answers are low (CSAT, NPS, else measured emotion, each on at least the
    /// small-sample threshold of answers), and for every stage that is low with none of its touchpoints proposed.
    /// </summary>
    public static IEnumerable<Proposal> FromSatisfaction(EnrichContext context, SurveyMetrics surveys)
    {
        var proposedStages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in surveys.Touchpoints)
        {
            var touchpoint = context.Touchpoints.FirstOrDefault(t => t.Touchpoint.Id == row.Id).Touchpoint;
            if (touchpoint is not null && Low(context, row) is { Count: > 0 } low)
            {
                proposedStages.Add(row.StageId);
                yield return Pain(context, row, $"touchpoint {Words.Quoted(touchpoint.Name)}", touchpoint.Name, low, $"surveys: touchpoint {row.Id}");
            }
        }

        foreach (var row in surveys.Stages)
        {
            if (!proposedStages.Contains(row.StageId) && context.StageOf(row.StageId) is { } stage && Low(context, row) is { Count: > 0 } low)
            {
                yield return Pain(context, row, $"stage {Words.Quoted(stage.Name)}", stage.Name, low, $"surveys: stage {stage.Id}");
            }
        }
    }

    private static Proposal Pain(EnrichContext context, SatisfactionRow row, string about, string name, List<string> low, string source)
    {
        var item = new LaneItem { Stage = row.StageId, Text = $"Customers rate {name} low: {string.Join(", ", low)}" };
        var reason = $"{Words.Plural(row.Responses, "survey answer")} about {about}: {string.Join(", ", low)}; low is CSAT below {Words.Number(LowCsat)}, "
            + $"NPS below {Words.Number(LowNps)} or measured emotion at most {Words.Number(LowEmotion)}, each on at least {Words.Plural(context.MinimumSample, "answer")}";
        return new Proposal(0, ProposalKind.PainPoint, row.StageId, LaneType.PainPoints, item, reason, source);
    }

    /// <summary>The low measures of a row in words, with their n; measured emotion only when neither CSAT nor NPS is low.</summary>
    private static List<string> Low(EnrichContext context, SatisfactionRow row)
    {
        var n = context.MinimumSample;
        var low = new List<string>();
        if (row.Csat is { } csat && row.CsatCount >= n && csat < LowCsat)
        {
            low.Add($"CSAT {Words.Number(csat)} of 5 (n = {Words.Count(row.CsatCount)})");
        }

        if (row.Nps is { } nps && row.NpsCount >= n && nps < LowNps)
        {
            low.Add($"NPS {Words.Number(nps)} (n = {Words.Count(row.NpsCount)})");
        }

        if (low.Count == 0 && row.Emotion is { } emotion && row.Responses >= n && emotion <= LowEmotion)
        {
            low.Add($"measured emotion {Words.Number(emotion)} on −2..+2 (n = {Words.Count(row.Responses)})");
        }

        return low;
    }
}

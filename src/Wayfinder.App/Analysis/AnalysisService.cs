namespace Wayfinder.App.Analysis;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Analysis;

/// <summary>
/// A journey's analysis: the report, or why there is none — no journey of that id (<see cref="KnownJourneys"/> lists
/// those there are) or a cut that cannot be made (<see cref="Problem"/>, in plain words).
/// </summary>
public sealed record AnalysisResult
{
    public required Workspace Workspace { get; init; }
    public Journey? Journey { get; init; }
    public JourneyReport? Report { get; init; }

    /// <summary>False when no events were imported yet: the report then has no event data.</summary>
    public bool HasEvents { get; init; }
    public string? Problem { get; init; }
    public IReadOnlyList<string> KnownJourneys { get; init; } = [];
}

/// <summary>What the data says: a journey's metrics on a cut with its trend, satisfaction and KPI actuals; the knowledge gaps of a workspace.</summary>
public sealed class AnalysisService
{
    /// <summary>Every metric of the journey on the cut the request names (persona, period, channel), with the trend.</summary>
    public async Task<AnalysisResult> AnalyzeAsync(WorkspaceStores workspace, string journeyId, AnalysisRequest request, CancellationToken cancellationToken = default)
    {
        var (loaded, _) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        var journey = loaded.FindJourney(journeyId);
        if (journey is null)
        {
            return new AnalysisResult { Workspace = loaded, KnownJourneys = [.. loaded.Journeys.Select(j => j.Document.Id)] };
        }

        var summary = await workspace.Events.SummaryAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var report = await JourneyAnalysis.RunAsync(loaded, journey, workspace.Events, workspace.Feedback, request, cancellationToken).ConfigureAwait(false);
            return new AnalysisResult { Workspace = loaded, Journey = journey, Report = report, HasEvents = summary.Imported };
        }
        catch (ArgumentException ex)
        {
            // An unknown persona, a persona without a segment, a malformed period: the user's to fix.
            return new AnalysisResult { Workspace = loaded, Journey = journey, HasEvents = summary.Imported, Problem = ex.Message };
        }
    }

    /// <summary>
    /// What the team does not know yet: every current journey's gaps (stages and touchpoints without events or answers,
    /// its personas' traits without evidence), then personas no journey uses and stale future maps, each gap once.
    /// </summary>
    public async Task<IReadOnlyList<KnowledgeGap>> GapsAsync(WorkspaceStores workspace, DateOnly today, CancellationToken cancellationToken = default)
    {
        var (loaded, _) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        var gaps = new List<KnowledgeGap>();
        foreach (var journey in loaded.Journeys.Select(j => j.Document).Where(j => j.State == JourneyState.Current))
        {
            var request = new AnalysisRequest { Today = today, TopVariants = 0, IncludeTrend = false };
            var report = await JourneyAnalysis.RunAsync(loaded, journey, workspace.Events, workspace.Feedback, request, cancellationToken).ConfigureAwait(false);
            gaps.AddRange(report.Gaps);
        }

        foreach (var persona in loaded.Personas.Select(p => p.Document))
        {
            gaps.AddRange(KnowledgeGaps.ForPersona(loaded, persona, today));
        }

        foreach (var journey in loaded.Journeys.Select(j => j.Document).Where(j => j.State == JourneyState.Future))
        {
            if (journey.Review is { } review && review.IsStale(today, loaded.Config.Defaults.ReviewCadenceDays))
            {
                gaps.Add(new KnowledgeGap("stale-journey", journey.Id, journey.Id, $"journey '{journey.Title}' is past its review"));
            }
        }

        return [.. gaps.Distinct()];
    }
}

namespace Wayfinder.App.Decisions;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Decisions;
using Wayfinder.Core.Workspaces;

/// <summary>
/// The ranked opportunities of a workspace, those nobody has rated yet (journey id, item id, stage, text), and the
/// files left out because they could not be read.
/// </summary>
public sealed record OpportunityList(
    IReadOnlyList<RankedOpportunity> Ranked,
    IReadOnlyList<(string JourneyId, string? ItemId, string Stage, string Text)> Unscored,
    IReadOnlyList<string> Unreadable);

/// <summary>A value gap map's analysis, or (when <see cref="Analysis"/> is null) the ids of the maps there are.</summary>
public sealed record ValueGapReport(Workspace Workspace, ValueGapResult? Analysis, string? Title, IReadOnlyList<string> KnownIds, IReadOnlyList<string> Unreadable);

/// <summary>What the maps lead to: opportunities ranked by value for effort, and value gaps against competitors.</summary>
public sealed class DecisionService
{
    /// <summary>Every journey's opportunities, ranked; done and dropped ones only with <paramref name="includeClosed"/>.</summary>
    public async Task<OpportunityList> OpportunitiesAsync(WorkspaceStores workspace, bool includeClosed, CancellationToken cancellationToken = default)
    {
        var (loaded, result) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        var journeys = loaded.Journeys.Select(j => j.Document).ToList();
        return new OpportunityList(OpportunityRanking.Rank(journeys, includeClosed), OpportunityRanking.Unscored(journeys, includeClosed), Unreadable(result));
    }

    /// <summary>Each need of the map's persona: the gap to the best competitor, weighted by importance, and its class.</summary>
    public async Task<ValueGapReport> ValueGapAsync(WorkspaceStores workspace, string id, CancellationToken cancellationToken = default)
    {
        var (loaded, result) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        var map = loaded.FindValueGap(id);
        return new ValueGapReport(loaded, map is null ? null : ValueGapAnalysis.Analyze(map), map?.Title, [.. loaded.ValueGaps.Select(v => v.Document.Id)], Unreadable(result));
    }

    private static List<string> Unreadable(Core.Validation.ValidationResult result) => [.. result.Errors.Select(d => d.File).Distinct()];
}

namespace Wayfinder.Drafting.Enrich;

using Wayfinder.App.Workspaces;

/// <summary>Proposals that enrich an existing map from its data and research, listed, then applied one by one or all at once.</summary>
public sealed class SuggestionService
{
    /// <summary>The proposals for a journey, numbered from 1; nothing is written.</summary>
    public Task<SuggestResult> ProposeAsync(WorkspaceStores workspace, string journeyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new SuggestResult(SuggestOutcome.NotFound, [], 0));

    /// <summary>
    /// Applies the proposals numbered <paramref name="numbers"/> (null: all) to the journey, when it is still at
    /// <paramref name="expectedRevision"/> (null: whatever it is now), and saves it once, only if it validates.
    /// </summary>
    public Task<ApplyResult> ApplyAsync(WorkspaceStores workspace, string journeyId, IReadOnlyCollection<int>? numbers, int? expectedRevision, string? author, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ApplyResult(ApplyOutcome.NotFound));
}

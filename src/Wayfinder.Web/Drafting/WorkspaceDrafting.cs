namespace Wayfinder.Web.Drafting;

using Wayfinder.App.Workspaces;
using Wayfinder.Drafting;
using Wayfinder.Drafting.Enrich;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Evidence;
using Wayfinder.Web.Live;
using Wayfinder.Web.Workspaces;

/// <summary>
/// Drafting and proposals on a server workspace, for the API and the pages alike: the workspace's documents from the
/// database with its evidence stores, the drafting services the CLI uses, and — after every save — the live event other
/// pages and clients hear (as <see cref="PageDocuments"/> and the documents API publish it).
/// </summary>
public static class WorkspaceDrafting
{
    /// <summary>Drafts a journey; null when there is no such workspace.</summary>
    public static async Task<DraftResult?> DraftAsync(IServiceProvider services, string workspace, DraftRequest request, string? author, IProgress<DraftProgress>? progress, CancellationToken cancellationToken)
    {
        if (await OpenAsync(services, workspace, cancellationToken) is not { } stores)
        {
            return null;
        }

        var result = await services.GetRequiredService<DraftingService>().DraftAsync(stores, request, progress, author, cancellationToken);
        if (result is { Outcome: DraftOutcome.Created, Document: { } saved })
        {
            await PublishSavedAsync(services, workspace, author, request.Id, saved.Revision);
        }

        return result;
    }

    /// <summary>The proposals for a journey; null when there is no such workspace.</summary>
    public static async Task<SuggestResult?> ProposeAsync(IServiceProvider services, string workspace, string journeyId, CancellationToken cancellationToken) =>
        await OpenAsync(services, workspace, cancellationToken) is { } stores
            ? await services.GetRequiredService<SuggestionService>().ProposeAsync(stores, journeyId, cancellationToken)
            : null;

    /// <summary>Applies proposals (null: all) made for <paramref name="expectedRevision"/>; null when there is no such workspace.</summary>
    public static async Task<ApplyResult?> ApplyAsync(IServiceProvider services, string workspace, string journeyId, IReadOnlyCollection<int>? numbers, int? expectedRevision, string? author, CancellationToken cancellationToken)
    {
        if (await OpenAsync(services, workspace, cancellationToken) is not { } stores)
        {
            return null;
        }

        var result = await services.GetRequiredService<SuggestionService>().ApplyAsync(stores, journeyId, numbers, expectedRevision, author, cancellationToken);
        if (result is { Outcome: ApplyOutcome.Applied, Document: { } saved })
        {
            await PublishSavedAsync(services, workspace, author, journeyId, saved.Revision);
        }

        return result;
    }

    /// <summary>The distinct event names of the workspace's imported events, most frequent first; none before an import.</summary>
    public static async Task<IReadOnlyList<string>> EventNamesAsync(IServiceProvider services, string workspace, CancellationToken cancellationToken)
    {
        if (await OpenAsync(services, workspace, cancellationToken) is not { } stores)
        {
            return [];
        }

        var summary = await stores.Events.SummaryAsync(cancellationToken);
        return [.. summary.EventNames.OrderByDescending(e => e.Events).ThenBy(e => e.Event, StringComparer.Ordinal).Select(e => e.Event)];
    }

    private static Task<WorkspaceStores?> OpenAsync(IServiceProvider services, string workspace, CancellationToken cancellationToken) =>
        EvidenceApi.OpenAsync(workspace, services.GetRequiredService<EvidenceWorkspaces>(), services.GetRequiredService<WorkspaceRepositories>(), cancellationToken);

    // Published whatever the request's token says: the journey is saved, and every open page of it must hear so.
    private static Task PublishSavedAsync(IServiceProvider services, string workspace, string? author, string journeyId, int revision) =>
        services.GetRequiredService<IWorkspaceEvents>().PublishAsync(
            new WorkspaceEvent(workspace, WorkspaceEventTypes.Saved, author, PageDocuments.RouteKind(Core.Documents.DocumentKind.Journey), journeyId, revision), CancellationToken.None);
}

namespace Wayfinder.App.Analysis;

using Wayfinder.App.Documents;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Clustering;

/// <summary>Behavioural clusters of a journey's customers and the draft statistical personas they make; null <see cref="Clusters"/> when there was nothing to cluster.</summary>
public sealed record PersonaDiscovery
{
    public Journey? Journey { get; init; }
    public IReadOnlyList<string> KnownJourneys { get; init; } = [];
    public bool HasEvents { get; init; }
    public ClusteringResult? Clusters { get; init; }
    public IReadOnlyList<Persona> Drafts { get; init; } = [];
}

/// <summary>Statistical personas: customers clustered on behaviour, each cluster offered as a draft persona.</summary>
public sealed class PersonaDiscoveryService
{
    /// <summary>Clusters the customers on the journey's touchpoints (k from 2 to 12, or chosen by silhouette) and drafts a persona per cluster.</summary>
    public async Task<PersonaDiscovery> DiscoverAsync(WorkspaceStores workspace, string journeyId, int? k, DateOnly today, CancellationToken cancellationToken = default)
    {
        if (k is < 2 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "the number of clusters is from 2 to 12");
        }

        var (loaded, _) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        var journey = loaded.FindJourney(journeyId);
        if (journey is null)
        {
            return new PersonaDiscovery { KnownJourneys = [.. loaded.Journeys.Select(j => j.Document.Id)] };
        }

        if (!(await workspace.Events.SummaryAsync(cancellationToken).ConfigureAwait(false)).Imported)
        {
            return new PersonaDiscovery { Journey = journey };
        }

        var result = await BehaviourClustering.ClusterAsync(workspace.Events, workspace.Feedback, journey, k: k, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new PersonaDiscovery
        {
            Journey = journey,
            HasEvents = true,
            Clusters = result,
            Drafts = [.. result.Clusters.Select(c => BehaviourClustering.ToPersona(c, result, journey.Id, today))],
        };
    }

    /// <summary>
    /// Saves the drafts into the workspace; with <paramref name="replace"/> a draft written before is replaced,
    /// otherwise the first that exists stops the saving and its result is the conflict.
    /// </summary>
    public async Task<IReadOnlyList<SaveResult>> SaveDraftsAsync(WorkspaceStores workspace, IReadOnlyList<Persona> drafts, bool replace, CancellationToken cancellationToken = default)
    {
        var results = new List<SaveResult>();
        foreach (var draft in drafts)
        {
            var existing = replace ? await workspace.Documents.ReadAsync(DocumentKind.Persona, draft.Id, cancellationToken).ConfigureAwait(false) : null;
            var saved = await workspace.Documents.SaveAsync(draft, existing?.Revision, new SaveInfo(Message: "drafted from behavioural clusters"), cancellationToken).ConfigureAwait(false);
            results.Add(saved);
            if (!saved.Succeeded)
            {
                break;
            }
        }

        return results;
    }
}

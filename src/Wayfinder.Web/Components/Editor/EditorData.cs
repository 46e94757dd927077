namespace Wayfinder.Web.Components.Editor;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Web.Components.Editing;
using Wayfinder.Web.Evidence;
using Wayfinder.Web.Workspaces;

/// <summary>What the editor page loads: the journey's edit session, its workspace, and the event names its store holds.</summary>
public sealed record EditorLoad(EditSession<Journey> Session, Workspace Workspace, IReadOnlyList<string> EventNames);

/// <summary>Loading for the editor's pages, each in a service scope of its own (a circuit must not keep a DbContext).</summary>
public static class EditorData
{
    /// <summary>The workspace's documents as loaded from the database; null when there is no such workspace.</summary>
    public static async Task<Workspace?> WorkspaceAsync(IServiceScopeFactory scopes, string workspace)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync(workspace, CancellationToken.None) is { } repository
            ? (await repository.LoadAsync(CancellationToken.None)).Workspace
            : null;
    }

    /// <summary>The journey to edit at its stored revision (every element with an id, so selections and comments anchor), or null.</summary>
    public static async Task<EditorLoad?> LoadAsync(IServiceScopeFactory scopes, string workspace, string id)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var workspaces = services.GetRequiredService<WorkspaceRepositories>();
        if (await workspaces.OpenAsync(workspace, CancellationToken.None) is not { } repository
            || await repository.ReadAsync(DocumentKind.Journey, id, CancellationToken.None) is not { } stored)
        {
            return null;
        }

        var (loaded, _) = await repository.LoadAsync(CancellationToken.None);
        if (loaded.FindJourney(id) is not { } journey)
        {
            return null;
        }

        var session = new EditSession<Journey>(ElementIds.Assign(journey, new HashSet<string>(StringComparer.Ordinal)), stored.Revision);
        return new EditorLoad(session, loaded, await EventNamesAsync(services, workspace));
    }

    /// <summary>The distinct event names of the workspace's imported events, most frequent first; none before an import.</summary>
    private static async Task<IReadOnlyList<string>> EventNamesAsync(IServiceProvider services, string workspace)
    {
        var stores = await EvidenceApi.OpenAsync(workspace, services.GetRequiredService<EvidenceWorkspaces>(), services.GetRequiredService<WorkspaceRepositories>(), CancellationToken.None);
        if (stores is null)
        {
            return [];
        }

        var summary = await stores.Events.SummaryAsync(CancellationToken.None);
        return [.. summary.EventNames.OrderByDescending(e => e.Events).Select(e => e.Event)];
    }
}

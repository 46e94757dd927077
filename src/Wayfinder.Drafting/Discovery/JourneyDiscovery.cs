namespace Wayfinder.Drafting.Discovery;

using Wayfinder.App.Workspaces;

/// <summary>Process discovery for journey maps: the most likely journey in a workspace's events (see docs/drafting.md for the method).</summary>
public sealed class JourneyDiscovery
{
    public Task<DiscoveryResult> DiscoverAsync(WorkspaceStores workspace, DiscoveryRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new DiscoveryResult(DiscoveryOutcome.NoEvents, null));
}

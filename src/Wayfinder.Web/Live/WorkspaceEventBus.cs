namespace Wayfinder.Web.Live;

using System.Collections.Concurrent;

/// <summary>
/// The web app's pages hear a workspace's events here, in the server process: every event the live hub sends to its
/// clients (this process's own, and those relayed from other processes on the same PostgreSQL database) is handed to
/// the subscribers of its workspace. A subscriber that throws is logged and kept; the others still hear the event.
/// </summary>
public sealed class WorkspaceEventBus(ILogger<WorkspaceEventBus> logger)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<WorkspaceEvent, Task>>> _subscribers = new(StringComparer.Ordinal);

    /// <summary>Calls <paramref name="handler"/> for every event of <paramref name="workspace"/> until the result is disposed.</summary>
    public IDisposable Subscribe(string workspace, Func<WorkspaceEvent, Task> handler)
    {
        var key = Guid.NewGuid();
        _subscribers.GetOrAdd(workspace, _ => new())[key] = handler;
        return new Subscription(() =>
        {
            if (_subscribers.TryGetValue(workspace, out var handlers))
            {
                handlers.TryRemove(key, out _);
            }
        });
    }

    internal async Task DeliverAsync(WorkspaceEvent workspaceEvent)
    {
        if (!_subscribers.TryGetValue(workspaceEvent.Workspace, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers.Values)
        {
            try
            {
                await handler(workspaceEvent).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A page's handler of a {Type} event in {Workspace} failed", workspaceEvent.Type, workspaceEvent.Workspace);
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

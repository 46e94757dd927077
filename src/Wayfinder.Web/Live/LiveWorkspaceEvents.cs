namespace Wayfinder.Web.Live;

using Microsoft.AspNetCore.SignalR;

/// <summary>
/// The server's <see cref="IWorkspaceEvents"/>: an event goes to the clients of its workspace connected to this process
/// (a SignalR group per workspace) and, through the <see cref="ILiveRelay"/>, to those of every other process on the
/// same PostgreSQL database. Viewing and leaving a document go the same way, and keep <see cref="WorkspacePresence"/>.
/// </summary>
public sealed class LiveWorkspaceEvents : IWorkspaceEvents
{
    private readonly LiveDelivery _delivery;
    private readonly ILiveRelay _relay;
    private readonly LiveOrigin _origin;
    private readonly WorkspacePresence _presence;
    private readonly TimeProvider _clock;

    internal LiveWorkspaceEvents(LiveDelivery delivery, ILiveRelay relay, LiveOrigin origin, WorkspacePresence presence, TimeProvider clock)
    {
        _delivery = delivery;
        _relay = relay;
        _origin = origin;
        _presence = presence;
        _clock = clock;
    }

    /// <remarks>
    /// The change is made when this is called, so its event goes out even when the caller's request is aborted meanwhile:
    /// <paramref name="cancellationToken"/> is not passed on.
    /// </remarks>
    public Task PublishAsync(WorkspaceEvent workspaceEvent, CancellationToken cancellationToken = default) =>
        SendAsync(new LiveMessage(_origin.Id, LiveMessage.EventKind, workspaceEvent), CancellationToken.None);

    /// <summary>
    /// A connection of this process views a document, with <paramref name="selection"/> (an element id) selected in it: it
    /// stops viewing the one it viewed in that workspace, if another. Viewing the same document with another selection
    /// sends <c>viewing</c> again, with the selection, keeping when the viewer came.
    /// </summary>
    internal async Task ViewAsync(string connection, string workspace, string? user, string kind, string id, CancellationToken cancellationToken, string? selection = null)
    {
        var key = new ViewerKey(_origin.Id, connection, workspace);
        var since = _clock.GetUtcNow();
        if (_presence.Get(key) is { } viewing)
        {
            if (viewing.DocumentKind == kind && viewing.DocumentId == id)
            {
                if (viewing.Selection == selection)
                {
                    return;
                }

                since = viewing.Since;
            }
            else
            {
                await LeaveAsync(connection, workspace, cancellationToken).ConfigureAwait(false);
            }
        }

        var viewingEvent = new WorkspaceEvent(workspace, WorkspaceEventTypes.Viewing, user, kind, id, Selection: selection);
        await SendAsync(new LiveMessage(_origin.Id, LiveMessage.EventKind, viewingEvent, connection, since), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A connection of this process stops viewing its document in <paramref name="workspace"/>, if it views one.</summary>
    internal async Task LeaveAsync(string connection, string workspace, CancellationToken cancellationToken)
    {
        if (_presence.Get(new ViewerKey(_origin.Id, connection, workspace)) is { } viewer)
        {
            var left = new WorkspaceEvent(workspace, WorkspaceEventTypes.Left, viewer.User, viewer.DocumentKind, viewer.DocumentId);
            await SendAsync(new LiveMessage(_origin.Id, LiveMessage.EventKind, left, connection), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A connection of this process stops viewing <paramref name="kind"/>/<paramref name="id"/>, if that is what it views (not a document it went on to).</summary>
    internal Task LeaveAsync(string connection, string workspace, string kind, string id, CancellationToken cancellationToken) =>
        _presence.Get(new ViewerKey(_origin.Id, connection, workspace)) is { } viewer && viewer.DocumentKind == kind && viewer.DocumentId == id
            ? LeaveAsync(connection, workspace, cancellationToken)
            : Task.CompletedTask;

    /// <summary>A connection of this process is gone: it leaves every document it viewed.</summary>
    internal async Task DisconnectedAsync(string connection, CancellationToken cancellationToken)
    {
        foreach (var (key, _) in _presence.OfConnection(_origin.Id, connection))
        {
            await LeaveAsync(connection, key.Workspace, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(LiveMessage message, CancellationToken cancellationToken)
    {
        await _delivery.ApplyAsync(message, cancellationToken).ConfigureAwait(false);
        await _relay.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Applies a message, this process's or another's, here: presence is updated and the event sent to the workspace's clients.</summary>
internal sealed class LiveDelivery(IHubContext<LiveHub> hub, WorkspacePresence presence, TimeProvider clock, WorkspaceEventBus pages)
{
    /// <summary>The message clients receive, with the <see cref="WorkspaceEvent"/> as its one argument.</summary>
    public const string ClientMethod = "event";

    public static string GroupOf(string workspace) => "workspace:" + workspace;

    public async Task ApplyAsync(LiveMessage message, CancellationToken cancellationToken)
    {
        if (message.Kind == LiveMessage.Bye)
        {
            // A process went down: its viewers left.
            foreach (var (key, viewer) in presence.OfOrigin(message.Origin))
            {
                presence.Remove(key);
                var left = new WorkspaceEvent(key.Workspace, WorkspaceEventTypes.Left, viewer.User, viewer.DocumentKind, viewer.DocumentId);
                await hub.Clients.Group(GroupOf(key.Workspace)).SendAsync(ClientMethod, left, cancellationToken).ConfigureAwait(false);
                await pages.DeliverAsync(left).ConfigureAwait(false);
            }

            return;
        }

        if (message is not { Kind: LiveMessage.EventKind, Event: { } workspaceEvent })
        {
            return;
        }

        if (message.Connection is { } connection)
        {
            var key = new ViewerKey(message.Origin, connection, workspaceEvent.Workspace);
            if (workspaceEvent is { Type: WorkspaceEventTypes.Viewing, DocumentKind: { } kind, DocumentId: { } id })
            {
                presence.Set(key, new Viewer(workspaceEvent.Actor, kind, id, message.Since ?? clock.GetUtcNow(), workspaceEvent.Selection));
            }
            else if (workspaceEvent.Type == WorkspaceEventTypes.Left)
            {
                presence.Remove(key);
            }
        }

        if (!message.Replay)
        {
            await hub.Clients.Group(GroupOf(workspaceEvent.Workspace)).SendAsync(ClientMethod, workspaceEvent, cancellationToken).ConfigureAwait(false);
            await pages.DeliverAsync(workspaceEvent).ConfigureAwait(false);
        }
    }
}

/// <summary>Carries messages to the other server processes on the same database.</summary>
internal interface ILiveRelay
{
    /// <summary>Sends the message to the other processes; never throws for a database that does not answer (the event is then lost to them, and logged).</summary>
    Task SendAsync(LiveMessage message, CancellationToken cancellationToken);
}

/// <summary>No other process can share a SQLite database's server: events stay in this process.</summary>
internal sealed class InProcessOnly : ILiveRelay
{
    public Task SendAsync(LiveMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}

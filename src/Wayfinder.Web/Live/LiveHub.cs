namespace Wayfinder.Web.Live;

using Microsoft.AspNetCore.SignalR;
using Wayfinder.Core.Serialization;

/// <summary>
/// The SignalR hub at <c>/api/v1/live</c>. A client joins a workspace it may read and then receives each of its
/// <see cref="WorkspaceEvent"/>s as the message <c>event</c> (the record as snake_case JSON); it says which document it
/// views, and the workspace's other clients hear it (<c>viewing</c>, <c>left</c>). A refused or malformed call fails
/// with a <see cref="HubException"/> that says why, and changes nothing.
/// </summary>
public sealed class LiveHub(LiveAccess access, LiveWorkspaceEvents events) : Hub
{
    private const int MaxIdLength = 200;
    private const string JoinedKey = "wayfinder.joined";

    /// <summary>Receives the workspace's events from now on; returns who views which of its documents now.</summary>
    public async Task<IReadOnlyList<Viewer>> JoinWorkspace(string workspace)
    {
        if (string.IsNullOrEmpty(workspace) || !await access.CanReadAsync(Context.User, workspace, Context.ConnectionAborted).ConfigureAwait(false))
        {
            throw new HubException($"there is no workspace \"{workspace}\" that you may read; join one of your workspaces by its id");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LiveDelivery.GroupOf(workspace), Context.ConnectionAborted).ConfigureAwait(false);
        Joined.Add(workspace);
        return access.Presence.In(workspace);
    }

    /// <summary>Stops receiving the workspace's events (and stops viewing its document).</summary>
    public async Task LeaveWorkspace(string workspace)
    {
        await events.LeaveAsync(Context.ConnectionId, workspace, Context.ConnectionAborted).ConfigureAwait(false);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveDelivery.GroupOf(workspace), Context.ConnectionAborted).ConfigureAwait(false);
        Joined.Remove(workspace);
    }

    /// <summary>Views a document of a joined workspace (and so leaves the one viewed there before).</summary>
    public Task Viewing(string workspace, string kind, string id)
    {
        if (!Joined.Contains(workspace))
        {
            throw new HubException($"join workspace \"{workspace}\" before viewing its documents");
        }

        if (DocumentYaml.ParseKind(kind) is null)
        {
            throw new HubException($"\"{kind}\" is not a document kind; use one of the API's kinds, such as journey or persona");
        }

        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength)
        {
            throw new HubException($"a document id is 1 to {MaxIdLength} characters");
        }

        return events.ViewAsync(Context.ConnectionId, workspace, Context.User?.Identity?.Name, kind, id, Context.ConnectionAborted);
    }

    /// <summary>Stops viewing the document viewed in the workspace, if any.</summary>
    public Task Leaving(string workspace) => events.LeaveAsync(Context.ConnectionId, workspace, Context.ConnectionAborted);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await events.DisconnectedAsync(Context.ConnectionId, CancellationToken.None).ConfigureAwait(false);
        await base.OnDisconnectedAsync(exception).ConfigureAwait(false);
    }

    /// <summary>The workspaces this connection joined (a connection's calls run one at a time).</summary>
    private HashSet<string> Joined =>
        Context.Items.TryGetValue(JoinedKey, out var joined) && joined is HashSet<string> set
            ? set
            : (HashSet<string>)(Context.Items[JoinedKey] = new HashSet<string>(StringComparer.Ordinal));
}

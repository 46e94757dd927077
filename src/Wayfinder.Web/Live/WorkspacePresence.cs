namespace Wayfinder.Web.Live;

using System.Collections.Concurrent;

/// <summary>Someone viewing a document of a workspace, as <c>GET …/presence</c> lists them.</summary>
/// <param name="User">The person's user name; absent for a client not signed in.</param>
/// <param name="DocumentKind">The document's kind as in the API's routes (<c>journey</c>, <c>persona</c>, …).</param>
/// <param name="DocumentId">The document's id.</param>
/// <param name="Since">When they began viewing it.</param>
/// <param name="Selection">The element id they have selected in it, when they have one.</param>
public sealed record Viewer(string? User, string DocumentKind, string DocumentId, DateTimeOffset Since, string? Selection = null);

/// <summary>
/// Who views which document, on every server process: each connection (of this process or another) views at most one
/// document per workspace. Kept in memory; the processes tell each other through <see cref="LiveMessage"/>s.
/// </summary>
public sealed class WorkspacePresence
{
    private readonly ConcurrentDictionary<ViewerKey, Viewer> _viewers = new();

    /// <summary>The workspace's viewers, one entry per person and document (the earliest of their connections), in the order they came.</summary>
    public IReadOnlyList<Viewer> In(string workspace) =>
    [
        .. _viewers.Where(v => v.Key.Workspace == workspace)
            .GroupBy(v => (v.Value.User, v.Value.DocumentKind, v.Value.DocumentId))
            .Select(g => g.Select(v => v.Value).MinBy(v => v.Since)!)
            .OrderBy(v => v.Since).ThenBy(v => v.User, StringComparer.Ordinal).ThenBy(v => v.DocumentKind, StringComparer.Ordinal).ThenBy(v => v.DocumentId, StringComparer.Ordinal),
    ];

    internal Viewer? Get(ViewerKey key) => _viewers.GetValueOrDefault(key);

    internal void Set(ViewerKey key, Viewer viewer) => _viewers[key] = viewer;

    internal Viewer? Remove(ViewerKey key) => _viewers.TryRemove(key, out var viewer) ? viewer : null;

    /// <summary>What one connection views, in each workspace.</summary>
    internal IReadOnlyList<(ViewerKey Key, Viewer Viewer)> OfConnection(string origin, string connection) =>
        [.. _viewers.Where(v => v.Key.Origin == origin && v.Key.Connection == connection).Select(v => (v.Key, v.Value))];

    /// <summary>Every viewer of one process.</summary>
    internal IReadOnlyList<(ViewerKey Key, Viewer Viewer)> OfOrigin(string origin) =>
        [.. _viewers.Where(v => v.Key.Origin == origin).Select(v => (v.Key, v.Value))];

    /// <summary>Forgets the viewers of every process but <paramref name="origin"/>; they are told again when asked.</summary>
    internal void KeepOnly(string origin)
    {
        foreach (var key in _viewers.Keys.Where(k => k.Origin != origin))
        {
            _viewers.TryRemove(key, out _);
        }
    }
}

/// <summary>One viewer's place: the process and connection they view from, and the workspace.</summary>
internal readonly record struct ViewerKey(string Origin, string Connection, string Workspace);

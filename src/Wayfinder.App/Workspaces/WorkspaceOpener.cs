namespace Wayfinder.App.Workspaces;

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Wayfinder.App.Documents;

/// <summary>
/// Opens workspaces. A folder is opened once per process and shared, so its opened event store serves every reader
/// until an import replaces it.
/// </summary>
public sealed class WorkspaceOpener
{
    private readonly ConcurrentDictionary<string, WorkspaceStores> _folders = new(StringComparer.Ordinal);
    private readonly WayfinderOptions _options;
    private readonly TimeProvider _clock;

    public WorkspaceOpener(IOptions<WayfinderOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
    }

    /// <summary>The workspace in <paramref name="root"/> (a folder holding wayfinder.yaml).</summary>
    public WorkspaceStores Folder(string root) =>
        _folders.GetOrAdd(Path.GetFullPath(root), full => new WorkspaceStores(new FolderDocumentRepository(full), full));

    /// <summary>A workspace held in memory: documents and evidence alike touch no disk.</summary>
    public WorkspaceStores InMemory(MemoryDocumentRepository documents) => new(documents, null);
}

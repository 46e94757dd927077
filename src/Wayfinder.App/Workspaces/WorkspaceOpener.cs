namespace Wayfinder.App.Workspaces;

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Wayfinder.App.Documents;
using Wayfinder.Evidence;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// Opens workspaces. A folder is opened once per process and shared, so its opened event store serves every reader
/// until an import replaces it; each store may use <see cref="WayfinderOptions.MaxDegreeOfParallelism"/> cores.
/// </summary>
public sealed class WorkspaceOpener
{
    private readonly ConcurrentDictionary<string, WorkspaceStores> _folders = new(StringComparer.Ordinal);
    private readonly EngineOptions _engine;

    public WorkspaceOpener(IOptions<WayfinderOptions> options) =>
        _engine = new EngineOptions { DegreeOfParallelism = options.Value.MaxDegreeOfParallelism };

    /// <summary>The workspace in <paramref name="root"/> (a folder holding wayfinder.yaml), its evidence under <c>.wayfinder/</c>.</summary>
    public WorkspaceStores Folder(string root) =>
        _folders.GetOrAdd(Path.GetFullPath(root), full => new WorkspaceStores(
            new FolderDocumentRepository(full), EventStore.ForWorkspace(full, _engine), SurveyStore.ForWorkspace(full, _engine), full));

    /// <summary>A workspace held in memory, documents and evidence alike: nothing touches the disk.</summary>
    public WorkspaceStores InMemory(MemoryDocumentRepository documents) =>
        new(documents, EventStore.InMemory(EventLog.Empty, _engine), SurveyStore.InMemory([]), null);

    /// <summary>A workspace held in memory over evidence already held in memory (an event log built by hand, answers and insights).</summary>
    public WorkspaceStores InMemory(MemoryDocumentRepository documents, EventLog events, IReadOnlyList<SurveyResponse> surveys) =>
        new(documents, EventStore.InMemory(events, _engine), SurveyStore.InMemory(surveys), null);
}

namespace Wayfinder.App.Workspaces;

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Wayfinder.App.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// Opens workspaces. A folder is opened once per process (and event store) and shared, so its opened event store serves
/// every reader until an import replaces it; each store may use <see cref="WayfinderOptions.MaxDegreeOfParallelism"/> cores.
/// Which event store a folder uses is its <c>wayfinder.yaml</c>'s <c>store:</c> section or the address given at run time
/// (<see cref="EvidenceStores.Resolve"/>).
/// </summary>
public sealed class WorkspaceOpener : IDisposable
{
    private readonly ConcurrentDictionary<string, WorkspaceStores> _folders = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<IDisposable> _opened = [];
    private readonly EngineOptions _engine;

    public WorkspaceOpener(IOptions<WayfinderOptions> options) =>
        _engine = new EngineOptions { DegreeOfParallelism = options.Value.MaxDegreeOfParallelism };

    /// <summary>
    /// The workspace in <paramref name="root"/> (a folder holding wayfinder.yaml), its evidence under <c>.wayfinder/</c> or,
    /// when <paramref name="events"/> or the file's <c>store.events</c> names one, its events in ClickHouse. Throws
    /// <see cref="Evidence.ClickHouse.ClickHouseException"/> with a plain message when that address cannot be used.
    /// </summary>
    /// <param name="events">An event store address given at run time (<c>--events</c>); wins over the file.</param>
    public WorkspaceStores Folder(string root, string? events = null)
    {
        var full = Path.GetFullPath(root);
        return _folders.GetOrAdd(full + "\n" + events, _ => new WorkspaceStores(new FolderDocumentRepository(full), () => OpenEvidence(full, events), full));
    }

    private (IEventStore Events, IFeedbackStore Feedback) OpenEvidence(string folder, string? events)
    {
        var configPath = Path.Combine(folder, WorkspaceLoader.ConfigFileName);
        var configText = File.Exists(configPath) ? File.ReadAllText(configPath) : null;
        var (workspace, _) = WorkspaceLoader.Read(Path.GetFileName(folder), folder, configText, []);
        var clickHouse = EvidenceStores.Resolve(workspace.Config, events);
        var store = EvidenceStores.Events(folder, clickHouse, _engine);
        var feedback = EvidenceStores.Feedback(folder, clickHouse, _engine);
        foreach (var opened in new object[] { store, feedback }.OfType<IDisposable>())
        {
            _opened.Add(opened);
        }

        return (store, feedback);
    }

    /// <summary>A workspace held in memory, documents and evidence alike: nothing touches the disk.</summary>
    public WorkspaceStores InMemory(MemoryDocumentRepository documents) =>
        new(documents, EventStore.InMemory(EventLog.Empty, _engine), SurveyStore.InMemory([]), null);

    /// <summary>A workspace held in memory over evidence already held in memory (an event log built by hand, answers and insights).</summary>
    public WorkspaceStores InMemory(MemoryDocumentRepository documents, EventLog events, IReadOnlyList<SurveyResponse> surveys) =>
        new(documents, EventStore.InMemory(events, _engine), SurveyStore.InMemory(surveys), null);

    /// <summary>Closes the connections of the ClickHouse stores opened.</summary>
    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        _folders.Clear();
    }
}

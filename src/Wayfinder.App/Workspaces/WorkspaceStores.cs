namespace Wayfinder.App.Workspaces;

using Wayfinder.App.Documents;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// A workspace opened for the use cases: where its documents are and where its evidence is (events; survey answers
/// and insights). Every service takes one, so the same call runs on a folder, in memory or on the server's database.
/// </summary>
public sealed class WorkspaceStores
{
    private readonly Lazy<(IEventStore Events, IFeedbackStore Feedback)> _evidence;

    public WorkspaceStores(IDocumentRepository documents, IEventStore events, IFeedbackStore feedback, string? folder)
        : this(documents, () => (events, feedback), folder)
    {
    }

    /// <summary>
    /// A workspace whose evidence stores are opened on first use, so a use case that reads only documents (validate, render)
    /// never needs them, nor a store address that is wrong or a server that is down.
    /// </summary>
    public WorkspaceStores(IDocumentRepository documents, Func<(IEventStore Events, IFeedbackStore Feedback)> evidence, string? folder)
    {
        Documents = documents;
        _evidence = new Lazy<(IEventStore, IFeedbackStore)>(evidence);
        Folder = folder;
    }

    public IDocumentRepository Documents { get; }

    public IEventStore Events => _evidence.Value.Events;

    public IFeedbackStore Feedback => _evidence.Value.Feedback;

    /// <summary>The workspace folder when the workspace is one on disk (data source paths start there); otherwise null.</summary>
    public string? Folder { get; }
}

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
    public WorkspaceStores(IDocumentRepository documents, IEventStore events, IFeedbackStore feedback, string? folder)
    {
        Documents = documents;
        Events = events;
        Feedback = feedback;
        Folder = folder;
    }

    public IDocumentRepository Documents { get; }

    public IEventStore Events { get; }

    public IFeedbackStore Feedback { get; }

    /// <summary>The workspace folder when the workspace is one on disk (data source paths start there); otherwise null.</summary>
    public string? Folder { get; }
}

namespace Wayfinder.App.Workspaces;

using Wayfinder.App.Documents;

/// <summary>
/// A workspace opened for the use cases: where its documents are and where its evidence is. Every service takes one,
/// so the same call runs on a folder, in memory or on the server's database.
/// </summary>
public sealed class WorkspaceStores
{
    public WorkspaceStores(IDocumentRepository documents, string? folder)
    {
        Documents = documents;
        Folder = folder;
    }

    public IDocumentRepository Documents { get; }

    /// <summary>The workspace folder when the workspace is one on disk (result files go under it by default); otherwise null.</summary>
    public string? Folder { get; }
}

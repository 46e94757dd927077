namespace Wayfinder.App.Documents;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>A loaded workspace's documents as a repository lists and reads them.</summary>
public static class WorkspaceDocuments
{
    /// <summary>Every document, personas then journeys then value gap maps, each in the order of its file.</summary>
    public static IReadOnlyList<DocumentEntry> Entries(this Workspace workspace) =>
    [
        .. workspace.Personas.Select(p => Entry(p.Document, p.File)),
        .. workspace.Journeys.Select(j => Entry(j.Document, j.File)),
        .. workspace.ValueGaps.Select(v => Entry(v.Document, v.File)),
    ];

    /// <summary>The document of that kind and id as stored, or null.</summary>
    public static StoredDocument? Find(this Workspace workspace, DocumentKind kind, string id) => kind switch
    {
        DocumentKind.Persona => Stored(workspace.Personas.Find(p => p.Document.Id == id)),
        DocumentKind.Journey => Stored(workspace.Journeys.Find(j => j.Document.Id == id)),
        DocumentKind.ValueGap => Stored(workspace.ValueGaps.Find(v => v.Document.Id == id)),
        _ => null,
    };

    /// <summary>The document of that kind and id as read, or null.</summary>
    public static IDocument? Document(this Workspace workspace, DocumentKind kind, string id) => kind switch
    {
        DocumentKind.Persona => workspace.FindPersona(id),
        DocumentKind.Journey => workspace.FindJourney(id),
        DocumentKind.ValueGap => workspace.FindValueGap(id),
        _ => null,
    };

    /// <summary>The ids of the workspace's documents of that kind, in the order of their files.</summary>
    public static IEnumerable<string> Ids(this Workspace workspace, DocumentKind kind) => kind switch
    {
        DocumentKind.Persona => workspace.Personas.Select(p => p.Document.Id),
        DocumentKind.Journey => workspace.Journeys.Select(j => j.Document.Id),
        DocumentKind.ValueGap => workspace.ValueGaps.Select(v => v.Document.Id),
        _ => [],
    };

    /// <summary>What a kind is called in a sentence: persona, journey, value gap map.</summary>
    public static string Words(DocumentKind kind) => kind switch
    {
        DocumentKind.Persona => "persona",
        DocumentKind.ValueGap => "value gap map",
        _ => "journey",
    };

    private static DocumentEntry Entry(IDocument document, string file) => new(document.Kind, document.Id, document.Title, file, document.Revision);

    private static StoredDocument? Stored<T>(SourcedDocument<T>? source)
        where T : IDocument =>
        source is null ? null : new StoredDocument(source.Document.Kind, source.Document.Id, source.File, source.Text, source.Document.Revision);
}

namespace Wayfinder.Core.Workspaces;

using Wayfinder.Core.Documents;

/// <summary>A document together with the file it came from (relative to the workspace root) and its text.</summary>
public sealed record SourcedDocument<T>(T Document, string File, string Text)
    where T : IDocument;

/// <summary>One document file of a workspace: its path relative to the root, with forward slashes, and its text.</summary>
public sealed record WorkspaceFile(string Path, string Text);

/// <summary>A loaded workspace: its config and every document, each with the file it came from.</summary>
public sealed class Workspace
{
    /// <summary>Where the workspace lives: its folder for a workspace on disk, a name for one held elsewhere.</summary>
    public required string Root { get; init; }
    public required WorkspaceConfig Config { get; init; }
    public string ConfigText { get; init; } = "";
    public List<SourcedDocument<Persona>> Personas { get; init; } = [];
    public List<SourcedDocument<Journey>> Journeys { get; init; } = [];
    public List<SourcedDocument<ValueGapMap>> ValueGaps { get; init; } = [];

    public Persona? FindPersona(string id) => Personas.Find(p => p.Document.Id == id)?.Document;

    public Journey? FindJourney(string id) => Journeys.Find(j => j.Document.Id == id)?.Document;

    public ValueGapMap? FindValueGap(string id) => ValueGaps.Find(v => v.Document.Id == id)?.Document;

    public IEnumerable<IDocument> AllDocuments =>
        Personas.Select(p => (IDocument)p.Document)
            .Concat(Journeys.Select(j => (IDocument)j.Document))
            .Concat(ValueGaps.Select(v => (IDocument)v.Document));
}

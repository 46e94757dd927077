namespace Wayfinder.App.Documents;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>A document that names another: its kind, id, title and file.</summary>
public sealed record DocumentReference(DocumentKind Kind, string Id, string Title, string File);

/// <summary>
/// Which documents name a given one, the references the validator checks: a persona is named by journeys (their personas
/// and their lanes' items) and by value gap maps; a journey by the future-state maps of it (<c>current_map</c>) and the
/// stages and steps that open it (<c>sub_journey</c>). Deleting a document still named would leave each of those
/// refused at its next save, so the front doors say which they are first. (A current map's <c>current_map</c> is only
/// warned of, so it does not count.)
/// </summary>
public static class DocumentReferences
{
    /// <summary>The documents of <paramref name="workspace"/> that name the document, in the workspace's order.</summary>
    public static IReadOnlyList<DocumentReference> UsedBy(Workspace workspace, DocumentKind kind, string id)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return kind switch
        {
            DocumentKind.Persona =>
            [
                .. workspace.Journeys
                    .Where(j => j.Document.Personas.Contains(id) || j.Document.Lanes.Any(l => l.Items.Any(i => i.Persona == id)))
                    .Select(j => new DocumentReference(DocumentKind.Journey, j.Document.Id, j.Document.Title, j.File)),
                .. workspace.ValueGaps.Where(v => v.Document.Persona == id)
                    .Select(v => new DocumentReference(DocumentKind.ValueGap, v.Document.Id, v.Document.Title, v.File)),
            ],
            DocumentKind.Journey =>
            [
                .. workspace.Journeys
                    .Where(j => j.Document.Id != id && ((j.Document.State == JourneyState.Future && j.Document.CurrentMap == id)
                        || j.Document.Stages.Any(s => s.SubJourney == id || s.Steps.Any(t => t.SubJourney == id))))
                    .Select(j => new DocumentReference(DocumentKind.Journey, j.Document.Id, j.Document.Title, j.File)),
            ],
            _ => [],
        };
    }

    /// <summary>
    /// Why the document may not be deleted from <paramref name="workspace"/>, in words every front door shows: the documents
    /// that still name it (each by kind, id and file); null when none does.
    /// </summary>
    public static string? DeleteRefusal(Workspace workspace, DocumentKind kind, string id)
    {
        var usedBy = UsedBy(workspace, kind, id);
        if (usedBy.Count == 0)
        {
            return null;
        }

        var names = string.Join(", ", usedBy.Select(r => $"{WorkspaceDocuments.Words(r.Kind)} \"{r.Id}\" ({r.File})"));
        return usedBy.Count == 1
            ? $"{names} still names it and would be refused at its next save; take it off that document (or delete that too) first"
            : $"{names} still name it and would be refused at their next save; take it off those documents (or delete them too) first";
    }
}

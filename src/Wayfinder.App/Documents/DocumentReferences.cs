namespace Wayfinder.App.Documents;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>A document that names another: its kind, id and title.</summary>
public sealed record DocumentReference(DocumentKind Kind, string Id, string Title);

/// <summary>
/// Which documents name a given one, the references the validator checks: a persona is named by journeys (their personas
/// and their lanes' items) and by value gap maps; a journey by the future-state maps of it (<c>current_map</c>) and the
/// stages and steps that open it (<c>sub_journey</c>). Deleting a document still named would leave each of those
/// refused at its next save, so the front doors say which they are first.
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
                .. workspace.Journeys.Select(j => j.Document)
                    .Where(j => j.Personas.Contains(id) || j.Lanes.Any(l => l.Items.Any(i => i.Persona == id)))
                    .Select(j => new DocumentReference(DocumentKind.Journey, j.Id, j.Title)),
                .. workspace.ValueGaps.Select(v => v.Document).Where(v => v.Persona == id)
                    .Select(v => new DocumentReference(DocumentKind.ValueGap, v.Id, v.Title)),
            ],
            DocumentKind.Journey =>
            [
                .. workspace.Journeys.Select(j => j.Document)
                    .Where(j => j.Id != id && (j.CurrentMap == id || j.Stages.Any(s => s.SubJourney == id || s.Steps.Any(t => t.SubJourney == id))))
                    .Select(j => new DocumentReference(DocumentKind.Journey, j.Id, j.Title)),
            ],
            _ => [],
        };
    }
}

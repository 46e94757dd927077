namespace Wayfinder.Web.Components.Shared;

using Wayfinder.Core.Documents;

/// <summary>
/// Every page address of the web app, in one place, so links never drift from routes. A workspace's pages live under
/// <c>/w/{workspace}</c>; ids are escaped for the path.
/// </summary>
public static class WorkspaceLinks
{
    public static string Home(string workspace) => $"/w/{E(workspace)}";

    public static string Search(string workspace, string? query = null) =>
        query is null ? $"/w/{E(workspace)}/search" : $"/w/{E(workspace)}/search?q={Uri.EscapeDataString(query)}";

    public static string Journeys(string workspace) => $"/w/{E(workspace)}/journeys";

    public static string NewJourney(string workspace) => $"/w/{E(workspace)}/journeys/new";

    public static string Journey(string workspace, string id) => $"/w/{E(workspace)}/journeys/{E(id)}";

    public static string EditJourney(string workspace, string id) => $"/w/{E(workspace)}/journeys/{E(id)}/edit";

    public static string JourneyHistory(string workspace, string id) => $"/w/{E(workspace)}/journeys/{E(id)}/history";

    public static string PresentJourney(string workspace, string id) => $"/w/{E(workspace)}/journeys/{E(id)}/present";

    public static string CompareJourneys(string workspace, string id, string other) => $"/w/{E(workspace)}/journeys/{E(id)}/compare/{E(other)}";

    public static string Personas(string workspace) => $"/w/{E(workspace)}/personas";

    public static string NewPersona(string workspace) => $"/w/{E(workspace)}/personas/new";

    public static string Persona(string workspace, string id) => $"/w/{E(workspace)}/personas/{E(id)}";

    public static string EditPersona(string workspace, string id) => $"/w/{E(workspace)}/personas/{E(id)}/edit";

    /// <summary>The history page of a persona or a value gap map (a journey's is <see cref="JourneyHistory"/>).</summary>
    public static string History(string workspace, DocumentKind kind, string id) => kind switch
    {
        DocumentKind.Persona => $"{Persona(workspace, id)}/history",
        DocumentKind.ValueGap => $"{ValueGap(workspace, id)}/history",
        _ => JourneyHistory(workspace, id),
    };

    public static string ValueGaps(string workspace) => $"/w/{E(workspace)}/value-gaps";

    /// <summary>The page that starts a value gap map, for <paramref name="persona"/> when given.</summary>
    public static string NewValueGap(string workspace, string? persona = null) =>
        persona is null ? $"/w/{E(workspace)}/value-gaps/new" : $"/w/{E(workspace)}/value-gaps/new?persona={Uri.EscapeDataString(persona)}";

    public static string ValueGap(string workspace, string id) => $"/w/{E(workspace)}/value-gaps/{E(id)}";

    public static string Opportunities(string workspace) => $"/w/{E(workspace)}/opportunities";

    public static string Evidence(string workspace) => $"/w/{E(workspace)}/evidence";

    public static string Analysis(string workspace, string journey) => $"/w/{E(workspace)}/evidence/{E(journey)}";

    /// <summary>The whole workspace as a zip in the CLI's layout (the API's export).</summary>
    public static string Export(string workspace) => $"/api/v1/workspaces/{E(workspace)}/export";

    /// <summary>The workspace's settings (its wayfinder.yaml).</summary>
    public static string Settings(string workspace) => $"/w/{E(workspace)}/settings";

    public static string People(string workspace) => $"/w/{E(workspace)}/people";

    /// <summary>
    /// The API's rendering of a document (<c>render.svg</c>, <c>.png</c>, <c>.pdf</c>, …), read through the share link
    /// <paramref name="share"/> when given.
    /// </summary>
    public static string Render(string workspace, DocumentKind kind, string id, string format, string? share = null) =>
        $"/api/v1/workspaces/{E(workspace)}/documents/{Wayfinder.Web.Documents.PageDocuments.RouteKind(kind)}/{E(id)}/render.{format}"
        + (string.IsNullOrEmpty(share) ? "" : "?share=" + Uri.EscapeDataString(share));

    /// <summary>The page of a document of any kind.</summary>
    /// <summary>The workspace's recently deleted documents, to bring back.</summary>
    public static string Deleted(string workspace) => $"/w/{E(workspace)}/deleted";

    public static string Document(string workspace, DocumentKind kind, string id) => kind switch
    {
        DocumentKind.Persona => Persona(workspace, id),
        DocumentKind.ValueGap => ValueGap(workspace, id),
        _ => Journey(workspace, id),
    };

    /// <summary>The workspace named by a base-relative path such as <c>w/demo/journeys/x</c>, or null.</summary>
    public static string? WorkspaceOf(string relativePath)
    {
        var path = relativePath.Split('?', '#')[0];
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && parts[0] == "w" ? Uri.UnescapeDataString(parts[1]) : null;
    }

    private static string E(string segment) => Uri.EscapeDataString(segment);
}

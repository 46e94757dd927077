namespace Wayfinder.Web.Live;

/// <summary>
/// Something that happened in a workspace that its clients should hear of: a document saved or deleted, a comment
/// written, evidence imported, a person viewing a document.
/// </summary>
/// <param name="Workspace">The workspace's id.</param>
/// <param name="Type">What happened: one of <see cref="WorkspaceEventTypes"/>.</param>
/// <param name="Actor">Who did it (a user name), when known.</param>
/// <param name="DocumentKind">The document's kind as in the API's routes (<c>journey</c>, <c>persona</c>, …), when about one.</param>
/// <param name="DocumentId">The document's id, when about one.</param>
/// <param name="Revision">The document's revision after the change, when it has one.</param>
/// <param name="Detail">A short plain-words detail (a comment's id, an import's row count), when there is one.</param>
/// <param name="Selection">For <c>viewing</c>: the element id the viewer has selected in the document, when they have one
/// (left out of the JSON when absent, so clients that do not know it read the event as before).</param>
public sealed record WorkspaceEvent(
    string Workspace,
    string Type,
    string? Actor = null,
    string? DocumentKind = null,
    string? DocumentId = null,
    int? Revision = null,
    string? Detail = null,
    string? Selection = null);

/// <summary>The event types the server publishes.</summary>
public static class WorkspaceEventTypes
{
    public const string Saved = "saved";
    public const string Deleted = "deleted";
    public const string Restored = "restored";
    public const string Commented = "commented";
    public const string Imported = "imported";

    /// <summary>The workspace's settings (<c>wayfinder.yaml</c>) changed.</summary>
    public const string SettingsChanged = "settings_changed";
    public const string ImportProgress = "import_progress";
    public const string Viewing = "viewing";
    public const string Left = "left";
}

/// <summary>Publishes a workspace's events to every client of it (on every server process sharing the database).</summary>
public interface IWorkspaceEvents
{
    Task PublishAsync(WorkspaceEvent workspaceEvent, CancellationToken cancellationToken = default);
}

namespace Wayfinder.Web.Components.People;

using Wayfinder.Web.Access;

/// <summary>A role as people read it, and what it lets them do, in one place for every page that shows roles.</summary>
public static class RoleNames
{
    /// <summary>The roles, weakest first.</summary>
    public static IReadOnlyList<WorkspaceRole> All { get; } = Enum.GetValues<WorkspaceRole>();

    public static string Of(WorkspaceRole role) => role.ToString().ToLowerInvariant();

    public static string Explain(WorkspaceRole role) => role switch
    {
        WorkspaceRole.Viewer => "reads maps, personas and analyses",
        WorkspaceRole.Commenter => "reads and comments",
        WorkspaceRole.Editor => "changes maps and personas, imports evidence, shares read-only links",
        _ => "all of that, and manages people, invitations and links",
    };

    /// <summary>A role from a form's value; null when it is not one.</summary>
    public static WorkspaceRole? Parse(string? text) => Enum.TryParse<WorkspaceRole>(text, ignoreCase: true, out var role) && Enum.IsDefined(role) ? role : null;
}

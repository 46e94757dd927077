namespace Wayfinder.Web.Access;

/// <summary>A workspace's member as others see them (for @mentions and presence).</summary>
public sealed record WorkspaceMember(string UserName, string? DisplayName, WorkspaceRole Role);

/// <summary>Who belongs to a workspace.</summary>
public interface IWorkspaceMembers
{
    /// <summary>The workspace's members; empty when there is no such workspace.</summary>
    Task<IReadOnlyList<WorkspaceMember>> ListAsync(string workspaceId, CancellationToken cancellationToken);
}

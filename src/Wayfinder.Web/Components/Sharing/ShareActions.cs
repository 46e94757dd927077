namespace Wayfinder.Web.Components.Sharing;

using System.Globalization;
using System.Security.Claims;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Access;
using Wayfinder.Web.Components.People;
using Wayfinder.Web.Components.Shared;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>
/// What the share dialog and the people page do, through the API's own handlers (the same checks, the same audit), each in
/// a service scope of its own (a singleton: it keeps no DbContext). The caller checks the visitor's role first (<see cref="RoleAsync"/>).
/// </summary>
public sealed class ShareActions(IServiceScopeFactory scopes)
{
    /// <summary>Expiries a read-only link may have, in days; null: never.</summary>
    public static IReadOnlyList<int?> LinkDays { get; } = [1, 7, 30, null];

    /// <summary>The visitor's role in the workspace now, from the database.</summary>
    public Task<WorkspaceRole?> RoleAsync(string workspace, ClaimsPrincipal user) =>
        InScopeAsync(s => s.GetRequiredService<WorkspaceAccess>().RoleAsync(user, workspace, CancellationToken.None));

    /// <summary>The workspace's read-only links that still work, newest first; of one document when <paramref name="kind"/> is given.</summary>
    public Task<List<ShareLinkInfo>> OpenLinksAsync(string workspace, DocumentKind? kind = null, string? documentId = null) =>
        InScopeAsync(async s =>
        {
            var now = s.GetRequiredService<TimeProvider>().GetUtcNow();
            var routeKind = kind is { } k ? PageDocuments.RouteKind(k) : null;
            var all = (await ShareLinksApi.List(workspace, s.GetRequiredService<WayfinderDbContext>(), CancellationToken.None)).Value!;
            return all.Where(l => l.RevokedAt is null && (l.ExpiresAt is null || l.ExpiresAt > now))
                .Where(l => routeKind is null || (l.Kind == routeKind && l.DocumentId == documentId))
                .OrderByDescending(l => l.Id).ToList();
        });

    /// <summary>A new read-only link to the document; the page address it opens (with <c>?share=</c>) or the problem.</summary>
    public Task<(string? Link, string? Problem)> CreateLinkAsync(string workspace, DocumentKind kind, string documentId, int? days, ClaimsPrincipal user) =>
        InScopeAsync(async s =>
        {
            var result = await ShareLinksApi.Create(workspace, new NewShareLink(PageDocuments.RouteKind(kind), documentId, days), s.GetRequiredService<WorkspaceRepositories>(),
                s.GetRequiredService<WayfinderDbContext>(), s.GetRequiredService<AuditTrail>(), s.GetRequiredService<TimeProvider>(), user, CancellationToken.None);
            return ApiResults.ValueOf<ShareLinkInfo>(result.Result) is { } made
                ? (PageLink(workspace, kind, documentId, made.Token!), (string?)null)
                : (null, ApiResults.ProblemOf(result.Result));
        });

    /// <summary>Revokes a read-only link; the problem, or null when it is revoked.</summary>
    public Task<string?> RevokeLinkAsync(string workspace, long linkId, ClaimsPrincipal user) =>
        InScopeAsync(async s => ApiResults.ProblemOf((await ShareLinksApi.Revoke(workspace, linkId.ToString(CultureInfo.InvariantCulture), user,
            s.GetRequiredService<WayfinderDbContext>(), s.GetRequiredService<AuditTrail>(), s.GetRequiredService<TimeProvider>(), CancellationToken.None)).Result));

    /// <summary>A new invitation to the workspace with <paramref name="role"/>: its details (the link once) or the problem.</summary>
    public Task<(InvitationInfo? Invitation, string? Problem)> InviteAsync(string workspace, WorkspaceRole role, int days, ClaimsPrincipal user) =>
        InScopeAsync(async s =>
        {
            var result = await InvitationsApi.Create(workspace, new NewInvitation(role, days), user, s.GetRequiredService<WayfinderDbContext>(),
                s.GetRequiredService<AuditTrail>(), s.GetRequiredService<TimeProvider>(), CancellationToken.None);
            return (ApiResults.ValueOf<InvitationInfo>(result.Result), ApiResults.ProblemOf(result.Result));
        });

    /// <summary>The page a share link opens: the document's page with <c>?share=wfs_…</c>.</summary>
    public static string PageLink(string workspace, DocumentKind kind, string documentId, string token) =>
        WorkspaceLinks.Document(workspace, kind, documentId) + "?share=" + Uri.EscapeDataString(token);

    /// <summary>How long a link works, in words: "7 days", "never".</summary>
    public static string DaysName(int? days) => days switch
    {
        null => "never",
        1 => "1 day",
        _ => $"{days} days",
    };

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}

namespace Wayfinder.Web.Components.Shared;

using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Wayfinder.Web.Access;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>
/// The base of every page under <c>/w/{workspace}</c>: who the visitor is, their role in the workspace (or the one document
/// a share link lets them read), and data access with a fresh service scope per operation, as a circuit lives long and a
/// DbContext must not be shared between overlapping operations. A page renders <see cref="AccessDenied"/> while
/// <see cref="Allowed"/> is false, and loads its data in <see cref="LoadAsync"/>, called once access is known.
/// </summary>
public abstract class WorkspacePage : ComponentBase
{
    private string? _resolvedFor;

    /// <summary>The workspace's id, from the route.</summary>
    [Parameter]
    public string Workspace { get; set; } = "";

    /// <summary>A share link (<c>?share=wfs_…</c>): lets anybody read the one document it was made for.</summary>
    [SupplyParameterFromQuery(Name = "share")]
    public string? Share { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    protected IServiceScopeFactory Scopes { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    /// <summary>The visitor (not authenticated when signed out).</summary>
    protected ClaimsPrincipal User { get; private set; } = new(new ClaimsIdentity());

    /// <summary>The visitor's user name, the author of what they save; null when signed out.</summary>
    protected string? UserName => User.Identity is { IsAuthenticated: true } identity ? identity.Name : null;

    /// <summary>The visitor's role in the workspace; null when they are not a member (or signed out).</summary>
    protected WorkspaceRole? Role { get; private set; }

    /// <summary>The document a valid share link names (kind as in the API's routes, id); null without one.</summary>
    protected (string Kind, string Id)? SharedDocument { get; private set; }

    /// <summary>Why the share link was refused (unknown, revoked, expired), in plain words.</summary>
    protected string? ShareRefusal { get; private set; }

    /// <summary>True once the visitor's access is known (the page shows a placeholder of its own shape until then).</summary>
    protected bool AccessKnown { get; private set; }

    /// <summary>The role this page needs; a page that may also be read through a share link overrides <see cref="AllowsShareLink"/>.</summary>
    protected virtual WorkspaceRole Needs => WorkspaceRole.Viewer;

    /// <summary>Whether a share link for the given document opens this page (kind as in the API's routes); no page by default.</summary>
    protected virtual bool AllowsShareLink(string kind, string id) => false;

    /// <summary>Whether the visitor may see the page.</summary>
    protected bool Allowed => Role >= Needs || (SharedDocument is { } shared && AllowsShareLink(shared.Kind, shared.Id));

    protected bool CanComment => Role >= WorkspaceRole.Commenter;

    protected bool CanEdit => Role >= WorkspaceRole.Editor;

    protected bool IsOwner => Role >= WorkspaceRole.Owner;

    protected bool SignedIn => UserName is not null;

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Workspace}\n{Share}";
        if (_resolvedFor != key)
        {
            _resolvedFor = key;
            User = AuthenticationState is null ? User : (await AuthenticationState).User;
            Role = await InScopeAsync(s => s.GetRequiredService<WorkspaceAccess>().RoleAsync(User, Workspace, CancellationToken.None));
            SharedDocument = null;
            ShareRefusal = null;
            if (!string.IsNullOrEmpty(Share))
            {
                await InScopeAsync(async s =>
                {
                    var row = await ShareLinks.FindAsync(s.GetRequiredService<WayfinderDbContext>(), Share, CancellationToken.None);
                    ShareRefusal = ShareLinks.Refusal(row, Clock.GetUtcNow()) ?? (row!.WorkspaceId == Workspace ? null : "the share link is for another workspace");
                    SharedDocument = ShareRefusal is null ? (row!.Kind, row.DocumentId) : null;
                    return true;
                });
            }

            AccessKnown = true;
        }

        if (Allowed)
        {
            await LoadAsync();
        }
    }

    /// <summary>Loads the page's data; called whenever the route's parameters change and the visitor may see the page.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>Runs <paramref name="work"/> with services of a scope of its own (a DbContext of its own).</summary>
    protected async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Runs <paramref name="work"/> on the workspace's document repository in a scope of its own; default when there is no such workspace.</summary>
    protected Task<T?> WithDocumentsAsync<T>(Func<EfDocumentRepository, IServiceProvider, Task<T>> work) =>
        InScopeAsync<T?>(async s => await s.GetRequiredService<WorkspaceRepositories>().OpenAsync(Workspace, CancellationToken.None) is { } repository
            ? await work(repository, s)
            : default);
}

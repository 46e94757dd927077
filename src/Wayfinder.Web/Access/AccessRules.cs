namespace Wayfinder.Web.Access;

/// <summary>
/// What an endpoint demands, as endpoint metadata that the one policy layer enforces. Every endpoint of the API states
/// exactly one of these (a test walks every endpoint and checks it): a role in the workspace named by the route's
/// <c>{workspace}</c> value, a signed-in person (for what belongs to the person, not a workspace), or nobody.
/// </summary>
public abstract record AccessRule
{
    private AccessRule()
    {
    }

    /// <summary>At least <paramref name="Role"/> in the route's workspace; a share link may read when <paramref name="ShareLinkMayRead"/>.</summary>
    public sealed record InWorkspace(WorkspaceRole Role, bool ShareLinkMayRead = false) : AccessRule;

    /// <summary>Any signed-in person or token (e.g. the person's own tokens); <paramref name="Admin"/>: only a server admin.</summary>
    public sealed record SignedIn(bool Admin = false) : AccessRule;

    /// <summary>Open to anybody (health, sign-in, the OpenAPI document).</summary>
    public sealed record Anybody : AccessRule;
}

/// <summary>Ways to state an endpoint's <see cref="AccessRule"/>.</summary>
public static class AccessRuleExtensions
{
    /// <summary>The endpoint needs at least <paramref name="role"/> in the route's <c>{workspace}</c>.</summary>
    public static TBuilder RequireWorkspaceRole<TBuilder>(this TBuilder builder, WorkspaceRole role)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRule.InWorkspace(role));

    /// <summary>
    /// A read of one document (route values <c>{workspace}</c>, <c>{kind}</c>, <c>{id}</c>) that a viewer may make, and so
    /// may a read-only share link for that very document.
    /// </summary>
    public static TBuilder AllowShareLinkRead<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRule.InWorkspace(WorkspaceRole.Viewer, ShareLinkMayRead: true));

    /// <summary>The endpoint needs a signed-in person or a token, in no particular workspace.</summary>
    public static TBuilder RequireSignedIn<TBuilder>(this TBuilder builder, bool admin = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRule.SignedIn(admin));

    /// <summary>The endpoint is open to anybody.</summary>
    public static TBuilder AllowAnybody<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRule.Anybody());
}

namespace Wayfinder.Web.Tests.Workspaces;

using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;

/// <summary>The access rule each revisions, comments and zip endpoint states: exactly one, the one in this table.</summary>
public sealed class AccessRulesTableTests : IDisposable
{
    private readonly WayfinderServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    public static TheoryData<string, string, WorkspaceRole> Table => new()
    {
        { "GET", "/api/v1/workspaces/{workspace}/documents/{kind}/{id}/revisions/{revision:int}", WorkspaceRole.Viewer },
        { "GET", "/api/v1/workspaces/{workspace}/documents/{kind}/{id}/diff", WorkspaceRole.Viewer },
        { "POST", "/api/v1/workspaces/{workspace}/documents/{kind}/{id}/restore", WorkspaceRole.Editor },
        { "GET", "/api/v1/workspaces/{workspace}/comments/", WorkspaceRole.Viewer },
        { "GET", "/api/v1/workspaces/{workspace}/comments/{thread:long}", WorkspaceRole.Viewer },
        { "POST", "/api/v1/workspaces/{workspace}/comments/", WorkspaceRole.Commenter },
        { "POST", "/api/v1/workspaces/{workspace}/comments/{thread:long}/replies", WorkspaceRole.Commenter },
        { "POST", "/api/v1/workspaces/{workspace}/comments/{thread:long}/resolve", WorkspaceRole.Commenter },
        { "POST", "/api/v1/workspaces/{workspace}/comments/{thread:long}/reopen", WorkspaceRole.Commenter },
        { "PATCH", "/api/v1/workspaces/{workspace}/comments/{thread:long}/comments/{comment:long}", WorkspaceRole.Commenter },
        { "DELETE", "/api/v1/workspaces/{workspace}/comments/{thread:long}/comments/{comment:long}", WorkspaceRole.Commenter },
        { "GET", "/api/v1/workspaces/{workspace}/export", WorkspaceRole.Viewer },
        { "POST", "/api/v1/workspaces/{workspace}/import", WorkspaceRole.Owner },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void TheEndpointStatesExactlyItsRole(string method, string pattern, WorkspaceRole role)
    {
        var endpoint = Assert.Single(_server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(),
            e => e.RoutePattern.RawText == pattern && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) == true);

        Assert.Equal(new AccessRule.InWorkspace(role), Assert.Single(endpoint.Metadata.OfType<AccessRule>()));
    }
}

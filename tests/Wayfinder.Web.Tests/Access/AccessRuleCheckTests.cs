namespace Wayfinder.Web.Tests.Access;

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wayfinder.Web.Access;

/// <summary>A server with an endpoint that states no access rule does not start, and says which endpoint.</summary>
public sealed class AccessRuleCheckTests
{
    [Fact]
    public async Task AnEndpointWithoutARuleStopsTheStartNamingIt()
    {
        var endpoints = new DefaultEndpointDataSource(
            new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new AccessRule.Anybody()), "GET /fine"),
            new Endpoint(_ => Task.CompletedTask, EndpointMetadataCollection.Empty, "GET /naked"));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => new AccessRuleCheck(endpoints).StartAsync(CancellationToken.None));

        Assert.StartsWith("These endpoints state no access rule, so the server will not start: GET /naked. ", refused.Message, StringComparison.Ordinal);
    }
}

namespace Wayfinder.Web.Tests.Access;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;

/// <summary>
/// The one authorization table: every endpoint of the app, called by every kind of caller, is allowed or refused exactly
/// as the table says. A new endpoint fails this test, by name, until it has a row here.
/// </summary>
public sealed class AuthorizationTableTests : IDisposable
{
    /// <summary>Who may call an endpoint.</summary>
    private enum Who
    {
        /// <summary>Everybody, even with a refused token.</summary>
        Anybody,

        /// <summary>A signed-in person, by cookie or token.</summary>
        SignedIn,

        /// <summary>A person signed in with the browser's cookie: a token is refused (403).</summary>
        CookieOnly,

        /// <summary>A server admin.</summary>
        Admin,
        Viewer,

        /// <summary>A viewer, or a share link for the very document in the route.</summary>
        ViewerOrShareLink,
        Commenter,
        Editor,
        Owner,

        /// <summary>An owner signed in with the browser's cookie: a token, even an owner's, is refused (403).</summary>
        OwnerCookieOnly,
    }

    private static readonly Dictionary<string, Who> s_table = new()
    {
        ["GET /healthz"] = Who.Anybody,
        ["GET /readyz"] = Who.Anybody,
        ["GET /openapi/{documentName}.json"] = Who.Anybody,
        ["GET /api/reference/{documentName?}"] = Who.Anybody,
        ["GET /api/reference/scalar.js"] = Who.Anybody,
        ["GET /api/reference/scalar.aspnetcore.js"] = Who.Anybody,
        ["GET /api/reference/favicon.svg"] = Who.Anybody,
        ["GET /api/v1/workspaces/{workspace}/documents/"] = Who.Viewer,
        ["GET /api/v1/workspaces/{workspace}/documents/{kind}/{id}"] = Who.ViewerOrShareLink,
        ["PUT /api/v1/workspaces/{workspace}/documents/{kind}/{id}"] = Who.Editor,
        ["DELETE /api/v1/workspaces/{workspace}/documents/{kind}/{id}"] = Who.Editor,
        ["GET /api/v1/workspaces/{workspace}/documents/{kind}/{id}/history"] = Who.Viewer,
        ["GET /api/v1/workspaces/{workspace}/documents/deleted"] = Who.Viewer,
        ["POST /api/v1/workspaces/{workspace}/documents/{kind}/{id}/undelete"] = Who.Editor,
        ["POST /api/v1/account/sign-in"] = Who.Anybody,
        ["POST /api/v1/account/sign-out"] = Who.SignedIn,
        ["GET /api/v1/account/me"] = Who.SignedIn,
        ["GET /api/v1/account/antiforgery"] = Who.Anybody,
        ["POST /api/v1/account/two-factor/key"] = Who.CookieOnly,
        ["POST /api/v1/account/two-factor/enable"] = Who.CookieOnly,
        ["POST /api/v1/account/two-factor/disable"] = Who.CookieOnly,
        ["POST /api/v1/account/password"] = Who.Anybody,
        ["POST /api/v1/setup"] = Who.Anybody,
        ["GET /api/v1/users/"] = Who.Admin,
        ["POST /api/v1/users/"] = Who.Admin,
        ["POST /api/v1/users/{user}/password-link"] = Who.Admin,
        ["GET /api/v1/workspaces/"] = Who.SignedIn,
        ["POST /api/v1/workspaces/"] = Who.CookieOnly,
        ["DELETE /api/v1/workspaces/{workspace}"] = Who.OwnerCookieOnly,
        ["GET /api/v1/workspaces/{workspace}/members/"] = Who.Owner,
        ["PUT /api/v1/workspaces/{workspace}/members/{user}"] = Who.Owner,
        ["DELETE /api/v1/workspaces/{workspace}/members/{user}"] = Who.Owner,
        ["GET /api/v1/workspaces/{workspace}/invitations/"] = Who.Owner,
        ["POST /api/v1/workspaces/{workspace}/invitations/"] = Who.Owner,
        ["DELETE /api/v1/workspaces/{workspace}/invitations/{invitationId}"] = Who.Owner,
        ["GET /api/v1/invitations/{token}"] = Who.Anybody,
        ["POST /api/v1/invitations/{token}/accept"] = Who.Anybody,
        ["GET /api/v1/account/tokens/"] = Who.SignedIn,
        ["POST /api/v1/account/tokens/"] = Who.CookieOnly,
        ["DELETE /api/v1/account/tokens/{tokenId}"] = Who.SignedIn,
        ["GET /api/v1/workspaces/{workspace}/share-links/"] = Who.Editor,
        ["POST /api/v1/workspaces/{workspace}/share-links/"] = Who.Editor,
        ["DELETE /api/v1/workspaces/{workspace}/share-links/{linkId}"] = Who.Editor,
        ["GET /api/v1/shared/{token}"] = Who.Anybody,
        ["GET /api/v1/workspaces/{workspace}/audit"] = Who.Owner,
        ["GET /api/v1/live/negotiate"] = Who.SignedIn,
        ["GET /api/v1/live"] = Who.SignedIn,
        ["GET /api/v1/workspaces/{workspace}/presence"] = Who.Viewer,
        ["GET /api/v1/workspaces/{workspace}/documents/{kind}/{id}/revisions/{revision:int}"] = Who.Viewer,
        ["GET /api/v1/workspaces/{workspace}/documents/{kind}/{id}/diff"] = Who.Viewer,
        ["POST /api/v1/workspaces/{workspace}/documents/{kind}/{id}/restore"] = Who.Editor,
        ["GET /api/v1/workspaces/{workspace}/comments/"] = Who.Viewer,
        ["GET /api/v1/workspaces/{workspace}/comments/{thread:long}"] = Who.Viewer,
        ["POST /api/v1/workspaces/{workspace}/comments/"] = Who.Commenter,
        ["POST /api/v1/workspaces/{workspace}/comments/{thread:long}/replies"] = Who.Commenter,
        ["POST /api/v1/workspaces/{workspace}/comments/{thread:long}/resolve"] = Who.Commenter,
        ["POST /api/v1/workspaces/{workspace}/comments/{thread:long}/reopen"] = Who.Commenter,
        ["PATCH /api/v1/workspaces/{workspace}/comments/{thread:long}/comments/{comment:long}"] = Who.Commenter,
        ["DELETE /api/v1/workspaces/{workspace}/comments/{thread:long}/comments/{comment:long}"] = Who.Commenter,
        ["GET /api/v1/workspaces/{workspace}/export"] = Who.Viewer,
        ["POST /api/v1/workspaces/{workspace}/import"] = Who.Owner,
        ["GET /api/v1/workspaces/{workspace}/settings"] = Who.Viewer,
        ["PUT /api/v1/workspaces/{workspace}/settings"] = Who.Owner,
        ["GET /api/v1/workspaces/{workspace}/evidence/"] = Who.Viewer,
        ["POST /api/v1/workspaces/{workspace}/evidence/{kind}"] = Who.Editor,
        ["GET /api/v1/workspaces/{workspace}/journeys/{id}/analysis"] = Who.Viewer,
        ["GET /api/v1/workspaces/{workspace}/journeys/{id}/charts/{chart}.{format}"] = Who.Viewer,
        ["GET /api/v1/workspaces/{workspace}/knowledge-gaps"] = Who.Viewer,
        ["GET /api/v1/workspaces/{workspace}/documents/{kind}/{id}/render.{format}"] = Who.ViewerOrShareLink,
        ["GET /api/v1/workspaces/{workspace}/files"] = Who.Viewer,
        ["POST /api/v1/workspaces/{workspace}/push"] = Who.Editor,
        ["POST /api/v1/workspaces/{workspace}/journeys/drafts"] = Who.Editor,
        ["GET /api/v1/workspaces/{workspace}/journeys/{id}/proposals"] = Who.Viewer,
        ["POST /api/v1/workspaces/{workspace}/journeys/{id}/proposals/apply"] = Who.Editor,
    };

    /// <summary>The kinds of caller; a member's role is the role of their token.</summary>
    private enum Caller { Anonymous, Viewer, Commenter, Editor, Owner, ShareLink, OtherShareLink, ExpiredToken, RevokedToken }

    private readonly WayfinderServerFactory _server = new() { Settings = { ["Access:SignInPermitsPerMinute"] = "100000" } };

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task EveryEndpointAllowsAndRefusesEachCallerAsTheTableSays()
    {
        var endpoints = Endpoints();
        var missing = endpoints.Keys.Where(k => !s_table.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "These endpoints are not in the authorization table; add a row for each: " + string.Join(", ", missing));
        var stale = s_table.Keys.Where(k => !endpoints.ContainsKey(k)).ToList();
        Assert.True(stale.Count == 0, "These rows of the authorization table name no endpoint: " + string.Join(", ", stale));

        var callers = await CallersAsync();
        var wrong = new List<string>();
        foreach (var (name, pattern) in endpoints.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            foreach (var (caller, (client, share)) in callers)
            {
                var expected = Expected(s_table[name], caller);
                var response = await SendAsync(client, name.Split(' ')[0], pattern, share);
                var actual = await OutcomeAsync(response);
                if (actual != expected)
                {
                    wrong.Add($"{name} as {caller}: expected {expected}, got {actual} ({(int)response.StatusCode})");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void EveryEndpointStatesAnAccessRule() =>
        Assert.Empty(AccessRuleCheck.Missing(_server.Services.GetRequiredService<EndpointDataSource>()));

    [Fact]
    public void TheWebAppsPagesFilesAndCircuitAreOpenOverHttpAndNothingElseIs()
    {
        // A page checks the visitor's role itself (its actions run over the circuit, not over HTTP), so every page, file and
        // circuit endpoint is open at the HTTP level; they are left out of the table above, and only they may be.
        var webApp = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(IsWebApp).ToList();
        var patterns = webApp.Select(e => e.RoutePattern.RawText?.Trim('/')).ToHashSet();
        Assert.Contains("", patterns);
        Assert.Contains("_blazor", patterns);
        Assert.Contains("css/app.css", patterns);
        Assert.All(webApp, e => Assert.IsType<AccessRule.Anybody>(e.Metadata.GetMetadata<AccessRule>()));
    }

    /// <summary>A page, a file of the web app or its circuit's endpoint.</summary>
    private static bool IsWebApp(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null
        || endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor")
        || endpoint.RoutePattern.RawText?.TrimStart('/') is { } raw && (raw.StartsWith("_blazor", StringComparison.Ordinal) || raw.StartsWith("_framework/opaque-redirect", StringComparison.Ordinal));

    /// <summary>What the caller should get: allowed, or the status of the refusal.</summary>
    private static string Expected(Who who, Caller caller)
    {
        const string Allowed = "allowed";
        var refusedToken = caller is Caller.Anonymous or Caller.ExpiredToken or Caller.RevokedToken;
        var share = caller is Caller.ShareLink or Caller.OtherShareLink;
        var role = caller switch
        {
            Caller.Viewer => WorkspaceRole.Viewer,
            Caller.Commenter => WorkspaceRole.Commenter,
            Caller.Editor => WorkspaceRole.Editor,
            Caller.Owner => WorkspaceRole.Owner,
            _ => (WorkspaceRole?)null,
        };
        return who switch
        {
            Who.Anybody => Allowed,
            _ when refusedToken => "401",
            Who.SignedIn => share ? "401" : Allowed,
            Who.CookieOnly or Who.Admin => share ? "401" : "403",
            Who.OwnerCookieOnly => "403",
            Who.ViewerOrShareLink when caller == Caller.ShareLink => Allowed,
            _ when share => "403",
            _ => role >= Needed(who) ? Allowed : "403",
        };
    }

    private static WorkspaceRole Needed(Who who) => who switch
    {
        Who.Viewer or Who.ViewerOrShareLink => WorkspaceRole.Viewer,
        Who.Commenter => WorkspaceRole.Commenter,
        Who.Editor => WorkspaceRole.Editor,
        _ => WorkspaceRole.Owner,
    };

    /// <summary>Allowed unless 401, 403 or the access layer's 404 for a workspace the caller cannot see.</summary>
    private static async Task<string> OutcomeAsync(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (response.StatusCode == HttpStatusCode.NotFound && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            && (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())?["title"] == "No such workspace")
        {
            return "404";
        }

        Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        return "allowed";
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string pattern, string? share)
    {
        var path = pattern.Replace("{workspace}", "demo", StringComparison.Ordinal).Replace("{kind}", "persona", StringComparison.Ordinal)
            .Replace("{id}", "business-traveller", StringComparison.Ordinal).Replace("{user}", "nobody", StringComparison.Ordinal)
            .Replace("{token}", "wfx-no-such-thing", StringComparison.Ordinal);
        path = System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]+\\}", "999999");
        if (share is not null)
        {
            path += "?share=" + share;
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    private async Task<Dictionary<Caller, (HttpClient Client, string? Share)>> CallersAsync()
    {
        var owner = _server.ClientAs(WorkspaceRole.Owner);
        var share = await ShareAsync(owner, "business-traveller");
        var other = await ShareAsync(owner, "first-time-flyer");
        var expired = await _server.MemberAsync(WorkspaceRole.Owner, expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        var revoked = await _server.MemberAsync(WorkspaceRole.Owner);
        var revokedClient = _server.WithToken(revoked.Token);
        Assert.Equal(HttpStatusCode.NoContent, (await revokedClient.DeleteAsync($"/api/v1/account/tokens/{revoked.TokenId}")).StatusCode);
        return new()
        {
            [Caller.Anonymous] = (_server.CreateClient(), null),
            [Caller.Viewer] = (_server.ClientAs(WorkspaceRole.Viewer), null),
            [Caller.Commenter] = (_server.ClientAs(WorkspaceRole.Commenter), null),
            [Caller.Editor] = (_server.ClientAs(WorkspaceRole.Editor), null),
            [Caller.Owner] = (owner, null),
            [Caller.ShareLink] = (_server.CreateClient(), share),
            [Caller.OtherShareLink] = (_server.CreateClient(), other),
            [Caller.ExpiredToken] = (_server.WithToken(expired.Token), null),
            [Caller.RevokedToken] = (revokedClient, null),
        };
    }

    private static async Task<string> ShareAsync(HttpClient owner, string persona)
    {
        var created = await owner.PostAsJsonAsync("/api/v1/workspaces/demo/share-links", new { kind = "persona", id = persona });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["token"]!;
    }

    /// <summary>Every endpoint by "METHOD pattern" (GET when it names no method), with its route pattern.</summary>
    private Dictionary<string, string> Endpoints()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(e => !IsWebApp(e)))
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            pattern = pattern.StartsWith('/') ? pattern : "/" + pattern;
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                result[$"{method} {pattern}"] = pattern;
            }
        }

        return result;
    }
}

namespace Wayfinder.Web.Tests.Access;

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;
using static AccessTestKit;

/// <summary>Browsers: cookie sign-in, lockout, TOTP two-factor, antiforgery on writes, the sign-in rate limit, security headers.</summary>
public sealed class AccountTests : IDisposable
{
    private readonly WayfinderServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task ASignedInBrowserSeesItselfAndItsWorkspaces()
    {
        await _server.MemberAsync(WorkspaceRole.Editor, password: Password);
        var browser = _server.CreateClient();

        var signedIn = await browser.PostAsJsonAsync("/api/v1/account/sign-in", new { user_name = "editor", password = Password });
        var me = await browser.GetAsync("/api/v1/account/me");

        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("wayfinder=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var body = await JsonAsync(me);
        Assert.Equal(("editor", false, false), ((string?)body["user_name"], (bool?)body["admin"], (bool?)body["two_factor_enabled"]));
        Assert.Equal("""[{"id":"demo","name":"Skylark Airways","role":"editor"}]""", body["workspaces"]!.ToJsonString());
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountSoEvenTheRightOneIsRefused()
    {
        await _server.MemberAsync(WorkspaceRole.Viewer, password: Password);
        var browser = _server.CreateClient();
        var titles = new List<string?>();

        for (var i = 0; i < 5; i++)
        {
            var wrong = await browser.PostAsJsonAsync("/api/v1/account/sign-in", new { user_name = "viewer", password = "not the password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            titles.Add((string?)(await JsonAsync(wrong))["title"]);
        }

        var right = await browser.PostAsJsonAsync("/api/v1/account/sign-in", new { user_name = "viewer", password = Password });

        Assert.Equal(["Sign in first", "Sign in first", "Sign in first", "Sign in first", "The account is locked"], titles);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal("The account is locked", (string?)(await JsonAsync(right))["title"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/account/me")).StatusCode);
    }

    [Fact]
    public async Task WithTwoFactorOnASignInNeedsTheAuthenticatorsCode()
    {
        await _server.MemberAsync(WorkspaceRole.Editor, password: Password);
        var browser = _server.CreateClient();
        await SignInAsync(browser, "editor");
        var key = (string)(await JsonAsync(await browser.PostAsync("/api/v1/account/two-factor/key", null)))["key"]!;
        var wrongEnable = await browser.PostAsJsonAsync("/api/v1/account/two-factor/enable", new { code = Totp(key, stepsAhead: 1000) });
        var enabled = await browser.PostAsJsonAsync("/api/v1/account/two-factor/enable", new { code = Totp(key) });
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NoContent), (wrongEnable.StatusCode, enabled.StatusCode));
        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/v1/account/sign-out", null)).StatusCode);

        var fresh = _server.CreateClient();
        var withoutCode = await fresh.PostAsJsonAsync("/api/v1/account/sign-in", new { user_name = "editor", password = Password });
        var wrongCode = await fresh.PostAsJsonAsync("/api/v1/account/sign-in", new { user_name = "editor", password = Password, code = Totp(key, stepsAhead: 1000) });
        var rightCode = await fresh.PostAsJsonAsync("/api/v1/account/sign-in", new { user_name = "editor", password = Password, code = Totp(key) });

        Assert.Equal(HttpStatusCode.Unauthorized, withoutCode.StatusCode);
        Assert.True((bool?)(await JsonAsync(withoutCode))["two_factor_required"]);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        Assert.Equal("the two-factor code is wrong or too old", (string?)(await JsonAsync(wrongCode))["detail"]);
        Assert.Equal(HttpStatusCode.OK, rightCode.StatusCode);
        Assert.True((bool?)(await JsonAsync(await fresh.GetAsync("/api/v1/account/me")))["two_factor_enabled"]);
    }

    [Fact]
    public async Task ACookieWriteWithoutTheAntiforgeryTokenIsRefusedAndChangesNothing()
    {
        await _server.MemberAsync(WorkspaceRole.Editor, password: Password);
        var browser = _server.CreateClient();
        var signedIn = await browser.PostAsJsonAsync("/api/v1/account/sign-in", new { user_name = "editor", password = Password });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);

        using var forged = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/workspaces/demo/documents/journey/corporate-programme");
        forged.Headers.IfMatch.ParseAdd("\"1\"");
        var refused = await browser.SendAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("The antiforgery token is missing or wrong", (string?)(await JsonAsync(refused))["title"]);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/workspaces/demo/documents/journey/corporate-programme")).StatusCode);

        await AntiforgeryAsync(browser);
        using var real = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/workspaces/demo/documents/journey/corporate-programme");
        real.Headers.IfMatch.ParseAdd("\"1\"");
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(real)).StatusCode);
    }

    [Fact]
    public async Task TheEleventhSignInInAMinuteIs429WithRetryAfter()
    {
        var browser = _server.CreateClient();
        for (var i = 0; i < 10; i++)
        {
            var refused = await browser.PostAsJsonAsync("/api/v1/account/sign-in", new { user_name = "nobody", password = "whatever it is" });
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        var limited = await browser.PostAsJsonAsync("/api/v1/account/sign-in", new { user_name = "nobody", password = "whatever it is" });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Too many requests", (string?)(await JsonAsync(limited))["title"]);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
    }

    [Theory]
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/api/v1/workspaces/demo/documents", HttpStatusCode.Unauthorized)]
    [InlineData("/no/such/page", HttpStatusCode.NotFound)]
    [InlineData("/setup?code=%3Cscript%3E", HttpStatusCode.OK)]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        var response = await _server.CreateClient().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(AccessSetup.ContentSecurityPolicy, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("frame-ancestors 'none'", AccessSetup.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", AccessSetup.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminsPasswordLinkSetsAPasswordOnce()
    {
        var admin = await _server.MemberAsync(WorkspaceRole.Owner, password: Password);
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<WayfinderUser>>();
            var stored = await users.FindByIdAsync(admin.User.Id);
            stored!.IsAdmin = true;
            await users.UpdateAsync(stored);
        }

        var browser = _server.CreateClient();
        await SignInAsync(browser, "owner");
        var added = await browser.PostAsJsonAsync("/api/v1/users", new { user_name = "lin", display_name = "Lin" });
        var link = new Uri(new Uri("http://x"), (string)(await JsonAsync(added))["password_link"]!);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);

        var set = await _server.CreateClient().PostAsJsonAsync("/api/v1/account/password", new { user_name = query["user"], token = query["token"], password = "a new long password" });
        var reused = await _server.CreateClient().PostAsJsonAsync("/api/v1/account/password", new { user_name = query["user"], token = query["token"], password = "another long password" });
        var signIn = await _server.CreateClient().PostAsJsonAsync("/api/v1/account/sign-in", new { user_name = "lin", password = "a new long password" });
        var notAdmin = await _server.ClientAs(WorkspaceRole.Owner).PostAsJsonAsync("/api/v1/users", new { user_name = "sam" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("/set-password", link.AbsolutePath);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.BadRequest, HttpStatusCode.OK), (set.StatusCode, reused.StatusCode, signIn.StatusCode));
        Assert.Equal("Invalid token.", (string?)(await JsonAsync(reused))["detail"]);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
    }
}

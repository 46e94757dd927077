namespace Wayfinder.Web.Tests.Access;

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;
using Wayfinder.Web.Storage;
using static AccessTestKit;

/// <summary>The first admin: a one-time setup code, kept hashed, that works once and makes the owner of every workspace.</summary>
public sealed class SetupTests : IDisposable
{
    private readonly WayfinderServerFactory _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task TheSetupCodeIsKeptHashedAndPrintedAsALink()
    {
        var setup = _server.Services.GetRequiredService<FirstAdminSetup>();
        var code = setup.PendingCode!;

        var hashes = await StoredHashesAsync();

        Assert.Equal($"Open http://127.0.0.1:5000/setup?code={code} to set the first admin's password", setup.Line("http://127.0.0.1:5000"));
        Assert.Equal([Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)))], hashes);
    }

    [Fact]
    public async Task TheCodeMakesTheFirstAdminOwnerOfTheDemoOnceOnly()
    {
        var code = _server.Services.GetRequiredService<FirstAdminSetup>().PendingCode!;
        var browser = _server.CreateClient();

        var wrongCode = await browser.PostAsJsonAsync("/api/v1/setup", new { code = "not-the-code", user_name = "ada", password = Password });
        var weak = await browser.PostAsJsonAsync("/api/v1/setup", new { code, user_name = "ada", password = "short" });
        var done = await browser.PostAsJsonAsync("/api/v1/setup", new { code, user_name = "ada", password = Password });
        var again = await _server.CreateClient().PostAsJsonAsync("/api/v1/setup", new { code, user_name = "eve", password = Password });

        Assert.Equal(HttpStatusCode.Forbidden, wrongCode.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal("Passwords must be at least 10 characters.", (string?)(await JsonAsync(weak))["detail"]);
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var me = await JsonAsync(await browser.GetAsync("/api/v1/account/me"));
        Assert.Equal(("ada", true), ((string?)me["user_name"], (bool?)me["admin"]));
        Assert.Equal("""[{"id":"demo","name":"Skylark Airways","role":"owner"}]""", me["workspaces"]!.ToJsonString());
        Assert.Empty(await StoredHashesAsync());
        Assert.Null(_server.Services.GetRequiredService<FirstAdminSetup>().PendingCode);
    }

    [Fact]
    public async Task TheSetupPageCarriesTheCodeEscapedInItsForm()
    {
        var page = await _server.CreateClient().GetStringAsync("/setup?code=%22%3E%3Cb%3E");

        Assert.Contains("name=\"Form.Code\" value=\"&quot;&gt;&lt;b&gt;\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSetupPagesFormMakesTheFirstAdminAndSignsThemIn()
    {
        var code = _server.Services.GetRequiredService<FirstAdminSetup>().PendingCode!;
        var browser = _server.CreateClient(new() { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync($"/setup?code={code}");
        var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var posted = await browser.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setup", ["__RequestVerificationToken"] = antiforgery, ["Form.Code"] = code, ["Form.UserName"] = "ada", ["Form.Password"] = Password,
        }));

        Assert.Equal((HttpStatusCode.Redirect, "http://localhost/"), (posted.StatusCode, posted.Headers.Location?.OriginalString));
        var me = await JsonAsync(await browser.GetAsync("/api/v1/account/me"));
        Assert.Equal(("ada", true), ((string?)me["user_name"], (bool?)me["admin"]));
        Assert.Empty(await StoredHashesAsync());
    }

    [Fact]
    public async Task TheSetupPageSaysWhyAWrongCodeIsRefused()
    {
        var browser = _server.CreateClient(new() { AllowAutoRedirect = false });
        var page = await browser.GetStringAsync("/setup?code=not-the-code");
        var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var posted = await browser.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setup", ["__RequestVerificationToken"] = antiforgery, ["Form.Code"] = "not-the-code", ["Form.UserName"] = "ada", ["Form.Password"] = Password,
        }));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Not allowed. The setup code is wrong or was used; restart the server with an empty database for a new one.", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(_server.Services.GetRequiredService<FirstAdminSetup>().PendingCode);
    }

    private async Task<List<string>> StoredHashesAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WayfinderDbContext>().Set<SetupCodeRow>().Select(s => s.Hash).ToListAsync();
    }
}

namespace Wayfinder.Cli.Tests;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Wayfinder.Cli.Remote;

/// <summary>
/// The README's team tour, end to end over real HTTP: <c>wayfinder serve</c> in one folder, the first admin set up
/// through the printed link, a token made by that admin, then <c>remote add</c>, <c>login</c>, <c>pull</c> and
/// <c>push</c> from a second, empty folder, as a person at a terminal would run them.
/// </summary>
public sealed class ServeAndSyncTests
{
    private const string Sam = "personas/business-traveller.yaml";
    private const string SamApi = "/api/v1/workspaces/demo/documents/persona/business-traveller";
    private const string Admin = "ada";

    [Fact]
    public async Task ATeamTourFromServeToARefusedPushWorksOverRealHttp()
    {
        using var serverFolder = new TempFolder();
        using var folder = new TempFolder();
        using var config = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(serverFolder.Path, "init", "--empty")).ExitCode);
        var (server, health) = await RunningServer.StartAsync(serverFolder.Path);
        await using var _ = server;
        Assert.Equal(HttpStatusCode.OK, health);
        var token = await AdminTokenAsync(server);
        using var api = new HttpClient { BaseAddress = server.Address };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var origin = $"{server.Address}"; // http://127.0.0.1:P/, as the remote keeps it
        Task<CliResult> Run(string stdin, params string[] args) => RunCliAsync(folder.Path, config.Path, stdin, args);

        var added = await Run("", "remote", "add", "origin", $"http://127.0.0.1:{server.Port}", "--server-workspace", "demo");
        var login = await Run(token + "\n", "login", "origin", "--token-stdin");
        var pulled = await Run("", "pull");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Equal($"logged in to origin ({origin}, workspace \"demo\"); the token is in {config.Combine("wayfinder", "credentials.json")}", Assert.Single(login.ErrorLines));
        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        Assert.Equal($"pulled workspace \"demo\" from origin ({origin}): 9 added, 0 updated, 0 deleted, 0 conflict(s)", pulled.ErrorLines[^1]);
        var files = await api.GetFromJsonAsync<JsonObject>("/api/v1/workspaces/demo/files");
        var serverSam = files!["documents"]!.AsArray().Single(d => (string?)d!["file"] == Sam)!;
        Assert.Equal(Encoding.UTF8.GetBytes((string)serverSam["text"]!), File.ReadAllBytes(folder.Combine(Sam)));
        Assert.Equal(Encoding.UTF8.GetBytes((string)files["config"]!), File.ReadAllBytes(folder.Combine("wayfinder.yaml")));

        Edit(folder, "title: Sam, the frequent business traveller", "title: Sam, who flies every week");
        var pushed = await Run("", "push", "--message", "e2e");

        Assert.True(pushed.ExitCode == 0, pushed.ToString());
        Assert.Equal($"saved    {Sam} (revision 4)\n", pushed.Stdout);
        var read = await api.GetAsync(SamApi);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"4\"", read.Headers.ETag?.Tag);
        var stored = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        Assert.Equal("Sam, who flies every week", (string?)stored["title"]);
        var history = await api.GetFromJsonAsync<JsonArray>($"{SamApi}/history");
        Assert.Equal((4, "e2e", Admin), ((int?)history![0]!["revision"], (string?)history[0]!["message"], (string?)history[0]!["author"]));

        // Revision 4 becomes 5 on the server while this folder still has 4, changed here too.
        stored["title"] = "Sam, as the server has it";
        using var put = new StringContent(stored.ToJsonString(), Encoding.UTF8, "application/json");
        using var save = new HttpRequestMessage(HttpMethod.Put, $"{SamApi}?message=server") { Content = put };
        save.Headers.IfMatch.Add(new EntityTagHeaderValue("\"4\""));
        var saved = await api.SendAsync(save);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"5\"", saved.Headers.ETag?.Tag);
        Edit(folder, "title: Sam, who flies every week", "title: Sam, as this folder has it");

        var refused = await Run("", "push");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("", refused.Stdout);
        Assert.Equal(
            [
                $"error: refused: {Sam}: the document was saved in between: pulled at revision 4, the server has 5 saved by {Admin}",
                "error: nothing was pushed: 1 document(s) refused by origin; run `wayfinder pull origin`, merge, then push again",
            ],
            refused.ErrorLines);
        var after = await api.GetAsync(SamApi);
        Assert.Equal("\"5\"", after.Headers.ETag?.Tag);
        Assert.Equal("Sam, as the server has it", (string?)JsonNode.Parse(await after.Content.ReadAsStringAsync())!["title"]);

        var exit = await server.StopAsync();
        Assert.True(exit == 0, $"exit {exit}\n{server.Stdout}\n{server.Stderr}");
    }

    /// <summary>
    /// The first admin set up through the code serve printed (which signs them in with a cookie), then an editor token for
    /// demo made by them with the antiforgery header, as the server's own pages would.
    /// </summary>
    private static async Task<string> AdminTokenAsync(RunningServer server)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = server.Address };
        var setup = await browser.PostAsJsonAsync("/api/v1/setup", new JsonObject
        {
            ["code"] = await server.SetupCodeAsync(), ["user_name"] = Admin, ["password"] = "correct horse battery",
        });
        Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
        var antiforgery = await browser.GetFromJsonAsync<JsonObject>("/api/v1/account/antiforgery");
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/account/tokens")
        {
            Content = JsonContent.Create(new JsonObject { ["name"] = "cli", ["workspace"] = "demo", ["role"] = "editor", ["expires_in_days"] = 1 }),
        };
        create.Headers.Add((string)antiforgery!["header_name"]!, (string)antiforgery["token"]!);
        var created = await browser.SendAsync(create);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var token = (string?)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["token"];
        Assert.False(string.IsNullOrEmpty(token));
        return token;
    }

    private static void Edit(TempFolder folder, string from, string to)
    {
        var text = folder.Read(Sam);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(folder.Combine(Sam), text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>
    /// The CLI in <paramref name="folder"/> over the real network (no injected handler), with only XDG_CONFIG_HOME set
    /// (a temp folder, so the real home is never touched; no WAYFINDER_TOKEN) and <paramref name="stdin"/>.
    /// </summary>
    private static async Task<CliResult> RunCliAsync(string folder, string configHome, string stdin, string[] args)
    {
        var host = new RemoteHost(null, name => name == "XDG_CONFIG_HOME" ? configHome : null, new StringReader(stdin));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Cli.RunAsync(args, stdout, stderr, folder, TimeProvider.System, CancellationToken.None, host);
        return new CliResult(code, stdout.ToString(), stderr.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}

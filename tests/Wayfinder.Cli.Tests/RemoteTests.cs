namespace Wayfinder.Cli.Tests;

using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Wayfinder.App.Documents;
using Wayfinder.Cli.Remote;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Web.Access;
using Wayfinder.Web.Tests;

/// <summary>
/// <c>remote</c>, <c>login</c>, <c>pull</c> and <c>push</c> against the real server in-process (the demo seeded on SQLite
/// in memory), through the CLI's own HTTP client over the test server's handler.
/// </summary>
public sealed class RemoteTests : IDisposable
{
    private const string Sam = "personas/business-traveller.yaml";
    private const string Dana = "personas/travel-manager.yaml";
    private readonly WayfinderServerFactory _server = new();
    private readonly TempFolder _folder = new();
    private readonly TempFolder _config = new();
    private readonly HttpClient _viewer;

    public RemoteTests() => _viewer = _server.ClientAs(WorkspaceRole.Viewer);

    public void Dispose()
    {
        _viewer.Dispose();
        _server.Dispose();
        _folder.Dispose();
        _config.Dispose();
    }

    [Fact]
    public async Task PullIntoAnEmptyFolderWritesTheServersFilesByteForByte()
    {
        var added = await Run("remote", "add", "origin", "http://localhost", "--server-workspace", "demo");
        var pulled = await Run("pull");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        var server = await ServerFiles();
        Assert.Equal(9, server.Count);
        Assert.Equal(
            [.. server.Keys.Order(StringComparer.Ordinal).Prepend(".wayfinder/remotes/origin/state.yaml").Prepend(".wayfinder/remotes.yaml")],
            _folder.Files());
        foreach (var (file, text) in server)
        {
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), File.ReadAllBytes(_folder.Combine(file)));
        }

        Assert.Contains($"added    {Sam} (revision 3)\n", pulled.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("added    wayfinder.yaml (the workspace's settings)\n", pulled.Stdout, StringComparison.Ordinal);
        Assert.Equal("pulled workspace \"demo\" from origin (http://localhost/): 9 added, 0 updated, 0 deleted, 0 conflict(s)", pulled.ErrorLines[^1]);
        Assert.Equal(
            "# The team servers this workspace pulls from and pushes to (wayfinder remote add|list|remove). No tokens here:\n"
            + "# `wayfinder login` keeps those in your own config folder.\n"
            + "remotes:\n  origin:\n    url: http://localhost/\n    workspace: demo\n",
            _folder.Read(".wayfinder/remotes.yaml"));
        var again = await Run("pull");
        Assert.Equal("pulled workspace \"demo\" from origin (http://localhost/): 0 added, 0 updated, 0 deleted, 0 conflict(s)", again.ErrorLines[^1]);
        Assert.Equal("", again.Stdout);
    }

    [Fact]
    public async Task AnEditPushedGetsTheNextRevisionOnTheServerAndTheFileBecomesTheStoredText()
    {
        await PullDemo();
        Edit(Sam, "title: Sam, the frequent business traveller", "title: Sam, who flies every week");

        var pushed = await Run("push", "-m", "retitled");

        Assert.True(pushed.ExitCode == 0, pushed.ToString());
        Assert.Equal($"saved    {Sam} (revision 4)\n", pushed.Stdout);
        var read = await _viewer.GetAsync("/api/v1/workspaces/demo/documents/persona/business-traveller");
        Assert.Equal("\"4\"", read.Headers.ETag?.Tag);
        Assert.Equal("Sam, who flies every week", (string?)JsonNode.Parse(await read.Content.ReadAsStringAsync())!["title"]);
        var history = await _viewer.GetFromJsonAsync<JsonArray>("/api/v1/workspaces/demo/documents/persona/business-traveller/history");
        Assert.Equal("retitled", (string?)history![0]!["message"]);
        Assert.Equal((await ServerFiles())[Sam], _folder.Read(Sam));
        Assert.Equal(4, DocumentYaml.Read<Persona>(_folder.Read(Sam)).Revision);
        var again = await Run("push");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("nothing to push: no document changed here since the last pull from origin", again.ErrorLines[^1]);
    }

    [Fact]
    public async Task ANewFileAndADeletedFileArePushedAndRememberedSoTheNextPushHasNothingToSend()
    {
        await PullDemo();
        var created = await Run("new", "persona", "ana", "--template", "budget-traveller", "--title", "Ana, the budget traveller");
        Assert.True(created.ExitCode == 0, created.ToString());
        File.Delete(_folder.Combine("journeys", "corporate-programme.yaml"));

        var pushed = await Run("push", "-m", "Ana in, the corporate programme out");

        Assert.True(pushed.ExitCode == 0, pushed.ToString());

        // `new` writes revision 0, and a new document keeps the revision it carries.
        Assert.Equal("saved    personas/ana.yaml (revision 0)\ndeleted  journeys/corporate-programme.yaml\n", pushed.Stdout);
        var server = await ServerFiles();
        Assert.Equal(server["personas/ana.yaml"], _folder.Read("personas/ana.yaml"));
        Assert.False(server.ContainsKey("journeys/corporate-programme.yaml"));
        var state = _folder.Read(".wayfinder/remotes/origin/state.yaml");
        Assert.Contains("  personas/ana.yaml:\n    revision: 0\n", state, StringComparison.Ordinal);
        Assert.DoesNotContain("corporate-programme", state, StringComparison.Ordinal);
        Assert.Equal("nothing to push: no document changed here since the last pull from origin", (await Run("push")).ErrorLines[^1]);
    }

    [Fact]
    public async Task APushOverAServerChangeIsRefusedNamingTheFileAndNothingIsWrittenNotEvenTheOtherChangedFile()
    {
        await PullDemo();
        Edit(Sam, "title: Sam, the frequent business traveller", "title: Mine");
        Edit(Dana, "title: Dana, the corporate travel manager", "title: Dana, who buys the travel");
        await SaveOnServerAsAna();
        var before = await ServerFiles();
        var state = _folder.Read(".wayfinder/remotes/origin/state.yaml");
        var (sam, dana) = (_folder.Read(Sam), _folder.Read(Dana));

        var pushed = await Run("push");

        Assert.Equal(1, pushed.ExitCode);
        Assert.Equal("", pushed.Stdout);
        Assert.Equal(
            [
                $"error: refused: {Sam}: the document was saved in between: pulled at revision 3, the server has 4 saved by ana",
                "error: nothing was pushed: 1 document(s) refused by origin; run `wayfinder pull origin`, merge, then push again",
            ],
            pushed.ErrorLines);
        Assert.Equal(before, await ServerFiles());
        Assert.Contains("title: Dana, the corporate travel manager", before[Dana], StringComparison.Ordinal);
        Assert.Equal(state, _folder.Read(".wayfinder/remotes/origin/state.yaml"));
        Assert.Equal((sam, dana), (_folder.Read(Sam), _folder.Read(Dana)));
    }

    [Fact]
    public async Task APullOverALocalEditOfAFileChangedOnTheServerReportsAConflictAndKeepsTheLocalFile()
    {
        await PullDemo();
        Edit(Sam, "title: Sam, the frequent business traveller", "title: Mine");
        var mine = _folder.Read(Sam);
        await SaveOnServerAsAna();

        var pulled = await Run("pull");

        Assert.Equal(1, pulled.ExitCode);
        Assert.Equal(mine, _folder.Read(Sam));
        Assert.Equal("", pulled.Stdout);
        Assert.Equal(
            $"error: conflict: {Sam}: changed here and on the server (pulled at revision 3, the server has 4). Your file was kept",
            pulled.ErrorLines[0]);
        Assert.Equal("pulled workspace \"demo\" from origin (http://localhost/): 0 added, 0 updated, 0 deleted, 1 conflict(s)", pulled.ErrorLines[1]);

        // Taking the server's version: delete the file and pull again; then the next push names revision 4.
        File.Delete(_folder.Combine(Sam));
        var taken = await Run("pull");
        Assert.Equal(0, taken.ExitCode);
        Assert.Equal($"updated  {Sam} (revision 3 -> 4)\n", taken.Stdout);
        Assert.Equal((await ServerFiles())[Sam], _folder.Read(Sam));
    }

    [Fact]
    public async Task LoginChecksTheTokenAndStoresItInTheCredentialsFileReadableByTheUserAloneAndNeverPrintsIt()
    {
        var token = await _server.TokenAsync(WorkspaceRole.Viewer);
        await Run("remote", "add", "origin", "http://localhost");

        var login = await Run(new Dictionary<string, string>(), token + "\n", "login", "--token-stdin");
        var list = await Run(new Dictionary<string, string>(), "", "remote", "list");

        Assert.True(login.ExitCode == 0, login.ToString());
        var path = _config.Combine("wayfinder", "credentials.json");
        Assert.Equal(token, (string?)JsonNode.Parse(File.ReadAllText(path))!["tokens"]!["http://localhost/"]);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal($"logged in to origin (http://localhost/, workspace \"demo\"); the token is in {path}", Assert.Single(login.ErrorLines));
        Assert.Equal("", login.Stdout);
        Assert.Contains("│ origin │ http://localhost/ │ demo      │ stored │", list.Stdout, StringComparison.Ordinal);
        foreach (var output in new[] { login.Stdout, login.Stderr, list.Stdout, list.Stderr, _folder.Read(".wayfinder/remotes.yaml") })
        {
            Assert.DoesNotContain(token, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PushBeforeAnyPullAndARemoteNotAddedSayWhatToDo()
    {
        await Run("remote", "add", "origin", "http://localhost");

        var push = await Run("push");
        var pull = await Run("pull", "upstream");

        Assert.Equal((1, "error: nothing was pushed: this workspace never pulled from origin; run `wayfinder pull origin` first"), (push.ExitCode, push.ErrorLines[^1]));
        Assert.Equal((1, "error: no remote \"upstream\"; the remotes are: origin"), (pull.ExitCode, pull.ErrorLines[^1]));
    }

    [Fact]
    public async Task ChangedSettingsArePushedByAnOwnerWithTheDocumentsAndRememberedAndAnEditorIsRefusedWithNothingSaved()
    {
        await PullDemo();
        Edit("wayfinder.yaml", "name: Skylark Airways", "name: Skylark");
        Edit(Sam, "title: Sam, the frequent business traveller", "title: Sam, who flies every week");
        var before = await ServerFiles();

        var asEditor = await Run("push", "-m", "renamed");

        Assert.Equal(1, asEditor.ExitCode);
        Assert.Equal(
            "error: nothing was pushed: http://localhost/ refused the request (403): only an owner changes the settings of \"demo\" (wayfinder.yaml); ask one, or push without that change. Nothing was saved.",
            asEditor.ErrorLines[^2]);
        Assert.Equal("to push the documents without the settings, run `wayfinder push --skip-settings`", asEditor.ErrorLines[^1]);
        Assert.Equal(before, await ServerFiles());

        // An editor may push the documents alone; the settings stay a change here.
        var documentsOnly = await Run("push", "--skip-settings");
        Assert.True(documentsOnly.ExitCode == 0, documentsOnly.ToString());
        Assert.Equal($"saved    {Sam} (revision 4)\n", documentsOnly.Stdout);
        Assert.Equal("warning: wayfinder.yaml changed here and is left out (--skip-settings); it stays a change to push", documentsOnly.ErrorLines[0]);
        Assert.Equal(before["wayfinder.yaml"], (await ServerFiles())["wayfinder.yaml"]);

        var owner = new Dictionary<string, string> { [Credentials.TokenVariable] = await _server.TokenAsync(WorkspaceRole.Owner) };
        var pushed = await Run(owner, "", "push", "-m", "renamed");

        Assert.True(pushed.ExitCode == 0, pushed.ToString());
        Assert.Equal("saved    wayfinder.yaml (the workspace's settings)\n", pushed.Stdout);
        Assert.Equal("pushed the settings to origin (http://localhost/, workspace \"demo\")", pushed.ErrorLines[^1]);
        var server = await ServerFiles();
        Assert.Equal(_folder.Read("wayfinder.yaml"), server["wayfinder.yaml"]);
        Assert.Contains("name: Skylark\n", server["wayfinder.yaml"], StringComparison.Ordinal);
        Assert.Equal("nothing to push: no document changed here since the last pull from origin", (await Run(owner, "", "push")).ErrorLines[^1]);
        var pulled = await Run("pull");
        Assert.Equal(("", "pulled workspace \"demo\" from origin (http://localhost/): 0 added, 0 updated, 0 deleted, 0 conflict(s)"), (pulled.Stdout, pulled.ErrorLines[^1]));
    }

    private async Task PullDemo()
    {
        Assert.Equal(0, (await Run("remote", "add", "origin", "http://localhost")).ExitCode);
        var pulled = await Run("pull");
        Assert.True(pulled.ExitCode == 0, pulled.ToString());
    }

    private void Edit(string file, string from, string to)
    {
        var text = _folder.Read(file);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(_folder.Combine(file), text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>Another person ("ana") retitles Sam on the server: revision 3 becomes 4.</summary>
    private async Task SaveOnServerAsAna()
    {
        var json = await _viewer.GetStringAsync("/api/v1/workspaces/demo/documents/persona/business-traveller");
        var saved = await _server.SaveAsync("demo", async r =>
            await r.SaveAsync(DocumentJson.Read<Persona>(json)! with { Title = "Ana's title" }, expectedRevision: 3, new SaveInfo("ana", "sharper title")));
        Assert.True(saved.Succeeded);
    }

    /// <summary>Every file of the server's demo workspace (wayfinder.yaml among them) by path, as the server stores it.</summary>
    private async Task<Dictionary<string, string>> ServerFiles()
    {
        var files = await _viewer.GetFromJsonAsync<JsonObject>("/api/v1/workspaces/demo/files");
        var texts = files!["documents"]!.AsArray().ToDictionary(d => (string)d!["file"]!, d => (string)d!["text"]!, StringComparer.Ordinal);
        texts["wayfinder.yaml"] = (string)files["config"]!;
        return texts;
    }

    private async Task<CliResult> Run(params string[] args) =>
        await Run(new Dictionary<string, string> { [Credentials.TokenVariable] = await _server.TokenAsync(WorkspaceRole.Editor) }, "", args);

    /// <summary>Runs the CLI in the test's folder with the server's handler, <paramref name="environment"/> over a temp XDG_CONFIG_HOME, and stdin.</summary>
    private async Task<CliResult> Run(Dictionary<string, string> environment, string stdin, params string[] args)
    {
        environment["XDG_CONFIG_HOME"] = _config.Path;
        var host = new RemoteHost(_server.Server.CreateHandler(), name => environment.GetValueOrDefault(name), new StringReader(stdin));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Cli.RunAsync(args, stdout, stderr, _folder.Path, TimeProvider.System, CancellationToken.None, host);
        return new CliResult(code, stdout.ToString(), stderr.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}

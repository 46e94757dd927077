namespace Wayfinder.Cli.Tests;

using System.Net;
using System.Text.Json.Nodes;

public sealed class ServeTests
{
    [Fact]
    public async Task ServeStartsTheServerOnTheWorkspacesDataFolderWithTheDemoSeededAndStopsWhenCancelled()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "init", "--empty")).ExitCode);
        var (server, health) = await RunningServer.StartAsync(folder.Path);
        await using var _ = server;

        using var client = new HttpClient { BaseAddress = server.Address };
        Assert.Equal(HttpStatusCode.OK, health);
        // Nobody may read before the first admin is set up with the code the server printed.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/workspaces/demo/documents")).StatusCode);
        var code = await server.SetupCodeAsync();
        var setup = await client.PostAsync("/api/v1/setup", new StringContent(
            $$"""{"code": "{{code}}", "user_name": "ada", "password": "correct horse battery"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
        var documents = await client.GetAsync("/api/v1/workspaces/demo/documents");
        Assert.Equal(HttpStatusCode.OK, documents.StatusCode);
        var list = JsonNode.Parse(await documents.Content.ReadAsStringAsync())!.AsArray();
        Assert.Contains(list, e => (string?)e!["id"] == "business-traveller");

        var exit = await server.StopAsync();

        Assert.True(exit == 0, $"exit {exit}\n{server.Stdout}\n{server.Stderr}");
        Assert.Contains($"http://127.0.0.1:{server.Port}", server.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(folder.Combine(".wayfinder", "server", "wayfinder.db")));
    }
}

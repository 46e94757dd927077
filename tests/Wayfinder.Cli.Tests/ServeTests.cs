namespace Wayfinder.Cli.Tests;

using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

public sealed class ServeTests
{
    [Fact]
    public async Task ServeStartsTheServerOnTheWorkspacesDataFolderWithTheDemoSeededAndStopsWhenCancelled()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "init", "--empty")).ExitCode);
        var port = FreePort();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var run = Cli.RunAsync(["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr), folder.Path, TimeProvider.System, stop.Token);

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var health = await WaitUntilLive(client, run);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        // Nobody may read before the first admin is set up with the code the server printed.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/workspaces/demo/documents")).StatusCode);
        var printed = $@"Open http://127\.0\.0\.1:{port}/setup\?code=([A-Za-z0-9_-]+) to set the first admin's password";
        for (var attempt = 0; attempt < 300 && !System.Text.RegularExpressions.Regex.IsMatch(stderr.ToString(), printed); attempt++)
        {
            // The server answers before serve has printed its lines.
            await Task.Delay(100);
        }

        var setupLine = System.Text.RegularExpressions.Regex.Match(stderr.ToString(), printed);
        Assert.True(setupLine.Success, stderr.ToString());
        var setup = await client.PostAsync("/api/v1/setup", new StringContent(
            $$"""{"code": "{{setupLine.Groups[1].Value}}", "user_name": "ada", "password": "correct horse battery"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, setup.StatusCode);
        var documents = await client.GetAsync("/api/v1/workspaces/demo/documents");
        Assert.Equal(HttpStatusCode.OK, documents.StatusCode);
        var list = JsonNode.Parse(await documents.Content.ReadAsStringAsync())!.AsArray();
        Assert.Contains(list, e => (string?)e!["id"] == "business-traveller");

        await stop.CancelAsync();
        var code = await run;

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains($"http://127.0.0.1:{port}", stdout.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(folder.Combine(".wayfinder", "server", "wayfinder.db")));
    }

    private static async Task<HttpResponseMessage> WaitUntilLive(HttpClient client, Task<int> run)
    {
        for (var attempt = 0; ; attempt++)
        {
            Assert.False(run.IsCompleted, $"serve ended early with exit code {(run.IsCompleted ? run.Result : 0)}");
            try
            {
                return await client.GetAsync("/healthz");
            }
            catch (HttpRequestException) when (attempt < 300)
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

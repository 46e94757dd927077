namespace Wayfinder.Web.Tests.Server;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

/// <summary>
/// The server as its own process (the built <c>Wayfinder.Web</c> program beside the tests) on a free port of 127.0.0.1,
/// over the database given: for what only a real process shows, such as being killed in the middle of work.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Every line the process wrote so far, standard output and error.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Starts the server over <paramref name="database"/> (a connection string, as <c>--db</c> takes) and waits until it is ready.</summary>
    public static async Task<ServerProcess> StartAsync(string database, string dataFolder)
    {
        var port = FreePort();
        var program = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Wayfinder.Web.exe" : "Wayfinder.Web");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataFolder,
        };
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.ArgumentList.Add("--db");
        start.ArgumentList.Add(database);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("WAYFINDER_DB");
        var server = new ServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>
    /// Sets the first admin up with the one-time link the server printed, signs in and makes an owner's personal access
    /// token for <paramref name="workspace"/>: what a team's admin does after the first start.
    /// </summary>
    public async Task<string> SetUpAdminTokenAsync(string workspace = "demo")
    {
        var printed = new Regex(@"/setup\?code=([A-Za-z0-9_-]+) ");
        var code = Output.Select(l => printed.Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value
            ?? throw new InvalidOperationException($"the server printed no setup link:\n{string.Join('\n', Output)}");
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Address };
        (await client.PostAsJsonAsync("api/v1/setup", new { code, user_name = "admin", password = "a long enough password" })).EnsureSuccessStatusCode();
        // Setting the admin up signs them in (a cookie); a further sign-in would be a cookie write without the antiforgery token.
        (await client.GetAsync("api/v1/account/me")).EnsureSuccessStatusCode();
        var antiforgery = await client.GetFromJsonAsync<JsonObject>("api/v1/account/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/account/tokens")
        {
            Content = JsonContent.Create(new { name = "tests", workspace, role = "owner", expires_in_days = 1 }),
        };
        request.Headers.Add((string)antiforgery!["header_name"]!, (string)antiforgery["token"]!);
        var created = await client.SendAsync(request);
        created.EnsureSuccessStatusCode();
        return (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
    }

    /// <summary>A client of the server that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Kills the process at once (SIGKILL), as a power cut or the kernel's OOM killer would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {_process.ExitCode} before it was ready:\n{string.Join('\n', Output)}");
            }

            try
            {
                if ((await client.GetAsync("readyz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the server was not ready within 60 s:\n{string.Join('\n', Output)}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

namespace Wayfinder.Cli.Tests;

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

/// <summary>
/// <c>wayfinder serve --port P</c> run in-process in a workspace folder on a free port of 127.0.0.1, live once
/// <c>/healthz</c> answers, until <see cref="StopAsync"/> cancels it. What serve printed is kept.
/// </summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromMinutes(2));

    private RunningServer(int port, string folder)
    {
        Port = port;
        Address = new Uri($"http://127.0.0.1:{port}");
        Run = Cli.RunAsync(["serve", "--port", port.ToString(CultureInfo.InvariantCulture)],
            TextWriter.Synchronized(_stdout), TextWriter.Synchronized(_stderr), folder, TimeProvider.System, _stop.Token);
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:P</c>, without the trailing slash, as serve prints it.</summary>
    public Uri Address { get; }

    /// <summary>Serve's run: its exit code once stopped.</summary>
    public Task<int> Run { get; }

    public string Stdout => _stdout.ToString();

    public string Stderr => _stderr.ToString();

    /// <summary>Starts serve in <paramref name="folder"/> and waits until <c>/healthz</c> answers; returns with that answer's status.</summary>
    public static async Task<(RunningServer Server, HttpStatusCode Health)> StartAsync(string folder)
    {
        var server = new RunningServer(FreePort(), folder);
        using var client = new HttpClient { BaseAddress = server.Address };
        for (var attempt = 0; ; attempt++)
        {
            Assert.False(server.Run.IsCompleted, $"serve ended early with exit code {(server.Run.IsCompleted ? server.Run.Result : 0)}\n{server.Stderr}");
            try
            {
                using var health = await client.GetAsync("/healthz");
                return (server, health.StatusCode);
            }
            catch (HttpRequestException) when (attempt < 300)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The one-time code of the setup link serve printed (waiting for it: the server answers before serve prints).</summary>
    public async Task<string> SetupCodeAsync()
    {
        var printed = new Regex($@"Open http://127\.0\.0\.1:{Port}/setup\?code=([A-Za-z0-9_-]+) to set the first admin's password");
        for (var attempt = 0; attempt < 300 && !printed.IsMatch(Stderr); attempt++)
        {
            await Task.Delay(100);
        }

        var line = printed.Match(Stderr);
        Assert.True(line.Success, Stderr);
        return line.Groups[1].Value;
    }

    /// <summary>Cancels serve's token, as Ctrl+C does, and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Run;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            await _stop.CancelAsync();
            try
            {
                await Run;
            }
            catch (OperationCanceledException)
            {
                // A test that failed midway still stops its server; how it ended is not the test's subject.
            }
        }

        _stop.Dispose();
        await _stdout.DisposeAsync();
        await _stderr.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

namespace Wayfinder.Drafting.Tests.Model;

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>One reply of the recorded-answer server: a status and body, after an optional delay.</summary>
internal sealed record RecordedReply(int Status, string Body, TimeSpan Delay = default)
{
    /// <summary>The folder of the recorded chat-completion bodies (copied beside the tests).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Recorded");

    /// <summary>A recorded <c>chat.completion</c> body from Recorded/, answered with 200.</summary>
    public static RecordedReply Completion(string name, TimeSpan delay = default) => new(200, File.ReadAllText(Path.Combine(Folder, name)), delay);

    /// <summary>An OpenAI-style error body with <paramref name="status"/>.</summary>
    public static RecordedReply Error(int status, string message) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["param"] = null, ["code"] = null } }.ToJsonString());
}

/// <summary>A request the server received: its JSON body and its Authorization header.</summary>
internal sealed record RecordedRequest(string Body, string? Authorization);

/// <summary>
/// A real OpenAI-compatible endpoint on 127.0.0.1 (Kestrel, a free port): <c>POST /v1/chat/completions</c> answers
/// from a queue of recorded replies and records every request. With no reply left it answers 500.
/// </summary>
internal sealed class RecordedAnswerServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedReply> _replies;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private RecordedAnswerServer(WebApplication app, IEnumerable<RecordedReply> replies)
    {
        _app = app;
        _replies = new ConcurrentQueue<RecordedReply>(replies);
    }

    /// <summary>The OpenAI-style base address, <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<RecordedAnswerServer> StartAsync(params RecordedReply[] replies)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new RecordedAnswerServer(app, replies);
        app.MapPost("/v1/chat/completions", server.AnswerAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    private async Task AnswerAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        _requests.Enqueue(new RecordedRequest(body, http.Request.Headers.Authorization.FirstOrDefault()));
        var reply = _replies.TryDequeue(out var next) ? next : RecordedReply.Error(500, "the recorded-answer server has no reply left");
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        http.Response.StatusCode = reply.Status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(reply.Body, http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

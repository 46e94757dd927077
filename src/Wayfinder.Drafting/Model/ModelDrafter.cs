namespace Wayfinder.Drafting.Model;

using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using Wayfinder.Core.Validation;
using Wayfinder.Drafting.Answers;

/// <summary>
/// Drafts with a language model over an OpenAI-compatible endpoint (Microsoft.Extensions.AI's OpenAI adapter): the
/// prompts of <see cref="Prompts"/>, the answer held to <see cref="DraftAnswerSchema"/> by structured output, read with
/// <see cref="DraftAnswerJson"/> and checked; an unreadable or invalid answer is sent back once with its problems.
/// </summary>
public sealed class ModelDrafter(ModelSettings settings) : IJourneyDrafter
{
    /// <summary>The key sent when none is configured: local servers (Ollama, llama.cpp, vLLM) need none, the client needs one.</summary>
    public const string PlaceholderKey = "no-key";

    public string Name => "model";

    public ModelSettings Settings => settings;

    public async Task<DrafterOutput> DraftAsync(DraftContext context, DraftCheck check, IProgress<DraftProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(check);
        var model = string.IsNullOrWhiteSpace(context.Request.Model) ? settings.Model?.Trim() : context.Request.Model.Trim();
        if (settings.Problem is not null || settings.Endpoint is null || string.IsNullOrWhiteSpace(model))
        {
            return new DrafterOutput(Name, model, null, ModelFailures.NotConfigured(settings, model));
        }

        using var client = CreateClient(settings.Endpoint, model);
        List<ChatMessage> messages = [new(ChatRole.System, Prompts.System), new(ChatRole.User, Prompts.Request(context))];
        var first = await AskAsync(client, model, messages, progress, cancellationToken).ConfigureAwait(false);
        if (first.Failure is { } failed)
        {
            return new DrafterOutput(Name, model, null, failed);
        }

        var (answer, problems) = await CheckAsync(first, check, progress, cancellationToken).ConfigureAwait(false);
        if (answer is not null && problems.Count == 0)
        {
            return new DrafterOutput(Name, model, answer, null);
        }

        progress?.Report(new DraftProgress($"asking again with {Count(problems.Count, "problem")}"));
        messages.Add(new ChatMessage(ChatRole.Assistant, first.Text));
        messages.Add(new ChatMessage(ChatRole.User, Prompts.Retry(problems)));
        var second = await AskAsync(client, model, messages, progress, cancellationToken).ConfigureAwait(false);
        if (second.Failure is { } failedAgain)
        {
            return new DrafterOutput(Name, model, null, failedAgain, Attempts: 2);
        }

        (answer, problems) = await CheckAsync(second, check, progress, cancellationToken).ConfigureAwait(false);
        if (answer is null)
        {
            var why = new DraftFailure(DraftFailureKind.Unusable, $"the model's answer is not a readable draft, also after asking again ({problems[0].Message}); nothing was written. Try again or use another model.") { Diagnostics = problems };
            return new DrafterOutput(Name, model, null, why, Attempts: 2);
        }

        if (problems.Count > 0)
        {
            var why = new DraftFailure(DraftFailureKind.Invalid, $"the model's answer does not make a valid journey, also after asking again ({Count(problems.Count, "problem")}); nothing was written.") { Diagnostics = problems };
            return new DrafterOutput(Name, model, null, why, Attempts: 2);
        }

        return new DrafterOutput(Name, model, answer, null, Attempts: 2);
    }

    /// <summary>The chat options of every request: the answer must follow the strict draft-answer schema.</summary>
    internal static ChatOptions ChatOptions() => new()
    {
        ResponseFormat = ChatResponseFormat.ForJsonSchema(DraftAnswerSchema.Schema, DraftAnswerSchema.Name, "A draft customer-journey map: stages with their touchpoints, actions, questions, thoughts, emotion, pain points, opportunities and KPIs."),
        AdditionalProperties = new AdditionalPropertiesDictionary { ["strict"] = true },
    };

    private IChatClient CreateClient(Uri endpoint, string model)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,

            // The drafter's own timeout (a cancellation) decides; the client's must not come first.
            NetworkTimeout = settings.Timeout + TimeSpan.FromSeconds(30),

            // One request per answer: the client's silent retries would stretch the timeout and hide a refusal.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        var key = string.IsNullOrEmpty(settings.Key) ? PlaceholderKey : settings.Key;
        return new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient(model).AsIChatClient();
    }

    /// <summary>One answer's text, or why there is none; progress every second while waiting.</summary>
    private async Task<Reply> AskAsync(IChatClient client, string model, List<ChatMessage> messages, IProgress<DraftProgress>? progress, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ticker = TickAsync(progress, waiting.Token);
        try
        {
            var response = await client.GetResponseAsync(messages, ChatOptions(), timeout.Token).ConfigureAwait(false);
            return ModelFailures.Refusal(response) is { } refused ? new Reply("", refused) : new Reply(response.Text, null) { CutOff = response.FinishReason == ChatFinishReason.Length };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Reply("", ModelFailures.TimedOut(settings));
        }
        catch (ClientResultException e) when (e.Status > 0)
        {
            return new Reply("", ModelFailures.FromStatus(settings, model, e));
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            return new Reply("", ModelFailures.Unreachable(settings));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentOutOfRangeException)
        {
            // The reply is not a chat completion (an HTML page, another API): the client could not read it.
            return new Reply("", ModelFailures.NotAChatCompletion(settings));
        }
        finally
        {
            await waiting.CancelAsync().ConfigureAwait(false);
            await ticker.ConfigureAwait(false);
        }
    }

    /// <summary>The answer read and checked: its problems, or the reason it cannot be read as the only problem.</summary>
    private static async Task<(DraftAnswer? Answer, IReadOnlyList<Diagnostic> Problems)> CheckAsync(Reply reply, DraftCheck check, IProgress<DraftProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new DraftProgress("checking the answer"));
        var (answer, unreadable) = DraftAnswerJson.Read(reply.Text);
        if (answer is null)
        {
            var message = string.IsNullOrWhiteSpace(reply.Text) ? "the answer is empty; write the draft as one JSON object"
                : reply.CutOff ? $"the answer was cut off at the model's output limit before the draft was complete ({unreadable}); write a shorter draft: short texts, fewer items"
                : unreadable ?? "the answer is not a readable draft";
            return (null, [new Diagnostic { File = "answer", Message = message, Code = "unreadable-answer" }]);
        }

        return (answer, await check(answer, cancellationToken).ConfigureAwait(false));
    }

    private static async Task TickAsync(IProgress<DraftProgress>? progress, CancellationToken cancellationToken)
    {
        if (progress is null)
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                progress.Report(new DraftProgress($"waiting for the model ({((int)Math.Round(watch.Elapsed.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} s)"));
            }
        }
        catch (OperationCanceledException)
        {
            // The answer came (or the draft was cancelled): stop saying we wait.
        }
    }

    /// <summary>Nothing answered: the connection was refused, the host is unknown, or the connection broke.</summary>
    private static bool IsConnectionFailure(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException or SocketException or ClientResultException { Status: 0 } or IOException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What one request gave: the answer's text (cut off at the output limit, or whole), or why there is none.</summary>
    private sealed record Reply(string Text, DraftFailure? Failure)
    {
        public bool CutOff { get; init; }
    }

    private static string Count(int n, string word) => $"{n.ToString(CultureInfo.InvariantCulture)} {word}{(n == 1 ? "" : "s")}";
}

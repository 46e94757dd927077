namespace Wayfinder.Drafting.Model;

using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ChatCompletion = OpenAI.Chat.ChatCompletion;

/// <summary>
/// What went wrong talking to the model, in plain words that name the endpoint (never with a credential) and say what
/// to do; and the model's own refusals.
/// </summary>
internal static class ModelFailures
{
    /// <summary>No endpoint or model: which variables to set.</summary>
    public static DraftFailure NotConfigured(ModelSettings settings, string? model)
    {
        if (settings.Problem is { } problem)
        {
            return new DraftFailure(DraftFailureKind.NotConfigured, $"the language model is not configured correctly: {problem}");
        }

        var missing = settings.Endpoint is null && string.IsNullOrWhiteSpace(model)
            ? $"{ModelSettings.EndpointVariable} and {ModelSettings.ModelVariable}"
            : settings.Endpoint is null ? ModelSettings.EndpointVariable : ModelSettings.ModelVariable;
        return new DraftFailure(
            DraftFailureKind.NotConfigured,
            $"no language model is configured: set {missing} (e.g. {ModelSettings.EndpointVariable}=http://127.0.0.1:11434/v1 and {ModelSettings.ModelVariable}=llama3.1 for Ollama), "
            + $"and {ModelSettings.KeyVariable} for a hosted endpoint, or name a file holding them in {ModelSettings.SecretsFileVariable}; or draft with the offline drafter.");
    }

    public static DraftFailure TimedOut(ModelSettings settings) => new(
        DraftFailureKind.TimedOut,
        $"the model at {settings.EndpointText} gave no answer within {Seconds(settings.Timeout)} s; nothing was written. "
        + $"Try again, use a smaller or faster model, or allow more time with {ModelSettings.TimeoutVariable} (seconds).");

    public static DraftFailure Unreachable(ModelSettings settings) => new(
        DraftFailureKind.Unreachable,
        $"the model endpoint {settings.EndpointText} cannot be reached (nothing answers there, or the host name is unknown); nothing was written. "
        + $"Check that the model server is running and that {ModelSettings.EndpointVariable} is its address.");

    public static DraftFailure NotAChatCompletion(ModelSettings settings) => new(
        DraftFailureKind.Unusable,
        $"the endpoint {settings.EndpointText} did not answer with a chat completion; check that {ModelSettings.EndpointVariable} is the base address of an OpenAI-compatible API (often ending in /v1).");

    /// <summary>An HTTP error from the endpoint: a refused key, a rate limit, an unknown model, a server error.</summary>
    public static DraftFailure FromStatus(ModelSettings settings, string model, ClientResultException error)
    {
        var endpoint = settings.EndpointText;
        var status = error.Status.ToString(CultureInfo.InvariantCulture);
        return error.Status switch
        {
            401 or 403 => new(DraftFailureKind.Refused, $"the endpoint {endpoint} refused the key (HTTP {status}); check {ModelSettings.KeyVariable} (or the key in the secrets file named by {ModelSettings.SecretsFileVariable})."),
            429 => new(DraftFailureKind.Refused, $"the endpoint {endpoint} refused the request: too many requests or the quota is used up (HTTP 429); wait and try again, or check the account's plan and quota."),
            404 => new(DraftFailureKind.NotConfigured, $"the endpoint {endpoint} has no model \"{model}\" or no chat completions (HTTP 404); check {ModelSettings.ModelVariable} and that {ModelSettings.EndpointVariable} is the API's base address (often ending in /v1).{ServerSays(settings, error)}"),
            >= 500 => new(DraftFailureKind.Unreachable, $"the model endpoint {endpoint} failed to answer (HTTP {status}); try again later.{ServerSays(settings, error)}"),
            _ => new(DraftFailureKind.Refused, $"the endpoint {endpoint} refused the request (HTTP {status}).{ServerSays(settings, error)}"),
        };
    }

    /// <summary>The model's refusal (the message's <c>refusal</c>) or the endpoint's content filter; null when the model answered.</summary>
    public static DraftFailure? Refusal(ChatResponse response)
    {
        var refusal = (response.RawRepresentation as ChatCompletion)?.Refusal
            ?? response.Messages.SelectMany(m => m.Contents).OfType<ErrorContent>().Select(e => e.Message).FirstOrDefault();
        if (!string.IsNullOrWhiteSpace(refusal))
        {
            return new DraftFailure(DraftFailureKind.Refused, $"the model refused to write the draft: \"{refusal.Trim()}\"; nothing was written. Rephrase the scenario or goal, or use another model.");
        }

        return response.FinishReason == ChatFinishReason.ContentFilter
            ? new DraftFailure(DraftFailureKind.Refused, "the endpoint's content filter stopped the model's answer; nothing was written. Rephrase the scenario, goal or persona, or use another model.")
            : null;
    }

    /// <summary>What the server said about the error (its error message), shortened, with the key taken out.</summary>
    private static string ServerSays(ModelSettings settings, ClientResultException error)
    {
        string? message = null;
        try
        {
            var content = error.GetRawResponse()?.Content;
            if (content is not null && content.ToMemory().Length > 0)
            {
                using var json = JsonDocument.Parse(content.ToMemory());
                message = json.RootElement.TryGetProperty("error", out var e)
                    ? e.ValueKind == JsonValueKind.String ? e.GetString() : e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null
                    : null;
            }
        }
        catch (JsonException)
        {
            // Not an OpenAI-style error body: say nothing more than the status.
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            return "";
        }

        if (settings.Key is { Length: > 0 } key)
        {
            message = message.Replace(key, "[key]", StringComparison.Ordinal);
        }

        message = message.Trim();
        return $" The server says: {(message.Length > 300 ? message[..300] + "…" : message)}";
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}

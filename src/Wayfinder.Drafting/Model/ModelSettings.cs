namespace Wayfinder.Drafting.Model;

/// <summary>
/// Where the language model is: an OpenAI-compatible endpoint (hosted, or local such as Ollama, llama.cpp's server or
/// vLLM), a model name and a key, from the environment or a secrets file; never from the workspace, never logged.
/// </summary>
public sealed record ModelSettings
{
    public Uri? Endpoint { get; init; }

    public string? Model { get; init; }

    /// <summary>The API key; never written anywhere (left out of <see cref="ToString"/>).</summary>
    public string? Key { get; init; }

    /// <summary>How long one answer may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Whether an endpoint and a model are set.</summary>
    public bool IsConfigured => Endpoint is not null && !string.IsNullOrWhiteSpace(Model);

    /// <summary>The settings from WAYFINDER_MODEL_ENDPOINT, WAYFINDER_MODEL, WAYFINDER_MODEL_KEY and WAYFINDER_MODEL_TIMEOUT (seconds).</summary>
    public static ModelSettings FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    /// <summary>The settings from variables read by <paramref name="variable"/> (the environment, or a test's dictionary).</summary>
    public static ModelSettings FromVariables(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var endpoint = variable("WAYFINDER_MODEL_ENDPOINT");
        return new ModelSettings
        {
            Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : null,
            Model = variable("WAYFINDER_MODEL"),
            Key = variable("WAYFINDER_MODEL_KEY"),
            Timeout = int.TryParse(variable("WAYFINDER_MODEL_TIMEOUT"), out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(120),
        };
    }

    public override string ToString() => $"model {Model ?? "(none)"} at {Endpoint?.GetLeftPart(UriPartial.Path) ?? "(no endpoint)"}";
}

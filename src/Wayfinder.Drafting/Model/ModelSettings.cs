namespace Wayfinder.Drafting.Model;

using System.Globalization;
using Wayfinder.Core.Workspaces;

/// <summary>
/// Where the language model is: an OpenAI-compatible endpoint (hosted, or local such as Ollama, llama.cpp's server or
/// vLLM), a model name and a key, from the environment or a secrets file; never from the workspace, never logged.
/// A variable set in the environment wins over the same setting in the secrets file.
/// </summary>
public sealed record ModelSettings
{
    public const string EndpointVariable = "WAYFINDER_MODEL_ENDPOINT";
    public const string ModelVariable = "WAYFINDER_MODEL";
    public const string KeyVariable = "WAYFINDER_MODEL_KEY";
    public const string TimeoutVariable = "WAYFINDER_MODEL_TIMEOUT";
    public const string SecretsFileVariable = "WAYFINDER_MODEL_SECRETS";

    /// <summary>How long one answer may take when nothing says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The OpenAI-compatible base address, e.g. <c>http://127.0.0.1:11434/v1</c> (chat completions are under it).</summary>
    public Uri? Endpoint { get; init; }

    public string? Model { get; init; }

    /// <summary>The API key; never written anywhere (left out of <see cref="ToString"/>).</summary>
    public string? Key { get; init; }

    /// <summary>How long one answer may take.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>What is wrong with the configured values (a bad endpoint, timeout or secrets file), in plain words; null when nothing is.</summary>
    public string? Problem { get; init; }

    /// <summary>
    /// Whether the model is meant to be used: an endpoint and a model are set, or a setting is wrong (the model drafter
    /// then says what, rather than drafting offline without a word).
    /// </summary>
    public bool IsConfigured => Problem is not null || (Endpoint is not null && !string.IsNullOrWhiteSpace(Model));

    /// <summary>The endpoint as messages may show it: scheme, host, port and path, never a user, password or query.</summary>
    public string EndpointText => Endpoint is null ? "(no endpoint)" : Endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    /// <summary>The settings from the process's environment (see <see cref="FromVariables"/>).</summary>
    public static ModelSettings FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    /// <summary>
    /// The settings from <see cref="EndpointVariable"/>, <see cref="ModelVariable"/>, <see cref="KeyVariable"/> and
    /// <see cref="TimeoutVariable"/> (seconds), each else from the secrets file named by <see cref="SecretsFileVariable"/>
    /// (lines <c>endpoint=…</c>, <c>model=…</c>, <c>key=…</c>, <c>timeout=…</c>; <c>#</c> starts a comment). Never throws:
    /// a wrong value is kept as <see cref="Problem"/>.
    /// </summary>
    public static ModelSettings FromVariables(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        string? Get(string name) => variable(name) is { } value && value.Trim().Length > 0 ? value.Trim() : null;
        var endpoint = Get(EndpointVariable);
        var model = Get(ModelVariable);
        var key = Get(KeyVariable);
        var timeout = Get(TimeoutVariable);
        string? problem = null;
        if (Get(SecretsFileVariable) is { } file)
        {
            var secrets = ReadSecrets(file, out problem);
            endpoint ??= secrets.GetValueOrDefault("endpoint");
            model ??= secrets.GetValueOrDefault("model");
            key ??= secrets.GetValueOrDefault("key");
            timeout ??= secrets.GetValueOrDefault("timeout");
        }

        var (uri, endpointProblem) = ParseEndpoint(endpoint);
        var seconds = 0;
        var timeoutProblem = timeout is null || (int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds > 0)
            ? null
            : $"{TimeoutVariable} must be a whole number of seconds greater than 0, e.g. 120.";
        return new ModelSettings
        {
            Endpoint = uri,
            Model = model,
            Key = key,
            Timeout = seconds > 0 ? TimeSpan.FromSeconds(seconds) : DefaultTimeout,
            Problem = problem ?? endpointProblem ?? timeoutProblem,
        };
    }

    /// <summary>
    /// An endpoint value as an address, or why it cannot be one. The value itself is never repeated in the reason: it
    /// may hold a credential.
    /// </summary>
    public static (Uri? Endpoint, string? Problem) ParseEndpoint(string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            return (null, $"{EndpointVariable} is not an http:// or https:// address; write the base address of an OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1 for Ollama or https://api.openai.com/v1.");
        }

        if (uri.UserInfo.Length > 0)
        {
            return (null, $"{EndpointVariable} has a user or password in it; give the key in {KeyVariable} (or a secrets file named by {SecretsFileVariable}) instead, so it is never written down.");
        }

        return (uri, null);
    }

    public override string ToString() => $"model {Model ?? "(none)"} at {EndpointText}";

    private static Dictionary<string, string> ReadSecrets(string file, out string? problem)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        problem = null;
        if (!File.Exists(file))
        {
            problem = $"the secrets file named by {SecretsFileVariable} does not exist: {file}";
            return values;
        }

        foreach (var (key, value) in SecretsFile.Parse(File.ReadLines(file)))
        {
            if (value.Length > 0)
            {
                values[key] = value;
            }
        }

        return values;
    }
}

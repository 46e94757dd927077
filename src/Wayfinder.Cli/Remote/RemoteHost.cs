namespace Wayfinder.Cli.Remote;

/// <summary>
/// What the remote commands take from outside the process: the HTTP handler to reach servers with (a test's in-process
/// server), the environment variables (<c>WAYFINDER_TOKEN</c>, <c>XDG_CONFIG_HOME</c>, <c>HOME</c>) and standard input.
/// </summary>
internal sealed record RemoteHost(HttpMessageHandler? Handler, Func<string, string?> Environment, TextReader Stdin)
{
    /// <summary>The real network, the process's environment and its standard input.</summary>
    public static RemoteHost System { get; } = new(null, global::System.Environment.GetEnvironmentVariable, Console.In);

    /// <summary>A client over the handler given, else over a new one of its own.</summary>
    public HttpClient CreateClient() =>
        Handler is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(100) } : new HttpClient(Handler, disposeHandler: false);
}

namespace Wayfinder.Cli.Remote;

using System.Text.Json;

/// <summary>
/// Personal access tokens by server address, kept outside every workspace in the user's config folder
/// (<c>$XDG_CONFIG_HOME/wayfinder/credentials.json</c>, else <c>~/.config/wayfinder/credentials.json</c>), readable by
/// the user alone (mode 600). <c>WAYFINDER_TOKEN</c> overrides them all. A token is never printed.
/// </summary>
internal sealed class Credentials(RemoteHost host)
{
    public const string TokenVariable = "WAYFINDER_TOKEN";

    /// <summary>The credentials file's path.</summary>
    public string FilePath
    {
        get
        {
            var config = host.Environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg
                : Path.Combine(host.Environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(config, "wayfinder", "credentials.json");
        }
    }

    /// <summary>The token to send to <paramref name="server"/>: <c>WAYFINDER_TOKEN</c>, else the stored one, else null.</summary>
    public string? TokenFor(Uri server) =>
        host.Environment(TokenVariable) is { Length: > 0 } token ? token : Read().GetValueOrDefault(Key(server));

    /// <summary>Where the token for <paramref name="server"/> comes from, in words (for <c>remote list</c>), never the token.</summary>
    public string SourceFor(Uri server) =>
        host.Environment(TokenVariable) is { Length: > 0 } ? TokenVariable : Read().ContainsKey(Key(server)) ? "stored" : "none";

    /// <summary>Stores <paramref name="token"/> for <paramref name="server"/>, the file readable by the user alone.</summary>
    public void Store(Uri server, string token)
    {
        var tokens = Read();
        tokens[Key(server)] = token;
        var path = FilePath;
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var staging = path + ".saving";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(staging, options))
        {
            JsonSerializer.Serialize(stream, new CredentialsModel(tokens), s_options);
        }

        if (!OperatingSystem.IsWindows())
        {
            // A file left by an older run keeps its mode through the move: set it whatever it was.
            File.SetUnixFileMode(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(staging, path, overwrite: true);
    }

    /// <summary>The server part of an address, as tokens are keyed: <c>http://127.0.0.1:5000/</c>.</summary>
    public static string Key(Uri server) => server.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";

    private static readonly JsonSerializerOptions s_options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    private Dictionary<string, string> Read()
    {
        var path = FilePath;
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        try
        {
            var model = JsonSerializer.Deserialize<CredentialsModel>(File.ReadAllText(path), s_options);
            return new Dictionary<string, string>(model?.Tokens ?? [], StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            // Never echo the file: it holds tokens.
            throw new IOException($"{path} is not a credentials file ({e.LineNumber + 1}:{e.BytePositionInLine + 1}); delete it and run `wayfinder login` again", e);
        }
    }

    private sealed record CredentialsModel(Dictionary<string, string> Tokens);
}

namespace Wayfinder.Cli.Remote;

using System.Text.RegularExpressions;
using Wayfinder.App.Workspaces;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

/// <summary>One team server a workspace pulls from and pushes to: its address and the workspace's id there.</summary>
internal sealed record RemoteInfo(string Name, Uri Url, string Workspace);

/// <summary>
/// The workspace's remotes, kept in <c>.wayfinder/remotes.yaml</c> (names, addresses and workspace ids; never a token),
/// and each remote's own folder <c>.wayfinder/remotes/NAME/</c> where pull and push keep their state.
/// </summary>
internal static partial class Remotes
{
    public const string DefaultName = "origin";

    private static readonly IDeserializer s_reader = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build();
    private static readonly ISerializer s_writer = new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    /// <summary>The file, relative to the workspace root.</summary>
    public static string FilePath(string root) => Path.Combine(root, ".wayfinder", "remotes.yaml");

    /// <summary>A remote's folder (its pull state).</summary>
    public static string FolderOf(string root, string name) => Path.Combine(root, ".wayfinder", "remotes", name);

    /// <summary>A remote's name: lower-case letters, digits, <c>-</c> and <c>_</c>, starting with a letter.</summary>
    public static bool IsName(string name) => NamePattern().IsMatch(name);

    /// <summary>The workspace's remotes by name, in the order of their names; none when there is no file.</summary>
    public static IReadOnlyList<RemoteInfo> Read(string root)
    {
        var path = FilePath(root);
        if (!File.Exists(path))
        {
            return [];
        }

        var model = s_reader.Deserialize<RemotesModel?>(File.ReadAllText(path)) ?? new RemotesModel();
        return [.. model.Remotes
            .Where(r => r.Value?.Url is not null && Uri.TryCreate(r.Value.Url, UriKind.Absolute, out _))
            .Select(r => new RemoteInfo(r.Key, new Uri(r.Value.Url!), r.Value.Workspace ?? "demo"))
            .OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    public static void Write(string root, IEnumerable<RemoteInfo> remotes)
    {
        var model = new RemotesModel
        {
            Remotes = remotes.OrderBy(r => r.Name, StringComparer.Ordinal)
                .ToDictionary(r => r.Name, r => new RemoteModel { Url = r.Url.ToString(), Workspace = r.Workspace }, StringComparer.Ordinal),
        };
        WorkspaceFolder.WriteAtomically(FilePath(root),
            "# The team servers this workspace pulls from and pushes to (wayfinder remote add|list|remove). No tokens here:\n"
            + "# `wayfinder login` keeps those in your own config folder.\n"
            + s_writer.Serialize(model));
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,39}$")]
    private static partial Regex NamePattern();

    private sealed class RemotesModel
    {
        public Dictionary<string, RemoteModel> Remotes { get; set; } = [];
    }

    private sealed class RemoteModel
    {
        public string? Url { get; set; }

        public string? Workspace { get; set; }
    }
}

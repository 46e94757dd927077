namespace Wayfinder.Cli.Remote;

using System.Security.Cryptography;
using System.Text;
using Wayfinder.App.Workspaces;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

/// <summary>One file as last pulled from (or pushed to) a remote: the server's revision and the SHA-256 of its bytes.</summary>
internal sealed record SyncedFile(int Revision, string Sha256);

/// <summary>
/// What a workspace last took from a remote, in <c>.wayfinder/remotes/NAME/state.yaml</c>: each file (relative path) with
/// its server revision and content hash. A file whose bytes still hash the same is unchanged here since then.
/// </summary>
internal static class SyncState
{
    private static readonly IDeserializer s_reader = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build();
    private static readonly ISerializer s_writer = new SerializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    public static string FilePath(string root, string remote) => Path.Combine(Remotes.FolderOf(root, remote), "state.yaml");

    /// <summary>The files as last synced; null when the workspace never pulled from the remote.</summary>
    public static Dictionary<string, SyncedFile>? Read(string root, string remote)
    {
        var path = FilePath(root, remote);
        if (!File.Exists(path))
        {
            return null;
        }

        var model = s_reader.Deserialize<StateModel?>(File.ReadAllText(path)) ?? new StateModel();
        return model.Files.Where(f => f.Value?.Sha256 is not null)
            .ToDictionary(f => f.Key, f => new SyncedFile(f.Value.Revision, f.Value.Sha256!), StringComparer.Ordinal);
    }

    public static void Write(string root, string remote, IReadOnlyDictionary<string, SyncedFile> files)
    {
        var model = new StateModel
        {
            Files = files.OrderBy(f => f.Key, StringComparer.Ordinal)
                .ToDictionary(f => f.Key, f => new FileModel { Revision = f.Value.Revision, Sha256 = f.Value.Sha256 }, StringComparer.Ordinal),
        };
        WorkspaceFolder.WriteAtomically(FilePath(root, remote),
            $"# What this workspace last took from remote \"{remote}\": each file's server revision and the SHA-256 of its bytes.\n"
            + "# Written by `wayfinder pull` and `wayfinder push`; do not edit.\n"
            + s_writer.Serialize(model));
    }

    /// <summary>The SHA-256 of a text's UTF-8 bytes (as a file holds it), lower-case hex.</summary>
    public static string HashOf(string text) => HashOf(Encoding.UTF8.GetBytes(text));

    public static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The hash of a local file's bytes, or null when there is no such file.</summary>
    public static string? HashOfFile(string path) => File.Exists(path) ? HashOf(File.ReadAllBytes(path)) : null;

    private sealed class StateModel
    {
        public Dictionary<string, FileModel> Files { get; set; } = [];
    }

    private sealed class FileModel
    {
        public int Revision { get; set; }

        public string? Sha256 { get; set; }
    }
}

namespace Wayfinder.App.Workspaces;

using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

/// <summary>A workspace on disk: a folder with <c>wayfinder.yaml</c> at its root and one YAML file per document.</summary>
public static class WorkspaceFolder
{
    /// <summary>The nearest folder at or above <paramref name="start"/> holding <c>wayfinder.yaml</c>, or null.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (IsWorkspace(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="folder"/> holds <c>wayfinder.yaml</c>.</summary>
    public static bool IsWorkspace(string folder) => File.Exists(Path.Combine(folder, WorkspaceLoader.ConfigFileName));

    /// <summary>Reads the folder's config and every document file under the document folders, then parses them (see <see cref="WorkspaceLoader.Read"/>).</summary>
    public static (Workspace Workspace, ValidationResult Result) Load(string root)
    {
        root = Path.GetFullPath(root);
        var configPath = Path.Combine(root, WorkspaceLoader.ConfigFileName);
        var configText = File.Exists(configPath) ? File.ReadAllText(configPath) : null;
        return WorkspaceLoader.Read(Path.GetFileName(root), root, configText, Files(root));
    }

    /// <summary>Every YAML file under the document folders, with its path relative to the root.</summary>
    public static IEnumerable<WorkspaceFile> Files(string root)
    {
        foreach (var kind in Enum.GetValues<Core.Documents.DocumentKind>())
        {
            var folder = Path.Combine(root, WorkspaceLoader.FolderOf(kind));
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories).Where(WorkspaceLoader.IsYaml))
            {
                yield return new WorkspaceFile(Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllText(path));
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> whole or not at all: into a file beside it, then moved over it.</summary>
    public static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var staging = path + ".saving";
        File.WriteAllText(staging, text);
        File.Move(staging, path, overwrite: true);
    }
}

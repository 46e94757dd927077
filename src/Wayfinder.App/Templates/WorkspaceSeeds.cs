namespace Wayfinder.App.Templates;

using System.Text.RegularExpressions;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Templates;
using Wayfinder.Core.Workspaces;

/// <summary>
/// The files a new workspace starts with, by path relative to its root, each schema line pointed at the workspace's
/// schema folder: the demo (personas, journeys, a value gap map) or only <c>wayfinder.yaml</c>.
/// </summary>
public static partial class WorkspaceSeeds
{
    /// <summary>The demo workspace; <paramref name="name"/> replaces the demo's name when given.</summary>
    public static IReadOnlyDictionary<string, string> Demo(string? name = null) => Repointed(DemoFiles(name));

    /// <summary>Only <c>wayfinder.yaml</c>, with the standard channels.</summary>
    public static IReadOnlyDictionary<string, string> Empty(string name) => Repointed(EmptyFiles(name));

    private static Dictionary<string, string> Repointed(IReadOnlyDictionary<string, string> files) =>
        files.ToDictionary(f => f.Key, f => SchemaFiles.Repoint(f.Value, f.Key), StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, string> DemoFiles(string? name)
    {
        var files = DemoWorkspace.Files("../" + SchemaFiles.Folder);
        if (name is null || !files.TryGetValue(WorkspaceLoader.ConfigFileName, out var config))
        {
            return files;
        }

        var renamed = new Dictionary<string, string>(files, StringComparer.Ordinal)
        {
            [WorkspaceLoader.ConfigFileName] = TopLevelName().Replace(config, $"name: {Quote(name)}", 1),
        };
        return renamed;
    }

    private static Dictionary<string, string> EmptyFiles(string name)
    {
        var config = DocumentYaml.Write(DemoWorkspace.DefaultConfig(name));
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WorkspaceLoader.ConfigFileName] = $"# yaml-language-server: $schema=./{SchemaFiles.Folder}/workspace.schema.json\n{config}",
        };
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("^name:.*$", RegexOptions.Multiline)]
    private static partial Regex TopLevelName();
}

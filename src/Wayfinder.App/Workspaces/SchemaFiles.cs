namespace Wayfinder.App.Workspaces;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;

/// <summary>
/// The JSON Schemas a workspace keeps in <c>.wayfinder/schemas/</c>, and the yaml-language-server line at the top
/// of each document that points editors at them.
/// </summary>
public static class SchemaFiles
{
    /// <summary>Where a workspace keeps its schemas, relative to its root.</summary>
    public const string Folder = ".wayfinder/schemas";

    private const string SchemaLinePrefix = "# yaml-language-server: $schema=";

    /// <summary>Writes every schema into <paramref name="directory"/>; returns the full paths written.</summary>
    public static IReadOnlyList<string> WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (name, text) in DocumentSchemas.All().OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, text);
            written.Add(path);
        }

        return written;
    }

    /// <summary>Writes the schemas into the workspace unless they are already there.</summary>
    public static void EnsureIn(string root)
    {
        var directory = Path.Combine(root, Folder);
        if (!Directory.Exists(directory) || !Directory.EnumerateFiles(directory, "*.schema.json").Any())
        {
            WriteAll(directory);
        }
    }

    /// <summary>The schema folder as seen from the folder of <paramref name="fileFullPath"/>, with forward slashes.</summary>
    public static string RelativeBase(string root, string fileFullPath)
    {
        var from = Path.GetDirectoryName(fileFullPath)!;
        return Path.GetRelativePath(from, Path.Combine(root, Folder)).Replace('\\', '/');
    }

    /// <summary>
    /// Points the schema line of <paramref name="text"/> (if it has one) at the workspace's schema folder as seen from
    /// the file at <paramref name="relativeFile"/>, whatever base it was written with.
    /// </summary>
    public static string Repoint(string text, string relativeFile)
    {
        if (!text.StartsWith(SchemaLinePrefix, StringComparison.Ordinal))
        {
            return text;
        }

        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var line = end < 0 ? text : text[..end];
        var schemaName = line[(line.LastIndexOf('/') + 1)..].Trim();
        var depth = relativeFile.Count(c => c == '/');
        var prefix = depth == 0 ? "./" : string.Concat(Enumerable.Repeat("../", depth));
        var newLine = $"{SchemaLinePrefix}{prefix}{Folder}/{schemaName}";
        return end < 0 ? newLine : newLine + text[end..];
    }

    /// <summary>The schema folder as seen from a file at <paramref name="relativeFile"/> (relative to the root, forward slashes).</summary>
    public static string RelativeBase(string relativeFile)
    {
        var depth = relativeFile.Count(c => c == '/');
        return depth == 0 ? Folder : string.Concat(Enumerable.Repeat("../", depth)) + Folder;
    }

    /// <summary>A document's text as stored at <paramref name="relativeFile"/> in any workspace store: the schema line, then the YAML.</summary>
    public static string DocumentText(IDocument document, string relativeFile) =>
        DocumentYaml.SchemaLine(document.Kind, RelativeBase(relativeFile)) + "\n" + DocumentYaml.Write(document);

    /// <summary>A document's text as written to a workspace: the schema line, then the YAML.</summary>
    public static string DocumentText(IDocument document, string root, string fileFullPath) =>
        DocumentYaml.SchemaLine(document.Kind, RelativeBase(root, fileFullPath)) + "\n" + DocumentYaml.Write(document);
}

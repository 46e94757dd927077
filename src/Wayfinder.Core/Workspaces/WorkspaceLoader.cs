namespace Wayfinder.Core.Workspaces;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Validation;
using YamlDotNet.Core;

/// <summary>Reads a workspace folder: <c>wayfinder.yaml</c> and one YAML file per document.</summary>
public static class WorkspaceLoader
{
    public const string ConfigFileName = "wayfinder.yaml";

    /// <summary>The folders documents live in, by kind.</summary>
    public static string FolderOf(DocumentKind kind) => kind switch
    {
        DocumentKind.Persona => "personas",
        DocumentKind.Journey => "journeys",
        DocumentKind.ValueGap => "value-gaps",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The nearest folder at or above <paramref name="start"/> holding <c>wayfinder.yaml</c>, or null.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ConfigFileName)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// Loads every document it can; each file that cannot be read is reported with its position and left out,
    /// so one broken file does not hide the problems of the others.
    /// </summary>
    public static (Workspace Workspace, ValidationResult Result) Load(string root)
    {
        var result = new ValidationResult();
        root = Path.GetFullPath(root);
        var configPath = Path.Combine(root, ConfigFileName);
        WorkspaceConfig config;
        var configText = "";
        if (!File.Exists(configPath))
        {
            result.Add(new Diagnostic { File = ConfigFileName, Message = $"no {ConfigFileName} in {root}; run `wayfinder init` to create a workspace", Code = "no-workspace" });
            config = new WorkspaceConfig { Name = Path.GetFileName(root) };
        }
        else
        {
            configText = File.ReadAllText(configPath);
            config = Parse<WorkspaceConfig>(configText, ConfigFileName, result) ?? new WorkspaceConfig { Name = Path.GetFileName(root) };
            if (config.Name is null)
            {
                config = config with { Name = Path.GetFileName(root) };
            }
        }

        var workspace = new Workspace { Root = root, Config = config, ConfigText = configText };
        LoadKind<Persona>(root, DocumentKind.Persona, workspace.Personas, result);
        LoadKind<Journey>(root, DocumentKind.Journey, workspace.Journeys, result);
        LoadKind<ValueGapMap>(root, DocumentKind.ValueGap, workspace.ValueGaps, result);
        return (workspace, result);
    }

    /// <summary>
    /// Parses one file's text: a YAML syntax error is reported once in plain words; otherwise every structural problem
    /// (unknown field, missing required field, wrong enum value or scalar type) is reported with its position, and
    /// null is returned only when the text cannot be deserialised.
    /// </summary>
    public static T? Parse<T>(string text, string file, ValidationResult result)
        where T : class
    {
        var map = SourceMap.Parse(text);
        if (StructureChecker.SyntaxDiagnostic(map, file) is { } syntax)
        {
            result.Add(syntax);
            return null;
        }

        if (map.Root is null)
        {
            result.Add(new Diagnostic { File = file, Line = 1, Column = 1, Message = "the file is empty; a document needs at least kind, id and title", Code = "empty" });
            return null;
        }

        var structural = StructureChecker.Check(map, typeof(T), file);
        result.AddRange(structural);
        try
        {
            return DocumentYaml.Read<T>(text);
        }
        catch (YamlException ex)
        {
            // The structural check has already said what is wrong in plain words; the deserialiser's first complaint would repeat it.
            if (structural.Count == 0)
            {
                var message = ex.InnerException is { } inner and not YamlException ? inner.Message : ex.Message;
                result.Add(new Diagnostic
                {
                    File = file,
                    Line = (int)ex.Start.Line,
                    Column = (int)ex.Start.Column,
                    Message = PlainYamlMessage(message),
                    Code = "yaml",
                });
            }

            return null;
        }
    }

    private static void LoadKind<T>(string root, DocumentKind kind, List<SourcedDocument<T>> into, ValidationResult result)
        where T : class, IDocument
    {
        var folder = Path.Combine(root, FolderOf(kind));
        if (!Directory.Exists(folder))
        {
            return;
        }

        var files = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var path in files)
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            var text = File.ReadAllText(path);
            var declared = DocumentYaml.PeekKind(text);
            if (declared is { } k && k != kind)
            {
                result.Add(new Diagnostic
                {
                    File = relative, Line = 1, Column = 1, Path = "kind", Code = "wrong-folder",
                    Message = $"a {DocumentYaml.Write(k).Trim()} document in {FolderOf(kind)}/; move it to {FolderOf(k)}/",
                });
                continue;
            }

            var document = Parse<T>(text, relative, result);
            if (document is not null)
            {
                into.Add(new SourcedDocument<T>(document, relative, text));
            }
        }
    }

    private static string PlainYamlMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the position is reported separately.
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && cut > 0 ? message[(cut + 3)..] : message;
    }
}

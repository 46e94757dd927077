namespace Wayfinder.Core.Workspaces;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Validation;
using YamlDotNet.Core;

/// <summary>
/// Reads a workspace from its texts: <c>wayfinder.yaml</c> and one YAML text per document, each under its kind's folder.
/// Where the texts come from (a folder, a database, memory) is the application layer's business: Core does no I/O.
/// </summary>
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

    /// <summary>
    /// Reads a workspace from its texts: <paramref name="configText"/> (null when there is no <c>wayfinder.yaml</c>) and
    /// each document file with its path relative to the root (<c>journeys/onboarding.yaml</c>). Loads every document it
    /// can; each file that cannot be read is reported with its position and left out, so one broken file does not hide
    /// the problems of the others. Documents are taken in the order of their paths.
    /// </summary>
    /// <param name="name">The workspace's name when its config names none (a folder's name).</param>
    /// <param name="location">Where the workspace lives (a folder path, or a name for one held elsewhere), for messages.</param>
    public static (Workspace Workspace, ValidationResult Result) Read(string name, string location, string? configText, IEnumerable<WorkspaceFile> files)
    {
        var result = new ValidationResult();
        WorkspaceConfig config;
        if (configText is null)
        {
            result.Add(new Diagnostic { File = ConfigFileName, Message = $"no {ConfigFileName} in {location}; run `wayfinder init` to create a workspace", Code = "no-workspace" });
            config = new WorkspaceConfig { Name = name };
        }
        else
        {
            config = Parse<WorkspaceConfig>(configText, ConfigFileName, result) ?? new WorkspaceConfig { Name = name };
            if (config.Name is null)
            {
                config = config with { Name = name };
            }
        }

        var workspace = new Workspace { Root = location, Config = config, ConfigText = configText ?? "" };
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            switch (KindOfPath(file.Path))
            {
                case DocumentKind.Persona:
                    Add(file, DocumentKind.Persona, workspace.Personas, result);
                    break;
                case DocumentKind.Journey:
                    Add(file, DocumentKind.Journey, workspace.Journeys, result);
                    break;
                case DocumentKind.ValueGap:
                    Add(file, DocumentKind.ValueGap, workspace.ValueGaps, result);
                    break;
                default:
                    break;
            }
        }

        return (workspace, result);
    }

    /// <summary>The kind of document a workspace file holds by the folder it is in, or null for a file outside the document folders or not YAML.</summary>
    public static DocumentKind? KindOfPath(string relativePath)
    {
        if (!IsYaml(relativePath))
        {
            return null;
        }

        var slash = relativePath.IndexOf('/', StringComparison.Ordinal);
        var folder = slash < 0 ? "" : relativePath[..slash];
        return Enum.GetValues<DocumentKind>().Select(k => (DocumentKind?)k).FirstOrDefault(k => FolderOf(k!.Value) == folder);
    }

    /// <summary>True for a <c>.yaml</c> or <c>.yml</c> file name.</summary>
    public static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

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

    private static void Add<T>(WorkspaceFile file, DocumentKind kind, List<SourcedDocument<T>> into, ValidationResult result)
        where T : class, IDocument
    {
        var declared = DocumentYaml.PeekKind(file.Text);
        if (declared is { } k && k != kind)
        {
            result.Add(new Diagnostic
            {
                File = file.Path, Line = 1, Column = 1, Path = "kind", Code = "wrong-folder",
                Message = $"a {DocumentYaml.Write(k).Trim()} document in {FolderOf(kind)}/; move it to {FolderOf(k)}/",
            });
            return;
        }

        var document = Parse<T>(file.Text, file.Path, result);
        if (document is not null)
        {
            into.Add(new SourcedDocument<T>(document, file.Path, file.Text));
        }
    }

    private static string PlainYamlMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: …): "; the position is reported separately.
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && cut > 0 ? message[(cut + 3)..] : message;
    }
}

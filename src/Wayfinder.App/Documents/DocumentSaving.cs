namespace Wayfinder.App.Documents;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using YamlDotNet.Core;
using Wayfinder.Core.Workspaces;

/// <summary>The rules every document repository applies on save, whatever it stores into.</summary>
internal static class DocumentSaving
{
    /// <summary>Where a new document of that kind and id is stored, relative to the root.</summary>
    public static string NewFile(DocumentKind kind, string id) => $"{WorkspaceLoader.FolderOf(kind)}/{id}.yaml";

    /// <summary>A conflict when <paramref name="expected"/> is not the stored revision (<paramref name="actual"/>, null when there is no document).</summary>
    public static SaveResult? Conflict(int? expected, int? actual, RevisionInfo? last) =>
        expected == actual ? null : new SaveResult { Outcome = SaveOutcome.Conflict, ExpectedRevision = expected, ActualRevision = actual, SavedInBetween = last };

    /// <summary>
    /// The document as it is stored: missing element ids assigned (none of <paramref name="usedIds"/>), and its revision:
    /// an update gets the next after <paramref name="current"/>; a new document keeps the one it carries, but is never
    /// below the next after <paramref name="deletedAt"/> (the revision a deleted document of that file ended on), so no
    /// revision number, and no ETag, is given out twice.
    /// </summary>
    public static (IDocument Document, string Text) Prepare(IDocument document, int? current, IReadOnlySet<string> usedIds, string file, int? deletedAt = null)
    {
        var revision = current is { } c ? c + 1 : deletedAt is { } d ? Math.Max(document.Revision, d + 1) : document.Revision;
        var stored = WithIds(WithRevision(document, revision), usedIds);
        return (stored, SchemaFiles.DocumentText(stored, file));
    }

    /// <summary>The element ids of a stored text (none when it does not parse), so a later save never reuses one.</summary>
    public static IReadOnlySet<string> IdsOf(string text, DocumentKind kind)
    {
        try
        {
            return DocumentYaml.Read(text, DocumentYaml.TypeOf(kind)) is IDocument document
                ? ElementIds.List(document).Select(e => e.Id).ToHashSet(StringComparer.Ordinal)
                : [];
        }
        catch (YamlException)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }
    }

    private static IDocument WithIds(IDocument document, IReadOnlySet<string> usedIds) => ElementIds.Assign(document, usedIds);

    private static IDocument WithRevision(IDocument document, int revision) => document switch
    {
        Journey j => j with { Revision = revision },
        Persona p => p with { Revision = revision },
        ValueGapMap v => v with { Revision = revision },
        _ => throw new ArgumentOutOfRangeException(nameof(document), document.Kind, "an unknown kind of document"),
    };
}

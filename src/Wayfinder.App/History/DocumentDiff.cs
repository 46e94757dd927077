namespace Wayfinder.App.History;

using System.Text.Json.Nodes;
using DiffPlex;
using DiffPlex.Renderer;
using Wayfinder.Core.Documents;

/// <summary>What happened to one element between two revisions.</summary>
public enum ElementChangeKind
{
    /// <summary>In the newer revision only.</summary>
    Added,

    /// <summary>In the older revision only.</summary>
    Removed,

    /// <summary>In both, but its place changed: another order among its siblings, or another parent (a step to another stage).</summary>
    Moved,

    /// <summary>In both, with at least one field's text changed.</summary>
    Changed,
}

/// <summary>One field's text in the older and the newer revision (null where it has none).</summary>
/// <param name="Field">The field's name as in the files (<c>name</c>, <c>stage</c>, <c>text</c>); a list or object field is compared as its JSON.</param>
public sealed record FieldChange(string Field, string? Old, string? New);

/// <summary>
/// One change to one element. An element that both moved and changed has two entries. Added elements list their fields
/// with no old text, removed ones with no new text.
/// </summary>
/// <param name="ElementId">The element's stable id.</param>
/// <param name="Element">What it is: <c>stage</c>, <c>step</c>, <c>lane</c>, <c>lane_item</c>, <c>goal</c>, <c>need</c>, <c>says</c>…</param>
/// <param name="Change">Added, removed, moved or changed.</param>
/// <param name="OldPath">Where it was (<c>stages[1]</c>), null when added.</param>
/// <param name="NewPath">Where it is, null when removed.</param>
/// <param name="Fields">The fields whose text differs.</param>
public sealed record ElementChange(string ElementId, string Element, ElementChangeKind Change, string? OldPath, string? NewPath, IReadOnlyList<FieldChange> Fields);

/// <summary>The difference between two revisions of one document: its own fields, then its elements by id.</summary>
/// <param name="Document">The document's own fields that differ (title, owner, scenario…; never the revision).</param>
/// <param name="Elements">Every element added, removed, moved or changed: the newer revision's elements in order, then the removed ones in the older's order.</param>
public sealed record DocumentChanges(IReadOnlyList<FieldChange> Document, IReadOnlyList<ElementChange> Elements);

/// <summary>
/// Compares two revisions of a document (pure, no I/O): per element by its stable id (<see cref="ElementIds"/>), and as
/// a unified text diff of the YAML.
/// </summary>
public static class DocumentDiff
{
    /// <summary>Lines of unchanged text shown around each change of the text diff.</summary>
    public const int ContextLines = 3;

    /// <summary>The element changes from <paramref name="older"/> to <paramref name="newer"/>, two documents of one kind.</summary>
    public static DocumentChanges Compare(IDocument older, IDocument newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        if (older.Kind != newer.Kind)
        {
            throw new ArgumentException($"a {older.Kind} cannot be compared with a {newer.Kind}", nameof(newer));
        }

        var before = DocumentTree.Elements(older);
        var after = DocumentTree.Elements(newer);
        var moved = Moved(before, after);
        var changes = new List<ElementChange>();
        foreach (var element in after.Values)
        {
            if (!before.TryGetValue(element.Id, out var old))
            {
                changes.Add(new(element.Id, element.What, ElementChangeKind.Added, null, element.Path, Fields(null, element.Node)));
                continue;
            }

            if (moved.Contains(element.Id))
            {
                changes.Add(new(element.Id, element.What, ElementChangeKind.Moved, old.Path, element.Path, []));
            }

            if (Fields(old.Node, element.Node) is { Count: > 0 } fields)
            {
                changes.Add(new(element.Id, element.What, ElementChangeKind.Changed, old.Path, element.Path, fields));
            }
        }

        changes.AddRange(before.Values.Where(e => !after.ContainsKey(e.Id))
            .Select(e => new ElementChange(e.Id, e.What, ElementChangeKind.Removed, e.Path, null, Fields(e.Node, null))));

        var listed = before.Values.Concat(after.Values).Select(e => e.Path.Split('.', '[')[0]).ToHashSet(StringComparer.Ordinal);
        var document = Fields(DocumentTree.Root(older), DocumentTree.Root(newer), skip: p => listed.Contains(p) || p == "revision");
        return new DocumentChanges(document, changes);
    }

    /// <summary>
    /// The unified diff (<c>---</c>/<c>+++</c> headers and <c>@@</c> hunks with <see cref="ContextLines"/> lines of
    /// context) from <paramref name="olderText"/> to <paramref name="newerText"/>; empty when they are the same.
    /// </summary>
    public static string Text(string olderText, string newerText, string olderName, string newerName)
    {
        ArgumentNullException.ThrowIfNull(olderText);
        ArgumentNullException.ThrowIfNull(newerText);
        return olderText == newerText
            ? ""
            : new UnidiffRenderer(Differ.Instance, ContextLines).Generate(olderText, newerText, olderName, newerName, ignoreWhitespace: false, ignoreCase: false);
    }

    /// <summary>
    /// The elements whose place changed: those now under another parent, and, within one list, the fewest whose order
    /// must change for the rest to stay in order (those outside a longest common subsequence of the shared ids).
    /// </summary>
    private static HashSet<string> Moved(Dictionary<string, DocumentTree.Element> before, Dictionary<string, DocumentTree.Element> after)
    {
        var moved = new HashSet<string>(StringComparer.Ordinal);
        var kept = after.Values.Where(e => before.TryGetValue(e.Id, out var old) && old.Container == e.Container).ToList();
        moved.UnionWith(after.Values.Where(e => before.TryGetValue(e.Id, out var old) && old.Container != e.Container).Select(e => e.Id));
        foreach (var group in kept.GroupBy(e => e.Container))
        {
            var newOrder = group.Select(e => e.Id).ToList();
            var shared = newOrder.ToHashSet(StringComparer.Ordinal);
            var oldOrder = before.Values.Where(e => e.Container == group.Key && shared.Contains(e.Id)).Select(e => e.Id).ToList();
            var inOrder = LongestCommonSubsequence(oldOrder, newOrder);
            moved.UnionWith(newOrder.Where(id => !inOrder.Contains(id)));
        }

        return moved;
    }

    private static HashSet<string> LongestCommonSubsequence(List<string> a, List<string> b)
    {
        var lengths = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var common = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            if (a[i] == b[j])
            {
                common.Add(a[i]);
                i++;
                j++;
            }
            else if (lengths[i + 1, j] >= lengths[i, j + 1])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return common;
    }

    /// <summary>The fields whose text differs, in the older's order then the newer's; never the id nor a list of child elements.</summary>
    private static List<FieldChange> Fields(JsonObject? older, JsonObject? newer, Func<string, bool>? skip = null)
    {
        skip ??= p => p == "id" || DocumentTree.ChildLists.Contains(p);
        var names = (older?.Select(p => p.Key) ?? []).Concat(newer?.Select(p => p.Key) ?? []).Distinct(StringComparer.Ordinal).Where(p => !skip(p));
        var changes = new List<FieldChange>();
        foreach (var name in names)
        {
            var (old, now) = (DocumentTree.TextOf(older?[name]), DocumentTree.TextOf(newer?[name]));
            if (old != now)
            {
                changes.Add(new FieldChange(name, old, now));
            }
        }

        return changes;
    }
}

namespace Wayfinder.App.History;

using System.Text.Json;
using System.Text.Json.Nodes;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Element = Wayfinder.App.History.DocumentTree.Element;

/// <summary>
/// One three-way merge (see <see cref="DocumentMerge"/>) over the documents' JSON trees: first which elements stay, then
/// where each sits and in what order, then each field's value.
/// </summary>
internal sealed class MergeRun
{
    private readonly MergeInputs _inputs;
    private readonly JsonObject _baseRoot;
    private readonly JsonObject _mineRoot;
    private readonly JsonObject _theirsRoot;
    private readonly Dictionary<string, Element> _base;
    private readonly Dictionary<string, Element> _mine;
    private readonly Dictionary<string, Element> _theirs;

    /// <summary>Every element id: base's in document order, then mine's additions, then theirs'.</summary>
    private readonly Dictionary<string, int> _order = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _mergedPaths = new(StringComparer.Ordinal);
    private readonly List<(int Order, MergeConflict Conflict)> _conflicts = [];

    /// <summary>
    /// An element that stays, in its three versions. A side that lacks it only because its parent is gone there, or that
    /// deleted it when the conflict was resolved to keep it, stands as base (unchanged), so the other side's changes win.
    /// </summary>
    private sealed record Kept(Element? Base, Element? Mine, Element? Theirs)
    {
        public Element Any => Theirs ?? Mine ?? Base!;

        public string? Container { get; set; }
    }

    public MergeRun(MergeInputs inputs)
    {
        _inputs = inputs;
        (_baseRoot, _mineRoot, _theirsRoot) = (DocumentTree.Root(inputs.Base), DocumentTree.Root(inputs.Mine), DocumentTree.Root(inputs.Theirs));
        _base = DocumentTree.Elements(inputs.Base, _baseRoot);
        _mine = DocumentTree.Elements(inputs.Mine, _mineRoot);
        _theirs = DocumentTree.Elements(inputs.Theirs, _theirsRoot);
        foreach (var id in _base.Keys.Concat(_mine.Keys).Concat(_theirs.Keys))
        {
            _order.TryAdd(id, _order.Count);
        }
    }

    /// <summary>The merged document and the conflicts not yet resolved by a choice.</summary>
    public (IDocument Merged, IReadOnlyList<MergeConflict> Conflicts) Merge()
    {
        DecideWhatStays();
        Place();
        var root = BuildRoot();
        var merged = (IDocument)root.Deserialize(_inputs.Theirs.GetType(), DocumentJson.Options)!;
        var conflicts = _conflicts.OrderBy(c => c.Order).Select(c => c.Conflict with { Path = PathOf(c.Conflict.ElementId) }).ToList();
        return (merged, conflicts);
    }

    /// <summary>Parents come before their children in base's order, so a child gone with its parent follows the parent's fate.</summary>
    private void DecideWhatStays()
    {
        foreach (var id in _order.Keys)
        {
            _base.TryGetValue(id, out var b);
            _mine.TryGetValue(id, out var m);
            _theirs.TryGetValue(id, out var t);
            if (b is null || (m is not null && t is not null))
            {
                _kept[id] = new Kept(b, m, t);
                continue;
            }

            if (m is null && t is null)
            {
                continue;
            }

            var mineDeleted = m is null;
            var present = (m ?? t)!;
            if (b.ParentId is { } parent && !(mineDeleted ? _mine : _theirs).ContainsKey(parent))
            {
                if (_kept.ContainsKey(parent))
                {
                    _kept[id] = new Kept(b, m ?? b, t ?? b);
                }

                continue;
            }

            if (JsonNode.DeepEquals(b.Node, present.Node))
            {
                continue;
            }

            var choice = Choice(id, null);
            if (choice is null)
            {
                Conflict(id, b.What, null, MergeConflictKind.ChangedAndDeleted, b.Node, m?.Node, t?.Node);
            }

            if ((choice ?? MergeChoice.Theirs) == (mineDeleted ? MergeChoice.Theirs : MergeChoice.Mine))
            {
                _kept[id] = new Kept(b, m ?? b, t ?? b);
            }
        }
    }

    /// <summary>Each staying element's list: where the side that moved it put it (both moved it: theirs), if that parent stays.</summary>
    private void Place()
    {
        foreach (var (id, kept) in _kept)
        {
            var (b, m, t) = (kept.Base?.Container, kept.Mine?.Container, kept.Theirs?.Container);
            string?[] candidates = b is null ? [t, m] : [m == b ? t : t == b ? m : t, t, m, b];
            kept.Container = candidates.FirstOrDefault(c => c is not null && (!c.StartsWith('#') || _kept.ContainsKey(c[1..c.LastIndexOf('/')])));
            if (kept.Container is { } container)
            {
                (_members.TryGetValue(container, out var members) ? members : _members[container] = []).Add(id);
            }
        }
    }

    private JsonObject BuildRoot()
    {
        var listed = new[] { _base, _mine, _theirs }.SelectMany(s => s.Values).Select(e => e.Path.Split('.', '[')[0]).ToHashSet(StringComparer.Ordinal);
        var kind = DocumentTree.TextOf(_theirsRoot["kind"]) ?? "";
        var root = Fields(_baseRoot, _mineRoot, _theirsRoot, p => listed.Contains(p) || p == "revision", null, kind, "");
        root["revision"] = _theirsRoot["revision"]?.DeepClone();
        foreach (var container in _members.Keys.Where(c => !c.StartsWith('#')))
        {
            var slash = container.LastIndexOf('/');
            var (parentPath, list) = (container[..slash], container[(slash + 1)..]);
            var array = BuildList(container, parentPath.Length == 0 ? list : $"{parentPath}.{list}");
            if (array.Count == 0)
            {
                continue;
            }

            if (parentPath.Length == 0)
            {
                root[list] = array;
            }
            else
            {
                if (root[parentPath] is not JsonObject holder)
                {
                    root[parentPath] = holder = [];
                }

                holder[list] = array;
            }
        }

        return root;
    }

    private JsonArray BuildList(string container, string path)
    {
        var array = new JsonArray();
        foreach (var id in Order(container))
        {
            var elementPath = $"{path}[{array.Count}]";
            _mergedPaths[id] = elementPath;
            array.Add(BuildElement(id, elementPath));
        }

        return array;
    }

    private JsonObject BuildElement(string id, string path)
    {
        var kept = _kept[id];
        var node = Fields(kept.Base?.Node, kept.Mine?.Node, kept.Theirs?.Node, p => p == "id" || DocumentTree.ChildLists.Contains(p), id, kept.Any.What, "");
        node.Insert(0, "id", id);
        foreach (var list in DocumentTree.ChildLists)
        {
            if (_members.ContainsKey($"#{id}/{list}") && BuildList($"#{id}/{list}", $"{path}.{list}") is { Count: > 0 } children)
            {
                node[list] = children;
            }
        }

        return node;
    }

    /// <summary>
    /// A list's order: a side's that reordered it when the other did not, else theirs'; then every element not in that
    /// order (added or moved in by the other side, or kept from base) after its nearest neighbour before it where it came
    /// from, and after what the first side added at that place.
    /// </summary>
    private List<string> Order(string container)
    {
        var members = _members[container].ToHashSet(StringComparer.Ordinal);
        var (baseOrder, mineOrder, theirsOrder) = (Ids(_base, container), Ids(_mine, container), Ids(_theirs, container));
        var (spine, other) = Reordered(baseOrder, mineOrder) && !Reordered(baseOrder, theirsOrder) ? (mineOrder, theirsOrder) : (theirsOrder, mineOrder);
        var order = spine.Where(members.Contains).ToList();
        var inBase = baseOrder.ToHashSet(StringComparer.Ordinal);
        foreach (var source in new[] { other, baseOrder, _members[container] })
        {
            var known = source.ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < source.Count; i++)
            {
                if (!members.Contains(source[i]) || order.Contains(source[i], StringComparer.Ordinal))
                {
                    continue;
                }

                var at = 0;
                for (var j = i - 1; j >= 0; j--)
                {
                    if (order.IndexOf(source[j]) is var before and >= 0)
                    {
                        at = before + 1;
                        break;
                    }
                }

                // After what the other side added there too: theirs' additions stay where theirs put them, mine's follow.
                while (at < order.Count && !known.Contains(order[at]) && !inBase.Contains(order[at]))
                {
                    at++;
                }

                order.Insert(at, source[i]);
            }
        }

        return order;
    }

    private static List<string> Ids(Dictionary<string, Element> side, string container) =>
        [.. side.Values.Where(e => e.Container == container).Select(e => e.Id)];

    /// <summary>Whether the elements a side kept from base are in another order than base's (additions and deletions are not reorderings).</summary>
    private static bool Reordered(List<string> baseOrder, List<string> sideOrder)
    {
        var (inBase, inSide) = (baseOrder.ToHashSet(StringComparer.Ordinal), sideOrder.ToHashSet(StringComparer.Ordinal));
        return !baseOrder.Where(inSide.Contains).SequenceEqual(sideOrder.Where(inBase.Contains), StringComparer.Ordinal);
    }

    /// <summary>Every field of an element (or of the document, or of an object field) merged, theirs' fields first.</summary>
    private JsonObject Fields(JsonObject? b, JsonObject? m, JsonObject? t, Func<string, bool> skip, string? elementId, string what, string prefix)
    {
        var merged = new JsonObject();
        var names = new[] { t, m, b }.SelectMany(o => o?.Select(p => p.Key) ?? []).Distinct(StringComparer.Ordinal).Where(p => !skip(p));
        foreach (var name in names)
        {
            if (Value(b?[name], m?[name], t?[name], elementId, what, prefix + name) is { } value)
            {
                merged[name] = value;
            }
        }

        return merged;
    }

    /// <summary>One field: the side that changed it; changed on both, objects per key, lists as sets, anything else a conflict (theirs until resolved).</summary>
    private JsonNode? Value(JsonNode? b, JsonNode? m, JsonNode? t, string? elementId, string what, string field)
    {
        if (JsonNode.DeepEquals(m, b) || JsonNode.DeepEquals(m, t))
        {
            return t?.DeepClone();
        }

        if (JsonNode.DeepEquals(t, b))
        {
            return m?.DeepClone();
        }

        if (m is JsonObject mine && t is JsonObject theirs && b is null or JsonObject)
        {
            return Fields(b as JsonObject, mine, theirs, _ => false, elementId, what, field + ".");
        }

        if (m is null or JsonArray && t is null or JsonArray && b is null or JsonArray)
        {
            return Union(b as JsonArray, m as JsonArray, t as JsonArray);
        }

        var choice = Choice(elementId, field);
        if (choice is null)
        {
            Conflict(elementId, what, field, MergeConflictKind.BothChanged, b, m, t);
        }

        return (choice == MergeChoice.Mine ? m : t)?.DeepClone();
    }

    /// <summary>Theirs' items without those mine removed, then mine's additions; null when none is left.</summary>
    private static JsonArray? Union(JsonArray? b, JsonArray? m, JsonArray? t)
    {
        static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";
        var inBase = (b ?? []).Select(Text).ToHashSet(StringComparer.Ordinal);
        var inMine = (m ?? []).Select(Text).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var union = new JsonArray();
        foreach (var item in (t ?? []).Where(i => !inBase.Contains(Text(i)) || inMine.Contains(Text(i))).Concat((m ?? []).Where(i => !inBase.Contains(Text(i)))))
        {
            if (seen.Add(Text(item)))
            {
                union.Add(item?.DeepClone());
            }
        }

        return union.Count == 0 ? null : union;
    }

    private MergeChoice? Choice(string? elementId, string? field) =>
        _inputs.Choices.TryGetValue(DocumentMerge.Key(elementId, field), out var choice) ? choice : null;

    private void Conflict(string? elementId, string what, string? field, MergeConflictKind kind, JsonNode? b, JsonNode? m, JsonNode? t) =>
        _conflicts.Add((elementId is null ? -1 : _order[elementId], new MergeConflict(
            elementId, what, field, "", kind, DocumentTree.TextOf(b), DocumentTree.TextOf(m), DocumentTree.TextOf(t))));

    /// <summary>Where an element is: in the merged document, else in theirs, mine or base; empty for the document itself.</summary>
    private string PathOf(string? elementId) => elementId is null ? ""
        : _mergedPaths.TryGetValue(elementId, out var path) ? path
        : (_theirs.GetValueOrDefault(elementId) ?? _mine.GetValueOrDefault(elementId) ?? _base.GetValueOrDefault(elementId))?.Path ?? "";
}

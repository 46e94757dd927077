namespace Wayfinder.App.History;

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;

/// <summary>
/// A document as a JSON tree in the files' shape, and its elements by id with where each sits: the one way
/// <see cref="DocumentDiff"/> and <see cref="DocumentMerge"/> walk a document.
/// </summary>
internal static class DocumentTree
{
    private static readonly JsonSerializerOptions s_textOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The lists inside an element that hold elements of their own, compared as elements rather than as a field.</summary>
    public static IReadOnlySet<string> ChildLists { get; } = new HashSet<string>(StringComparer.Ordinal) { "steps", "items" };

    /// <summary>One element: its id, its kind, its path, its container (parent element <c>#id</c> or parent path, then <c>/</c> and its list) and its JSON.</summary>
    public sealed record Element(string Id, string What, string Path, string Container, JsonObject Node)
    {
        /// <summary>The list it sits in (<c>steps</c>, <c>says</c>).</summary>
        public string List => Container[(Container.LastIndexOf('/') + 1)..];

        /// <summary>The id of the element holding it, null when it sits in a list of the document (or of <c>empathy_map</c>).</summary>
        public string? ParentId => Container.StartsWith('#') ? Container[1..Container.LastIndexOf('/')] : null;
    }

    /// <summary>Every element by id, in document order, with where it sits: its parent element's id (or list) and its list.</summary>
    public static Dictionary<string, Element> Elements(IDocument document) => Elements(document, Root(document));

    /// <summary>The elements of <paramref name="document"/>, their nodes taken from <paramref name="root"/> (its JSON tree).</summary>
    public static Dictionary<string, Element> Elements(IDocument document, JsonObject root)
    {
        var refs = ElementIds.List(document);
        var idByPath = refs.ToDictionary(r => r.Path, r => r.Id, StringComparer.Ordinal);
        var elements = new Dictionary<string, Element>(StringComparer.Ordinal);
        foreach (var (id, path) in refs)
        {
            var dot = path.LastIndexOf('.');
            var parent = dot < 0 ? "" : path[..dot];
            var list = path[(dot + 1)..path.LastIndexOf('[')];
            var container = (idByPath.TryGetValue(parent, out var parentId) ? "#" + parentId : parent) + "/" + list;
            if (Find(root, path) is JsonObject node)
            {
                elements.TryAdd(id, new Element(id, What(list), path, container, node));
            }
        }

        return elements;
    }

    /// <summary>The document's JSON tree in the files' shape (empty lists and nulls left out).</summary>
    public static JsonObject Root(IDocument document) =>
        JsonSerializer.SerializeToNode(document, document.GetType(), DocumentJson.Options) as JsonObject ?? [];

    /// <summary>A field's text as a diff shows it: a string as itself, another value as JSON, null when absent.</summary>
    public static string? TextOf(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => Convert.ToString(value.ToJsonString(), CultureInfo.InvariantCulture),
        _ => node.ToJsonString(s_textOptions),
    };

    /// <summary>The node at a validator-style path (<c>lanes[2].items[0]</c>, <c>empathy_map.says[1]</c>).</summary>
    public static JsonNode? Find(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            node = bracket < 0 ? node?[segment] : node?[segment[..bracket]]?[int.Parse(segment[(bracket + 1)..^1], CultureInfo.InvariantCulture)];
        }

        return node;
    }

    /// <summary>An element's kind from the list holding it: <c>stages</c> → <c>stage</c>, <c>items</c> → <c>lane_item</c>.</summary>
    public static string What(string list) => list switch
    {
        "items" => "lane_item",
        "says" or "thinks" or "does" or "feels" => list,
        _ when list.EndsWith('s') => list[..^1],
        _ => list,
    };
}

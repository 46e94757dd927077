namespace Wayfinder.Core.Validation;

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

/// <summary>A 1-based line and column in a file.</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>
/// The YAML node tree of one file with the position of every node by its path in the document
/// (<c>stages[2].id</c>, <c>needs[0].ratings.acme</c>), so problems found in the model can be reported where they are.
/// </summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, (YamlNode? Key, YamlNode Value)> _nodes = new(StringComparer.Ordinal);

    private SourceMap(string text) => Text = text;

    public string Text { get; }

    /// <summary>The document's root node; null when the text is empty or not valid YAML.</summary>
    public YamlNode? Root { get; private set; }

    /// <summary>Where a second YAML document (after a <c>---</c> line) starts; a workspace file holds one.</summary>
    public SourcePosition? SecondDocument { get; private set; }

    /// <summary>The YAML syntax error, when the text could not be parsed.</summary>
    public YamlException? SyntaxError { get; private set; }

    /// <summary>Parses <paramref name="text"/>; a syntax error is kept in <see cref="SyntaxError"/>, never thrown.</summary>
    public static SourceMap Parse(string text)
    {
        var map = new SourceMap(text);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 1)
            {
                map.SecondDocument = Position(stream.Documents[1].RootNode.Start);
            }

            if (stream.Documents.Count > 0)
            {
                map.Root = stream.Documents[0].RootNode;
                map.Index("", null, map.Root);
            }
        }
        catch (YamlException ex)
        {
            map.SyntaxError = ex;
        }

        return map;
    }

    /// <summary>The node at <paramref name="path"/>, or null when the document has nothing there.</summary>
    public YamlNode? Node(string path) => _nodes.TryGetValue(path, out var entry) ? entry.Value : null;

    /// <summary>
    /// Where the value at <paramref name="path"/> starts; for a path the document lacks, where its nearest present
    /// parent starts (so a missing field points at the mapping that should hold it); 0:0 when there is no text.
    /// </summary>
    public SourcePosition ValueAt(string path)
    {
        if (Root is null)
        {
            // A document built in memory has no text to point into: the position is unknown (0:0).
            return new SourcePosition(0, 0);
        }

        for (var p = path; ; p = Parent(p))
        {
            if (_nodes.TryGetValue(p, out var entry))
            {
                return Position(entry.Value.Start);
            }

            if (p.Length == 0)
            {
                return new SourcePosition(1, 1);
            }
        }
    }

    /// <summary>Where the key of the field at <paramref name="path"/> starts (its value's position for list items).</summary>
    public SourcePosition KeyAt(string path) =>
        _nodes.TryGetValue(path, out var entry) && entry.Key is { } key ? Position(key.Start) : ValueAt(path);

    /// <summary>
    /// The position of the 1-based <paramref name="column"/> inside the scalar at <paramref name="path"/>: exact for
    /// plain and quoted single-line scalars, else the scalar's start.
    /// </summary>
    public SourcePosition InsideScalar(string path, int column)
    {
        if (Node(path) is not YamlScalarNode scalar || scalar.Start.Line != scalar.End.Line)
        {
            return ValueAt(path);
        }

        var start = Position(scalar.Start);
        var raw = Text.AsSpan((int)scalar.Start.Index, (int)(scalar.End.Index - scalar.Start.Index));
        switch (scalar.Style)
        {
            case YamlDotNet.Core.ScalarStyle.Plain:
                return start with { Column = start.Column + column - 1 };
            case YamlDotNet.Core.ScalarStyle.SingleQuoted:
            case YamlDotNet.Core.ScalarStyle.DoubleQuoted:
                var offset = 1;
                for (var decoded = 1; decoded < column && offset < raw.Length; decoded++)
                {
                    offset += RawLength(raw[offset..], scalar.Style);
                }

                return start with { Column = start.Column + offset };
            default:
                return start;
        }
    }

    internal static string Child(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    internal static string Item(string parent, int index) => $"{parent}[{index}]";

    internal static SourcePosition Position(Mark mark) => new((int)mark.Line, (int)mark.Column);

    private static int RawLength(ReadOnlySpan<char> rest, YamlDotNet.Core.ScalarStyle style)
    {
        if (style == YamlDotNet.Core.ScalarStyle.SingleQuoted)
        {
            return rest.Length > 1 && rest[0] == '\'' && rest[1] == '\'' ? 2 : 1;
        }

        if (rest.Length < 2 || rest[0] != '\\')
        {
            return 1;
        }

        return rest[1] switch
        {
            'x' => 4,
            'u' => 6,
            'U' => 10,
            _ => 2,
        };
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private void Index(string path, YamlNode? key, YamlNode node)
    {
        _nodes.TryAdd(path, (key, node));
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (k, v) in mapping.Children)
                {
                    if (k is YamlScalarNode { Value: { } name })
                    {
                        Index(Child(path, name), k, v);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Index(Item(path, i), null, sequence.Children[i]);
                }

                break;
        }
    }
}

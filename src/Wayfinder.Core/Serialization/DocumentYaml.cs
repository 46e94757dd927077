namespace Wayfinder.Core.Serialization;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

/// <summary>
/// Reads and writes documents as YAML: snake_case keys and enum values, nulls and empty lists left out,
/// so a document written, read and written again is the same text.
/// </summary>
public static class DocumentYaml
{
    private static readonly ISerializer s_serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithEnumNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .WithTypeConverter(new DateOnlyYamlConverter())
        .WithTypeConverter(new TraitYamlConverter())
        .WithTypeConverter(new EventMatcherYamlConverter())
        .WithIndentedSequences()
        .DisableAliases()
        .Build();

    private static readonly IDeserializer s_deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithEnumNamingConvention(UnderscoredNamingConvention.Instance)
        .WithTypeConverter(new DateOnlyYamlConverter())
        .WithTypeConverter(new TraitYamlConverter())
        .WithTypeConverter(new EventMatcherYamlConverter())
        .WithNodeDeserializer(new EmptyCollectionNodeDeserializer(), where => where.Before<NullNodeDeserializer>())
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>The first line of every file we write, so editors with the YAML language server autocomplete it.</summary>
    public static string SchemaLine(DocumentKind kind, string relativeSchemaPath) =>
        $"# yaml-language-server: $schema={relativeSchemaPath}/{SchemaFileName(kind)}";

    public static string SchemaFileName(DocumentKind kind) => kind switch
    {
        DocumentKind.Persona => "persona.schema.json",
        DocumentKind.Journey => "journey.schema.json",
        DocumentKind.ValueGap => "value-gap.schema.json",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Serialises any document or the workspace config to YAML text (no schema line).</summary>
    public static string Write(object document) => s_serializer.Serialize(document);

    /// <summary>Deserialises YAML into <typeparamref name="T"/>. Throws <see cref="YamlException"/> (with a position) on malformed YAML.</summary>
    public static T Read<T>(string yaml) => s_deserializer.Deserialize<T>(yaml);

    /// <summary>Deserialises YAML into the given type.</summary>
    public static object? Read(string yaml, Type type) => s_deserializer.Deserialize(yaml, type);

    /// <summary>Reads the <c>kind:</c> of a YAML document without deserialising the rest; null when absent or unknown.</summary>
    public static DocumentKind? PeekKind(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                return null;
            }

            return root.Children.TryGetValue(new YamlScalarNode("kind"), out var node) && node is YamlScalarNode scalar
                ? ParseKind(scalar.Value)
                : null;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    public static DocumentKind? ParseKind(string? text) => text switch
    {
        "persona" => DocumentKind.Persona,
        "journey" => DocumentKind.Journey,
        "value_gap" => DocumentKind.ValueGap,
        _ => null,
    };

    public static Type TypeOf(DocumentKind kind) => kind switch
    {
        DocumentKind.Persona => typeof(Persona),
        DocumentKind.Journey => typeof(Journey),
        DocumentKind.ValueGap => typeof(ValueGapMap),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    internal static Type ConfigType => typeof(WorkspaceConfig);
}

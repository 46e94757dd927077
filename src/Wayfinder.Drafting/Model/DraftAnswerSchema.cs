namespace Wayfinder.Drafting.Model;

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Wayfinder.Drafting.Answers;

/// <summary>
/// The JSON schema a model's answer is held to: generated from <see cref="DraftAnswer"/> as
/// <see cref="DraftAnswerJson"/> writes it, then made strict the way structured output requires: every object
/// closed (<c>additionalProperties: false</c>) and every property required, a nullable value a type union with null.
/// </summary>
public static class DraftAnswerSchema
{
    /// <summary>The name the schema is sent under.</summary>
    public const string Name = "draft_answer";

    private static readonly Lazy<JsonElement> s_schema = new(Create);

    /// <summary>The strict schema.</summary>
    public static JsonElement Schema => s_schema.Value;

    private static JsonElement Create()
    {
        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (_, node) => Strict(node),
        };
        var serializer = new JsonSerializerOptions(DraftAnswerJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var node = serializer.GetJsonSchemaAsNode(typeof(DraftAnswer), options);
        return JsonSerializer.SerializeToElement(Inline(node, node));
    }

    /// <summary>
    /// The schema with every <c>$ref</c> (the exporter refers to a type's first use when it is used again) replaced by
    /// a copy of what it refers to: local servers turning schemas into grammars do not all follow references.
    /// </summary>
    private static JsonNode? Inline(JsonNode? node, JsonNode root)
    {
        switch (node)
        {
            case JsonObject o when o["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var pointer):
                return Inline(Resolve(root, pointer).DeepClone(), root);
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                {
                    if (Inline(o[name], root) is var inlined && !ReferenceEquals(inlined, o[name]))
                    {
                        o[name] = inlined;
                    }
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (Inline(a[i], root) is var inlined && !ReferenceEquals(inlined, a[i]))
                    {
                        a[i] = inlined;
                    }
                }

                return a;
            default:
                return node;
        }
    }

    private static JsonNode Resolve(JsonNode root, string pointer)
    {
        var node = root;
        foreach (var part in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node is JsonArray array ? array[int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)]! : node[name]!;
        }

        return node;
    }

    private static JsonNode Strict(JsonNode node)
    {
        if (node is JsonObject schema && schema["properties"] is JsonObject properties)
        {
            schema["additionalProperties"] = false;
            schema["required"] = new JsonArray([.. properties.Select(p => (JsonNode?)JsonValue.Create(p.Key))]);
        }

        return node;
    }
}

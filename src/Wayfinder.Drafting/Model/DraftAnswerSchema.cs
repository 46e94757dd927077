namespace Wayfinder.Drafting.Model;

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
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
        var node = DraftAnswerJson.Options.GetJsonSchemaAsNode(typeof(DraftAnswer), options);
        return JsonSerializer.SerializeToElement(node);
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

namespace Wayfinder.Core.Serialization;

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>The published JSON Schemas of the workspace files, generated from the model.</summary>
public static class DocumentSchemas
{
    /// <summary>Where the published schemas live; each schema's <c>$id</c> is this followed by its file name.</summary>
    public const string BaseUri = "https://wayfinder.dev/schemas/";

    private const string Draft = "https://json-schema.org/draft/2020-12/schema";

    private static readonly JsonSerializerOptions s_writeOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>File name (persona.schema.json, journey.schema.json, value-gap.schema.json, workspace.schema.json) → schema text.</summary>
    public static IReadOnlyDictionary<string, string> All() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["persona.schema.json"] = Generate(typeof(Persona), "persona.schema.json", "Wayfinder persona", "persona"),
        ["journey.schema.json"] = Generate(typeof(Journey), "journey.schema.json", "Wayfinder journey map", "journey"),
        ["value-gap.schema.json"] = Generate(typeof(ValueGapMap), "value-gap.schema.json", "Wayfinder value gap map", "value_gap"),
        ["workspace.schema.json"] = Generate(typeof(WorkspaceConfig), "workspace.schema.json", "Wayfinder workspace (wayfinder.yaml)", null),
    };

    private static string Generate(Type type, string file, string title, string? kind)
    {
        var exporterOptions = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Transform,
        };
        var schema = DocumentJson.Options.GetJsonSchemaAsNode(type, exporterOptions).AsObject();

        // The root carries the draft, where it is published, a title and the document's kind as a constant.
        var root = new JsonObject
        {
            ["$schema"] = Draft,
            ["$id"] = BaseUri + file,
            ["title"] = title,
        };
        foreach (var (key, value) in schema.ToList())
        {
            schema.Remove(key);
            root[key] = value;
        }

        if (kind is not null && root["properties"] is JsonObject properties)
        {
            properties["kind"] = new JsonObject { ["const"] = kind };
            var required = root["required"] as JsonArray ?? [];
            if (!required.Any(r => r?.GetValue<string>() == "kind"))
            {
                required.Insert(0, "kind");
            }

            root["required"] = required;
        }

        return root.ToJsonString(s_writeOptions).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        var type = context.TypeInfo.Type;

        // A converter-backed element type exports as "anything", so the list's items are filled in here.
        if ((type == typeof(List<Trait>) || type == typeof(List<EventMatcher>)) && schema is JsonObject list)
        {
            list["items"] = type == typeof(List<Trait>) ? TraitSchema() : EventMatcherSchema();
            return list;
        }

        if (type == typeof(Trait))
        {
            return TraitSchema();
        }

        if (type == typeof(EventMatcher))
        {
            return EventMatcherSchema();
        }

        if (type == typeof(LaneType) && schema is JsonObject laneType)
        {
            return LaneTypeSchema(laneType);
        }

        return TransformObject(context, schema);
    }

    /// <summary>The lane types from <see cref="LaneKinds"/>: their YAML ids, and their display names for the editor's hover.</summary>
    private static JsonObject LaneTypeSchema(JsonObject schema)
    {
        schema["description"] = "The lane's type: " + string.Join("; ", LaneKinds.All.Select(k => $"{k.Id} ({k.DisplayName})")) + ".";
        var ids = new JsonArray();
        foreach (var kind in LaneKinds.All)
        {
            ids.Add(kind.Id);
        }

        schema["enum"] = ids;
        return schema;
    }

    private static JsonObject TraitSchema() =>
        StringOrObject(
                "A piece of text, or an object with its text, an optional id and the evidence it cites.",
                new JsonObject
                {
                    ["id"] = new JsonObject { ["type"] = "string", ["pattern"] = Slug.Pattern },
                    ["text"] = new JsonObject { ["type"] = "string" },
                    ["evidence"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                },
                "text");

    private static JsonObject EventMatcherSchema() =>
        StringOrObject(
                "An event name (with * and ? wildcards), or an object with the name and a where condition in the filter language.",
                new JsonObject
                {
                    ["name"] = new JsonObject { ["type"] = "string" },
                    ["where"] = new JsonObject { ["type"] = "string" },
                },
                "name");

    private static JsonNode TransformObject(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is not JsonObject obj)
        {
            return schema;
        }

        if (context.TypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object && obj.ContainsKey("properties"))
        {
            obj["additionalProperties"] = false;
        }

        if (context.PropertyInfo is { } property)
        {
            var owner = property.DeclaringType;
            var name = property.Name;
            (double Min, double Max)? range = (owner.Name, name) switch
            {
                ("Need" or "ValueNeed", "importance") => (1, 5),
                ("LaneItem", "score") => (-2, 2),
                ("LaneItem", "customer_value" or "business_value" or "effort") => (1, 5),
                _ => null,
            };
            if (range is { } r)
            {
                obj["minimum"] = r.Min;
                obj["maximum"] = r.Max;
            }

            if ((owner.Name, name) is ("ValueNeed", "ours") or ("WorkspaceDefaults", _))
            {
                obj["minimum"] = 1;
            }

            if (owner == typeof(ValueNeed) && name == "ratings" && obj["additionalProperties"] is JsonObject rating)
            {
                rating["minimum"] = 1;
            }

            // Ids the validator requires to be slugs; editors then flag "Trial Stage" as the user types.
            if (name == "id" && owner != typeof(JobToBeDone))
            {
                obj["pattern"] = Slug.Pattern;
            }

            // Which lane kinds an item field belongs to, as LaneKinds says.
            if (owner == typeof(LaneItem) && LaneKinds.UsingField(name) is { Count: > 0 } kinds)
            {
                obj["description"] = $"For items in {string.Join(" and ", kinds.Select(k => k.Id))} lanes.";
            }

            if (owner == typeof(WorkspaceStore) && name == "events")
            {
                obj["description"] = "Where events are kept: embedded (files in the workspace, the default) or clickhouse://host:port[,host:port]/database?cluster=NAME (no user or password: those come from WAYFINDER_CLICKHOUSE_USER and WAYFINDER_CLICKHOUSE_PASSWORD).";
            }

            if (owner == typeof(WorkspaceStore) && name == "table")
            {
                obj["description"] = "The prefix of the workspace's ClickHouse tables (letters, digits and underscores); default: the workspace's name.";
                obj["pattern"] = "^[A-Za-z_][A-Za-z0-9_]*$";
            }

            if (owner == typeof(ValueGapMap) && name == "scale_max")
            {
                obj["exclusiveMinimum"] = 1;
            }
        }

        return schema;
    }

    private static JsonObject StringOrObject(string description, JsonObject properties, string required) => new()
    {
        ["description"] = description,
        ["anyOf"] = new JsonArray
        {
            new JsonObject { ["type"] = "string" },
            new JsonObject
            {
                ["type"] = "object",
                ["properties"] = properties,
                ["required"] = new JsonArray { required },
                ["additionalProperties"] = false,
            },
        },
    };
}

namespace Wayfinder.Core.Serialization;

using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Wayfinder.Core.Documents;

/// <summary>Reads and writes documents as JSON with the same shape as the YAML files.</summary>
public static class DocumentJson
{
    /// <summary>The options every JSON reader and writer of documents uses (also for the JSON Schema).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Write<T>(T document) => JsonSerializer.Serialize(document, Options);

    public static T? Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = true,
            RespectNullableAnnotations = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyCollections } },
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new TraitJsonConverter());
        options.Converters.Add(new EventMatcherJsonConverter());
        options.MakeReadOnly();
        return options;
    }

    private static void OmitEmptyCollections(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = (_, value) => value is not ICollection { Count: 0 };
            }
        }
    }

    private sealed class TraitJsonConverter : JsonConverter<Trait>
    {
        public override Trait? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return new Trait { Text = reader.GetString()! };
            }

            var shape = JsonSerializer.Deserialize<TraitShape>(ref reader, options)
                ?? throw new JsonException("a trait is a string or an object with text");
            return new Trait { Id = shape.Id, Text = shape.Text ?? "", Evidence = shape.Evidence ?? [] };
        }

        public override void Write(Utf8JsonWriter writer, Trait value, JsonSerializerOptions options)
        {
            if (value.Id is null && value.Evidence.Count == 0)
            {
                writer.WriteStringValue(value.Text);
                return;
            }

            JsonSerializer.Serialize(writer, new TraitShape { Id = value.Id, Text = value.Text, Evidence = value.Evidence }, options);
        }

        private sealed class TraitShape
        {
            public string? Id { get; set; }
            public string? Text { get; set; }
            public List<string>? Evidence { get; set; }
        }
    }

    private sealed class EventMatcherJsonConverter : JsonConverter<EventMatcher>
    {
        public override EventMatcher? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return new EventMatcher { Name = reader.GetString()! };
            }

            var shape = JsonSerializer.Deserialize<EventMatcherShape>(ref reader, options)
                ?? throw new JsonException("an event matcher is a string or an object with name");
            return new EventMatcher { Name = shape.Name ?? "", Where = shape.Where };
        }

        public override void Write(Utf8JsonWriter writer, EventMatcher value, JsonSerializerOptions options)
        {
            if (value.Where is null)
            {
                writer.WriteStringValue(value.Name);
                return;
            }

            JsonSerializer.Serialize(writer, new EventMatcherShape { Name = value.Name, Where = value.Where }, options);
        }

        private sealed class EventMatcherShape
        {
            public string? Name { get; set; }
            public string? Where { get; set; }
        }
    }
}

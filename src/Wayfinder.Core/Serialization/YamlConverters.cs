namespace Wayfinder.Core.Serialization;

using System.Collections;
using System.Globalization;
using Wayfinder.Core.Documents;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

/// <summary>Dates as ISO 8601 (<c>2026-11-25</c>).</summary>
internal sealed class DateOnlyYamlConverter : IYamlTypeConverter
{
    public bool Accepts(Type type) => type == typeof(DateOnly) || type == typeof(DateOnly?);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        var scalar = parser.Consume<Scalar>();
        if (type == typeof(DateOnly?) && (scalar.Value.Length == 0 || scalar.Value is "~" or "null"))
        {
            return null;
        }

        if (DateOnly.TryParseExact(scalar.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        throw new YamlException(scalar.Start, scalar.End, $"'{scalar.Value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-25");
    }

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer)
    {
        var text = value is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false));
    }
}

/// <summary>A trait is a plain string unless it has an id or cites evidence.</summary>
internal sealed class TraitYamlConverter : IYamlTypeConverter
{
    public bool Accepts(Type type) => type == typeof(Trait);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return new Trait { Text = scalar.Value };
        }

        var shape = (TraitShape?)rootDeserializer(typeof(TraitShape));
        return new Trait { Id = shape?.Id, Text = shape?.Text!, Evidence = shape?.Evidence ?? [] };
    }

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer)
    {
        var trait = (Trait)value!;
        if (trait.Id is null && trait.Evidence.Count == 0)
        {
            serializer(trait.Text, typeof(string));
            return;
        }

        serializer(new TraitShape { Id = trait.Id, Text = trait.Text, Evidence = trait.Evidence }, typeof(TraitShape));
    }

    internal sealed class TraitShape
    {
        public string? Id { get; set; }
        public string? Text { get; set; }
        public List<string> Evidence { get; set; } = [];
    }
}

/// <summary>An event matcher is a plain event name unless it has a <c>where</c> condition.</summary>
internal sealed class EventMatcherYamlConverter : IYamlTypeConverter
{
    public bool Accepts(Type type) => type == typeof(EventMatcher);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return new EventMatcher { Name = scalar.Value };
        }

        var shape = (EventMatcherShape?)rootDeserializer(typeof(EventMatcherShape));
        return new EventMatcher { Name = shape?.Name!, Where = shape?.Where };
    }

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer)
    {
        var matcher = (EventMatcher)value!;
        if (matcher.Where is null)
        {
            serializer(matcher.Name, typeof(string));
            return;
        }

        serializer(new EventMatcherShape { Name = matcher.Name, Where = matcher.Where }, typeof(EventMatcherShape));
    }

    internal sealed class EventMatcherShape
    {
        public string? Name { get; set; }
        public string? Where { get; set; }
    }
}

/// <summary>
/// A key with no value where a list or map is expected (<c>pains:</c> with nothing after it) reads as an empty list or
/// map, never null: the model's collections are never null, and every reader, writer and diff relies on it.
/// </summary>
internal sealed class EmptyCollectionNodeDeserializer : INodeDeserializer
{
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        value = null;
        if (expectedType == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(expectedType) || expectedType.IsAbstract || expectedType.IsInterface
            || !reader.Accept<Scalar>(out var scalar) || !IsNull(scalar))
        {
            return false;
        }

        reader.MoveNext();
        value = Activator.CreateInstance(expectedType);
        return true;
    }

    /// <summary>The scalars YAML reads as null: an empty plain value, <c>~</c>, <c>null</c> or one tagged <c>!!null</c>.</summary>
    private static bool IsNull(Scalar scalar) =>
        (!scalar.Tag.IsEmpty && scalar.Tag.Value == "tag:yaml.org,2002:null")
        || (scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL");
}

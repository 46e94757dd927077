namespace Wayfinder.Core.Validation;

using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Wayfinder.Core.Documents;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

/// <summary>
/// Checks a file's raw YAML node tree against the shape of the model before it is deserialised, so that every
/// unknown field, missing required field, wrong enum value and wrong scalar type is reported, not only the first.
/// </summary>
public static class StructureChecker
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Field>> s_fields = new();

    private sealed record Field(string Name, Type Type, bool Required);

    /// <summary>Checks <paramref name="map"/> against <paramref name="rootType"/>; returns the problems found (none for an unparseable file).</summary>
    public static IReadOnlyList<Diagnostic> Check(SourceMap map, Type rootType, string file)
    {
        var found = new List<Diagnostic>();
        if (map.SecondDocument is { } second)
        {
            found.Add(new Diagnostic
            {
                File = file, Line = second.Line, Column = second.Column, Code = "yaml",
                Message = "a second YAML document starts here (after a '---' line); keep one document per file",
            });
        }

        if (map.Root is { } root)
        {
            new Walker(file, found).Value(root, rootType, "", NounOf(rootType));
        }

        return found;
    }

    /// <summary>The YAML syntax error of <paramref name="map"/> in plain words, or null when it parsed.</summary>
    public static Diagnostic? SyntaxDiagnostic(SourceMap map, string file)
    {
        if (map.SyntaxError is not { } error)
        {
            return null;
        }

        var (line, column) = ((int)error.Start.Line, (int)error.Start.Column);
        if (error.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentingTab(map.Text, line) is { } tab)
        {
            // YamlDotNet puts a tab error at the start of the enclosing mapping; the tab itself is what to fix.
            (line, column) = (tab.Line, tab.Column);
        }

        return new Diagnostic
        {
            File = file,
            Line = line,
            Column = column,
            Message = PlainYamlMessage(map.Text, line, error),
            Code = "yaml",
        };
    }

    private static SourcePosition? FirstIndentingTab(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(fromLine, 1) - 1; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                return new SourcePosition(i + 1, tab + 1);
            }
        }

        return null;
    }

    /// <summary>The snake_case field names of a model type, as written in YAML.</summary>
    public static IEnumerable<string> FieldNames(Type type) => FieldsOf(type).Select(f => f.Name);

    /// <summary><c>CadenceDays</c> → <c>cadence_days</c>, <c>DoesNotMeet</c> → <c>does_not_meet</c>.</summary>
    public static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    internal static string PlainYamlMessage(string text, int line, YamlException error)
    {
        var lines = text.Split('\n');
        if (line >= 1 && line <= lines.Length && lines[line - 1].TrimEnd('\r').TakeWhile(char.IsWhiteSpace).Contains('\t'))
        {
            return "a tab indents this line; YAML indents with spaces only";
        }

        var message = error.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        message = message.StartsWith('(') && cut > 0 ? message[(cut + 3)..] : message;
        if (message.Contains("mapping values are not allowed", StringComparison.OrdinalIgnoreCase))
        {
            return "a ':' where no field can start; check this line's indentation, or quote text that contains ': '";
        }

        if (message.Contains("did not find expected key", StringComparison.OrdinalIgnoreCase)
            || message.Contains("did not find expected '-' indicator", StringComparison.OrdinalIgnoreCase)
            || message.Contains("block end", StringComparison.OrdinalIgnoreCase))
        {
            return "this line is indented differently from the lines around it; line it up with the field or list item it belongs to";
        }

        if (message.Contains("cannot start any token", StringComparison.OrdinalIgnoreCase))
        {
            return "a character that cannot start a value here (a tab, '@' or '`'); use spaces to indent and quote such text";
        }

        if (message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase))
        {
            return "this field is written twice in the same mapping; keep one";
        }

        if (message.Contains("quoted scalar", StringComparison.OrdinalIgnoreCase))
        {
            return "a quoted text is not closed; add the closing quote";
        }

        return $"this is not valid YAML: {message.TrimEnd('.')}";
    }

    private static IReadOnlyList<Field> FieldsOf(Type type) => s_fields.GetOrAdd(type, static t =>
    {
        // Trait and EventMatcher are a plain string or a mapping; as a mapping they take these fields.
        var source = t == typeof(Trait) ? typeof(TraitShape) : t == typeof(EventMatcher) ? typeof(EventMatcherShape) : t;
        return [.. source.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetMethod is { IsPublic: true })
            .Select(p => new Field(SnakeCase(p.Name), p.PropertyType, p.GetCustomAttribute<RequiredMemberAttribute>() is not null || RequiredInShape(source, p.Name)))];
    });

    private static bool RequiredInShape(Type shape, string property) =>
        (shape == typeof(TraitShape) && property == nameof(TraitShape.Text)) || (shape == typeof(EventMatcherShape) && property == nameof(EventMatcherShape.Name));

    private static string NounOf(Type type) => type.Name switch
    {
        "ValueGapMap" => "value gap map",
        "ValueNeed" => "need",
        "WorkspaceConfig" => "workspace",
        "EvidenceLink" => "evidence entry",
        "JobToBeDone" => "job to be done",
        "LaneItem" => "lane item",
        "EventMatcher" => "event",
        _ => SnakeCase(type.Name).Replace('_', ' '),
    };

    private static string Placeholder(Field field, YamlMappingNode mapping)
    {
        if ((Nullable.GetUnderlyingType(field.Type) ?? field.Type) is { IsEnum: true } e)
        {
            return $"<one of {string.Join(", ", EnumNames(e))}>";
        }

        // An id can be made from what the entry already says about itself.
        var label = new[] { "name", "title", "text" }
            .Select(key => mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null)
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
        return field.Name == "id" && label is not null ? WorkspaceValidator.ToSlug(label) : "…";
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "" or "~" or "null" or "Null" or "NULL" or null };

    private static string Article(string noun) => noun[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? $"an {noun}" : $"a {noun}";

    private sealed class Walker(string file, List<Diagnostic> found)
    {
        private void Report(YamlNode at, string path, string code, string message) =>
            found.Add(new Diagnostic { File = file, Line = (int)at.Start.Line, Column = (int)at.Start.Column, Path = path, Code = code, Message = message });

        public void Value(YamlNode node, Type type, string path, string noun)
        {
            if (IsNull(node))
            {
                return;
            }

            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (underlying == typeof(string))
            {
                Scalar(node, path, "text");
            }
            else if (underlying == typeof(int))
            {
                if (Scalar(node, path, "a whole number") is { } text && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    Report(node, path, "wrong-type", $"'{text}' is not a whole number; write one such as 3");
                }
            }
            else if (underlying == typeof(double))
            {
                if (Scalar(node, path, "a number") is { } text && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    Report(node, path, "wrong-type", $"'{text}' is not a number; write one such as 4 or -1.5");
                }
            }
            else if (underlying == typeof(bool))
            {
                if (Scalar(node, path, "true or false") is { } text && !bool.TryParse(text, out _))
                {
                    Report(node, path, "wrong-type", $"'{text}' is not true or false");
                }
            }
            else if (underlying == typeof(DateOnly))
            {
                if (Scalar(node, path, "a date") is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    Report(node, path, "wrong-type", $"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-25");
                }
            }
            else if (underlying.IsEnum)
            {
                if (Scalar(node, path, "one of " + string.Join(", ", EnumNames(underlying))) is { } text && !EnumNames(underlying).Contains(text))
                {
                    var names = EnumNames(underlying);
                    Report(node, path, "unknown-value", $"'{text}' is not one of {string.Join(", ", names)}{Levenshtein.Suggest(text, names)}");
                }
            }
            else if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(List<>))
            {
                var element = underlying.GetGenericArguments()[0];
                if (node is not YamlSequenceNode sequence)
                {
                    Report(node, path, "wrong-type", $"expected a list here, found {Describe(node)}; write each entry on its own line starting with '- '");
                    return;
                }

                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Value(sequence.Children[i], element, SourceMap.Item(path, i), noun);
                }
            }
            else if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                var element = underlying.GetGenericArguments()[1];
                if (node is not YamlMappingNode mapping)
                {
                    Report(node, path, "wrong-type", $"expected a mapping of names to values here, found {Describe(node)}");
                    return;
                }

                foreach (var (key, value) in mapping.Children)
                {
                    Value(value, element, SourceMap.Child(path, (key as YamlScalarNode)?.Value ?? "?"), noun);
                }
            }
            else if ((underlying == typeof(Trait) || underlying == typeof(EventMatcher)) && node is YamlScalarNode)
            {
                // The plain-string form.
            }
            else
            {
                Mapping(node, underlying, path, noun);
            }
        }

        private void Mapping(YamlNode node, Type type, string path, string noun)
        {
            var fields = FieldsOf(type);
            if (node is not YamlMappingNode mapping)
            {
                var some = string.Join(", ", fields.Where(f => f.Required).Select(f => f.Name).DefaultIfEmpty(fields[0].Name));
                Report(node, path, "wrong-type", $"expected {Article(noun)} with fields such as {some}, found {Describe(node)}");
                return;
            }

            var present = new HashSet<string>(StringComparer.Ordinal);
            var itemNoun = NounOf(typeof(LaneItem));
            if (type == typeof(Lane) && mapping.Children.TryGetValue(new YamlScalarNode("type"), out var laneType) && laneType is YamlScalarNode { Value: "touchpoints" })
            {
                itemNoun = "touchpoint";
            }

            foreach (var (keyNode, value) in mapping.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } name })
                {
                    Report(keyNode, path, "wrong-type", $"a field name must be plain text, found {Describe(keyNode)}");
                    continue;
                }

                present.Add(name);
                var childPath = SourceMap.Child(path, name);
                var field = fields.FirstOrDefault(f => f.Name == name);
                if (field is null)
                {
                    var names = fields.Select(f => f.Name).Where(n => !mapping.Children.ContainsKey(new YamlScalarNode(n)));
                    Report(keyNode, childPath, "unknown-field", $"unknown field '{name}' in {Article(noun)}{Levenshtein.Suggest(name, names)}");
                    continue;
                }

                // Lists and dictionaries pass the noun on to their entries.
                var fieldType = Nullable.GetUnderlyingType(field.Type) ?? field.Type;
                var entryType = fieldType.IsGenericType ? fieldType.GetGenericArguments()[^1] : fieldType;
                var childNoun = type == typeof(Lane) && name == "items" ? itemNoun : NounOf(entryType);

                Value(value, field.Type, childPath, childNoun);
            }

            foreach (var field in fields.Where(f => f.Required))
            {
                if (!present.Contains(field.Name) || IsNull(mapping.Children[new YamlScalarNode(field.Name)]))
                {
                    var touchpoint = noun == "touchpoint" && field.Name == "stage";
                    var message = touchpoint
                        ? "a touchpoint in no stage; add stage: <the id of the stage it belongs to>"
                        : $"this {noun} has no {field.Name}; add {field.Name}: {Placeholder(field, mapping)}";
                    Report(mapping, SourceMap.Child(path, field.Name), touchpoint ? "touchpoint-no-stage" : "missing-field", message);
                }
            }
        }

        private string? Scalar(YamlNode node, string path, string expected)
        {
            if (node is YamlScalarNode scalar)
            {
                return scalar.Value ?? "";
            }

            Report(node, path, "wrong-type", $"expected {expected} here, found {Describe(node)}");
            return null;
        }

        private static string Describe(YamlNode node) => node switch
        {
            YamlScalarNode scalar => $"the text '{scalar.Value}'",
            YamlSequenceNode => "a list",
            _ => "a mapping",
        };
    }

    private static readonly ConcurrentDictionary<Type, string[]> s_enumNames = new();

    internal static string[] EnumNames(Type type) => s_enumNames.GetOrAdd(type, static t => [.. Enum.GetNames(t).Select(SnakeCase)]);

    private sealed class TraitShape
    {
        public string? Id { get; set; }
        public string? Text { get; set; }
        public List<string> Evidence { get; set; } = [];
    }

    private sealed class EventMatcherShape
    {
        public string? Name { get; set; }
        public string? Where { get; set; }
    }
}

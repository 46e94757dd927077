namespace Wayfinder.Evidence.Import;

using System.Text.Json;
using Wayfinder.Evidence.Store;

/// <summary>NDJSON: the byte reader (<see cref="NdjsonLineParser"/>) after the lines that fix the columns, a document per line for the rest.</summary>
public static partial class EventImporter
{
    private static async Task ReadNdjsonAsync(Stream stream, RowSink sink, EventImportOptions options, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        var general = new GeneralNdjson(sink, options);
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            general.Line(text, ++line);
        }

        if (sink.Rows == 0)
        {
            throw new ImportAbortedException("the file is empty; an NDJSON events file holds one JSON object per line");
        }

        if (general.Plan is null && general.FirstProblem is not null)
        {
            throw new ImportAbortedException(general.FirstProblem);
        }
    }

    /// <summary>
    /// Reads an NDJSON file from its bytes (<see cref="Utf8Lines"/>, <see cref="NdjsonLineParser"/>), in slices when
    /// large. The columns come from the first object that has them, so the lines up to it are read first by the
    /// general reader; null when that takes more than the first MiB or a line is not UTF-8 (the caller then reads the
    /// whole file with the general reader).
    /// </summary>
    private static List<RowSink>? ReadNdjsonFast(string path, long total, EventImportOptions options, CancellationToken cancellationToken, IProgress<ImportProgress>? progress)
    {
        using var file = File.OpenHandle(path);
        var first = new byte[(int)Math.Min(total, 1 << 20)];
        var length = RandomAccess.Read(file, first, 0);
        var head = new RowSink(new EventLogBuilder(), options.TimestampFormat);
        var general = new GeneralNdjson(head, options);
        var at = first.AsSpan(0, length).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        long line = 0;
        while (general.Plan is null)
        {
            var newline = first.AsSpan(at, length - at).IndexOf((byte)'\n');
            var end = newline >= 0 ? at + newline : length == total ? length : -1;
            if (end < 0 || at >= length)
            {
                return null;
            }

            var text = first.AsSpan(at, end - at);
            general.Line(System.Text.Encoding.UTF8.GetString(text.EndsWith((byte)'\r') ? text[..^1] : text), ++line);
            at = Math.Min(length, end + 1);
        }

        var rowBytes = Math.Max(32, at / Math.Max(1, head.Rows));
        var plan = general.Plan;
        var rest = ReadSlices(file, at, total, linesBefore: line, options, progress, sink => new NdjsonLineParser(plan, sink), cancellationToken, rowBytes);
        return rest is null ? null : [head, .. rest];
    }

    /// <summary>The general NDJSON reader, line by line: each object parsed into a document and flattened to dotted keys.</summary>
    private sealed class GeneralNdjson(RowSink sink, EventImportOptions options)
    {
        private readonly Dictionary<string, (bool IsAttribute, ValueColumn Column)> _classified = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);
        private HashSet<string> _core = [];

        /// <summary>The columns, from the first object that has them (objects before it are bad rows).</summary>
        public ColumnPlan? Plan { get; private set; }

        public string? FirstProblem { get; private set; }

        public void Line(string text, long line)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            sink.Rows++;
            _fields.Clear();
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    sink.Bad(line, "", "is not a JSON object; each line of an NDJSON file holds one event object");
                    return;
                }

                Flatten(document.RootElement, "", _fields);
            }
            catch (JsonException ex)
            {
                sink.Bad(line, "", InvalidJson(ex));
                return;
            }

            if (Plan is null)
            {
                var (resolved, problem) = ColumnPresets.Resolve(options.Preset, [.. _fields.Keys], options.Mapping, open: true);
                if (resolved is null)
                {
                    FirstProblem ??= $"line {line}: {problem}";
                    sink.Bad(line, "", problem!);
                    return;
                }

                Plan = resolved;
                _core = [.. resolved.CoreColumns];
            }

            var plan = Plan;
            var (r, kind) = plan.HasRowRules ? (AddCall(sink, plan, line, _fields.GetValueOrDefault, out var call), call) : (AddRow(plan, line), CallKind.Event);
            if (r < 0)
            {
                return;
            }

            foreach (var (key, value) in _fields)
            {
                if (_core.Contains(key))
                {
                    continue;
                }

                if (!SegmentCalls.IsEvent(kind))
                {
                    var (isAttribute, name) = ColumnPresets.Classify(plan.Preset, key, plan.ExplicitAttributes);
                    if (CallAttribute(kind, key, isAttribute, name) is { } attribute)
                    {
                        sink.Builder.Attribute(attribute).Set(r, value);
                    }

                    continue;
                }

                if (!_classified.TryGetValue(key, out var target))
                {
                    var (isAttribute, name) = ColumnPresets.Classify(plan.Preset, key, plan.ExplicitAttributes);
                    target = (isAttribute, isAttribute ? sink.Builder.Attribute(name) : sink.Builder.Property(name));
                    _classified.Add(key, target);
                }

                target.Column.Set(r, value);
            }
        }

        /// <summary>A row of a plan without row rules: its customer, time, event and channel columns as they are; -1 when bad.</summary>
        private int AddRow(ColumnPlan plan, long line)
        {
            var customer = _fields.GetValueOrDefault(plan.CustomerId) ?? "";
            var eventName = _fields.GetValueOrDefault(plan.Event) ?? "";
            if (!sink.Check(line, customer.AsSpan().Trim(), eventName.AsSpan().Trim(), _fields.GetValueOrDefault(plan.Timestamp), plan.TimestampUnit, out var micros))
            {
                return -1;
            }

            var channel = plan.Channel is null ? null : _fields.GetValueOrDefault(plan.Channel);
            return sink.Builder.AddRow(customer.AsSpan().Trim(), micros, eventName.AsSpan().Trim(), channel.AsSpan().Trim());
        }
    }

    /// <summary>The reason given for a line that is not JSON.</summary>
    internal static string InvalidJson(JsonException ex) =>
        $"is not valid JSON ({ex.Message.Split(" Path:")[0].TrimEnd('.')}, at byte {ex.BytePositionInLine + 1})";

    /// <summary>Flattens nested objects to dotted keys; arrays of {key, value} pairs (GA4's event_params) become keyed fields.</summary>
    internal static void Flatten(JsonElement element, string prefix, Dictionary<string, string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}", into);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String && item.TryGetProperty("value", out var value))
                    {
                        Flatten(Unwrap(value), $"{prefix}.{key.GetString()}", into);
                    }
                    else
                    {
                        Flatten(item, $"{prefix}.{index}", into);
                    }

                    index++;
                }

                break;
            case JsonValueKind.String:
                into[prefix] = element.GetString()!;
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                into[prefix] = element.GetRawText();
                break;
        }
    }

    /// <summary>GA4 wraps parameter values as {string_value | int_value | double_value | float_value}: take the one set.</summary>
    private static JsonElement Unwrap(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return value;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Name.EndsWith("_value", StringComparison.Ordinal) && property.Value.ValueKind != JsonValueKind.Null)
            {
                return property.Value;
            }
        }

        return value;
    }
}

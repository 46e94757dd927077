namespace Wayfinder.Evidence.Import;

using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Wayfinder.Evidence.Store;

/// <summary>
/// Turns one NDJSON line (a JSON object) into a row of the builder, reading the UTF-8 bytes with
/// <see cref="Utf8JsonReader"/>: nested objects become dotted keys (<c>context.traits.plan</c>), each key path is
/// interned once and classified once (the plan's customer, time, event and channel, else a property or an attribute as
/// <see cref="ColumnPresets.Classify"/> says), and values go to the builder without strings. Arrays (GA4's
/// <c>event_params</c>) are flattened as <see cref="EventImporter"/> does for the general reader. Reading each line
/// into a <see cref="JsonDocument"/> and a dictionary of strings took about 2 µs a row.
/// </summary>
internal sealed class NdjsonLineParser : ILineParser
{
    private const int Value = 0;

    private readonly ColumnPlan _plan;
    private readonly EventImporter.RowSink _sink;
    private readonly EventLogBuilder _builder;
    private readonly Interner _keys = new(64);
    private readonly List<KeyRole> _roles = [];
    private readonly (int Start, int Length)[] _slots;

    // The plan's columns by slot (slot 0: none), and the slot of each field a row is made of.
    private readonly string[] _columns;
    private readonly int _customer;
    private readonly int _time;
    private readonly int _event;
    private readonly int _channel;
    private readonly int _type;
    private readonly int _name;
    private readonly int[] _fallbacks;
    private readonly (int Slot, byte[] Prefix)[] _links;
    private readonly List<(KeyRole Key, int Start, int Length)> _values = [];
    private readonly int[] _prefixes = new int[64];
    private readonly Dictionary<string, string> _flattened = new(StringComparer.Ordinal);
    private readonly List<(int NameStart, int NameLength, int ValueStart, int ValueLength)> _pairs = [];
    private byte[] _path = new byte[256];
    private byte[] _scratch = new byte[1024];
    private int _scratchLength;
    private bool _validate;

    public NdjsonLineParser(ColumnPlan plan, EventImporter.RowSink sink)
    {
        _plan = plan;
        _sink = sink;
        _builder = sink.Builder;
        var columns = new List<string> { "" };
        int SlotOf(string? column)
        {
            if (column is null)
            {
                return 0;
            }

            var slot = columns.IndexOf(column);
            if (slot < 0)
            {
                columns.Add(column);
                slot = columns.Count - 1;
            }

            return slot;
        }

        (_customer, _time, _event, _channel, _type, _name) = (SlotOf(plan.CustomerId), SlotOf(plan.Timestamp), SlotOf(plan.Event), SlotOf(plan.Channel), SlotOf(plan.CallType), SlotOf(plan.CallName));
        _fallbacks = [.. plan.CustomerFallbacks.Select(SlotOf)];
        _links = [.. plan.LinkedIds.Select(l => (SlotOf(l.Column), Encoding.UTF8.GetBytes(l.Prefix)))];
        _columns = [.. columns];
        _slots = new (int, int)[_columns.Length];
    }

    /// <summary>Non-ASCII chunks have their lines checked for UTF-8 (the general reader replaces bad bytes).</summary>
    public bool Chunk(ReadOnlySpan<byte> chunk)
    {
        _validate |= !Ascii.IsValid(chunk);
        return true;
    }

    public bool Line(ReadOnlySpan<byte> text, long line)
    {
        if (_validate && !Utf8.IsValid(text))
        {
            return false;
        }

        if (text.Trim(" \t\r\f\v"u8).IsEmpty)
        {
            return true;
        }

        _sink.Rows++;
        try
        {
            Parse(text, line);
        }
        catch (JsonException ex)
        {
            _sink.Bad(line, "", EventImporter.InvalidJson(ex));
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Parse(ReadOnlySpan<byte> text, long line)
    {
        var reader = new Utf8JsonReader(text, new JsonReaderOptions { MaxDepth = _prefixes.Length });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            // Read to the end first: invalid JSON is reported as such, a valid non-object as not an object.
            while (reader.Read())
            {
            }

            _sink.Bad(line, "", "is not a JSON object; each line of an NDJSON file holds one event object");
            return;
        }

        _scratchLength = 0;
        _values.Clear();
        Array.Clear(_slots);
        var depth = 0;
        var pathLength = 0;
        var keyLength = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    keyLength = pathLength + Copy(ref reader, ref _path, pathLength);
                    break;
                case JsonTokenType.String:
                    {
                        var start = _scratchLength;
                        var length = Copy(ref reader, ref _scratch, start);
                        _scratchLength += length;
                        Field(_path.AsSpan(0, keyLength), start, length);
                        break;
                    }

                case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                    {
                        var start = _scratchLength;
                        var length = Copy(ref reader, ref _scratch, start);
                        _scratchLength += length;
                        Field(_path.AsSpan(0, keyLength), start, length);
                        break;
                    }

                case JsonTokenType.StartObject:
                    // A nested object: its keys are prefixed with this one's and a dot.
                    _prefixes[depth++] = pathLength;
                    pathLength = keyLength;
                    Ensure(ref _path, pathLength + 1);
                    _path[pathLength++] = (byte)'.';
                    break;
                case JsonTokenType.EndObject:
                    if (depth > 0)
                    {
                        pathLength = _prefixes[--depth];
                    }

                    break;
                case JsonTokenType.StartArray:
                    var saved = reader;
                    if (!TryKeyValueArray(ref reader, keyLength))
                    {
                        reader = saved;
                        FlattenArray(ref reader, Encoding.UTF8.GetString(_path.AsSpan(0, keyLength)));
                    }

                    break;
            }
        }

        var primary = Slot(_customer);
        var customer = primary;
        foreach (var fallback in _fallbacks)
        {
            customer = customer.IsEmpty ? Slot(fallback) : customer;
        }

        var kind = _type == 0 ? CallKind.Event : SegmentCalls.Kind(Slot(_type));
        if (kind == CallKind.Unknown)
        {
            _sink.Bad(line, "type", SegmentCalls.UnknownType(Encoding.UTF8.GetString(Slot(_type))));
            return;
        }

        var isEvent = SegmentCalls.IsEvent(kind);
        var eventName = kind == CallKind.Event ? Slot(_event) : isEvent ? ViewName(kind, Slot(_name)) : default;
        if (!_sink.Check(line, customer.IsEmpty, isEvent && eventName.IsEmpty, _scratch.AsSpan(_slots[_time].Start, _slots[_time].Length), _plan.TimestampUnit, out var micros))
        {
            return;
        }

        var row = isEvent ? _builder.AddRow(customer, micros, eventName, Slot(_channel)) : _builder.AddAttributeRow(customer, micros);
        if (!primary.IsEmpty)
        {
            foreach (var (slot, prefix) in _links)
            {
                if (Slot(slot) is { IsEmpty: false } id)
                {
                    _builder.Link(prefix.Length == 0 ? id : Joined(prefix, id), primary);
                }
            }
        }

        foreach (var (key, start, length) in _values)
        {
            // Columns are made at their first good row, so keys seen only in bad rows leave no empty column.
            ValueColumn column;
            if (isEvent)
            {
                column = key.Column ??= key.IsAttribute ? _builder.Attribute(key.Name) : _builder.Property(key.Name);
            }
            else if (key.IsAttribute)
            {
                // A call that is no event keeps only attributes; a group call's own traits are the group's.
                column = kind == CallKind.Group
                    ? key.GroupColumn ??= _builder.Attribute(EventImporter.CallAttribute(kind, key.Key, true, key.Name)!)
                    : key.Column ??= _builder.Attribute(key.Name);
            }
            else
            {
                continue;
            }

            column.Set(row, _scratch.AsSpan(start, length));
        }
    }

    /// <summary>A slot's value without surrounding white space (empty for slot 0, no column).</summary>
    private ReadOnlySpan<byte> Slot(int slot) => _scratch.AsSpan(_slots[slot].Start, _slots[slot].Length).Trim(" \t\r\n\f\v"u8);

    /// <summary>A page or screen call's event, <c>Page Viewed: NAME</c> (<see cref="SegmentCalls.EventName"/>), written after the row's values.</summary>
    private ReadOnlySpan<byte> ViewName(CallKind kind, ReadOnlySpan<byte> name) =>
        name.IsEmpty ? Encoding.UTF8.GetBytes(SegmentCalls.ViewPrefix(kind)!) : Joined(Encoding.UTF8.GetBytes(SegmentCalls.ViewPrefix(kind) + ": "), name);

    /// <summary><paramref name="prefix"/> and <paramref name="value"/> one after the other, written after the row's values.</summary>
    private ReadOnlySpan<byte> Joined(scoped ReadOnlySpan<byte> prefix, scoped ReadOnlySpan<byte> value)
    {
        var start = _scratchLength;
        Ensure(ref _scratch, start + prefix.Length + value.Length);
        prefix.CopyTo(_scratch.AsSpan(start));
        value.CopyTo(_scratch.AsSpan(start + prefix.Length));
        _scratchLength += prefix.Length + value.Length;
        return _scratch.AsSpan(start, prefix.Length + value.Length);
    }

    /// <summary>A value under a key path: kept for the row's customer, time, event or channel, or for its column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Field(ReadOnlySpan<byte> key, int start, int length)
    {
        var code = _keys.Intern(key);
        if (code == _roles.Count)
        {
            _roles.Add(Classify(Encoding.UTF8.GetString(key)));
        }

        var role = _roles[code];
        if (role.Role == Value)
        {
            _values.Add((role, start, length));
        }
        else
        {
            _slots[role.Role] = (start, length);
        }
    }

    private KeyRole Classify(string key)
    {
        var slot = Array.IndexOf(_columns, key, 1);
        if (slot > 0)
        {
            return new KeyRole(slot, key, false, key);
        }

        var (isAttribute, name) = ColumnPresets.Classify(_plan.Preset, key, _plan.ExplicitAttributes);
        return new KeyRole(Value, key, isAttribute, name);
    }

    /// <summary>What a key path is: one of the plan's columns (its slot), or a property or attribute (its column made when first needed).</summary>
    private sealed class KeyRole(int role, string key, bool isAttribute, string name)
    {
        public int Role { get; } = role;

        public string Key { get; } = key;

        public bool IsAttribute { get; } = isAttribute;

        public string Name { get; } = name;

        public ValueColumn? Column { get; set; }

        /// <summary>The attribute column of this key in a Segment group call.</summary>
        public ValueColumn? GroupColumn { get; set; }
    }

    /// <summary>
    /// GA4's arrays of <c>{"key": k, "value": {"string_value": v, "int_value": null, …}}</c> read as they stream by: each
    /// pair becomes the field <c>array.k</c> with the first non-null <c>*_value</c>. False (nothing emitted) for any
    /// other shape, which the caller then reads as a document; a document per array had made GA4 rows three times slower.
    /// </summary>
    private bool TryKeyValueArray(ref Utf8JsonReader reader, int keyLength)
    {
        var scratchAt = _scratchLength;
        _pairs.Clear();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                foreach (var pair in _pairs)
                {
                    Ensure(ref _path, keyLength + 1 + pair.NameLength);
                    _path[keyLength] = (byte)'.';
                    _scratch.AsSpan(pair.NameStart, pair.NameLength).CopyTo(_path.AsSpan(keyLength + 1));
                    if (pair.ValueStart >= 0)
                    {
                        Field(_path.AsSpan(0, keyLength + 1 + pair.NameLength), pair.ValueStart, pair.ValueLength);
                    }
                }

                return true;
            }

            if (reader.TokenType != JsonTokenType.StartObject
                || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("key"u8)
                || !reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                break;
            }

            var nameStart = _scratchLength;
            var nameLength = Copy(ref reader, ref _scratch, nameStart);
            _scratchLength += nameLength;
            if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("value"u8) || !reader.Read())
            {
                break;
            }

            var (valueStart, valueLength) = (-1, 0);
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False)
            {
                (valueStart, valueLength) = (_scratchLength, Copy(ref reader, ref _scratch, _scratchLength));
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                // The first *_value that is not null; a value of another shape goes to the document reader.
                var shaped = true;
                while (shaped && reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var typed = reader.ValueSpan.EndsWith("_value"u8);
                    // GA4's user_properties also say when a value was set; that is no value of the property.
                    var when = reader.ValueTextEquals("set_timestamp_micros"u8);
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null || when)
                    {
                        continue;
                    }

                    shaped = typed && reader.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False;
                    if (shaped && valueStart < 0)
                    {
                        (valueStart, valueLength) = (_scratchLength, Copy(ref reader, ref _scratch, _scratchLength));
                    }
                }

                if (!shaped || reader.TokenType != JsonTokenType.EndObject)
                {
                    break;
                }
            }
            else if (reader.TokenType != JsonTokenType.Null)
            {
                break;
            }

            _scratchLength += valueStart >= 0 ? valueLength : 0;
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
            {
                break;
            }

            _pairs.Add((nameStart, nameLength, valueStart, valueLength));
        }

        _scratchLength = scratchAt;
        return false;
    }

    /// <summary>An array under <paramref name="key"/>, flattened like the general reader does (GA4's key/value pairs by key).</summary>
    private void FlattenArray(ref Utf8JsonReader reader, string key)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        _flattened.Clear();
        EventImporter.Flatten(document.RootElement, key, _flattened);
        foreach (var (path, value) in _flattened)
        {
            var start = _scratchLength;
            var length = Encoding.UTF8.GetByteCount(value);
            Ensure(ref _scratch, start + length);
            Encoding.UTF8.GetBytes(value, _scratch.AsSpan(start));
            _scratchLength += length;
            Field(Encoding.UTF8.GetBytes(path), start, length);
        }
    }

    /// <summary>Copies the current token's text (unescaped; a number's or literal's as written) into <paramref name="into"/> at <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Copy(ref Utf8JsonReader reader, ref byte[] into, int at)
    {
        // The reader works on one line's span, so a value is never split over a sequence; unescaping only shortens it.
        var span = reader.ValueSpan;
        Ensure(ref into, at + span.Length);
        if (!reader.ValueIsEscaped)
        {
            span.CopyTo(into.AsSpan(at));
            return span.Length;
        }

        return reader.CopyString(into.AsSpan(at));
    }

    private static void Ensure(ref byte[] buffer, int length)
    {
        if (length > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(length, buffer.Length * 2));
        }
    }
}

namespace Wayfinder.Evidence.Import;

using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Wayfinder.Evidence.Store;

/// <summary>Where the columns an import needs sit in a CSV row.</summary>
internal sealed record CsvRowPlan(
    int FieldCount,
    int CustomerIndex,
    int TimeIndex,
    int EventIndex,
    int ChannelIndex,
    string? TimestampUnit,
    (int Index, ValueColumn Column)[] Properties,
    (int Index, ValueColumn Column)[] Attributes,
    int MemoLimit = CsvRowPlan.DefaultMemoLimit)
{
    /// <summary>Distinct combinations of the fields other than customer and time remembered per slice.</summary>
    public const int DefaultMemoLimit = 1 << 16;
}

/// <summary>
/// Turns one CSV line (UTF-8, no quoting) into a row of the builder. Rows of an event export differ mostly in their
/// customer and time; the other fields (event, channel, device, plan…) take few combinations. So the line minus those
/// two fields is interned as a whole, and the codes of its fields are worked out once per distinct combination: a row
/// then costs two field searches, one lookup and the timestamp. When the combinations pass
/// <see cref="CsvRowPlan.MemoLimit"/> (a unique id among the fields, say), every field is looked up on its own.
/// </summary>
internal sealed class CsvLineParser : ILineParser
{
    private static ReadOnlySpan<byte> Blank => " \t\f\v"u8;

    private readonly CsvRowPlan _plan;
    private readonly byte _separator;
    private readonly EventImporter.RowSink _sink;
    private readonly EventLogBuilder _builder;
    private readonly int[] _fieldStart;
    private readonly int[] _fieldEnd;
    private readonly int _leading;
    private readonly int _first;
    private readonly int _second;
    private readonly int _stride;
    private readonly Interner _memo = new(1024);
    private int[] _memoData;
    private byte[] _key = new byte[256];
    private bool _memoOn;
    private bool _validate;

    public CsvLineParser(CsvRowPlan plan, byte separator, EventImporter.RowSink sink)
    {
        _plan = plan;
        _separator = separator;
        _sink = sink;
        _builder = sink.Builder;
        _fieldStart = new int[plan.FieldCount + 1];
        _fieldEnd = new int[plan.FieldCount + 1];
        _first = Math.Min(plan.CustomerIndex, plan.TimeIndex);
        _second = Math.Max(plan.CustomerIndex, plan.TimeIndex);
        _leading = _second + 1;
        // Per combination: field count, event missing (1), codes resolved (1), event code, channel code, then the
        // property and attribute codes. Codes are looked up at the first good row, so a bad row adds no names.
        _stride = 5 + plan.Properties.Length + plan.Attributes.Length;
        _memoData = new int[1024 * _stride];
        _memoOn = plan.MemoLimit > 0;
    }

    /// <summary>A quote may hide a separator or a line break inside a field: such files go to the RFC 4180 reader (<see cref="CsvRecords"/>).</summary>
    public bool Chunk(ReadOnlySpan<byte> chunk)
    {
        _validate |= !Ascii.IsValid(chunk);
        return !chunk.Contains((byte)'"');
    }

    /// <summary>Lines that are not UTF-8 go to the RFC 4180 reader too (it reads them with replacement characters).</summary>
    public bool Line(ReadOnlySpan<byte> text, long line)
    {
        if (_validate && !Utf8.IsValid(text))
        {
            return false;
        }

        Parse(text, line);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Parse(ReadOnlySpan<byte> text, long line)
    {
        var sink = _sink;
        sink.Rows++;
        if (_memoOn && Split(text, _leading) == _leading)
        {
            // The key: the line without the customer's and the time's characters (their separators stay).
            var firstStart = _fieldStart[_first];
            var secondStart = _fieldStart[_second];
            var firstEnd = _fieldEnd[_first];
            var secondEnd = _fieldEnd[_second];
            var length = text.Length - (firstEnd - firstStart) - (secondEnd - secondStart);
            if (length > _key.Length)
            {
                _key = new byte[Math.Max(length, _key.Length * 2)];
            }

            var key = _key.AsSpan(0, length);
            text[..firstStart].CopyTo(key);
            text[firstEnd..secondStart].CopyTo(key[firstStart..]);
            text[secondEnd..].CopyTo(key[(firstStart + secondStart - firstEnd)..]);
            var known = _memo.Count;
            var m = _memo.Intern(key);
            if (m == known)
            {
                Remember(text, m);
            }

            var data = _memoData.AsSpan(m * _stride, _stride);
            if (data[0] != _plan.FieldCount)
            {
                sink.Bad(line, "", $"has {data[0]} fields but the header has {_plan.FieldCount} (a truncated or malformed line)");
                return;
            }

            var customer = TrimBlank(text[_fieldStart[_plan.CustomerIndex].._fieldEnd[_plan.CustomerIndex]]);
            var time = text[_fieldStart[_plan.TimeIndex].._fieldEnd[_plan.TimeIndex]];
            if (!sink.Check(line, customer.IsEmpty, data[1] != 0, time, _plan.TimestampUnit, out var micros))
            {
                return;
            }

            if (data[2] == 0)
            {
                Resolve(text, data);
            }

            var row = _builder.AddRow(customer, micros, data[3], data[4]);
            var properties = _plan.Properties;
            for (var i = 0; i < properties.Length; i++)
            {
                properties[i].Column.SetCode(row, data[5 + i]);
            }

            var attributes = _plan.Attributes;
            for (var i = 0; i < attributes.Length; i++)
            {
                attributes[i].Column.SetCode(row, data[5 + properties.Length + i]);
            }

            return;
        }

        var count = Split(text, int.MaxValue);
        if (count != _plan.FieldCount)
        {
            if (count == 1 && text.Trim(Blank).IsEmpty)
            {
                sink.Rows--;
                return;
            }

            sink.Bad(line, "", $"has {count} fields but the header has {_plan.FieldCount} (a truncated or malformed line)");
            return;
        }

        var id = Field(text, _plan.CustomerIndex).Trim(Blank);
        var eventName = Field(text, _plan.EventIndex).Trim(Blank);
        if (!sink.Check(line, id.IsEmpty, eventName.IsEmpty, Field(text, _plan.TimeIndex), _plan.TimestampUnit, out var at))
        {
            return;
        }

        var channel = _plan.ChannelIndex < 0 ? default : Field(text, _plan.ChannelIndex).Trim(Blank);
        var r = _builder.AddRow(id, at, eventName, channel);
        foreach (var (index, column) in _plan.Properties)
        {
            column.Set(r, Field(text, index));
        }

        foreach (var (index, column) in _plan.Attributes)
        {
            column.Set(r, Field(text, index));
        }
    }

    /// <summary>Records combination <paramref name="m"/>: its field count and whether it lacks the event name.</summary>
    private void Remember(ReadOnlySpan<byte> text, int m)
    {
        if ((m + 1) * _stride > _memoData.Length)
        {
            Array.Resize(ref _memoData, _memoData.Length * 2);
        }

        var data = _memoData.AsSpan(m * _stride, _stride);
        var count = Split(text, int.MaxValue);
        data[0] = count;
        data[1] = count == _plan.FieldCount && Field(text, _plan.EventIndex).Trim(Blank).IsEmpty ? 1 : 0;
        if (_memo.Count >= _plan.MemoLimit)
        {
            _memoOn = false;
        }

        // Split again: the caller reads the customer and the time from the first fields.
        Split(text, _leading);
    }

    /// <summary>Looks up the codes of a combination (at its first good row).</summary>
    private void Resolve(ReadOnlySpan<byte> text, Span<int> data)
    {
        Split(text, int.MaxValue);
        var channel = _plan.ChannelIndex < 0 ? default : Field(text, _plan.ChannelIndex).Trim(Blank);
        data[3] = _builder.EventCode(Field(text, _plan.EventIndex).Trim(Blank));
        data[4] = channel.IsEmpty ? -1 : _builder.ChannelCode(channel);
        for (var i = 0; i < _plan.Properties.Length; i++)
        {
            data[5 + i] = _plan.Properties[i].Column.Code(Field(text, _plan.Properties[i].Index));
        }

        for (var i = 0; i < _plan.Attributes.Length; i++)
        {
            data[5 + _plan.Properties.Length + i] = _plan.Attributes[i].Column.Code(Field(text, _plan.Attributes[i].Index));
        }

        data[2] = 1;
    }

    /// <summary>Finds the first <paramref name="limit"/> fields; returns how many fields the line has (counting all when the limit is not reached).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Split(ReadOnlySpan<byte> text, int limit)
    {
        var count = 0;
        var at = 0;
        while (true)
        {
            var comma = text[at..].IndexOf(_separator);
            if (count >= _plan.FieldCount)
            {
                return count + (comma < 0 ? 1 : 1 + text[at..].Count(_separator));
            }

            _fieldStart[count] = at;
            if (comma < 0)
            {
                _fieldEnd[count] = text.Length;
                return count + 1;
            }

            _fieldEnd[count++] = at + comma;
            at += comma + 1;
            if (count == limit)
            {
                return count;
            }
        }
    }

    /// <summary>Trims spaces and tabs; values rarely have any, so only the two ends are looked at first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> TrimBlank(ReadOnlySpan<byte> value) =>
        value.IsEmpty || (value[0] > (byte)' ' && value[^1] > (byte)' ') ? value : value.Trim(Blank);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> text, int index) => text[_fieldStart[index].._fieldEnd[index]];
}

namespace Wayfinder.Evidence.ClickHouse;

using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Wayfinder.Evidence.Store;

/// <summary>
/// An import's events (one <see cref="EventLog"/>, already ordered by customer and time, identities resolved and in-file
/// duplicates dropped) as ClickHouse rows in <c>RowBinary</c>: binary, so no value is ever escaped or parsed as SQL.
/// Each row gets <c>seq</c> = the first free sequence number + its row index (the log's order, which is time order with
/// input order for ties) and a content <c>hash</c> that does not depend on the customer, so a row keeps its hash when an
/// identity moves it to another customer.
/// </summary>
internal sealed class ImportRows
{
    private readonly EventLog _log;
    private readonly byte[][] _customers;
    private readonly byte[][] _events;
    private readonly byte[][] _channels;
    private readonly (byte[] Name, Column Column, byte[][] Values)[] _properties;
    private readonly int _insertId;
    private readonly int[] _customerOfRow;

    public ImportRows(EventLog log)
    {
        _log = log;
        _customers = [.. log.CustomerIds.Select(Encoding.UTF8.GetBytes)];
        _events = [.. log.EventNames.Select(Encoding.UTF8.GetBytes)];
        _channels = [.. log.ChannelNames.Select(Encoding.UTF8.GetBytes)];
        // Keys in ordinal order, as the embedded store compares them; prop_keys/prop_values keep that order.
        _properties = [.. log.Properties.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => (Encoding.UTF8.GetBytes(p.Key), p.Value, p.Value.Values.Select(Encoding.UTF8.GetBytes).ToArray()))];
        _insertId = Array.FindIndex(_properties, p => Encoding.UTF8.GetString(p.Name) == EventLogBuilder.InsertIdProperty);
        _customerOfRow = log.CustomerOfRow();
    }

    public int Count => _log.EventCount;

    /// <summary>
    /// Writes rows <paramref name="from"/> to <paramref name="to"/> (exclusive) in the events table's column order:
    /// customer, ts, seq, event, channel, prop_keys, prop_values, batch, hash.
    /// </summary>
    public void Write(IBufferWriter<byte> output, int from, int to, ulong seqBase, ulong batch)
    {
        var keys = new List<int>(_properties.Length);
        var hashInput = new ArrayBufferWriter<byte>(256);
        for (var row = from; row < to; row++)
        {
            keys.Clear();
            for (var p = 0; p < _properties.Length; p++)
            {
                if (_properties[p].Column.Codes[row] >= 0)
                {
                    keys.Add(p);
                }
            }

            String(output, _customers[_customerOfRow[row]]);
            Int64(output, _log.Timestamps[row]);
            UInt64(output, seqBase + (ulong)row);
            String(output, _events[_log.EventCodes[row]]);
            var channel = _log.ChannelCodes[row];
            String(output, channel < 0 ? [] : _channels[channel]);
            VarUInt(output, (ulong)keys.Count);
            foreach (var p in keys)
            {
                String(output, _properties[p].Name);
            }

            VarUInt(output, (ulong)keys.Count);
            foreach (var p in keys)
            {
                String(output, _properties[p].Values[_properties[p].Column.Codes[row]]);
            }

            UInt64(output, batch);
            UInt64(output, Hash(row, keys, hashInput));
        }
    }

    /// <summary>
    /// The duplicate key of a row with its customer and time (both compared beside it): with an insert id, the event and
    /// the insert id (Mixpanel's rule, as <see cref="EventLogBuilder"/> applies it); otherwise the event, channel and every
    /// property. Rows of different kinds never share a hash, as the embedded store never calls them equal.
    /// </summary>
    private ulong Hash(int row, List<int> keys, ArrayBufferWriter<byte> input)
    {
        input.ResetWrittenCount();
        var id = _insertId >= 0 && _properties[_insertId].Column.Codes[row] >= 0 ? _properties[_insertId].Column.Codes[row] : -1;
        String(input, _events[_log.EventCodes[row]]);
        if (id >= 0)
        {
            input.Write("i"u8);
            String(input, _properties[_insertId].Values[id]);
        }
        else
        {
            input.Write("r"u8);
            var channel = _log.ChannelCodes[row];
            String(input, channel < 0 ? [] : _channels[channel]);
            foreach (var p in keys)
            {
                String(input, _properties[p].Name);
                String(input, _properties[p].Values[_properties[p].Column.Codes[row]]);
            }
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(input.WrittenSpan, digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }

    public static void String(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        VarUInt(output, (ulong)value.Length);
        output.Write(value);
    }

    public static void Int64(IBufferWriter<byte> output, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    public static void UInt64(IBufferWriter<byte> output, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(output.GetSpan(8), value);
        output.Advance(8);
    }

    /// <summary>LEB128, as RowBinary writes lengths.</summary>
    public static void VarUInt(IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        output.Advance(n);
    }
}

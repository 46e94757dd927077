namespace Wayfinder.Evidence.Import;

using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;
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
    (int Index, ValueColumn Column)[] Attributes);

/// <summary>How reading a slice of a CSV file ended.</summary>
internal sealed class CsvSliceResult
{
    /// <summary>Lines read (including blank ones).</summary>
    public long Lines { get; set; }

    /// <summary>The slice holds a quote or bytes that are not UTF-8: read the file with the general CSV reader instead.</summary>
    public bool NeedsGeneralReader { get; set; }

    /// <summary>The line (counted in the slice, from 1) that is longer than allowed; 0 when none.</summary>
    public long LongLine { get; set; }
}

/// <summary>
/// Reads the rows of one slice of an events CSV straight from its UTF-8 bytes into an <see cref="EventLogBuilder"/>:
/// fields are found with vectorised searches, ISO timestamps parsed from the bytes and strings interned by their bytes,
/// so nothing is decoded to UTF-16 and nothing is allocated per row. It handles the plain files event exports are
/// (no quoting); a slice that holds a quote or invalid UTF-8 says so and the caller reads the file with Sep.
/// <c>bench/Wayfinder.EvidenceBench</c> measures it (the import phase); with Sep decoding every field to UTF-16 and
/// interning through dictionaries, parsing took 1.4–1.8 s of the 10M-event import.
/// </summary>
internal static class Utf8CsvSlice
{
    private const int InitialBuffer = 1 << 20;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CsvSliceResult Read(
        SafeFileHandle file,
        long from,
        long to,
        byte separator,
        CsvRowPlan plan,
        EventImporter.RowSink sink,
        long maxLineBytes,
        Action<long>? onBytes,
        CancellationToken cancellationToken)
    {
        var result = new CsvSliceResult();
        var buffer = new byte[(int)Math.Min(InitialBuffer, Math.Max(4096, to - from))];
        var start = 0;
        var end = 0;
        var position = from;
        var atEnd = position >= to;
        var validate = false;
        var fieldStart = new int[plan.FieldCount + 1];
        var fieldEnd = new int[plan.FieldCount + 1];
        var builder = sink.Builder;
        long line = 0;
        while (true)
        {
            var pending = buffer.AsSpan(start, end - start);
            var newline = pending.IndexOf((byte)'\n');
            if (newline < 0 && !atEnd)
            {
                if (pending.Length > maxLineBytes)
                {
                    result.LongLine = line + 1;
                    break;
                }

                // Keep the unfinished line, grow the buffer if it fills it, and read on.
                if (start > 0)
                {
                    pending.CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    Array.Resize(ref buffer, (int)Math.Min(Array.MaxLength, Math.Max(buffer.Length * 2L, 4096)));
                }

                var read = RandomAccess.Read(file, buffer.AsSpan(end, (int)Math.Min(buffer.Length - end, to - position)), position);
                var chunk = buffer.AsSpan(end, read);
                if (chunk.Contains((byte)'"'))
                {
                    result.NeedsGeneralReader = true;
                    break;
                }

                validate |= !Ascii.IsValid(chunk);
                position += read;
                end += read;
                atEnd = read == 0 || position >= to;
                onBytes?.Invoke(position - from);
                if ((line & 0xF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                continue;
            }

            if (pending.IsEmpty)
            {
                break;
            }

            var text = newline < 0 ? pending : pending[..newline];
            start += newline < 0 ? pending.Length : newline + 1;
            line++;
            if (text.Length > maxLineBytes)
            {
                result.LongLine = line;
                break;
            }

            if (validate && !Utf8.IsValid(text))
            {
                result.NeedsGeneralReader = true;
                break;
            }

            if (!text.IsEmpty && text[^1] == (byte)'\r')
            {
                text = text[..^1];
            }

            // Split into fields: the count is checked against the header's.
            var count = 0;
            var at = 0;
            while (true)
            {
                var comma = text[at..].IndexOf(separator);
                if (count == plan.FieldCount)
                {
                    count += comma < 0 ? 1 : 1 + text[at..].Count(separator);
                    break;
                }

                fieldStart[count] = at;
                if (comma < 0)
                {
                    fieldEnd[count++] = text.Length;
                    break;
                }

                fieldEnd[count++] = at + comma;
                at += comma + 1;
            }

            sink.Rows++;
            if ((sink.Rows & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (count != plan.FieldCount)
            {
                if (count == 1 && text.Trim(" \t\r\f\v"u8).IsEmpty)
                {
                    sink.Rows--;
                    continue;
                }

                sink.Bad(line, "", $"has {count} fields but the header has {plan.FieldCount} (a truncated or malformed line)");
                continue;
            }

            var customer = Field(text, fieldStart, fieldEnd, plan.CustomerIndex).Trim(" \t\f\v"u8);
            var eventName = Field(text, fieldStart, fieldEnd, plan.EventIndex).Trim(" \t\f\v"u8);
            var time = Field(text, fieldStart, fieldEnd, plan.TimeIndex);
            if (!sink.Check(line, customer, eventName, time, plan.TimestampUnit, out var micros))
            {
                continue;
            }

            var channel = plan.ChannelIndex < 0 ? default : Field(text, fieldStart, fieldEnd, plan.ChannelIndex).Trim(" \t\f\v"u8);
            var row = builder.AddRow(customer, micros, eventName, channel);
            foreach (var (index, column) in plan.Properties)
            {
                column.Set(row, Field(text, fieldStart, fieldEnd, index));
            }

            foreach (var (index, column) in plan.Attributes)
            {
                column.Set(row, Field(text, fieldStart, fieldEnd, index));
            }
        }

        result.Lines = line;
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> text, int[] starts, int[] ends, int index) =>
        text[starts[index]..ends[index]];

    /// <summary>Decodes a header line (UTF-8, an optional byte order mark) for the general reader to split.</summary>
    public static string HeaderText(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes).TrimEnd('\r').TrimStart('\uFEFF');
}

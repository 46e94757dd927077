namespace Wayfinder.Evidence.Store;

using System.Collections;

/// <summary>
/// Many short strings in one character buffer, made into a string only when asked for. Holding 1.9M customer ids as
/// separate strings made every full garbage collection walk 1.9M objects (about 140 ms of pauses per analysis).
/// </summary>
public sealed class PackedStrings : IReadOnlyList<string>
{
    private readonly char[] _chars;
    private readonly int[] _offsets;

    public PackedStrings(IReadOnlyList<string> values)
    {
        _offsets = new int[values.Count + 1];
        var length = 0L;
        for (var i = 0; i < values.Count; i++)
        {
            length += values[i].Length;
            _offsets[i + 1] = checked((int)length);
        }

        _chars = new char[length];
        for (var i = 0; i < values.Count; i++)
        {
            values[i].CopyTo(_chars.AsSpan(_offsets[i]));
        }
    }

    /// <summary>Takes <paramref name="chars"/> and <paramref name="offsets"/> (item i is chars[offsets[i]..offsets[i + 1]]) as they are.</summary>
    internal PackedStrings(char[] chars, int[] offsets)
    {
        _chars = chars;
        _offsets = offsets;
    }

    public int Count => _offsets.Length - 1;

    /// <summary>The strings as an Arrow string array (UTF-8), encoded at once.</summary>
    internal Apache.Arrow.StringArray ToArrow()
    {
        var count = Count;
        byte[] data;
        int[] offsets;
        if (System.Text.Ascii.IsValid(_chars))
        {
            // ASCII: one byte per character, so the offsets stay as they are.
            data = new byte[_chars.Length];
            System.Text.Ascii.FromUtf16(_chars, data, out _);
            offsets = _offsets;
        }
        else
        {
            offsets = new int[count + 1];
            data = new byte[System.Text.Encoding.UTF8.GetMaxByteCount(_chars.Length)];
            var length = 0;
            for (var i = 0; i < count; i++)
            {
                length += System.Text.Encoding.UTF8.GetBytes(Span(i), data.AsSpan(length));
                offsets[i + 1] = length;
            }

            data = data[..length];
        }

        var offsetBytes = new byte[offsets.Length * sizeof(int)];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(offsets.AsSpan()).CopyTo(offsetBytes);
        return new Apache.Arrow.StringArray(count, new Apache.Arrow.ArrowBuffer(offsetBytes), new Apache.Arrow.ArrowBuffer(data), Apache.Arrow.ArrowBuffer.Empty, 0, 0);
    }

    public string this[int index] => new(Span(index));

    /// <summary>The characters of item <paramref name="index"/>, without making a string.</summary>
    public ReadOnlySpan<char> Span(int index) => _chars.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A list of strings that can hand out an item's UTF-8 bytes without making a string.</summary>
internal interface IUtf8Strings
{
    ReadOnlySpan<byte> Utf8(int index);
}

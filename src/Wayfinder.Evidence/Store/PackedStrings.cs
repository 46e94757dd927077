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

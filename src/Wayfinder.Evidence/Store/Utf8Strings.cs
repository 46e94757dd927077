namespace Wayfinder.Evidence.Store;

/// <summary>
/// Strings as their UTF-8 bytes in one array with offsets (<c>Data[Offsets[i]..Offsets[i + 1]]</c>), decoded on access:
/// a log's customer ids, as the interner held them or as customers.arrow stores them, a byte per ASCII character.
/// </summary>
internal sealed class Utf8Strings(byte[] data, int[] offsets) : IReadOnlyList<string>, IUtf8Strings
{
    public byte[] Data => data;

    /// <summary>Count + 1 offsets into <see cref="Data"/>.</summary>
    public int[] Offsets => offsets;

    public int Count => offsets.Length - 1;

    public string this[int index] => System.Text.Encoding.UTF8.GetString(Utf8(index));

    public ReadOnlySpan<byte> Utf8(int index) => data.AsSpan(offsets[index], offsets[index + 1] - offsets[index]);

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

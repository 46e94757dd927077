namespace Wayfinder.Evidence.Store;

/// <summary>
/// Interaction events in a compact columnar layout, grouped by customer and ordered by time: the rows of
/// customer <c>c</c> are <c>CustomerStart[c] .. CustomerStart[c + 1] - 1</c>, in time order, with events of
/// equal timestamps in the order they were added (so every metric is deterministic). Event names, channels
/// and property values are dictionary-encoded; timestamps are microseconds since the Unix epoch (UTC).
/// </summary>
public sealed class EventLog
{
    internal EventLog(
        IReadOnlyList<string> customerIds,
        int[] customerStart,
        long[] timestamps,
        int[] eventCodes,
        string[] eventNames,
        int[] channelCodes,
        string[] channelNames,
        Dictionary<string, Column> properties,
        Dictionary<string, Column> attributes,
        IReadOnlyDictionary<string, string>? identities = null)
    {
        Identities = identities ?? new Dictionary<string, string>(StringComparer.Ordinal);
        CustomerIds = customerIds;
        CustomerStart = customerStart;
        Timestamps = timestamps;
        EventCodes = eventCodes;
        EventNames = eventNames;
        ChannelCodes = channelCodes;
        ChannelNames = channelNames;
        Properties = properties;
        Attributes = attributes;
        MinTimestamp = timestamps.Length == 0 ? 0 : timestamps.Min();
        MaxTimestamp = timestamps.Length == 0 ? 0 : timestamps.Max();
    }

    /// <summary>An empty log.</summary>
    public static EventLog Empty { get; } = new EventLogBuilder().Build();

    /// <summary>Customer ids in ordinal order.</summary>
    public IReadOnlyList<string> CustomerIds { get; }

    /// <summary>Row offsets per customer; length is customer count + 1.</summary>
    public int[] CustomerStart { get; }

    /// <summary>Microseconds since the Unix epoch (UTC), per row.</summary>
    public long[] Timestamps { get; }

    /// <summary>Index into <see cref="EventNames"/>, per row.</summary>
    public int[] EventCodes { get; }
    public IReadOnlyList<string> EventNames { get; }

    /// <summary>Index into <see cref="ChannelNames"/>, per row; -1 when the event has no channel.</summary>
    public int[] ChannelCodes { get; }
    public IReadOnlyList<string> ChannelNames { get; }

    /// <summary>Event properties by name (per row).</summary>
    public IReadOnlyDictionary<string, Column> Properties { get; }

    /// <summary>Customer attributes by name (per customer: the last non-empty value seen).</summary>
    public IReadOnlyDictionary<string, Column> Attributes { get; }

    /// <summary>
    /// Ids stitched to another customer (an anonymous id to the user id it was seen with), each with the customer id its
    /// events are stored under; a later import's rows with such an id go to that customer too.
    /// </summary>
    public IReadOnlyDictionary<string, string> Identities { get; }

    public int CustomerCount => CustomerIds.Count;

    public int EventCount => Timestamps.Length;

    public long MinTimestamp { get; }

    public long MaxTimestamp { get; }

    /// <summary>The customer index of every row (computed on demand).</summary>
    public int[] CustomerOfRow()
    {
        var result = new int[EventCount];
        for (var c = 0; c < CustomerCount; c++)
        {
            result.AsSpan(CustomerStart[c], CustomerStart[c + 1] - CustomerStart[c]).Fill(c);
        }

        return result;
    }
}

/// <summary>A dictionary-encoded string column: <c>Values[Codes[i]]</c>, with -1 for missing.</summary>
public sealed class Column
{
    private int[]? _codes;

    // A column read from the store with fewer than 128 values is kept a byte per row until its codes are asked for:
    // most analyses never read most properties, and a property is as many rows as the log.
    private sbyte[]? _small;

    public Column(int[] codes, string[] values)
    {
        _codes = codes;
        Values = values;
    }

    /// <param name="small">The codes, each fitting a byte (-1 for missing): <paramref name="values"/> has at most 127 items.</param>
    internal Column(sbyte[] small, string[] values)
    {
        _small = small;
        Values = values;
    }

    /// <summary>Whether codes of a column with this many values fit <see cref="Column(sbyte[], string[])"/>.</summary>
    internal static bool FitsSmall(int values) => values <= sbyte.MaxValue;

    /// <summary>Per row, the index into <see cref="Values"/>; -1 for missing.</summary>
    public int[] Codes => Volatile.Read(ref _codes) ?? Widen();

    public IReadOnlyList<string> Values { get; }

    /// <summary>The codes as ints, made once (threads asking at once may each make them; one copy is kept).</summary>
    private int[] Widen()
    {
        if (Volatile.Read(ref _small) is not { } small)
        {
            // Another thread widened the codes and dropped the bytes after publishing them.
            return Volatile.Read(ref _codes)!;
        }

        var codes = GC.AllocateUninitializedArray<int>(small.Length);
        for (var i = 0; i < small.Length; i++)
        {
            codes[i] = small[i];
        }

        var kept = Interlocked.CompareExchange(ref _codes, codes, null) ?? codes;
        Volatile.Write(ref _small, null);
        return kept;
    }

    public string? this[int index] => Codes[index] < 0 ? null : Values[Codes[index]];
}

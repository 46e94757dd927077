namespace Wayfinder.Evidence.Store;

/// <summary>
/// Collects events in any order and builds an <see cref="EventLog"/> grouped by customer and sorted by time.
/// Strings are interned as they arrive (spans are looked up without allocating), so adding a row costs a few
/// hash lookups and array writes.
/// </summary>
public sealed class EventLogBuilder
{
    private readonly Interner _customers = new();
    private readonly Interner _events = new();
    private readonly Interner _channels = new();
    private readonly Dictionary<string, DenseColumn> _properties = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DenseColumn> _attributes = new(StringComparer.Ordinal);
    private int[] _rowCustomer = new int[1024];
    private long[] _rowTime = new long[1024];
    private int[] _rowEvent = new int[1024];
    private int[] _rowChannel = new int[1024];
    private int _count;

    public int Count => _count;

    /// <summary>Adds one event. Properties and attributes may be null or empty; empty values are left out.</summary>
    public void Add(
        string customerId,
        long timestampMicros,
        string eventName,
        string? channel = null,
        IEnumerable<KeyValuePair<string, string>>? properties = null,
        IEnumerable<KeyValuePair<string, string>>? attributes = null)
    {
        var row = AddRow(customerId, timestampMicros, eventName, channel);
        foreach (var (key, value) in properties ?? [])
        {
            Property(key).Set(row, value);
        }

        foreach (var (key, value) in attributes ?? [])
        {
            Attribute(key).Set(row, value);
        }
    }

    /// <summary>Adds a row from spans and returns its index, for <see cref="DenseColumn.Set(int, ReadOnlySpan{char})"/>.</summary>
    public int AddRow(ReadOnlySpan<char> customerId, long timestampMicros, ReadOnlySpan<char> eventName, ReadOnlySpan<char> channel)
    {
        if (_count == _rowTime.Length)
        {
            var size = _count * 2;
            Array.Resize(ref _rowCustomer, size);
            Array.Resize(ref _rowTime, size);
            Array.Resize(ref _rowEvent, size);
            Array.Resize(ref _rowChannel, size);
        }

        var row = _count++;
        _rowCustomer[row] = _customers.Intern(customerId);
        _rowTime[row] = timestampMicros;
        _rowEvent[row] = _events.Intern(eventName);
        _rowChannel[row] = channel.IsEmpty ? -1 : _channels.Intern(channel);
        return row;
    }

    /// <summary>The property column of that name (created on first use).</summary>
    public DenseColumn Property(string name)
    {
        if (!_properties.TryGetValue(name, out var column))
        {
            column = new DenseColumn();
            _properties.Add(name, column);
        }

        return column;
    }

    /// <summary>The attribute column of that name (recorded per row; the customer's last non-empty value in time wins).</summary>
    public DenseColumn Attribute(string name)
    {
        if (!_attributes.TryGetValue(name, out var column))
        {
            column = new DenseColumn();
            _attributes.Add(name, column);
        }

        return column;
    }

    /// <summary>Appends every row of an existing log (used when importing into a store that already holds data).</summary>
    public void AddLog(EventLog log)
    {
        var customerOfRow = log.CustomerOfRow();
        var props = log.Properties.Select(p => (Column: p.Value, Target: Property(p.Key))).ToArray();
        var attrs = log.Attributes.Select(p => (Column: p.Value, Target: Attribute(p.Key))).ToArray();
        var firstRowOfCustomer = new bool[log.EventCount];
        for (var c = 0; c < log.CustomerCount; c++)
        {
            if (log.CustomerStart[c] < log.CustomerStart[c + 1])
            {
                firstRowOfCustomer[log.CustomerStart[c]] = true;
            }
        }

        for (var r = 0; r < log.EventCount; r++)
        {
            var channel = log.ChannelCodes[r] < 0 ? [] : log.ChannelNames[log.ChannelCodes[r]].AsSpan();
            var row = AddRow(log.CustomerIds[customerOfRow[r]], log.Timestamps[r], log.EventNames[log.EventCodes[r]], channel);
            foreach (var (column, target) in props)
            {
                if (column.Codes[r] >= 0)
                {
                    target.Set(row, column.Values[column.Codes[r]]);
                }
            }

            if (firstRowOfCustomer[r])
            {
                // Attributes are per customer: carry them on the customer's first row so newer imports can override them.
                foreach (var (column, target) in attrs)
                {
                    if (column.Codes[customerOfRow[r]] >= 0)
                    {
                        target.Set(row, column.Values[column.Codes[customerOfRow[r]]]);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Sorts rows by (customer id, timestamp, insertion order), drops exact duplicates (same customer, time,
    /// event, channel and properties) and builds the columns.
    /// </summary>
    public EventLog Build() => Build(out _);

    /// <inheritdoc cref="Build()"/>
    public EventLog Build(out int duplicates)
    {
        var n = _count;
        var customerIds = _customers.Values;
        var customerOrder = Enumerable.Range(0, customerIds.Count).ToArray();
        Array.Sort(customerOrder, (a, b) => string.CompareOrdinal(customerIds[a], customerIds[b]));
        var customerRank = new int[customerOrder.Length];
        for (var i = 0; i < customerOrder.Length; i++)
        {
            customerRank[customerOrder[i]] = i;
        }

        // Counting sort by customer keeps insertion order; then a stable sort by time within each customer.
        var customerStart = new int[customerOrder.Length + 1];
        for (var r = 0; r < n; r++)
        {
            customerStart[customerRank[_rowCustomer[r]] + 1]++;
        }

        for (var c = 0; c < customerOrder.Length; c++)
        {
            customerStart[c + 1] += customerStart[c];
        }

        var next = (int[])customerStart.Clone();
        var order = new int[n];
        for (var r = 0; r < n; r++)
        {
            order[next[customerRank[_rowCustomer[r]]]++] = r;
        }

        var times = new long[n];
        for (var i = 0; i < n; i++)
        {
            times[i] = _rowTime[order[i]];
        }

        for (var c = 0; c < customerOrder.Length; c++)
        {
            var start = customerStart[c];
            var length = customerStart[c + 1] - start;
            if (!IsSorted(times.AsSpan(start, length)))
            {
                StableSortByTime(order.AsSpan(start, length), times.AsSpan(start, length));
            }
        }

        var properties = _properties.Select(p => p.Value).ToArray();
        duplicates = RemoveDuplicates(ref order, ref times, customerStart, properties);
        n = order.Length;
        var eventCodes = new int[n];
        var channelCodes = new int[n];
        for (var i = 0; i < n; i++)
        {
            eventCodes[i] = _rowEvent[order[i]];
            channelCodes[i] = _rowChannel[order[i]];
        }

        var propertyColumns = _properties.ToDictionary(p => p.Key, p => p.Value.BuildRows(order), StringComparer.Ordinal);
        var attributeColumns = _attributes.ToDictionary(p => p.Key, p => p.Value.BuildPerCustomer(order, customerStart), StringComparer.Ordinal);
        var ids = customerOrder.Select(c => customerIds[c]).ToArray();
        return new EventLog(ids, customerStart, times, eventCodes, [.. _events.Values], channelCodes, [.. _channels.Values], propertyColumns, attributeColumns);
    }

    private int RemoveDuplicates(ref int[] order, ref long[] times, int[] customerStart, DenseColumn[] properties)
    {
        var removed = 0;
        var write = 0;
        var customers = customerStart.Length - 1;
        var newStart = new int[customerStart.Length];
        for (var c = 0; c < customers; c++)
        {
            newStart[c] = write;
            // Where the current run of equal timestamps starts among the rows kept so far.
            var runStart = write;
            for (var i = customerStart[c]; i < customerStart[c + 1]; i++)
            {
                if (i > customerStart[c] && times[i] != times[i - 1])
                {
                    runStart = write;
                }

                var duplicate = false;
                for (var j = runStart; j < write && !duplicate; j++)
                {
                    duplicate = times[j] == times[i] && SameRow(order[j], order[i], properties);
                }

                if (duplicate)
                {
                    removed++;
                    continue;
                }

                order[write] = order[i];
                times[write] = times[i];
                write++;
            }
        }

        newStart[customers] = write;
        if (removed > 0)
        {
            Array.Resize(ref order, write);
            Array.Resize(ref times, write);
            newStart.CopyTo(customerStart, 0);
        }

        return removed;
    }

    private bool SameRow(int a, int b, DenseColumn[] properties)
    {
        if (_rowEvent[a] != _rowEvent[b] || _rowChannel[a] != _rowChannel[b])
        {
            return false;
        }

        foreach (var column in properties)
        {
            if (column.CodeAt(a) != column.CodeAt(b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSorted(ReadOnlySpan<long> times)
    {
        for (var i = 1; i < times.Length; i++)
        {
            if (times[i] < times[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static void StableSortByTime(Span<int> order, Span<long> times)
    {
        var pairs = new (long Time, int Position, int Row)[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            pairs[i] = (times[i], i, order[i]);
        }

        Array.Sort(pairs, (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Position.CompareTo(b.Position));
        for (var i = 0; i < pairs.Length; i++)
        {
            times[i] = pairs[i].Time;
            order[i] = pairs[i].Row;
        }
    }
}

/// <summary>Strings to dense codes, looked up by span without allocating.</summary>
internal sealed class Interner
{
    private readonly Dictionary<string, int> _map = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public Interner() => _lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();

    public List<string> Values { get; } = [];

    public int Intern(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var code))
        {
            return code;
        }

        code = Values.Count;
        var text = value.ToString();
        _map.Add(text, code);
        Values.Add(text);
        return code;
    }
}

/// <summary>A column being built: a code per row (-1 where the row has no value).</summary>
public sealed class DenseColumn
{
    private readonly Interner _values = new();
    private int[] _codes = [];

    public void Set(int row, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return;
        }

        if (row >= _codes.Length)
        {
            var old = _codes.Length;
            Array.Resize(ref _codes, Math.Max(1024, Math.Max(row + 1, old * 2)));
            _codes.AsSpan(old).Fill(-1);
        }

        _codes[row] = _values.Intern(value);
    }

    internal int CodeAt(int row) => row < _codes.Length ? _codes[row] : -1;

    internal Column BuildRows(int[] order)
    {
        var codes = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            codes[i] = CodeAt(order[i]);
        }

        return new Column(codes, [.. _values.Values]);
    }

    internal Column BuildPerCustomer(int[] order, int[] customerStart)
    {
        var customers = customerStart.Length - 1;
        var codes = new int[customers];
        for (var c = 0; c < customers; c++)
        {
            codes[c] = -1;
            for (var i = customerStart[c]; i < customerStart[c + 1]; i++)
            {
                var code = CodeAt(order[i]);
                if (code >= 0)
                {
                    codes[c] = code;
                }
            }
        }

        return new Column(codes, [.. _values.Values]);
    }
}

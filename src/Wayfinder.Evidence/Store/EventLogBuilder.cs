namespace Wayfinder.Evidence.Store;

/// <summary>Collects events in any order and builds an <see cref="EventLog"/> grouped by customer and sorted by time.</summary>
public sealed class EventLogBuilder
{
    private readonly Dictionary<string, int> _customers = new(StringComparer.Ordinal);
    private readonly List<string> _customerIds = [];
    private readonly Dictionary<string, int> _events = new(StringComparer.Ordinal);
    private readonly List<string> _eventNames = [];
    private readonly Dictionary<string, int> _channels = new(StringComparer.Ordinal);
    private readonly List<string> _channelNames = [];
    private readonly List<int> _rowCustomer = [];
    private readonly List<long> _rowTime = [];
    private readonly List<int> _rowEvent = [];
    private readonly List<int> _rowChannel = [];
    private readonly Dictionary<string, ColumnBuilder> _properties = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ColumnBuilder> _attributes = new(StringComparer.Ordinal);

    public int Count => _rowTime.Count;

    /// <summary>Adds one event. Properties and attributes may be null or empty.</summary>
    public void Add(
        string customerId,
        long timestampMicros,
        string eventName,
        string? channel = null,
        IEnumerable<KeyValuePair<string, string>>? properties = null,
        IEnumerable<KeyValuePair<string, string>>? attributes = null)
    {
        var row = _rowTime.Count;
        if (!_customers.TryGetValue(customerId, out var customer))
        {
            customer = _customerIds.Count;
            _customers.Add(customerId, customer);
            _customerIds.Add(customerId);
        }

        _rowCustomer.Add(customer);
        _rowTime.Add(timestampMicros);
        _rowEvent.Add(Intern(_events, _eventNames, eventName));
        _rowChannel.Add(string.IsNullOrEmpty(channel) ? -1 : Intern(_channels, _channelNames, channel));
        foreach (var (key, value) in properties ?? [])
        {
            if (!_properties.TryGetValue(key, out var column))
            {
                column = new ColumnBuilder();
                _properties.Add(key, column);
            }

            column.Set(row, value);
        }

        foreach (var (key, value) in attributes ?? [])
        {
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (!_attributes.TryGetValue(key, out var column))
            {
                column = new ColumnBuilder();
                _attributes.Add(key, column);
            }

            // Attributes are per customer, but recorded per row so that "the last value in time" can win at build.
            column.Set(row, value);
        }
    }

    /// <summary>Sorts rows by (customer id, timestamp, insertion order) and builds the columns.</summary>
    public EventLog Build()
    {
        var n = _rowTime.Count;
        var customerOrder = Enumerable.Range(0, _customerIds.Count).ToArray();
        Array.Sort(customerOrder, (a, b) => string.CompareOrdinal(_customerIds[a], _customerIds[b]));
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

        var eventCodes = new int[n];
        var channelCodes = new int[n];
        for (var i = 0; i < n; i++)
        {
            eventCodes[i] = _rowEvent[order[i]];
            channelCodes[i] = _rowChannel[order[i]];
        }

        var properties = _properties.ToDictionary(p => p.Key, p => p.Value.BuildRows(order), StringComparer.Ordinal);
        var attributes = _attributes.ToDictionary(p => p.Key, p => p.Value.BuildPerCustomer(order, customerStart), StringComparer.Ordinal);
        var ids = customerOrder.Select(c => _customerIds[c]).ToArray();
        return new EventLog(ids, customerStart, times, eventCodes, [.. _eventNames], channelCodes, [.. _channelNames], properties, attributes);
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

    private static int Intern(Dictionary<string, int> map, List<string> values, string value)
    {
        if (!map.TryGetValue(value, out var code))
        {
            code = values.Count;
            map.Add(value, code);
            values.Add(value);
        }

        return code;
    }

    private sealed class ColumnBuilder
    {
        private readonly Dictionary<string, int> _map = new(StringComparer.Ordinal);
        private readonly List<string> _values = [];
        private readonly Dictionary<int, int> _byRow = [];

        public void Set(int row, string value) => _byRow[row] = Intern(_map, _values, value);

        public Column BuildRows(int[] order)
        {
            var codes = new int[order.Length];
            for (var i = 0; i < order.Length; i++)
            {
                codes[i] = _byRow.TryGetValue(order[i], out var code) ? code : -1;
            }

            return new Column(codes, [.. _values]);
        }

        public Column BuildPerCustomer(int[] order, int[] customerStart)
        {
            var customers = customerStart.Length - 1;
            var codes = new int[customers];
            for (var c = 0; c < customers; c++)
            {
                codes[c] = -1;
                for (var i = customerStart[c]; i < customerStart[c + 1]; i++)
                {
                    if (_byRow.TryGetValue(order[i], out var code))
                    {
                        codes[c] = code;
                    }
                }
            }

            return new Column(codes, [.. _values]);
        }
    }
}

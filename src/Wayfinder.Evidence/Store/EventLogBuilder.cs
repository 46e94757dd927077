namespace Wayfinder.Evidence.Store;

using System.Runtime.CompilerServices;
/// <summary>
/// Collects events in any order and builds an <see cref="EventLog"/> grouped by customer and sorted by time.
/// Strings are interned as they arrive (spans are looked up without allocating), so adding a row costs a few
/// hash lookups and array writes. Several builders filled in parallel (one per slice of a file) combine into one log.
/// </summary>
public sealed class EventLogBuilder
{
    private readonly Interner _customers;
    private readonly Interner _events = new();
    private readonly Interner _channels = new();
    private readonly Dictionary<string, DenseColumn> _properties = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AttributeColumn> _attributes = new(StringComparer.Ordinal);
    private readonly List<(int From, int To)> _links = [];
    private int _attributeRows;
    private int[] _rowCustomer;
    private long[] _rowTime;
    private int[] _rowEvent;
    private int[] _rowChannel;
    private int _count;

    /// <param name="capacity">Rows expected; the arrays grow beyond it when needed.</param>
    public EventLogBuilder(int capacity = 1024)
    {
        capacity = Math.Max(16, capacity);
        _customers = new Interner(capacity / 8);
        _rowCustomer = new int[capacity];
        _rowTime = new long[capacity];
        _rowEvent = new int[capacity];
        _rowChannel = new int[capacity];
    }

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

    /// <summary>Adds a row from spans and returns its index, for <see cref="ValueColumn.Set(int, ReadOnlySpan{char})"/>.</summary>
    public int AddRow(ReadOnlySpan<char> customerId, long timestampMicros, ReadOnlySpan<char> eventName, ReadOnlySpan<char> channel) =>
        AddCodes(_customers.Intern(customerId), timestampMicros, _events.Intern(eventName), channel.IsEmpty ? -1 : _channels.Intern(channel));

    /// <summary>Adds a row from UTF-8 spans and returns its index, for <see cref="ValueColumn.Set(int, ReadOnlySpan{byte})"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int AddRow(ReadOnlySpan<byte> customerId, long timestampMicros, ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> channel) =>
        AddCodes(_customers.Intern(customerId), timestampMicros, _events.Intern(eventName), channel.IsEmpty ? -1 : _channels.Intern(channel));

    /// <summary>Adds a row whose event and channel codes come from <see cref="EventCode"/> and <see cref="ChannelCode"/> (-1: no channel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int AddRow(ReadOnlySpan<byte> customerId, long timestampMicros, int eventCode, int channelCode) =>
        AddCodes(_customers.Intern(customerId), timestampMicros, eventCode, channelCode);

    /// <summary>
    /// Adds a row that is no event but carries the customer's attributes as of that time (a Segment identify or group
    /// call): its attributes count like an event's, and the customer is kept even with no events.
    /// </summary>
    public int AddAttributeRow(ReadOnlySpan<char> customerId, long timestampMicros)
    {
        _attributeRows++;
        return AddCodes(_customers.Intern(customerId), timestampMicros, -1, -1);
    }

    /// <inheritdoc cref="AddAttributeRow(ReadOnlySpan{char}, long)"/>
    public int AddAttributeRow(ReadOnlySpan<byte> customerId, long timestampMicros)
    {
        _attributeRows++;
        return AddCodes(_customers.Intern(customerId), timestampMicros, -1, -1);
    }

    /// <summary>
    /// Says that <paramref name="fromId"/> (an anonymous or earlier id) is the same person as <paramref name="toId"/>:
    /// when the log is built, their events and attributes are one customer's, under the id that <paramref name="toId"/>
    /// finally resolves to. An id is stitched to the first id it is linked to (links in input order, the stored log's
    /// first); a later link of the same id elsewhere is ignored, so the result never depends on threads.
    /// </summary>
    public void Link(ReadOnlySpan<char> fromId, ReadOnlySpan<char> toId)
    {
        if (!fromId.IsEmpty && !toId.IsEmpty && !fromId.SequenceEqual(toId))
        {
            _links.Add((_customers.Intern(fromId), _customers.Intern(toId)));
        }
    }

    /// <inheritdoc cref="Link(ReadOnlySpan{char}, ReadOnlySpan{char})"/>
    public void Link(ReadOnlySpan<byte> fromId, ReadOnlySpan<byte> toId)
    {
        if (!fromId.IsEmpty && !toId.IsEmpty && !fromId.SequenceEqual(toId))
        {
            _links.Add((_customers.Intern(fromId), _customers.Intern(toId)));
        }
    }

    /// <summary>
    /// Each attribute's kept value per customer id of this builder (before ids are stitched) with the time of the row it
    /// came from: the ClickHouse store needs the time to weigh a file's value against a stored one as <see cref="Combine"/> does.
    /// </summary>
    internal IEnumerable<(string Attribute, string Customer, long Time)> AttributeTimes()
    {
        foreach (var (name, column) in _attributes)
        {
            for (var c = 0; c < column.CustomerCount; c++)
            {
                if (column.At(c) is { Code: >= 0 } kept)
                {
                    yield return (name, _customers.GetString(c), kept.Time);
                }
            }
        }
    }

    internal int EventCode(ReadOnlySpan<byte> eventName) => _events.Intern(eventName);

    internal int ChannelCode(ReadOnlySpan<byte> channel) => _channels.Intern(channel);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int AddCodes(int customer, long timestampMicros, int eventCode, int channelCode)
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
        _rowCustomer[row] = customer;
        _rowTime[row] = timestampMicros;
        _rowEvent[row] = eventCode;
        _rowChannel[row] = channelCode;
        return row;
    }

    /// <summary>The property column of that name (created on first use).</summary>
    public ValueColumn Property(string name)
    {
        if (!_properties.TryGetValue(name, out var column))
        {
            column = new DenseColumn(_rowTime.Length);
            _properties.Add(name, column);
        }

        return column;
    }

    /// <summary>The attribute column of that name: per customer, the value of the latest row in time wins (ties: the later row).</summary>
    public ValueColumn Attribute(string name)
    {
        if (!_attributes.TryGetValue(name, out var column))
        {
            column = new AttributeColumn(this, _rowTime.Length / 8);
            _attributes.Add(name, column);
        }

        return column;
    }

    /// <summary>A builder holding an existing log's rows without re-reading its strings row by row.</summary>
    public static EventLogBuilder FromLog(EventLog log)
    {
        // The row arrays are shared with the log, not copied: Combine only reads a part's rows, and a row added to this
        // builder grows (copies) the arrays first, so the log is never written to.
        var builder = new EventLogBuilder(16)
        {
            _rowCustomer = log.CustomerOfRow(),
            _rowTime = log.Timestamps,
            _rowEvent = log.EventCodes,
            _rowChannel = log.ChannelCodes,
            _count = log.EventCount,
        };
        builder._customers.EnsureCapacity(log.CustomerCount);
        switch (log.CustomerIds)
        {
            case PackedStrings packed:
                for (var i = 0; i < packed.Count; i++)
                {
                    builder._customers.Intern(packed.Span(i));
                }

                break;
            case IUtf8Strings utf8:
                for (var i = 0; i < log.CustomerCount; i++)
                {
                    builder._customers.Intern(utf8.Utf8(i));
                }

                break;
            default:
                foreach (var id in log.CustomerIds)
                {
                    builder._customers.Intern(id);
                }

                break;
        }

        foreach (var (from, to) in log.Identities)
        {
            builder._links.Add((builder._customers.Intern(from), builder._customers.Intern(to)));
        }

        foreach (var name in log.EventNames)
        {
            builder._events.Intern(name);
        }

        foreach (var name in log.ChannelNames)
        {
            builder._channels.Intern(name);
        }

        foreach (var (name, column) in log.Properties)
        {
            builder._properties.Add(name, DenseColumn.From(column));
        }

        foreach (var (name, column) in log.Attributes)
        {
            var attribute = new AttributeColumn(builder, 0);
            attribute.Load(column, log);
            builder._attributes.Add(name, attribute);
        }

        return builder;
    }

    /// <summary>
    /// Groups rows by customer (customers in order of first appearance), sorts each customer's rows by time keeping
    /// input order for ties, drops exact duplicates (same customer, time, event, channel and properties) and builds the columns.
    /// </summary>
    public EventLog Build() => Combine([this], out _);

    /// <inheritdoc cref="Build()"/>
    public EventLog Build(out int duplicates) => Combine([this], out duplicates);

    /// <summary>Builds one log from builders filled with consecutive parts of the input, as if one builder had taken all rows in order.</summary>
    /// <param name="parallelism">Threads to use at most; null for <see cref="EngineOptions.Default"/>.</param>
    public static EventLog Combine(IReadOnlyList<EventLogBuilder> parts, out int duplicates, int? parallelism = null) =>
        CombineParts(parts, out duplicates, parallelism, release: false);

    /// <summary>
    /// <see cref="Combine"/>, dropping each part's rows as soon as they are copied (an import, whose parts are garbage
    /// afterwards): the parts and the log are never held whole at once, and the parts cannot be built again.
    /// </summary>
    internal static EventLog CombineAndRelease(IReadOnlyList<EventLogBuilder> parts, out int duplicates, int? parallelism) =>
        CombineParts(parts, out duplicates, parallelism, release: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static EventLog CombineParts(IReadOnlyList<EventLogBuilder> parts, out int duplicates, int? parallelism, bool release)
    {
        var threads = parallelism ?? EngineOptions.Default.DegreeOfParallelism;
        var bounded = new ParallelOptions { MaxDegreeOfParallelism = threads };
        // The first part's dictionaries become the log's (its codes stay as they are); later parts are mapped into them.
        // Combining consumes the parts.
        var customers = parts.Count > 0 ? parts[0]._customers : new Interner();
        var events = parts.Count > 0 ? parts[0]._events : new Interner();
        var channels = parts.Count > 0 ? parts[0]._channels : new Interner();
        int[][] Map(Func<EventLogBuilder, Interner> of, Interner into) =>
            [.. parts.Select((p, i) => i == 0 ? Enumerable.Range(0, of(p).Count).ToArray() : MapInto(of(p), into))];
        customers.EnsureCapacity(parts.Sum(p => p._customers.Count));
        var customerMap = Map(p => p._customers, customers);
        var eventMap = Map(p => p._events, events);
        var channelMap = Map(p => p._channels, channels);
        var identities = Stitch(parts, ref customers, customerMap);
        var customerCount = customers.Count;
        var total = parts.Sum(p => p._count - p._attributeRows);

        // Counting sort by customer keeps input order within each customer: each part counts its rows per customer
        // (in parallel), and part p's rows of a customer go after those of parts before it.
        var partCounts = new int[parts.Count][];
        Parallel.For(0, parts.Count, bounded, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (p) =>
        {
            var counts = new int[customerCount];
            var map = customerMap[p];
            var rows = parts[p]._rowCustomer;
            var (events, skip) = (parts[p]._rowEvent, parts[p]._attributeRows > 0);
            for (var r = 0; r < parts[p]._count; r++)
            {
                if (skip && events[r] < 0)
                {
                    continue;
                }

                counts[map[rows[r]]]++;
            }

            partCounts[p] = counts;
        });
        var customerStart = new int[customerCount + 1];
        var partNext = partCounts.Select(_ => new int[customerCount]).ToArray();
        for (var c = 0; c < customerCount; c++)
        {
            var at = customerStart[c];
            for (var p = 0; p < parts.Count; p++)
            {
                partNext[p][c] = at;
                at += partCounts[p][c];
            }

            customerStart[c + 1] = at;
        }

        var propertyNames = parts.SelectMany(p => p._properties.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var propertyValues = propertyNames.Select(_ => new Interner()).ToArray();
        var propertyRemaps = parts.Select(part => propertyNames
            .Select((name, index) => part._properties.TryGetValue(name, out var column) ? MapInto(column.Values, propertyValues[index]) : null)
            .ToArray()).ToArray();

        // Where each row of each part goes in the log (-1: an attribute row, which is no event), found once; then the
        // columns are copied there one at a time, each part's copy dropped right after when the parts may be released.
        var positions = new int[parts.Count][];
        Parallel.For(0, parts.Count, bounded, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (p) =>
        {
            var part = parts[p];
            var (rows, events, next, map) = (part._rowCustomer, part._rowEvent, partNext[p], customerMap[p]);
            var position = release ? rows : new int[part._count];
            var skip = part._attributeRows > 0;
            for (var r = 0; r < part._count; r++)
            {
                position[r] = skip && events[r] < 0 ? -1 : next[map[rows[r]]]++;
            }

            positions[p] = position;
        });
        (partNext, partCounts) = ([], []);

        // Every position gets a row, so the columns need no zeroing first.
        var times = GC.AllocateUninitializedArray<long>(total);
        Scatter(parts, bounded, (part, p) =>
        {
            var (position, source) = (positions[p], part._rowTime);
            for (var r = 0; r < part._count; r++)
            {
                if (position[r] >= 0)
                {
                    times[position[r]] = source[r];
                }
            }

            if (release)
            {
                part._rowTime = [];
            }
        });
        var eventCodes = GC.AllocateUninitializedArray<int>(total);
        Scatter(parts, bounded, (part, p) =>
        {
            ScatterCodes(positions[p], part._count, part._rowEvent, eventMap[p], eventCodes);
            if (release)
            {
                part._rowEvent = [];
            }
        });
        var channelCodes = GC.AllocateUninitializedArray<int>(total);
        Scatter(parts, bounded, (part, p) =>
        {
            ScatterCodes(positions[p], part._count, part._rowChannel, channelMap[p], channelCodes);
            if (release)
            {
                part._rowChannel = [];
            }
        });
        var propertyCodes = new int[propertyNames.Length][];
        for (var i = 0; i < propertyNames.Length; i++)
        {
            var (name, index, codes) = (propertyNames[i], i, GC.AllocateUninitializedArray<int>(total));
            Scatter(parts, bounded, (part, p) =>
            {
                var column = part._properties.GetValueOrDefault(name);
                ScatterCodes(positions[p], part._count, column is null ? [] : column.RowCodes, propertyRemaps[p][index] ?? [], codes);
                if (release)
                {
                    column?.Release();
                }
            });
            propertyCodes[i] = codes;
        }

        if (release)
        {
            foreach (var part in parts)
            {
                (part._rowCustomer, part._count, part._attributeRows) = ([], 0, 0);
            }
        }

        positions = [];
        var perRow = new List<int[]> { eventCodes, channelCodes };
        perRow.AddRange(propertyCodes);
        Parallel.For(0, threads, bounded, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (slice) =>
        {
            var (from, to) = Slice(customerCount, slice, threads);
            for (var c = from; c < to; c++)
            {
                SortCustomer(times, perRow, customerStart, c);
            }
        });
        var insertId = Array.IndexOf(propertyNames, InsertIdProperty);
        duplicates = RemoveDuplicates(ref times, perRow, customerStart, threads, insertId < 0 ? -1 : 2 + insertId);
        eventCodes = perRow[0];
        channelCodes = perRow[1];
        var properties = new Dictionary<string, Column>(StringComparer.Ordinal);
        for (var i = 0; i < propertyNames.Length; i++)
        {
            properties.Add(propertyNames[i], new Column(perRow[2 + i], propertyValues[i].ToArray()));
        }

        var attributes = Attributes(parts, customerMap, customerCount, bounded);
        return new EventLog(customers.ToUtf8Strings(), customerStart, times, eventCodes, events.ToArray(), channelCodes, channels.ToArray(), properties, attributes, identities);
    }

    /// <summary>
    /// Resolves the parts' links (<see cref="Link(ReadOnlySpan{char}, ReadOnlySpan{char})"/>): each linked id's rows go
    /// to the id its links end at, linked ids leave the customer list, and the customers left keep their order of first
    /// appearance. Returns every linked id with the id it resolved to (kept with the log, so a later import stitches the
    /// same ids); nothing is rebuilt when no part has links.
    /// </summary>
    private static SortedDictionary<string, string> Stitch(IReadOnlyList<EventLogBuilder> parts, ref Interner customers, int[][] customerMap)
    {
        var identities = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (parts.All(p => p._links.Count == 0))
        {
            return identities;
        }

        var count = customers.Count;
        var parent = new int[count];
        var linked = new bool[count];
        for (var c = 0; c < count; c++)
        {
            parent[c] = c;
        }

        int Root(int c)
        {
            while (parent[c] != c)
            {
                c = parent[c];
            }

            return c;
        }

        for (var p = 0; p < parts.Count; p++)
        {
            foreach (var (from, to) in parts[p]._links)
            {
                var (f, t) = (customerMap[p][from], customerMap[p][to]);
                // The first link of an id wins; a link back into its own group would make a cycle.
                if (!linked[f] && Root(t) != f)
                {
                    parent[f] = t;
                    linked[f] = true;
                }
            }
        }

        var kept = new Interner(count);
        var final = new int[count];
        for (var c = 0; c < count; c++)
        {
            final[c] = linked[c] ? -1 : kept.Intern(customers.Bytes(c));
        }

        for (var c = 0; c < count; c++)
        {
            if (linked[c])
            {
                var root = Root(c);
                final[c] = final[root];
                identities[customers.GetString(c)] = customers.GetString(root);
            }
        }

        foreach (var map in customerMap)
        {
            for (var i = 0; i < map.Length; i++)
            {
                map[i] = final[map[i]];
            }
        }

        customers = kept;
        return identities;
    }

    /// <summary>Mixpanel's event id: rows of one customer with the same time, event and this property are one event.</summary>
    public const string InsertIdProperty = "$insert_id";

    /// <summary>For each value of <paramref name="from"/>, its code in <paramref name="into"/> (added there when new).</summary>
    private static int[] MapInto(Interner from, Interner into)
    {
        var map = new int[from.Count];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = into.Intern(from.Bytes(i));
        }

        return map;
    }

    /// <summary>Runs <paramref name="copy"/> for every part (part, index), in parallel.</summary>
    private static void Scatter(IReadOnlyList<EventLogBuilder> parts, ParallelOptions bounded, Action<EventLogBuilder, int> copy) =>
        Parallel.For(0, parts.Count, bounded, p => copy(parts[p], p));

    /// <summary>
    /// Copies a part's codes of one column to the rows' positions in the log, mapped into the log's dictionary (-1 and
    /// rows beyond <paramref name="codes"/> stay -1, as a row without a value).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScatterCodes(int[] positions, int count, ReadOnlySpan<int> codes, int[] map, int[] target)
    {
        for (var r = 0; r < count; r++)
        {
            var at = positions[r];
            if (at >= 0)
            {
                var code = r < codes.Length ? codes[r] : -1;
                target[at] = code < 0 ? -1 : map[code];
            }
        }
    }

    private static (int From, int To) Slice(int count, int slice, int slices) =>
        ((int)((long)count * slice / slices), (int)((long)count * (slice + 1) / slices));

    private static void SortCustomer(long[] times, List<int[]> perRow, int[] customerStart, int c)
    {
        var start = customerStart[c];
        var length = customerStart[c + 1] - start;
        if (!IsSorted(times.AsSpan(start, length)))
        {
            StableSortByTime(times.AsSpan(start, length), perRow, start);
        }
    }

    /// <summary>Which of <paramref name="total"/> numbered values some customer's code still points at (the values of
    /// the parts, numbered one after another, that survive a combine).</summary>
    internal static bool[] UsedCodes(int[] codes, int total)
    {
        var used = new bool[total];
        foreach (var code in codes)
        {
            if (code >= 0)
            {
                used[code] = true;
            }
        }

        return used;
    }

    private static Dictionary<string, Column> Attributes(IReadOnlyList<EventLogBuilder> parts, int[][] customerMap, int customerCount, ParallelOptions bounded)
    {
        var result = new Dictionary<string, Column>(StringComparer.Ordinal);
        // Attributes are independent of each other: build them in parallel.
        var names = parts.SelectMany(p => p._attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var built = new Column[names.Length];
        Parallel.For(0, names.Length, bounded, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (n) =>
        {
            var name = names[n];
            // First the winning value per customer as an index over all parts' values (part p's start at base[p]);
            // then only the values some customer keeps are numbered, in input order (a value met only in rows that
            // lost to later ones is left out).
            var columns = parts.Select(p => p._attributes.GetValueOrDefault(name)).ToArray();
            var bases = new int[parts.Count + 1];
            for (var p = 0; p < parts.Count; p++)
            {
                bases[p + 1] = bases[p] + (columns[p]?.Values.Count ?? 0);
            }

            var codes = new int[customerCount];
            var when = new long[customerCount];
            codes.AsSpan().Fill(-1);
            for (var p = 0; p < parts.Count; p++)
            {
                if (columns[p] is not { } column)
                {
                    continue;
                }

                // The first part's customer dictionary has grown with the later parts' customers: only its own count.
                var own = Math.Min(column.CustomerCount, customerMap[p].Length);
                for (var local = 0; local < own; local++)
                {
                    var (code, time) = column.At(local);
                    var global = customerMap[p][local];
                    // Later parts hold later input: on equal times they win, as a later row would.
                    if (code >= 0 && (codes[global] < 0 || time >= when[global]))
                    {
                        codes[global] = bases[p] + code;
                        when[global] = time;
                    }
                }
            }

            var used = UsedCodes(codes, bases[^1]);

            var values = new Interner();
            var final = new int[used.Length];
            for (var p = 0; p < parts.Count; p++)
            {
                for (var i = bases[p]; i < bases[p + 1]; i++)
                {
                    final[i] = used[i] ? values.Intern(columns[p]!.Values.Bytes(i - bases[p])) : -1;
                }
            }

            for (var c = 0; c < codes.Length; c++)
            {
                codes[c] = codes[c] < 0 ? -1 : final[codes[c]];
            }

            built[n] = new Column(codes, values.ToArray());
        });
        for (var n = 0; n < names.Length; n++)
        {
            result.Add(names[n], built[n]);
        }

        return result;
    }

    /// <summary>
    /// Drops exact duplicates: a row equal to an earlier row of the same customer at the same time, or, when both carry
    /// an <see cref="InsertIdProperty"/>, with the same event and insert id whatever their other properties (Mixpanel's
    /// rule; the first row is kept). Finding them runs in parallel over customers; the arrays are compacted only when
    /// there is something to drop.
    /// </summary>
    /// <param name="insertId">The index in <paramref name="perRow"/> of the insert ids, or -1.</param>
    private static int RemoveDuplicates(ref long[] times, List<int[]> perRow, int[] customerStart, int slices, int insertId)
    {
        var customers = customerStart.Length - 1;
        var duplicate = new bool[times.Length];
        var removedPerSlice = new int[slices];
        var t = times;
        Parallel.For(0, slices, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (slice) =>
        {
            var (from, to) = Slice(customers, slice, slices);
            var removed = 0;
            for (var c = from; c < to; c++)
            {
                var runStart = customerStart[c];
                for (var i = customerStart[c]; i < customerStart[c + 1]; i++)
                {
                    if (t[i] != t[runStart])
                    {
                        runStart = i;
                    }

                    for (var j = runStart; j < i; j++)
                    {
                        if (!duplicate[j] && SameRow(perRow, j, i, insertId))
                        {
                            duplicate[i] = true;
                            removed++;
                            break;
                        }
                    }
                }
            }

            removedPerSlice[slice] = removed;
        });

        var total = removedPerSlice.Sum();
        if (total == 0)
        {
            return 0;
        }

        // Copy the kept rows into arrays of their size, one column at a time (so that no second copy of the whole log
        // is ever held), each slice of customers at its own offset, in parallel.
        var kept = times.Length - total;
        var newStart = new int[customers + 1];
        var sliceOffset = new int[slices];
        for (var slice = 1; slice < slices; slice++)
        {
            var (from, _) = Slice(customers, slice - 1, slices);
            var (to, _) = Slice(customers, slice, slices);
            sliceOffset[slice] = sliceOffset[slice - 1] + (customerStart[to] - customerStart[from]) - removedPerSlice[slice - 1];
        }

        Parallel.For(0, slices, (slice) =>
        {
            var (from, to) = Slice(customers, slice, slices);
            var write = sliceOffset[slice];
            for (var c = from; c < to; c++)
            {
                newStart[c] = write;
                for (var i = customerStart[c]; i < customerStart[c + 1]; i++)
                {
                    write += duplicate[i] ? 0 : 1;
                }
            }
        });
        times = Compact(times, duplicate, customerStart, sliceOffset, kept);
        for (var k = 0; k < perRow.Count; k++)
        {
            perRow[k] = Compact(perRow[k], duplicate, customerStart, sliceOffset, kept);
        }

        newStart[customers] = kept;
        newStart.CopyTo(customerStart, 0);
        return total;
    }

    /// <summary>The rows of <paramref name="column"/> that are no duplicates, in a new array (not zeroed first); each slice's at its offset.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T[] Compact<T>(T[] column, bool[] duplicate, int[] customerStart, int[] sliceOffset, int kept)
    {
        var slices = sliceOffset.Length;
        var customers = customerStart.Length - 1;
        var result = GC.AllocateUninitializedArray<T>(kept);
        Parallel.For(0, slices, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (slice) =>
        {
            var (from, to) = Slice(customers, slice, slices);
            var write = sliceOffset[slice];
            for (var i = customerStart[from]; i < customerStart[to]; i++)
            {
                if (!duplicate[i])
                {
                    result[write++] = column[i];
                }
            }
        });
        return result;
    }

    private static bool SameRow(List<int[]> perRow, int a, int b, int insertId)
    {
        if (insertId >= 0 && perRow[insertId][a] >= 0 && perRow[insertId][b] >= 0)
        {
            return perRow[0][a] == perRow[0][b] && perRow[insertId][a] == perRow[insertId][b];
        }

        foreach (var column in perRow)
        {
            if (column[a] != column[b])
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

    private static void StableSortByTime(Span<long> times, List<int[]> perRow, int start)
    {
        var order = new (long Time, int Position)[times.Length];
        for (var i = 0; i < times.Length; i++)
        {
            order[i] = (times[i], i);
        }

        Array.Sort(order, (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Position.CompareTo(b.Position));
        var buffer = new int[times.Length];
        foreach (var column in perRow)
        {
            var segment = column.AsSpan(start, times.Length);
            for (var i = 0; i < order.Length; i++)
            {
                buffer[i] = segment[order[i].Position];
            }

            buffer.CopyTo(segment);
        }

        for (var i = 0; i < order.Length; i++)
        {
            times[i] = order[i].Time;
        }
    }

    /// <param name="customers">Customers expected (sized once, so the columns rarely grow).</param>
    private sealed class AttributeColumn(EventLogBuilder owner, int customers) : ValueColumn
    {
        private int[] _codes = Filled(customers);
        private long[] _times = new long[customers];

        private static int[] Filled(int length)
        {
            var codes = new int[length];
            codes.AsSpan().Fill(-1);
            return codes;
        }

        public int CustomerCount => Math.Min(_codes.Length, owner._customers.Count);

        public (int Code, long Time) At(int customer) => customer < _codes.Length ? (_codes[customer], _times[customer]) : (-1, 0);

        /// <summary>Takes a stored log's per-customer values, each as of the customer's last event.</summary>
        public void Load(Column column, EventLog log)
        {
            foreach (var value in column.Values)
            {
                Values.Intern(value);
            }

            _codes = (int[])column.Codes.Clone();
            _times = new long[_codes.Length];
            for (var c = 0; c < _codes.Length; c++)
            {
                _times[c] = log.CustomerStart[c + 1] > log.CustomerStart[c] ? log.Timestamps[log.CustomerStart[c + 1] - 1] : 0;
            }
        }

        /// <summary>The latest row in time wins (ties: the later row).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected override bool Accepts(int row)
        {
            var customer = owner._rowCustomer[row];
            if (customer >= _codes.Length)
            {
                var old = _codes.Length;
                var size = Math.Max(1024, Math.Max(customer + 1, old * 2));
                Array.Resize(ref _codes, size);
                Array.Resize(ref _times, size);
                _codes.AsSpan(old).Fill(-1);
            }

            return _codes[customer] < 0 || owner._rowTime[row] >= _times[customer];
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        protected override void Store(int row, int code)
        {
            var customer = owner._rowCustomer[row];
            _codes[customer] = code;
            _times[customer] = owner._rowTime[row];
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        internal override void SetCode(int row, int code)
        {
            if (code >= 0 && Accepts(row))
            {
                Store(row, code);
            }
        }
    }
}

/// <summary>A column being filled row by row while importing; an empty value is no value.</summary>
public abstract class ValueColumn
{
    internal Interner Values { get; } = new();

    public void Set(int row, ReadOnlySpan<char> value)
    {
        if (!value.IsEmpty && Accepts(row))
        {
            Store(row, Values.Intern(value));
        }
    }

    /// <summary>Sets the value of <paramref name="row"/> from UTF-8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Set(int row, ReadOnlySpan<byte> utf8)
    {
        if (!utf8.IsEmpty && Accepts(row))
        {
            Store(row, Values.Intern(utf8));
        }
    }

    public void Set(int row, string? value) => Set(row, value.AsSpan());

    /// <summary>The code of a value (-1 for an empty one), for <see cref="SetCode"/>.</summary>
    internal int Code(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? -1 : Values.Intern(utf8);

    /// <summary>Sets the value of <paramref name="row"/> by its <see cref="Code"/> (-1: no value); one call per value on the import's hot path.</summary>
    internal abstract void SetCode(int row, int code);

    /// <summary>Whether a value for <paramref name="row"/> is kept (interned only then).</summary>
    protected abstract bool Accepts(int row);

    protected abstract void Store(int row, int code);
}

/// <summary>A property column being built: a code per row (-1 where the row has no value).</summary>
public sealed class DenseColumn : ValueColumn
{
    private int[] _codes;

    /// <param name="rows">Rows expected (the codes are sized once, so they rarely grow).</param>
    public DenseColumn(int rows = 0)
    {
        _codes = new int[rows];
        _codes.AsSpan().Fill(-1);
    }

    /// <summary>The codes by row (shorter than the rows when the last rows have no value).</summary>
    internal ReadOnlySpan<int> RowCodes => _codes;

    /// <summary>Drops the codes once the log has copied them (<see cref="EventLogBuilder.CombineAndRelease"/>).</summary>
    internal void Release() => _codes = [];

    internal static DenseColumn From(Column column)
    {
        // Shared like the row arrays: setting a row beyond them grows (copies) the codes first.
        var dense = new DenseColumn { _codes = column.Codes };
        foreach (var value in column.Values)
        {
            dense.Values.Intern(value);
        }

        return dense;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected override bool Accepts(int row)
    {
        if (row >= _codes.Length)
        {
            var old = _codes.Length;
            Array.Resize(ref _codes, Math.Max(1024, Math.Max(row + 1, old * 2)));
            _codes.AsSpan(old).Fill(-1);
        }

        return true;
    }

    protected override void Store(int row, int code) => _codes[row] = code;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void SetCode(int row, int code)
    {
        if (code >= 0 && Accepts(row))
        {
            _codes[row] = code;
        }
    }
}

namespace Wayfinder.Evidence.Store;

using System.Runtime.CompilerServices;

/// <summary>
/// Puts a store's base and its appended segments together without sorting anything. A segment is appended only when all
/// its rows come after everything stored before it (<see cref="StoreLayout"/>), so a customer's rows are their base rows
/// followed by their rows of each segment in order: already in time order, with no duplicate across parts (a duplicate has
/// the same time). The result is the log <see cref="EventLogBuilder.Combine"/> builds from the same parts: the same
/// customers in the same order, the same dictionaries, the same rows; only the work differs. The base's rows are put
/// straight into their place in the merged columns (<see cref="TryRead"/> reads them there from the base's file, so the
/// base is never held twice); the segments' rows, few, are copied after each customer's. Stores with stitched ids, or
/// parts whose times overlap, take the general combine (null is returned).
/// </summary>
internal static class SegmentMerge
{
    /// <summary>The store in <paramref name="folder"/> read with its appended <paramref name="segments"/> (already read), or null.</summary>
    /// <param name="parallelism">Threads that may copy the base's columns at once.</param>
    public static EventLog? TryRead(string folder, IReadOnlyList<EventLog> segments, int parallelism = 1)
    {
        var events = Path.Combine(folder, "events.arrow");
        var dictionaries = ArrowPersistence.ReadDictionaries(Path.Combine(folder, "dictionaries.arrow"));
        if (StoreLayout.PartRange(events) is not { } range || ArrowPersistence.Identities(dictionaries).Count > 0
            || !AppendOnly(range.Rows == 0 ? long.MinValue : range.Max, segments))
        {
            return null;
        }

        return Merge(folder, dictionaries, segments, parallelism);
    }

    /// <summary>
    /// The base in <paramref name="folder"/> (its <paramref name="dictionaries"/> read) and the appended segments as one
    /// log: the base's customers read first, its rows read from its file straight into their place.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static EventLog Merge(string folder, Dictionary<string, string[]> dictionaries, IReadOnlyList<EventLog> segments, int parallelism)
    {
        var (baseIds, baseAttributes) = ArrowPersistence.ReadCustomers(Path.Combine(folder, "customers.arrow"), dictionaries);
        var basePropertyValues = dictionaries.Where(d => d.Key.StartsWith("p.", StringComparison.Ordinal)).ToDictionary(d => d.Key[2..], d => d.Value, StringComparer.Ordinal);

        // Customers: the base's keep their numbers; a segment's are looked up among the base's (only the segments' ids are
        // hashed), and new ones numbered after the base's in order of first appearance.
        var baseCount = baseIds.Count;
        var seen = new Interner(segments.Sum(s => s.CustomerCount));
        var segmentCodes = segments.Select(s => InternAll(seen, s.CustomerIds)).ToArray();
        var merged = new int[seen.Count];
        merged.AsSpan().Fill(-1);
        for (var c = 0; c < baseCount; c++)
        {
            if (seen.Find(baseIds.Utf8(c)) is var code and >= 0)
            {
                merged[code] = c;
            }
        }

        var count = baseCount;
        var added = new List<int>();
        for (var code = 0; code < merged.Length; code++)
        {
            if (merged[code] < 0)
            {
                merged[code] = count++;
                added.Add(code);
            }
        }

        var customerMap = segmentCodes.Select(codes => codes.Select(code => merged[code]).ToArray()).ToArray();
        var eventNames = new Interner();
        InternAll(eventNames, dictionaries.GetValueOrDefault("event") ?? []);
        var eventMap = segments.Select(s => InternAll(eventNames, s.EventNames)).ToArray();
        var channelNames = new Interner();
        InternAll(channelNames, dictionaries.GetValueOrDefault("channel") ?? []);
        var channelMap = segments.Select(s => InternAll(channelNames, s.ChannelNames)).ToArray();
        var propertyNames = basePropertyValues.Keys.Concat(segments.SelectMany(s => s.Properties.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var propertyValues = propertyNames.Select(name =>
        {
            var values = new Interner();
            InternAll(values, basePropertyValues.GetValueOrDefault(name) ?? []);
            return values;
        }).ToArray();
        var propertyMaps = segments.Select(s => propertyNames.Select((name, i) => s.Properties.TryGetValue(name, out var column) ? InternAll(propertyValues[i], column.Values) : null).ToArray()).ToArray();

        // Room for each customer's segment rows after their base rows: a base customer's rows move by the segment rows of
        // the customers before them.
        var segmentRows = new int[count];
        for (var p = 0; p < segments.Count; p++)
        {
            for (var local = 0; local < segments[p].CustomerCount; local++)
            {
                segmentRows[customerMap[p][local]] += segments[p].CustomerStart[local + 1] - segments[p].CustomerStart[local];
            }
        }

        var shift = new int[baseCount];
        long extra = 0;
        for (var c = 0; c < baseCount; c++)
        {
            shift[c] = (int)extra;
            extra += segmentRows[c];
        }

        for (var c = baseCount; c < count; c++)
        {
            extra += segmentRows[c];
        }

        var baseRows = new int[baseCount + 1];
        var index = propertyNames.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        if (extra > StoreCapacity.MaxEvents)
        {
            throw TooLarge();
        }

        var (times, eventCodes, channelCodes, placed) = ArrowPersistence.ReadEvents(
            Path.Combine(folder, "events.arrow"), baseRows, name => propertyValues[index[name]].Count, (int)extra, shift, parallelism);
        var rows = times.Length;
        var start = new int[count + 1];
        for (var c = 0; c < count; c++)
        {
            var next = start[c] + (long)(c < baseCount ? baseRows[c + 1] : 0) + segmentRows[c];
            if (next > StoreCapacity.MaxEvents)
            {
                throw TooLarge();
            }

            start[c + 1] = (int)next;
        }

        // A property the base lacks has no value on the base's rows.
        var propertyCodes = propertyNames.Select((name, i) =>
        {
            if (placed.TryGetValue(name, out var column))
            {
                return column;
            }

            var small = Column.FitsSmall(propertyValues[i].Count);
            Array codes = small ? new sbyte[rows] : new int[rows];
            if (small)
            {
                ((sbyte[])codes).AsSpan().Fill(-1);
            }
            else
            {
                ((int[])codes).AsSpan().Fill(-1);
            }

            return codes;
        }).ToArray();

        var cursor = new int[count];
        for (var c = 0; c < count; c++)
        {
            cursor[c] = start[c] + (c < baseCount ? baseRows[c + 1] : 0);
        }

        for (var p = 0; p < segments.Count; p++)
        {
            var log = segments[p];
            var (cmap, emap, chmap, pmaps) = (customerMap[p], eventMap[p], channelMap[p], propertyMaps[p]);
            var columns = propertyNames.Select(name => log.Properties.GetValueOrDefault(name)?.Codes).ToArray();
            for (var local = 0; local < log.CustomerCount; local++)
            {
                var at = cursor[cmap[local]];
                for (var r = log.CustomerStart[local]; r < log.CustomerStart[local + 1]; r++, at++)
                {
                    times[at] = log.Timestamps[r];
                    eventCodes[at] = emap[log.EventCodes[r]];
                    var channel = log.ChannelCodes[r];
                    channelCodes[at] = channel < 0 ? -1 : chmap[channel];
                    for (var i = 0; i < columns.Length; i++)
                    {
                        var code = columns[i] is { } codes ? codes[r] : -1;
                        code = code < 0 ? -1 : pmaps[i]![code];
                        if (propertyCodes[i] is sbyte[] small)
                        {
                            small[at] = (sbyte)code;
                        }
                        else
                        {
                            ((int[])propertyCodes[i])[at] = code;
                        }
                    }
                }

                cursor[cmap[local]] = at;
            }
        }

        var properties = new Dictionary<string, Column>(StringComparer.Ordinal);
        for (var i = 0; i < propertyNames.Length; i++)
        {
            var values = propertyValues[i].ToArray();
            properties.Add(propertyNames[i], propertyCodes[i] is sbyte[] small ? new Column(small, values) : new Column((int[])propertyCodes[i], values));
        }

        var attributes = Attributes([(baseAttributes, null), .. segments.Select((s, p) => (s.Attributes, (int[]?)customerMap[p]))], count);
        return new EventLog(Ids(baseIds, seen, added), start, times, eventCodes, eventNames.ToArray(), channelCodes, channelNames.ToArray(), properties, attributes);
    }

    private static StoreTooLargeException TooLarge() =>
        new($"the store's parts hold more than {StoreCapacity.MaxEvents:N0} events together, more than one log can hold; keep these events in ClickHouse (docs/clickhouse.md)");

    /// <summary>True when no segment is stitched and every part's rows come after all rows of the parts before it.</summary>
    private static bool AppendOnly(long last, IReadOnlyList<EventLog> segments)
    {
        if (segments.Any(s => s.Identities.Count > 0))
        {
            return false;
        }

        foreach (var segment in segments.Where(s => s.EventCount > 0))
        {
            if (segment.MinTimestamp <= last)
            {
                return false;
            }

            last = segment.MaxTimestamp;
        }

        return true;
    }

    /// <summary>The merged ids: the base's, then the new ones (codes of <paramref name="seen"/>) in order, as UTF-8.</summary>
    private static Utf8Strings Ids(Utf8Strings baseIds, Interner seen, List<int> added)
    {
        var offsets = new int[baseIds.Count + added.Count + 1];
        var bytes = new byte[baseIds.Offsets[^1] + added.Sum(code => seen.Bytes(code).Length)];
        baseIds.Data.AsSpan(0, baseIds.Offsets[^1]).CopyTo(bytes);
        baseIds.Offsets.CopyTo(offsets.AsSpan());
        var at = offsets[baseIds.Count];
        for (var k = 0; k < added.Count; k++)
        {
            var id = seen.Bytes(added[k]);
            id.CopyTo(bytes.AsSpan(at));
            at += id.Length;
            offsets[baseIds.Count + k + 1] = at;
        }

        return new Utf8Strings(bytes, offsets);
    }

    /// <summary>
    /// Per customer, the value of the latest part that has one (a later part's rows are later), numbered as the general
    /// combine numbers them: only values some customer keeps, in the order of the parts and of each part's values.
    /// A part's map gives each of its customers' merged number (null: the same number, the base).
    /// </summary>
    private static Dictionary<string, Column> Attributes(IReadOnlyList<(IReadOnlyDictionary<string, Column> Attributes, int[]? Map)> parts, int count)
    {
        var result = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var name in parts.SelectMany(p => p.Attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var bases = new int[parts.Count + 1];
            for (var p = 0; p < parts.Count; p++)
            {
                bases[p + 1] = bases[p] + (parts[p].Attributes.GetValueOrDefault(name)?.Values.Count ?? 0);
            }

            var codes = new int[count];
            codes.AsSpan().Fill(-1);
            for (var p = 0; p < parts.Count; p++)
            {
                if (parts[p].Attributes.GetValueOrDefault(name) is not { } column)
                {
                    continue;
                }

                var (local, map) = (column.Codes, parts[p].Map);
                for (var i = 0; i < local.Length; i++)
                {
                    if (local[i] >= 0)
                    {
                        codes[map is null ? i : map[i]] = bases[p] + local[i];
                    }
                }
            }

            var used = EventLogBuilder.UsedCodes(codes, bases[^1]);

            var values = new Interner();
            var final = new int[used.Length];
            for (var p = 0; p < parts.Count; p++)
            {
                for (var i = bases[p]; i < bases[p + 1]; i++)
                {
                    final[i] = used[i] ? values.Intern(parts[p].Attributes[name].Values[i - bases[p]].AsSpan()) : -1;
                }
            }

            for (var c = 0; c < count; c++)
            {
                codes[c] = codes[c] < 0 ? -1 : final[codes[c]];
            }

            result.Add(name, new Column(codes, values.ToArray()));
        }

        return result;
    }

    /// <summary>Interns every string of <paramref name="values"/> and returns each one's code (from its UTF-8 bytes when the list keeps them).</summary>
    internal static int[] InternAll(Interner into, IReadOnlyList<string> values)
    {
        var codes = new int[values.Count];
        switch (values)
        {
            case PackedStrings packed:
                for (var i = 0; i < codes.Length; i++)
                {
                    codes[i] = into.Intern(packed.Span(i));
                }

                break;
            case IUtf8Strings utf8:
                for (var i = 0; i < codes.Length; i++)
                {
                    codes[i] = into.Intern(utf8.Utf8(i));
                }

                break;
            default:
                for (var i = 0; i < codes.Length; i++)
                {
                    codes[i] = into.Intern(values[i].AsSpan());
                }

                break;
        }

        return codes;
    }
}

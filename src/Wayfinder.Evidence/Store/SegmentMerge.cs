namespace Wayfinder.Evidence.Store;

using System.Runtime.CompilerServices;

/// <summary>
/// Puts a store's base and its appended segments together without sorting anything. A segment is appended only when all
/// its rows come after everything stored before it (<see cref="StoreLayout"/>), so a customer's rows are their base rows
/// followed by their rows of each segment in order: already in time order, with no duplicate across parts (a duplicate has
/// the same time). The result is the log <see cref="EventLogBuilder.Combine"/> builds from the same parts: the same
/// customers in the same order, the same dictionaries, the same rows; only the work differs (a copy of the columns
/// instead of a sort of every customer's rows). Stores with stitched ids, or parts whose times overlap, take the general
/// combine (<see cref="TryMerge"/> returns null).
/// </summary>
internal static class SegmentMerge
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static EventLog? TryMerge(EventLog stored, IReadOnlyList<EventLog> segments)
    {
        if (!AppendOnly(stored, segments))
        {
            return null;
        }

        var parts = (EventLog[])[stored, .. segments];
        var customers = new Interner(stored.CustomerCount + segments.Sum(s => s.CustomerCount));
        var customerMap = parts.Select(p => InternAll(customers, p.CustomerIds)).ToArray();
        var events = new Interner();
        var eventMap = parts.Select(p => InternAll(events, p.EventNames)).ToArray();
        var channels = new Interner();
        var channelMap = parts.Select(p => InternAll(channels, p.ChannelNames)).ToArray();

        // Rows per customer: the base's, then each segment's.
        var count = customers.Count;
        var start = new int[count + 1];
        for (var p = 0; p < parts.Length; p++)
        {
            var log = parts[p];
            for (var local = 0; local < log.CustomerCount; local++)
            {
                start[customerMap[p][local] + 1] += log.CustomerStart[local + 1] - log.CustomerStart[local];
            }
        }

        long rows = 0;
        for (var c = 0; c < count; c++)
        {
            rows += start[c + 1];
            if (rows > StoreCapacity.MaxEvents)
            {
                throw new StoreTooLargeException($"the store's parts hold more than {StoreCapacity.MaxEvents:N0} events together, more than one log can hold; keep these events in ClickHouse (docs/clickhouse.md)");
            }

            start[c + 1] = (int)rows;
        }

        var propertyNames = parts.SelectMany(p => p.Properties.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var propertyValues = propertyNames.Select(_ => new Interner()).ToArray();
        var propertyMaps = parts.Select(p => propertyNames.Select((name, i) => p.Properties.TryGetValue(name, out var column) ? InternAll(propertyValues[i], column.Values) : null).ToArray()).ToArray();
        var times = new long[rows];
        var eventCodes = new int[rows];
        var channelCodes = new int[rows];
        var propertyCodes = propertyNames.Select(_ => new int[rows]).ToArray();

        CopyStored(stored, start, times, eventCodes, channelCodes, propertyNames, propertyCodes);
        var next = new int[count];
        for (var c = 0; c < count; c++)
        {
            next[c] = start[c] + (c < stored.CustomerCount ? stored.CustomerStart[c + 1] - stored.CustomerStart[c] : 0);
        }

        for (var p = 1; p < parts.Length; p++)
        {
            var log = parts[p];
            var (cmap, emap, chmap, pmaps) = (customerMap[p], eventMap[p], channelMap[p], propertyMaps[p]);
            var columns = propertyNames.Select(name => log.Properties.GetValueOrDefault(name)?.Codes).ToArray();
            for (var local = 0; local < log.CustomerCount; local++)
            {
                var at = next[cmap[local]];
                for (var r = log.CustomerStart[local]; r < log.CustomerStart[local + 1]; r++, at++)
                {
                    times[at] = log.Timestamps[r];
                    eventCodes[at] = emap[log.EventCodes[r]];
                    var channel = log.ChannelCodes[r];
                    channelCodes[at] = channel < 0 ? -1 : chmap[channel];
                    for (var i = 0; i < columns.Length; i++)
                    {
                        var code = columns[i] is { } codes ? codes[r] : -1;
                        propertyCodes[i][at] = code < 0 ? -1 : pmaps[i]![code];
                    }
                }

                next[cmap[local]] = at;
            }
        }

        var properties = new Dictionary<string, Column>(StringComparer.Ordinal);
        for (var i = 0; i < propertyNames.Length; i++)
        {
            properties.Add(propertyNames[i], new Column(propertyCodes[i], propertyValues[i].ToArray()));
        }

        return new EventLog(customers.ToUtf8Strings(), start, times, eventCodes, events.ToArray(), channelCodes, channels.ToArray(), properties, Attributes(parts, customerMap, count));
    }

    /// <summary>True when nothing is stitched and every part's rows come after all rows of the parts before it.</summary>
    private static bool AppendOnly(EventLog stored, IReadOnlyList<EventLog> segments)
    {
        if (stored.Identities.Count > 0 || segments.Any(s => s.Identities.Count > 0))
        {
            return false;
        }

        var last = stored.EventCount > 0 ? stored.MaxTimestamp : long.MinValue;
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

    /// <summary>
    /// The stored rows, moved to their place in the merged columns: the offset of a customer's rows grows only after a
    /// customer who has segment rows, so runs of customers between those are copied whole.
    /// </summary>
    private static void CopyStored(EventLog stored, int[] start, long[] times, int[] eventCodes, int[] channelCodes, string[] propertyNames, int[][] propertyCodes)
    {
        var columns = propertyNames.Select(name => stored.Properties.GetValueOrDefault(name)?.Codes).ToArray();
        var from = 0;
        for (var c = 1; c <= stored.CustomerCount; c++)
        {
            if (c < stored.CustomerCount && start[c] - stored.CustomerStart[c] == start[from] - stored.CustomerStart[from])
            {
                continue;
            }

            var (source, length, target) = (stored.CustomerStart[from], stored.CustomerStart[c] - stored.CustomerStart[from], start[from]);
            stored.Timestamps.AsSpan(source, length).CopyTo(times.AsSpan(target));
            stored.EventCodes.AsSpan(source, length).CopyTo(eventCodes.AsSpan(target));
            stored.ChannelCodes.AsSpan(source, length).CopyTo(channelCodes.AsSpan(target));
            for (var i = 0; i < columns.Length; i++)
            {
                if (columns[i] is { } codes)
                {
                    codes.AsSpan(source, length).CopyTo(propertyCodes[i].AsSpan(target));
                }
                else
                {
                    propertyCodes[i].AsSpan(target, length).Fill(-1);
                }
            }

            from = c;
        }
    }

    /// <summary>
    /// Per customer, the value of the latest part that has one (a later part's rows are later), numbered as the general
    /// combine numbers them: only values some customer keeps, in the order of the parts and of each part's values.
    /// </summary>
    private static Dictionary<string, Column> Attributes(EventLog[] parts, int[][] customerMap, int count)
    {
        var result = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var name in parts.SelectMany(p => p.Attributes.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var bases = new int[parts.Length + 1];
            for (var p = 0; p < parts.Length; p++)
            {
                bases[p + 1] = bases[p] + (parts[p].Attributes.GetValueOrDefault(name)?.Values.Count ?? 0);
            }

            var codes = new int[count];
            codes.AsSpan().Fill(-1);
            for (var p = 0; p < parts.Length; p++)
            {
                if (parts[p].Attributes.GetValueOrDefault(name) is not { } column)
                {
                    continue;
                }

                for (var local = 0; local < parts[p].CustomerCount; local++)
                {
                    if (column.Codes[local] >= 0)
                    {
                        codes[customerMap[p][local]] = bases[p] + column.Codes[local];
                    }
                }
            }

            var used = EventLogBuilder.UsedCodes(codes, bases[^1]);

            var values = new Interner();
            var final = new int[used.Length];
            for (var p = 0; p < parts.Length; p++)
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

namespace Wayfinder.Evidence.Store;

using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

/// <summary>
/// Writes and reads an <see cref="EventLog"/> as Apache Arrow IPC files: <c>events.arrow</c> (one row per event:
/// customer index, timestamp in µs, and dictionary codes for event, channel and each property <c>p.NAME</c>),
/// <c>customers.arrow</c> (customer id and attributes as strings, in customer-index order) and
/// <c>dictionaries.arrow</c> (column, code, value; the stitched ids as <c>id.from</c> and <c>id.to</c> with the same
/// codes). Any Arrow reader (pyarrow, DuckDB, Polars) can open them.
/// </summary>
internal static class ArrowPersistence
{
    // 262,144 rows (6 MB for the bench's five columns): small enough that the one batch held besides the columns
    // weighs little while reading or writing, large enough that the per-batch cost does not show.
    private const int BatchRows = 1 << 18;

    public static void Write(EventLog log, string folder)
    {
        Directory.CreateDirectory(folder);
        WriteEvents(log, Path.Combine(folder, "events.arrow"));
        WriteCustomers(log, Path.Combine(folder, "customers.arrow"));
        WriteDictionaries(log, Path.Combine(folder, "dictionaries.arrow"));
    }

    /// <param name="parallelism">Threads that may copy the events' columns at once.</param>
    public static EventLog Read(string folder, int parallelism = 1)
    {
        var dictionaries = ReadDictionaries(Path.Combine(folder, "dictionaries.arrow"));
        var (ids, attributes) = ReadCustomers(Path.Combine(folder, "customers.arrow"), dictionaries);
        var customerStart = new int[ids.Count + 1];
        var events = ReadEvents(Path.Combine(folder, "events.arrow"), customerStart, name => dictionaries.GetValueOrDefault("p." + name)?.Length ?? 0, parallelism: parallelism);
        for (var c = 0; c < ids.Count; c++)
        {
            customerStart[c + 1] += customerStart[c];
        }

        var properties = events.Properties.ToDictionary(
            p => p.Key,
            p => p.Value is sbyte[] small
                ? new Column(small, dictionaries.GetValueOrDefault("p." + p.Key) ?? [])
                : new Column((int[])p.Value, dictionaries.GetValueOrDefault("p." + p.Key) ?? []),
            StringComparer.Ordinal);
        return new EventLog(
            ids,
            customerStart,
            events.Time,
            events.Event,
            dictionaries.GetValueOrDefault("event") ?? [],
            events.Channel,
            dictionaries.GetValueOrDefault("channel") ?? [],
            properties,
            attributes,
            Identities(dictionaries));
    }

    /// <summary>The stitched ids, kept as two dictionaries of the same codes: id.from (the merged id) and id.to (its customer).</summary>
    internal static Dictionary<string, string> Identities(Dictionary<string, string[]> dictionaries)
    {
        var from = dictionaries.GetValueOrDefault("id.from") ?? [];
        var to = dictionaries.GetValueOrDefault("id.to") ?? [];
        return from.Zip(to).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    private static void WriteEvents(EventLog log, string path)
    {
        var propertyNames = log.Properties.Keys.Order(StringComparer.Ordinal).ToArray();
        var schema = new Schema.Builder()
            .Field(f => f.Name("customer").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("timestamp_us").DataType(Int64Type.Default).Nullable(false))
            .Field(f => f.Name("event").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("channel").DataType(Int32Type.Default).Nullable(false));
        foreach (var name in propertyNames)
        {
            schema.Field(f => f.Name("p." + name).DataType(Int32Type.Default).Nullable(false));
        }

        schema.Metadata("wayfinder", "events v1: codes index dictionaries.arrow; -1 means no value");
        schema.Metadata("rows", log.EventCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The time range, so that an import can tell whether its rows all come later (an append) from the schema alone.
        schema.Metadata(StoreLayout.MinTimeKey, log.MinTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        schema.Metadata(StoreLayout.MaxTimeKey, log.MaxTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var built = schema.Build();
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, built);
        // The customer of each row is not a column of the log: it is filled per batch into one buffer from CustomerStart.
        var customerOfRow = new int[Math.Min(BatchRows, Math.Max(1, log.EventCount))];
        var customer = 0;
        for (var start = 0; start < Math.Max(1, log.EventCount); start += BatchRows)
        {
            var length = Math.Min(BatchRows, log.EventCount - start);
            for (var row = 0; row < length; row++)
            {
                while (log.CustomerStart[customer + 1] <= start + row)
                {
                    customer++;
                }

                customerOfRow[row] = customer;
            }

            var arrays = new List<IArrowArray>
            {
                Int32(customerOfRow, 0, length),
                Int64(log.Timestamps, start, length),
                Int32(log.EventCodes, start, length),
                Int32(log.ChannelCodes, start, length),
            };
            arrays.AddRange(propertyNames.Select(n => Int32(log.Properties[n].Codes, start, length)));
            writer.WriteRecordBatch(new RecordBatch(built, arrays, length));
        }

        writer.WriteEnd();
    }

    private static void WriteCustomers(EventLog log, string path)
    {
        var names = log.Attributes.Keys.Order(StringComparer.Ordinal).ToArray();
        var schema = new Schema.Builder().Field(f => f.Name("customer_id").DataType(StringType.Default).Nullable(false));
        foreach (var name in names)
        {
            schema.Field(f => f.Name("a." + name).DataType(Int32Type.Default).Nullable(false));
        }

        schema.Metadata("wayfinder", "customers v2: attribute codes index dictionaries.arrow (a.NAME); -1 means no value");
        var built = schema.Build();
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, built);
        var ids = log.CustomerIds switch
        {
            PackedStrings packed => packed.ToArrow(),
            // The ids' bytes as they are, an Arrow array over them (nothing copied).
            Utf8Strings utf8 => new StringArray(
                utf8.Count, new ArrowBuffer(new ByteView<int>(utf8.Offsets, 0, utf8.Offsets.Length).Memory), new ArrowBuffer(utf8.Data), ArrowBuffer.Empty, 0, 0),
            var other => new StringArray.Builder().AppendRange(other).Build(),
        };
        var arrays = new List<IArrowArray> { ids };
        arrays.AddRange(names.Select(name => Int32(log.Attributes[name].Codes, 0, log.CustomerCount)));
        writer.WriteRecordBatch(new RecordBatch(built, arrays, log.CustomerCount));
        writer.WriteEnd();
    }

    private static void WriteDictionaries(EventLog log, string path)
    {
        var column = new StringArray.Builder();
        var code = new Int32Array.Builder();
        var value = new StringArray.Builder();
        void Add(string name, IReadOnlyList<string> values)
        {
            for (var i = 0; i < values.Count; i++)
            {
                column.Append(name);
                code.Append(i);
                value.Append(values[i]);
            }
        }

        Add("event", log.EventNames);
        Add("channel", log.ChannelNames);
        foreach (var (name, property) in log.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Add("p." + name, property.Values);
        }

        foreach (var (name, attribute) in log.Attributes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Add("a." + name, attribute.Values);
        }

        var identities = log.Identities.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        Add("id.from", [.. identities.Select(p => p.Key)]);
        Add("id.to", [.. identities.Select(p => p.Value)]);

        var schema = new Schema.Builder()
            .Field(f => f.Name("column").DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name("code").DataType(Int32Type.Default).Nullable(false))
            .Field(f => f.Name("value").DataType(StringType.Default).Nullable(false))
            .Build();
        using var stream = File.Create(path);
        using var writer = new ArrowFileWriter(stream, schema);
        var arrays = new IArrowArray[] { column.Build(), code.Build(), value.Build() };
        writer.WriteRecordBatch(new RecordBatch(schema, arrays, arrays[0].Length));
        writer.WriteEnd();
    }

    /// <summary>
    /// Copies the event columns into arrays; the customer column is only counted, into <paramref name="customerStart"/>
    /// (rows per customer at <c>c + 1</c>), as the log keeps row offsets per customer instead.
    /// </summary>
    /// <param name="valueCount">How many values a property's dictionary holds: properties of few values are read a byte per row.</param>
    /// <param name="extraRows">Rows to leave room for in every column beyond the file's own (an appended segment's).</param>
    /// <param name="shift">Per customer, how far after its own place each of its rows goes (room left for the rows of
    /// customers before it); null: every row at its own place.</param>
    /// <param name="parallelism">Threads that may copy a batch's columns at once (the customers counted as one of them).</param>
    internal static (long[] Time, int[] Event, int[] Channel, Dictionary<string, System.Array> Properties) ReadEvents(
        string path, int[] customerStart, Func<string, int> valueCount, int extraRows = 0, int[]? shift = null, int parallelism = 1)
    {
        using var stream = File.OpenRead(path);
        // Every batch is read into the same buffer: each is copied out and disposed before the next is read.
        using var reader = new ArrowFileReader(stream, new ReusedBufferAllocator());
        var schema = reader.Schema;
        // Stores written since the row count is in the metadata are copied a batch at a time (one batch in memory
        // besides the columns); older ones are read whole first to count their rows.
        List<RecordBatch>? batches = null;
        int total;
        if (schema.Metadata?.TryGetValue("rows", out var rows) == true && int.TryParse(rows, System.Globalization.CultureInfo.InvariantCulture, out var counted))
        {
            total = counted;
        }
        else
        {
            // (Batches held at once: the reused buffer stays with the first, the others get their own.)
            batches = [];
            while (reader.ReadNextRecordBatch() is { } batch)
            {
                batches.Add(batch);
            }

            total = batches.Sum(b => b.Length);
        }

        // Every row is copied in or the read fails, so the columns need no zeroing first.
        var size = total + extraRows;
        var time = GC.AllocateUninitializedArray<long>(size);
        var events = GC.AllocateUninitializedArray<int>(size);
        var channel = GC.AllocateUninitializedArray<int>(size);
        var properties = schema.FieldsList.Where(f => f.Name.StartsWith("p.", StringComparison.Ordinal)).ToDictionary(
            f => f.Name[2..],
            f => Column.FitsSmall(valueCount(f.Name[2..])) ? (System.Array)GC.AllocateUninitializedArray<sbyte>(size) : GC.AllocateUninitializedArray<int>(size),
            StringComparer.Ordinal);
        // One job per column, the customers counted as one more; the jobs of a batch run on up to parallelism threads.
        var jobs = new List<Action<RecordBatch, List<(int From, int Length, int Target)>>>
        {
            (batch, _) => CountCustomers(((Int32Array)batch.Column("customer")).Values, customerStart, path),
            (batch, runs) => CopyColumn(((Int64Array)batch.Column("timestamp_us")).Values, runs, time),
            (batch, runs) => CopyColumn(((Int32Array)batch.Column("event")).Values, runs, events),
            (batch, runs) => CopyColumn(((Int32Array)batch.Column("channel")).Values, runs, channel),
        };
        foreach (var (name, values) in properties)
        {
            jobs.Add((batch, runs) =>
            {
                var codes = ((Int32Array)batch.Column("p." + name)).Values;
                foreach (var (from, length, target) in runs)
                {
                    if (values is sbyte[] small)
                    {
                        Narrow(codes.Slice(from, length), small.AsSpan(target), path);
                    }
                    else
                    {
                        codes.Slice(from, length).CopyTo(((int[])values).AsSpan(target));
                    }
                }
            });
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) };
        var offset = 0;
        foreach (var batch in batches ?? Batches(reader))
        {
            if (offset + batch.Length > total)
            {
                throw new InvalidDataException($"{path} holds more rows than its metadata says ({total}); the store is damaged");
            }

            var runs = Runs(((Int32Array)batch.Column("customer")).Values, offset, shift);
            if (parallelism > 1)
            {
                try
                {
                    Parallel.For(0, jobs.Count, parallel, j => jobs[j](batch, runs));
                }
                catch (AggregateException e)
                {
                    // What a job throws (a damaged store) as the one-thread read throws it.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
                }
            }
            else
            {
                jobs.ForEach(job => job(batch, runs));
            }

            offset += batch.Length;
            batch.Dispose();
        }

        if (offset != total)
        {
            throw new InvalidDataException($"{path} holds {offset} rows, its metadata says {total}; the store is damaged");
        }

        return (time, events, channel, properties);
    }

    /// <summary>Adds each row's customer to <paramref name="customerStart"/> (rows of customer c at c + 1).</summary>
    private static void CountCustomers(ReadOnlySpan<int> customerColumn, int[] customerStart, string path)
    {
        var customers = customerStart.Length - 1;
        foreach (var c in customerColumn)
        {
            if ((uint)c >= (uint)customers)
            {
                throw new InvalidDataException($"{path} holds customer {c}, customers.arrow {customers} customers; the store is damaged");
            }

            customerStart[c + 1]++;
        }
    }

    /// <summary>
    /// Where a batch's rows go: runs of rows that move by the same amount (their customer's shift), as (first row of the
    /// batch, rows, place in the columns); one run for the whole batch without a shift.
    /// </summary>
    private static List<(int From, int Length, int Target)> Runs(ReadOnlySpan<int> customerColumn, int offset, int[]? shift)
    {
        if (shift is null)
        {
            return [(0, customerColumn.Length, offset)];
        }

        var runs = new List<(int From, int Length, int Target)>();
        for (var from = 0; from < customerColumn.Length;)
        {
            // (A customer beyond the shifts is reported by the count of customers, which checks every row.)
            var by = (uint)customerColumn[from] < (uint)shift.Length ? shift[customerColumn[from]] : 0;
            var to = from + 1;
            while (to < customerColumn.Length && (uint)customerColumn[to] < (uint)shift.Length && shift[customerColumn[to]] == by)
            {
                to++;
            }

            runs.Add((from, to - from, offset + from + by));
            from = to;
        }

        return runs;
    }

    private static void CopyColumn<T>(ReadOnlySpan<T> values, List<(int From, int Length, int Target)> runs, T[] into)
    {
        foreach (var (from, length, target) in runs)
        {
            values.Slice(from, length).CopyTo(into.AsSpan(target));
        }
    }

    /// <summary>Codes of a property with fewer than 128 values, a byte each (-1 stays -1).</summary>
    private static void Narrow(ReadOnlySpan<int> codes, Span<sbyte> target, string path)
    {
        for (var i = 0; i < codes.Length; i++)
        {
            var code = codes[i];
            if (code < -1 || code > sbyte.MaxValue)
            {
                throw new InvalidDataException($"{path} holds property code {code}, beyond its dictionary; the store is damaged");
            }

            target[i] = (sbyte)code;
        }
    }

    /// <summary>
    /// Hands out one buffer again and again while the last owner of it has been disposed (a record batch read, copied
    /// out and disposed before the next), so reading a store neither allocates nor faults in fresh memory per batch.
    /// Anything asked for while the buffer is out gets memory of its own.
    /// </summary>
    private sealed class ReusedBufferAllocator : Apache.Arrow.Memory.MemoryAllocator
    {
        private byte[] _buffer = [];
        private bool _out;

        protected override System.Buffers.IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
        {
            bytesAllocated = length;
            if (_out)
            {
                return new Owner(this, new byte[length], length, reused: false);
            }

            if (_buffer.Length < length)
            {
                _buffer = GC.AllocateUninitializedArray<byte>(length);
            }

            _out = true;
            return new Owner(this, _buffer, length, reused: true);
        }

        private sealed class Owner(ReusedBufferAllocator allocator, byte[] buffer, int length, bool reused) : System.Buffers.IMemoryOwner<byte>
        {
            private bool _disposed;

            public Memory<byte> Memory { get; } = buffer.AsMemory(0, length);

            public void Dispose()
            {
                if (reused && !_disposed)
                {
                    allocator._out = false;
                }

                _disposed = true;
            }
        }
    }

    private static IEnumerable<RecordBatch> Batches(ArrowFileReader reader)
    {
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            yield return batch;
        }
    }

    /// <summary>
    /// Customer ids are kept as their UTF-8 bytes and decoded when asked for (analysis rarely needs them); attributes of
    /// fewer than 128 values a byte per customer until asked for. The file's buffer is not kept.
    /// </summary>
    internal static (Utf8Strings Ids, Dictionary<string, Column> Attributes) ReadCustomers(string path, Dictionary<string, string[]> dictionaries)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream, new ReusedBufferAllocator());
        var names = reader.Schema.FieldsList.Where(f => f.Name.StartsWith("a.", StringComparison.Ordinal)).Select(f => f.Name).ToArray();
        var batches = new List<RecordBatch>();
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            batches.Add(batch);
        }

        var total = batches.Sum(b => b.Length);
        var attributes = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var values = dictionaries.GetValueOrDefault(name) ?? [];
            var small = Column.FitsSmall(values.Length) ? GC.AllocateUninitializedArray<sbyte>(total) : null;
            var codes = small is null ? GC.AllocateUninitializedArray<int>(total) : null;
            var offset = 0;
            foreach (var batch in batches)
            {
                var batchCodes = ((Int32Array)batch.Column(name)).Values;
                if (small is not null)
                {
                    Narrow(batchCodes, small.AsSpan(offset), path);
                }
                else
                {
                    batchCodes.CopyTo(codes.AsSpan(offset));
                }

                offset += batch.Length;
            }

            attributes.Add(name[2..], small is not null ? new Column(small, values) : new Column(codes!, values));
        }

        var ids = CopyStrings([.. batches.Select(b => (StringArray)b.Column("customer_id"))]);
        batches.ForEach(b => b.Dispose());
        return (ids, attributes);
    }

    /// <summary>The bytes and offsets of Arrow string arrays, copied into one pair of arrays.</summary>
    private static Utf8Strings CopyStrings(StringArray[] arrays)
    {
        var offsets = new int[arrays.Sum(a => a.Length) + 1];
        // (An empty array may be written without offsets: it holds no bytes.)
        var data = GC.AllocateUninitializedArray<byte>(arrays.Where(a => a.Length > 0).Sum(a => a.ValueOffsets[^1] - a.ValueOffsets[0]));
        var (at, written) = (0, 0);
        foreach (var array in arrays.Where(a => a.Length > 0))
        {
            var from = array.ValueOffsets;
            var bytes = array.ValueBuffer.Span[from[0]..from[^1]];
            bytes.CopyTo(data.AsSpan(written));
            for (var i = 0; i < array.Length; i++)
            {
                offsets[at + i + 1] = written + from[i + 1] - from[0];
            }

            at += array.Length;
            written += bytes.Length;
        }

        return new Utf8Strings(data, offsets);
    }

    internal static Dictionary<string, string[]> ReadDictionaries(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        var lists = new Dictionary<string, List<(int Code, string Value)>>(StringComparer.Ordinal);
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            var column = (StringArray)batch.Column("column");
            var code = (Int32Array)batch.Column("code");
            var value = (StringArray)batch.Column("value");
            for (var i = 0; i < batch.Length; i++)
            {
                var name = column.GetString(i);
                if (!lists.TryGetValue(name, out var list))
                {
                    list = [];
                    lists.Add(name, list);
                }

                list.Add((code.GetValue(i) ?? 0, value.GetString(i)));
            }

            batch.Dispose();
        }

        return lists.ToDictionary(l => l.Key, l => l.Value.OrderBy(v => v.Code).Select(v => v.Value).ToArray(), StringComparer.Ordinal);
    }

    // The log's own arrays are written as they are (no copy per batch): Arrow reads them through a byte view.
    private static Int32Array Int32(int[] values, int start, int length) =>
        new(new ArrowBuffer(new ByteView<int>(values, start, length).Memory), ArrowBuffer.Empty, length, 0, 0);

    private static Int64Array Int64(long[] values, int start, int length) =>
        new(new ArrowBuffer(new ByteView<long>(values, start, length).Memory), ArrowBuffer.Empty, length, 0, 0);

    /// <summary>The bytes of part of an array, as memory (for an Arrow buffer to write without copying the array).</summary>
    private sealed class ByteView<T>(T[] array, int start, int length) : System.Buffers.MemoryManager<byte>
        where T : unmanaged
    {
        public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(array.AsSpan(start, length));

        public override System.Buffers.MemoryHandle Pin(int elementIndex = 0) =>
            throw new NotSupportedException("a byte view of a managed array is not pinned; read it as a span");

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}

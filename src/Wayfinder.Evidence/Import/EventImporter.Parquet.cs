namespace Wayfinder.Evidence.Import;

using System.Globalization;
using Parquet;
using Parquet.Schema;
using Wayfinder.Evidence.Store;

/// <summary>Parquet: row groups in parallel runs, typed timestamps converted directly.</summary>
public static partial class EventImporter
{
    /// <summary>
    /// Reads a Parquet file's row groups in one run of consecutive groups per core (each with its own reader and
    /// builder). Typed timestamp columns (dates, epoch numbers) are converted directly; other columns are read as text.
    /// </summary>
    private static async Task<List<RowSink>> ReadParquetAsync(string path, EventImportOptions options, CancellationToken cancellationToken)
    {
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ImportAbortedException($"not a readable Parquet file ({ex.Message})");
        }

        ColumnPlan plan;
        long[] firstRow;
        await using (reader.ConfigureAwait(false))
        {
            var names = reader.Schema.GetDataFields().Select(f => f.Path.ToString()).ToList();
            var (resolved, problem) = ColumnPresets.Resolve(options.Preset, names, options.Mapping);
            plan = resolved ?? throw new ImportAbortedException(problem!);
            firstRow = new long[reader.RowGroupCount + 1];
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                firstRow[g + 1] = firstRow[g] + group.RowCount;
            }
        }

        var groups = firstRow.Length - 1;
        var parts = Math.Max(1, Math.Min(groups, options.Slices ?? EngineOptions.Default.DegreeOfParallelism));
        var sinks = new RowSink[parts];
        await Parallel.ForEachAsync(Enumerable.Range(0, parts), new ParallelOptions { MaxDegreeOfParallelism = parts, CancellationToken = cancellationToken }, async (part, token) =>
        {
            var (from, to) = (groups * part / parts, groups * (part + 1) / parts);
            var sink = new RowSink(new EventLogBuilder((int)Math.Min(int.MaxValue / 2, Math.Max(1024, firstRow[to] - firstRow[from]))), options.TimestampFormat);
            sinks[part] = sink;
            var own = await ParquetReader.CreateAsync(path, cancellationToken: token).ConfigureAwait(false);
            await using (own.ConfigureAwait(false))
            {
                for (var g = from; g < to; g++)
                {
                    await ReadRowGroupAsync(own, g, firstRow[g], plan, sink, token).ConfigureAwait(false);
                }
            }
        }).ConfigureAwait(false);
        return [.. sinks];
    }

    private static async Task ReadRowGroupAsync(ParquetReader reader, int index, long rowsBefore, ColumnPlan plan, RowSink sink, CancellationToken cancellationToken)
    {
        if (plan.HasRowRules)
        {
            await ReadRowGroupCallsAsync(reader, index, rowsBefore, plan, sink, cancellationToken).ConfigureAwait(false);
            return;
        }

        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Path.ToString(), StringComparer.Ordinal);
        using var group = reader.OpenRowGroupReader(index);
        var count = checked((int)group.RowCount);
        Task<ReadOnlyMemory<char>[]> Text(string column) => ReadTextAsync(group, fields[column], count, cancellationToken);
        var customers = await Text(plan.CustomerId).ConfigureAwait(false);
        var events = await Text(plan.Event).ConfigureAwait(false);
        var channel = plan.Channel is null ? null : await Text(plan.Channel).ConfigureAwait(false);
        var (micros, reasons) = await ReadTimesAsync(group, fields[plan.Timestamp], count, plan.TimestampUnit, sink.TimestampFormat, cancellationToken).ConfigureAwait(false);
        var props = new List<(ReadOnlyMemory<char>[] Data, ValueColumn Column)>();
        foreach (var (column, name) in plan.Properties)
        {
            props.Add((await Text(column).ConfigureAwait(false), sink.Builder.Property(name)));
        }

        var attrs = new List<(ReadOnlyMemory<char>[] Data, ValueColumn Column)>();
        foreach (var (column, name) in plan.Attributes)
        {
            attrs.Add((await Text(column).ConfigureAwait(false), sink.Builder.Attribute(name)));
        }

        for (var i = 0; i < count; i++)
        {
            var rowNumber = rowsBefore + i + 1;
            sink.Rows++;
            var customer = customers[i].Span.Trim();
            var eventName = events[i].Span.Trim();
            if (!sink.Check(rowNumber, customer.IsEmpty, eventName.IsEmpty, reasons[i]))
            {
                continue;
            }

            var r = sink.Builder.AddRow(customer, micros[i], eventName, channel is null ? [] : channel[i].Span.Trim());
            foreach (var (data, column) in props)
            {
                column.Set(r, data[i].Span);
            }

            foreach (var (data, column) in attrs)
            {
                column.Set(r, data[i].Span);
            }
        }
    }

    /// <summary>A timestamp column as µs, with the reason where a value cannot be read: typed dates and epoch numbers directly, text parsed.</summary>
    private static async Task<(long[] Micros, string?[] Reasons)> ReadTimesAsync(ParquetRowGroupReader group, DataField field, int count, string? unit, string? format, CancellationToken cancellationToken)
    {
        var micros = new long[count];
        var reasons = new string?[count];
        Task<T?[]> Values<T>()
            where T : struct => ReadValuesAsync<T>(group, field, count, cancellationToken);

        void Numbers<T>(T?[] values, Func<T, double> toDouble)
            where T : struct, IFormattable
        {
            for (var i = 0; i < count; i++)
            {
                if (values[i] is not { } number)
                {
                    reasons[i] = "is empty";
                }
                else if (!Timestamps.TryFromEpoch(toDouble(number), unit, out micros[i], out reasons[i]))
                {
                    // Say the number as stored, not as the double it became.
                    Timestamps.TryFromEpoch(toDouble(number), unit, out _, out reasons[i], number.ToString(null, CultureInfo.InvariantCulture));
                }
            }
        }

        var type = field.ClrType;
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            var values = type == typeof(DateTime)
                ? [.. (await Values<DateTime>().ConfigureAwait(false)).Select(v => v is { } dt ? new DateTimeOffset(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc)) : (DateTimeOffset?)null)]
                : await Values<DateTimeOffset>().ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                if (values[i] is not { } value)
                {
                    reasons[i] = "is empty";
                }
                else
                {
                    Timestamps.TryFromDateTime(value, out micros[i], out reasons[i]);
                }
            }
        }
        else if (type == typeof(long))
        {
            Numbers(await Values<long>().ConfigureAwait(false), v => v);
        }
        else if (type == typeof(int))
        {
            Numbers(await Values<int>().ConfigureAwait(false), v => v);
        }
        else if (type == typeof(double))
        {
            Numbers(await Values<double>().ConfigureAwait(false), v => v);
        }
        else
        {
            var text = await ReadAsTextAsync(group, field, count, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                Timestamps.TryParse(text[i], unit, format, out micros[i], out reasons[i]);
            }
        }

        return (micros, reasons);
    }

    /// <summary>
    /// A column as text, empty where a value is missing. Text columns are read as slices of characters (no string per
    /// value: the collector had been most of a Parquet import); other types are formatted as invariant text.
    /// </summary>
    private static async Task<ReadOnlyMemory<char>[]> ReadTextAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        if ((field.ClrType != typeof(string) && field.ClrType != typeof(ReadOnlyMemory<char>)) || field.MaxRepetitionLevel > 0)
        {
            return [.. (await ReadAsTextAsync(group, field, count, cancellationToken).ConfigureAwait(false)).Select(s => s.AsMemory())];
        }

        var values = new ReadOnlyMemory<char>[count];
        if (field.MaxDefinitionLevel == 0)
        {
            await group.ReadRawAsync<ReadOnlyMemory<char>>(field, values.AsMemory(), null, null, cancellationToken).ConfigureAwait(false);
            return values;
        }

        // The values come dense, one per defined row: spread them out from the end (a value never moves left).
        var levels = new int[count];
        await group.ReadRawAsync<ReadOnlyMemory<char>>(field, values.AsMemory(), levels.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        var next = levels.Count(level => level == field.MaxDefinitionLevel) - 1;
        for (var i = count - 1; i >= 0; i--)
        {
            values[i] = levels[i] == field.MaxDefinitionLevel ? values[next--] : default;
        }

        return values;
    }

    private static async Task<string?[]> ReadAsTextAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var strings = new string?[count];
            await group.ReadAsync(field, strings.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return strings;
        }

        return field.ClrType switch
        {
            var t when t == typeof(long) => await ReadStructAsync<long>(group, field, count, cancellationToken).ConfigureAwait(false),
            var t when t == typeof(int) => await ReadStructAsync<int>(group, field, count, cancellationToken).ConfigureAwait(false),
            var t when t == typeof(double) => await ReadStructAsync<double>(group, field, count, cancellationToken).ConfigureAwait(false),
            var t when t == typeof(float) => await ReadStructAsync<float>(group, field, count, cancellationToken).ConfigureAwait(false),
            var t when t == typeof(bool) => await ReadStructAsync<bool>(group, field, count, cancellationToken).ConfigureAwait(false),
            var t when t == typeof(DateTime) => await ReadStructAsync<DateTime>(group, field, count, cancellationToken).ConfigureAwait(false),
            var t when t == typeof(DateTimeOffset) => await ReadStructAsync<DateTimeOffset>(group, field, count, cancellationToken).ConfigureAwait(false),
            var t when t == typeof(decimal) => await ReadStructAsync<decimal>(group, field, count, cancellationToken).ConfigureAwait(false),
            var t when t == typeof(short) => await ReadStructAsync<short>(group, field, count, cancellationToken).ConfigureAwait(false),
            var t => throw new ImportAbortedException($"column '{field.Path}' holds {Describe(t)}, which Wayfinder cannot read; export it as text or a number, or leave it out of the export"),
        };
    }

    /// <summary>A column type in plain words.</summary>
    private static string Describe(Type type) =>
        type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) ? "binary data"
        : type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(a => a.Name))}> values"
        : $"{type.Name} values";

    private static async Task<string?[]> ReadStructAsync<T>(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
        where T : struct =>
        [.. (await ReadValuesAsync<T>(group, field, count, cancellationToken).ConfigureAwait(false)).Select(v => v is { } x ? Text(x) : null)];

    /// <summary>A typed column's values, null where a nullable column has none.</summary>
    private static async Task<T?[]> ReadValuesAsync<T>(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T?[count];
        if (field.IsNullable)
        {
            await group.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return values;
        }

        var plain = new T[count];
        await group.ReadAsync<T>(field, plain.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            values[i] = plain[i];
        }

        return values;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

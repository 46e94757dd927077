namespace Wayfinder.Evidence.Import;

using System.Runtime.CompilerServices;
using System.Globalization;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using nietras.SeparatedValues;
using Parquet;
using Parquet.Schema;
using Wayfinder.Evidence.Store;

/// <summary>Options for reading one events file.</summary>
public sealed record EventImportOptions
{
    /// <summary>csv, ndjson or parquet; null tells it from the extension (.csv .tsv .txt, .ndjson .jsonl .json, .parquet).</summary>
    public string? Format { get; init; }

    /// <summary>plain, ga4, segment or mixpanel.</summary>
    public string? Preset { get; init; }

    /// <summary>The data source's mapping from <c>wayfinder.yaml</c>.</summary>
    public IReadOnlyDictionary<string, string>? Mapping { get; init; }

    /// <summary>A line longer than this stops the import (the store is left as it was).</summary>
    public long MaxLineBytes { get; init; } = 4L * 1024 * 1024;

    public IProgress<ImportProgress>? Progress { get; init; }

    /// <summary>CSV files at least this large are read in slices by several threads.</summary>
    public long ParallelThresholdBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>How many slices (threads) for a large CSV; null for one per core.</summary>
    public int? Slices { get; init; }

    /// <summary>Combinations of a CSV row's other fields remembered per slice (0: look every field up on its own).</summary>
    internal int RowMemoLimit { get; init; } = CsvRowPlan.DefaultMemoLimit;

    /// <summary>Read CSV and NDJSON with the general readers only (Sep; a JSON document per line), for comparing in tests.</summary>
    internal bool GeneralReaderOnly { get; init; }
}

/// <summary>
/// Reads events from CSV, NDJSON or Parquet into an <see cref="EventLogBuilder"/>. Good rows are kept; each bad row
/// is counted and (the first <see cref="MaxProblemsListed"/>) listed with its line and reason.
/// </summary>
public static class EventImporter
{
    public const int MaxProblemsListed = 100;

    public static string DetectFormat(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" or ".tsv" or ".txt" => "csv",
        ".ndjson" or ".jsonl" or ".json" => "ndjson",
        ".parquet" => "parquet",
        var other => throw new ImportAbortedException($"cannot tell the format of '{Path.GetFileName(path)}' from '{other}'; name it with format: csv, ndjson or parquet"),
    };

    /// <summary>
    /// Reads <paramref name="path"/> into one or more builders holding consecutive parts of the file (combine them with
    /// <see cref="EventLogBuilder.Combine"/>). Throws <see cref="ImportAbortedException"/> when the file cannot be imported at all.
    /// </summary>
    public static async Task<(IReadOnlyList<EventLogBuilder> Parts, ImportReport Report)> ReadAsync(string path, EventImportOptions options, CancellationToken cancellationToken)
    {
        var format = options.Format ?? DetectFormat(path);
        var total = new FileInfo(path).Length;
        var progress = options.Progress;
        long rowsSeen = 0;
        void OnBytes(long bytes)
        {
            progress?.Report(new ImportProgress(Interlocked.Read(ref rowsSeen), bytes, total));
        }

        List<RowSink> sinks;
        switch (format)
        {
            case "csv":
                {
                    // Plain files are read from their bytes, in slices when large; a quote anywhere may hide a line
                    // break or a separator inside a field, so such files (rare in event exports) are read by Sep in one piece.
                    var fast = options.GeneralReaderOnly ? null : ReadCsvFast(path, total, options, cancellationToken, progress);
                    if (fast is not null)
                    {
                        sinks = fast;
                        break;
                    }

                    var sink = new RowSink(new EventLogBuilder(EstimateRows(total)));
                    using (var stream = new LineGuardStream(File.OpenRead(path), options.MaxLineBytes, OnBytes))
                    {
                        ReadCsv(stream, sink, options, cancellationToken);
                    }

                    sinks = [sink];
                    break;
                }

            case "ndjson":
                {
                    var fast = options.GeneralReaderOnly ? null : ReadNdjsonFast(path, total, options, cancellationToken, progress);
                    if (fast is not null)
                    {
                        sinks = fast;
                        break;
                    }

                    var sink = new RowSink(new EventLogBuilder());
                    await using (var stream = new LineGuardStream(File.OpenRead(path), options.MaxLineBytes, OnBytes))
                    {
                        await ReadNdjsonAsync(stream, sink, options, cancellationToken).ConfigureAwait(false);
                    }

                    sinks = [sink];
                    break;
                }

            case "parquet":
                sinks = await ReadParquetAsync(path, options, cancellationToken).ConfigureAwait(false);
                break;

            default:
                throw new ImportAbortedException($"unknown format '{format}'; use csv, ndjson or parquet");
        }

        var rows = sinks.Sum(s => s.Rows);
        progress?.Report(new ImportProgress(rows, total, total));
        return (sinks.Select(s => s.Builder).ToList(), new ImportReport
        {
            File = path,
            Format = format,
            RowsRead = rows,
            BadRows = sinks.Sum(s => s.BadRows),
            Problems = [.. sinks.SelectMany(s => s.Problems).Take(MaxProblemsListed)],
        });
    }

    /// <summary>Rows to reserve for a file of this size (a CSV row is about 56 bytes), so arrays rarely grow.</summary>
    private static int EstimateRows(long bytes, long rowBytes = 56) => (int)Math.Min(int.MaxValue / 2, Math.Max(1024, bytes / rowBytes));

    /// <summary>
    /// Reads a CSV from its bytes (<see cref="Utf8Lines"/>, <see cref="CsvLineParser"/>), cut after its header at line breaks into one slice per
    /// core when large; null when the file needs the general reader (a quote, bytes that are not UTF-8, an unusual header).
    /// </summary>
    private static List<RowSink>? ReadCsvFast(string path, long total, EventImportOptions options, CancellationToken cancellationToken, IProgress<ImportProgress>? progress)
    {
        using var file = File.OpenHandle(path);
        var first = new byte[(int)Math.Min(total, 1 << 20)];
        var length = RandomAccess.Read(file, first, 0);
        var newline = first.AsSpan(0, length).IndexOf((byte)'\n');
        if (newline < 0)
        {
            if (total > first.Length)
            {
                throw new ImportAbortedException("the header line is longer than 1 MiB; this is not an events CSV");
            }

            newline = length;
        }

        var headerBytes = first.AsSpan(0, newline);
        if (headerBytes.Contains((byte)'"') || !System.Text.Unicode.Utf8.IsValid(headerBytes))
        {
            return null;
        }

        var headerText = Utf8Lines.HeaderText(headerBytes);
        if (string.IsNullOrWhiteSpace(headerText))
        {
            return null;
        }

        string[] header;
        char separator;
        using (var reader = Sep.Reader().FromText(headerText + "\n"))
        {
            header = [.. reader.Header.ColNames];
            separator = reader.Spec.Sep.Separator;
        }

        if (separator > 127)
        {
            return null;
        }

        var (plan, problem) = ColumnPresets.Resolve(options.Preset, header, options.Mapping);
        if (plan is null)
        {
            throw new ImportAbortedException(problem!);
        }

        var dataStart = Math.Min(total, newline + 1L);
        return ReadSlices(file, dataStart, total, linesBefore: 1, options, progress, sink =>
            new CsvLineParser(RowPlan(header, plan, sink.Builder) with { MemoLimit = options.RowMemoLimit }, (byte)separator, sink), cancellationToken);
    }

    /// <summary>
    /// Reads bytes <paramref name="dataStart"/>..<paramref name="total"/> of a line-per-record file, cut at line breaks
    /// into one slice per core when large, each slice with its own builder and parser; null when a parser asks for the
    /// general reader. <paramref name="linesBefore"/> lines come before <paramref name="dataStart"/> (for line numbers).
    /// </summary>
    private static List<RowSink>? ReadSlices(
        SafeFileHandle file,
        long dataStart,
        long total,
        long linesBefore,
        EventImportOptions options,
        IProgress<ImportProgress>? progress,
        Func<RowSink, ILineParser> parserFor,
        CancellationToken cancellationToken,
        long rowBytes = 56)
    {
        var slices = total >= options.ParallelThresholdBytes ? options.Slices ?? Environment.ProcessorCount : 1;
        var parts = (int)Math.Max(1, Math.Min(slices, (total - dataStart) / Math.Max(1, options.ParallelThresholdBytes / 2)));
        var bounds = SliceBounds(file, dataStart, total, parts, options.MaxLineBytes);
        var sinks = new RowSink[parts];
        var results = new SliceResult[parts];
        var done = new long[parts];
        var reported = 0L;
        void Slice(int p)
        {
            var sink = new RowSink(new EventLogBuilder(EstimateRows(bounds[p + 1] - bounds[p], rowBytes)));
            sinks[p] = sink;
            results[p] = Utf8Lines.Read(file, bounds[p], bounds[p + 1], options.MaxLineBytes, bytes =>
            {
                Volatile.Write(ref done[p], bytes);
                var sum = 0L;
                foreach (var part in done)
                {
                    sum += Volatile.Read(in part);
                }

                if (progress is not null && sum - Interlocked.Read(ref reported) > 4 << 20)
                {
                    Interlocked.Exchange(ref reported, sum);
                    progress.Report(new ImportProgress(sinks.Sum(s => s?.Rows ?? 0), sum + dataStart, total));
                }
            }, parserFor(sink), cancellationToken);
        }

        if (parts == 1)
        {
            Slice(0);
        }
        else
        {
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts, CancellationToken = cancellationToken }, Slice);
        }

        if (results.Any(r => r.NeedsGeneralReader))
        {
            return null;
        }

        // Each slice numbers its lines from 1: shift them by the lines before and the slices before.
        var offset = linesBefore;
        for (var p = 0; p < parts; p++)
        {
            if (results[p].LongLine > 0)
            {
                throw new ImportAbortedException(
                    $"line {offset + results[p].LongLine} is longer than {LineGuardStream.Size(options.MaxLineBytes)}; this is not a line-per-event file or it is corrupt. Nothing was imported.");
            }

            sinks[p].ShiftLines(offset);
            offset += results[p].Lines;
        }

        return [.. sinks];
    }

    /// <summary>Where each slice starts: just after a line break near each equal share of the data.</summary>
    private static long[] SliceBounds(SafeFileHandle file, long dataStart, long total, int parts, long maxLineBytes)
    {
        var bounds = new long[parts + 1];
        bounds[0] = dataStart;
        bounds[parts] = total;
        var buffer = new byte[64 * 1024];
        for (var p = 1; p < parts; p++)
        {
            var at = Math.Max(bounds[p - 1], dataStart + ((total - dataStart) * p / parts));
            var found = -1L;
            int read;
            while (found < 0 && (read = RandomAccess.Read(file, buffer, at)) > 0)
            {
                var index = buffer.AsSpan(0, read).IndexOf((byte)'\n');
                if (index >= 0)
                {
                    found = at + index + 1;
                }
                else
                {
                    at += read;
                    if (at - bounds[p - 1] > maxLineBytes * 2)
                    {
                        throw new ImportAbortedException($"a line near byte {at} is longer than {LineGuardStream.Size(maxLineBytes)}; this is not a line-per-event file or it is corrupt. Nothing was imported.");
                    }
                }
            }

            bounds[p] = found < 0 ? total : found;
        }

        return bounds;
    }

    private static CsvRowPlan RowPlan(IReadOnlyList<string> header, ColumnPlan plan, EventLogBuilder builder)
    {
        int IndexOf(string column)
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (header[i] == column)
                {
                    return i;
                }
            }

            return -1;
        }

        return new CsvRowPlan(
            header.Count,
            IndexOf(plan.CustomerId),
            IndexOf(plan.Timestamp),
            IndexOf(plan.Event),
            plan.Channel is null ? -1 : IndexOf(plan.Channel),
            plan.TimestampUnit,
            [.. plan.Properties.Select(p => (IndexOf(p.Column), builder.Property(p.Name)))],
            [.. plan.Attributes.Select(p => (IndexOf(p.Column), builder.Attribute(p.Name)))]);
    }

    private static void ReadCsv(Stream stream, RowSink sink, EventImportOptions options, CancellationToken cancellationToken)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(stream);
        var columns = reader.Header.ColNames;
        if (columns.Count == 0)
        {
            throw new ImportAbortedException("the file is empty; an events CSV starts with a header line such as customer_id,timestamp,event");
        }

        var (plan, problem) = ColumnPresets.Resolve(options.Preset, columns, options.Mapping);
        if (plan is null)
        {
            throw new ImportAbortedException(problem!);
        }

        ReadCsvRows(reader, [.. columns], plan, sink, cancellationToken);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadCsvRows(SepReader reader, IReadOnlyList<string> header, ColumnPlan columns, RowSink sink, CancellationToken cancellationToken)
    {
        var plan = RowPlan(header, columns, sink.Builder);
        foreach (var row in reader)
        {
            if ((sink.Rows & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            sink.Rows++;
            var line = row.LineNumberFrom;
            if (row.ColCount != plan.FieldCount)
            {
                if (row.ColCount == 1 && row.Span.Trim().IsEmpty)
                {
                    sink.Rows--;
                    continue;
                }

                sink.Bad(line, "", $"has {row.ColCount} fields but the header has {plan.FieldCount} (a truncated or malformed line)");
                continue;
            }

            var customer = row[plan.CustomerIndex].Span.Trim();
            var eventName = row[plan.EventIndex].Span.Trim();
            if (!sink.Check(line, customer, eventName, row[plan.TimeIndex].Span, plan.TimestampUnit, out var micros))
            {
                continue;
            }

            var r = sink.Builder.AddRow(customer, micros, eventName, plan.ChannelIndex < 0 ? [] : row[plan.ChannelIndex].Span.Trim());
            foreach (var (index, column) in plan.Properties)
            {
                column.Set(r, row[index].Span);
            }

            foreach (var (index, column) in plan.Attributes)
            {
                column.Set(r, row[index].Span);
            }
        }
    }

    private static async Task ReadNdjsonAsync(Stream stream, RowSink sink, EventImportOptions options, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        var general = new GeneralNdjson(sink, options);
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            general.Line(text, ++line);
        }

        if (sink.Rows == 0)
        {
            throw new ImportAbortedException("the file is empty; an NDJSON events file holds one JSON object per line");
        }

        if (general.Plan is null && general.FirstProblem is not null)
        {
            throw new ImportAbortedException(general.FirstProblem);
        }
    }

    /// <summary>
    /// Reads an NDJSON file from its bytes (<see cref="Utf8Lines"/>, <see cref="NdjsonLineParser"/>), in slices when
    /// large. The columns come from the first object that has them, so the lines up to it are read first by the
    /// general reader; null when that takes more than the first MiB or a line is not UTF-8 (the caller then reads the
    /// whole file with the general reader).
    /// </summary>
    private static List<RowSink>? ReadNdjsonFast(string path, long total, EventImportOptions options, CancellationToken cancellationToken, IProgress<ImportProgress>? progress)
    {
        using var file = File.OpenHandle(path);
        var first = new byte[(int)Math.Min(total, 1 << 20)];
        var length = RandomAccess.Read(file, first, 0);
        var head = new RowSink(new EventLogBuilder());
        var general = new GeneralNdjson(head, options);
        var at = first.AsSpan(0, length).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        long line = 0;
        while (general.Plan is null)
        {
            var newline = first.AsSpan(at, length - at).IndexOf((byte)'\n');
            var end = newline >= 0 ? at + newline : length == total ? length : -1;
            if (end < 0 || at >= length)
            {
                return null;
            }

            var text = first.AsSpan(at, end - at);
            general.Line(System.Text.Encoding.UTF8.GetString(text.EndsWith((byte)'\r') ? text[..^1] : text), ++line);
            at = Math.Min(length, end + 1);
        }

        var rowBytes = Math.Max(32, at / Math.Max(1, head.Rows));
        var plan = general.Plan;
        var rest = ReadSlices(file, at, total, linesBefore: line, options, progress, sink => new NdjsonLineParser(plan, sink), cancellationToken, rowBytes);
        return rest is null ? null : [head, .. rest];
    }

    /// <summary>The general NDJSON reader, line by line: each object parsed into a document and flattened to dotted keys.</summary>
    private sealed class GeneralNdjson(RowSink sink, EventImportOptions options)
    {
        private readonly Dictionary<string, (bool IsAttribute, ValueColumn Column)> _classified = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);

        /// <summary>The columns, from the first object that has them (objects before it are bad rows).</summary>
        public ColumnPlan? Plan { get; private set; }

        public string? FirstProblem { get; private set; }

        public void Line(string text, long line)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            sink.Rows++;
            _fields.Clear();
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    sink.Bad(line, "", "is not a JSON object; each line of an NDJSON file holds one event object");
                    return;
                }

                Flatten(document.RootElement, "", _fields);
            }
            catch (JsonException ex)
            {
                sink.Bad(line, "", InvalidJson(ex));
                return;
            }

            if (Plan is null)
            {
                var (resolved, problem) = ColumnPresets.Resolve(options.Preset, [.. _fields.Keys], options.Mapping);
                if (resolved is null)
                {
                    FirstProblem ??= $"line {line}: {problem}";
                    sink.Bad(line, "", problem!);
                    return;
                }

                Plan = resolved;
            }

            var plan = Plan;
            var customer = _fields.GetValueOrDefault(plan.CustomerId) ?? "";
            var eventName = _fields.GetValueOrDefault(plan.Event) ?? "";
            if (!sink.Check(line, customer.AsSpan().Trim(), eventName.AsSpan().Trim(), _fields.GetValueOrDefault(plan.Timestamp), plan.TimestampUnit, out var micros))
            {
                return;
            }

            var channel = plan.Channel is null ? null : _fields.GetValueOrDefault(plan.Channel);
            var r = sink.Builder.AddRow(customer.AsSpan().Trim(), micros, eventName.AsSpan().Trim(), channel.AsSpan().Trim());
            foreach (var (key, value) in _fields)
            {
                if (key == plan.CustomerId || key == plan.Timestamp || key == plan.Event || key == plan.Channel)
                {
                    continue;
                }

                if (!_classified.TryGetValue(key, out var target))
                {
                    var (isAttribute, name) = ColumnPresets.Classify(plan.Preset, key, plan.ExplicitAttributes);
                    target = (isAttribute, isAttribute ? sink.Builder.Attribute(name) : sink.Builder.Property(name));
                    _classified.Add(key, target);
                }

                target.Column.Set(r, value);
            }
        }
    }

    /// <summary>The reason given for a line that is not JSON.</summary>
    internal static string InvalidJson(JsonException ex) =>
        $"is not valid JSON ({ex.Message.Split(" Path:")[0].TrimEnd('.')}, at byte {ex.BytePositionInLine + 1})";

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
        var parts = Math.Max(1, Math.Min(groups, options.Slices ?? Environment.ProcessorCount));
        var sinks = new RowSink[parts];
        await Parallel.ForEachAsync(Enumerable.Range(0, parts), new ParallelOptions { MaxDegreeOfParallelism = parts, CancellationToken = cancellationToken }, async (part, token) =>
        {
            var (from, to) = (groups * part / parts, groups * (part + 1) / parts);
            var sink = new RowSink(new EventLogBuilder((int)Math.Min(int.MaxValue / 2, Math.Max(1024, firstRow[to] - firstRow[from]))));
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
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Path.ToString(), StringComparer.Ordinal);
        using var group = reader.OpenRowGroupReader(index);
        var count = checked((int)group.RowCount);
        async Task<string?[]> Text(string column) => await ReadAsTextAsync(group, fields[column], count, cancellationToken).ConfigureAwait(false);
        var customers = await Text(plan.CustomerId).ConfigureAwait(false);
        var events = await Text(plan.Event).ConfigureAwait(false);
        var channel = plan.Channel is null ? null : await Text(plan.Channel).ConfigureAwait(false);
        var (micros, reasons) = await ReadTimesAsync(group, fields[plan.Timestamp], count, plan.TimestampUnit, cancellationToken).ConfigureAwait(false);
        var props = new List<(string?[] Data, ValueColumn Column)>();
        foreach (var (column, name) in plan.Properties)
        {
            props.Add((await Text(column).ConfigureAwait(false), sink.Builder.Property(name)));
        }

        var attrs = new List<(string?[] Data, ValueColumn Column)>();
        foreach (var (column, name) in plan.Attributes)
        {
            attrs.Add((await Text(column).ConfigureAwait(false), sink.Builder.Attribute(name)));
        }

        for (var i = 0; i < count; i++)
        {
            var rowNumber = rowsBefore + i + 1;
            sink.Rows++;
            var customer = (customers[i] ?? "").AsSpan().Trim();
            var eventName = (events[i] ?? "").AsSpan().Trim();
            if (!sink.Check(rowNumber, customer.IsEmpty, eventName.IsEmpty, reasons[i]))
            {
                continue;
            }

            var r = sink.Builder.AddRow(customer, micros[i], eventName, channel is null ? [] : (channel[i] ?? "").AsSpan().Trim());
            foreach (var (data, column) in props)
            {
                column.Set(r, data[i]);
            }

            foreach (var (data, column) in attrs)
            {
                column.Set(r, data[i]);
            }
        }
    }

    /// <summary>A timestamp column as µs, with the reason where a value cannot be read: typed dates and epoch numbers directly, text parsed.</summary>
    private static async Task<(long[] Micros, string?[] Reasons)> ReadTimesAsync(ParquetRowGroupReader group, DataField field, int count, string? unit, CancellationToken cancellationToken)
    {
        var micros = new long[count];
        var reasons = new string?[count];
        async Task<T?[]> Values<T>()
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
                Timestamps.TryParse(text[i], unit, out micros[i], out reasons[i]);
            }
        }

        return (micros, reasons);
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
            var t => throw new ImportAbortedException($"column '{field.Path}' has type {t.Name}, which Wayfinder cannot read; export it as text or a number"),
        };
    }

    private static async Task<string?[]> ReadStructAsync<T>(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
        where T : struct
    {
        var values = new T?[count];
        if (field.IsNullable)
        {
            await group.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var plain = new T[count];
            await group.ReadAsync<T>(field, plain.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                values[i] = plain[i];
            }
        }

        return [.. values.Select(v => v is { } x ? Text(x) : null)];
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

    /// <summary>Flattens nested objects to dotted keys; arrays of {key, value} pairs (GA4's event_params) become keyed fields.</summary>
    internal static void Flatten(JsonElement element, string prefix, Dictionary<string, string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}", into);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String && item.TryGetProperty("value", out var value))
                    {
                        Flatten(Unwrap(value), $"{prefix}.{key.GetString()}", into);
                    }
                    else
                    {
                        Flatten(item, $"{prefix}.{index}", into);
                    }

                    index++;
                }

                break;
            case JsonValueKind.String:
                into[prefix] = element.GetString()!;
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                into[prefix] = element.GetRawText();
                break;
        }
    }

    /// <summary>GA4 wraps parameter values as {string_value | int_value | double_value | float_value}: take the one set.</summary>
    private static JsonElement Unwrap(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return value;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Name.EndsWith("_value", StringComparison.Ordinal) && property.Value.ValueKind != JsonValueKind.Null)
            {
                return property.Value;
            }
        }

        return value;
    }

    internal sealed class RowSink(EventLogBuilder builder)
    {
        private long _rows;

        public EventLogBuilder Builder { get; } = builder;

        public long Rows { get => Volatile.Read(ref _rows); set => Volatile.Write(ref _rows, value); }

        public long BadRows { get; private set; }

        public List<RowProblem> Problems { get; private set; } = [];

        public void ShiftLines(long offset) => Problems = [.. Problems.Select(p => p with { Line = p.Line + offset })];

        public void Bad(long line, string field, string reason)
        {
            BadRows++;
            if (Problems.Count < MaxProblemsListed)
            {
                Problems.Add(new RowProblem(line, field, reason));
            }
        }

        public bool Check(long line, ReadOnlySpan<char> customer, ReadOnlySpan<char> eventName, ReadOnlySpan<char> time, string? unit, out long micros)
        {
            micros = 0;
            return CheckIds(line, customer.IsEmpty, eventName.IsEmpty) && CheckTime(line, Timestamps.TryParse(time, unit, out micros, out var reason), reason);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Check(long line, bool noCustomer, bool noEvent, ReadOnlySpan<byte> time, string? unit, out long micros)
        {
            micros = 0;
            return CheckIds(line, noCustomer, noEvent) && CheckTime(line, Timestamps.TryParse(time, unit, out micros, out var reason), reason);
        }

        /// <summary>The checks, with the timestamp already read (<paramref name="timeProblem"/> null when it was).</summary>
        public bool Check(long line, bool noCustomer, bool noEvent, string? timeProblem) =>
            CheckIds(line, noCustomer, noEvent) && CheckTime(line, timeProblem is null, timeProblem);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool CheckIds(long line, bool noCustomer, bool noEvent)
        {
            if (noCustomer)
            {
                Bad(line, "customer_id", "is missing; every event needs the customer it belongs to");
                return false;
            }

            if (noEvent)
            {
                Bad(line, "event", "is missing; every row needs an event name");
                return false;
            }

            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool CheckTime(long line, bool parsed, string? reason)
        {
            if (!parsed)
            {
                Bad(line, "timestamp", reason!);
            }

            return parsed;
        }
    }
}

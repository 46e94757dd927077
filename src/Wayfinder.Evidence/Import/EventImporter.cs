namespace Wayfinder.Evidence.Import;

using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Store;

/// <summary>Options for reading one events file.</summary>
public sealed record EventImportOptions
{
    /// <summary>csv, ndjson or parquet; null tells it from the extension (.csv .tsv .txt, .ndjson .jsonl .json, .parquet).</summary>
    public string? Format { get; init; }

    /// <summary>plain, ga4, segment or mixpanel.</summary>
    public string? Preset { get; init; }

    /// <summary>The data source's mapping from <c>wayfinder.yaml</c> (columns, and how times are written: <see cref="TimestampFormats"/>).</summary>
    public IReadOnlyDictionary<string, string>? Mapping { get; init; }

    /// <summary>
    /// How many bad rows the store may leave out and still store the file's good rows; 0 (the default): any bad row
    /// and nothing of the file is stored. Every store keeps this rule.
    /// </summary>
    public long MaxBadRows { get; init; }

    /// <summary>The mapping's <see cref="TimestampFormats.MappingKey"/>: times are read in exactly this format; null for ISO 8601 and epoch numbers.</summary>
    public string? TimestampFormat => Mapping?.GetValueOrDefault(TimestampFormats.MappingKey);

    /// <summary>A line longer than this stops the import (the store is left as it was).</summary>
    public long MaxLineBytes { get; init; } = 4L * 1024 * 1024;

    public IProgress<ImportProgress>? Progress { get; init; }

    /// <summary>CSV files at least this large are read in slices by several threads.</summary>
    public long ParallelThresholdBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>How many slices (threads) for a large file; null for the engine's degree of parallelism (<see cref="EngineOptions"/>).</summary>
    public int? Slices { get; init; }

    /// <summary>Combinations of a CSV row's other fields remembered per slice (0: look every field up on its own).</summary>
    internal int RowMemoLimit { get; init; } = CsvRowPlan.DefaultMemoLimit;

    /// <summary>Read CSV and NDJSON with the general readers only (<see cref="CsvRecords"/>; a JSON document per line), for comparing in tests.</summary>
    internal bool GeneralReaderOnly { get; init; }
}

/// <summary>
/// Reads events from CSV, NDJSON or Parquet into an <see cref="EventLogBuilder"/>. Good rows are read into the
/// builders; each bad row is counted and (the first <see cref="MaxProblemsListed"/>) listed with its line and reason.
/// Whether the good rows are stored is the store's decision (<see cref="EventImportOptions.MaxBadRows"/>).
/// </summary>
public static partial class EventImporter
{
    /// <summary>Bad rows listed with their line and reason (all are counted): enough for any file a person fixes by hand.</summary>
    public const int MaxProblemsListed = 1000;

    public static string DetectFormat(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" or ".tsv" or ".txt" => DataFormats.Csv,
        ".ndjson" or ".jsonl" or ".json" => DataFormats.Ndjson,
        ".parquet" => DataFormats.Parquet,
        var other => throw new ImportAbortedException($"cannot tell the format of '{Path.GetFileName(path)}' from '{other}'; name it with format: csv, ndjson or parquet"),
    };
    /// <summary>
    /// Reads a file for a store's import and judges it (<see cref="ImportReport.Judge"/> with
    /// <see cref="EventImportOptions.MaxBadRows"/>): the builders with a succeeded report, or no builders and a report
    /// saying why nothing may be stored (a missing file, a folder, a file that cannot be read, too many bad rows).
    /// Every event store imports through this, so they report alike.
    /// </summary>
    public static async Task<(IReadOnlyList<EventLogBuilder> Parts, ImportReport Report)> ReadForStoreAsync(string path, EventImportOptions options, CancellationToken cancellationToken)
    {
        IReadOnlyList<EventLogBuilder> parts;
        ImportReport report;
        try
        {
            (parts, report) = await ReadAsync(path, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ImportAbortedException ex)
        {
            return ([], new ImportReport { File = path, Format = options.Format ?? "", Error = ex.Message });
        }
        catch (FileNotFoundException)
        {
            var error = Directory.Exists(path) ? "a folder, not a file; name an events file (CSV, NDJSON or Parquet)" : "no such file";
            return ([], new ImportReport { File = path, Format = options.Format ?? "", Error = error });
        }

        report = report.Judge(options.MaxBadRows);
        return report.Succeeded ? (parts, report) : ([], report);
    }


    /// <summary>
    /// Reads <paramref name="path"/> into one or more builders holding consecutive parts of the file (combine them with
    /// <see cref="EventLogBuilder.Combine"/>). Throws <see cref="ImportAbortedException"/> when the file cannot be imported at all.
    /// </summary>
    public static async Task<(IReadOnlyList<EventLogBuilder> Parts, ImportReport Report)> ReadAsync(string path, EventImportOptions options, CancellationToken cancellationToken)
    {
        var format = options.Format ?? DetectFormat(path);
        Timestamps.CheckFormat(options.TimestampFormat);

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
            case DataFormats.Csv:
                {
                    // Plain files are read from their bytes, in slices when large; a quote anywhere may hide a line
                    // break or a separator inside a field, so such files (rare in event exports) are read by the
                    // RFC 4180 reader in one piece: no slice ever starts inside a quoted field.
                    var fast = options.GeneralReaderOnly ? null : ReadCsvFast(path, total, options, cancellationToken, progress);
                    if (fast is not null)
                    {
                        sinks = fast;
                        break;
                    }

                    var sink = new RowSink(new EventLogBuilder(EstimateRows(total)), options.TimestampFormat);
                    using (var stream = new LineGuardStream(File.OpenRead(path), options.MaxLineBytes, OnBytes))
                    {
                        ReadCsv(stream, sink, options, cancellationToken);
                    }

                    sinks = [sink];
                    break;
                }

            case DataFormats.Ndjson:
                {
                    var fast = options.GeneralReaderOnly ? null : ReadNdjsonFast(path, total, options, cancellationToken, progress);
                    if (fast is not null)
                    {
                        sinks = fast;
                        break;
                    }

                    var sink = new RowSink(new EventLogBuilder(), options.TimestampFormat);
                    await using (var stream = new LineGuardStream(File.OpenRead(path), options.MaxLineBytes, OnBytes))
                    {
                        await ReadNdjsonAsync(stream, sink, options, cancellationToken).ConfigureAwait(false);
                    }

                    sinks = [sink];
                    break;
                }

            case DataFormats.Parquet:
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
        var slices = total >= options.ParallelThresholdBytes ? options.Slices ?? EngineOptions.Default.DegreeOfParallelism : 1;
        var parts = (int)Math.Max(1, Math.Min(slices, (total - dataStart) / Math.Max(1, options.ParallelThresholdBytes / 2)));
        var bounds = SliceBounds(file, dataStart, total, parts, options.MaxLineBytes);
        var sinks = new RowSink[parts];
        var results = new SliceResult[parts];
        var done = new long[parts];
        var reported = 0L;
        void Slice(int p)
        {
            var sink = new RowSink(new EventLogBuilder(EstimateRows(bounds[p + 1] - bounds[p], rowBytes)), options.TimestampFormat);
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
                    $"line {offset + results[p].LongLine} is longer than {LineGuardStream.Size(options.MaxLineBytes)}; this is not a line-per-event file or it is corrupt");
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
                        throw new ImportAbortedException($"a line near byte {at} is longer than {LineGuardStream.Size(maxLineBytes)}; this is not a line-per-event file or it is corrupt");
                    }
                }
            }

            bounds[p] = found < 0 ? total : found;
        }

        return bounds;
    }

    /// <param name="timestampFormat">The data source's <see cref="TimestampFormats.MappingKey"/>, or null.</param>
    internal sealed class RowSink(EventLogBuilder builder, string? timestampFormat)
    {
        private long _rows;

        public EventLogBuilder Builder { get; } = builder;

        public string? TimestampFormat { get; } = timestampFormat;

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
            return CheckIds(line, customer.IsEmpty, eventName.IsEmpty) && CheckTime(line, Timestamps.TryParse(time, unit, TimestampFormat, out micros, out var reason), reason);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Check(long line, bool noCustomer, bool noEvent, ReadOnlySpan<byte> time, string? unit, out long micros)
        {
            micros = 0;
            return CheckIds(line, noCustomer, noEvent) && CheckTime(line, Timestamps.TryParse(time, unit, TimestampFormat, out micros, out var reason), reason);
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

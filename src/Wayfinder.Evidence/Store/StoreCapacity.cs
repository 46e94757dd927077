namespace Wayfinder.Evidence.Store;

using System.Globalization;
using Parquet;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Import;

/// <summary>
/// Whether events fit the embedded store on this machine, worked out before the work starts: the embedded store holds
/// its whole log in memory, so an import or a read that cannot fit stops at once with the limit in words and the way
/// out (the ClickHouse store), instead of running for minutes and failing out of memory. The figures per event are the
/// peaks measured by <c>bench/engine-process.sh</c> (bench/README.md, "cost curve"), with some headroom.
/// </summary>
public static class StoreCapacity
{
    /// <summary>Peak memory of an import per event it builds (parse, group by customer, sort, write): measured 81 B at 10M events (809 MB), 91 B at 100M (9.1 GB).</summary>
    public const long ImportBytesPerEvent = 105;

    /// <summary>Peak memory of reading the store and analysing it, per stored event: measured 41–48 B compacted, 67 B with a day appended to 100M events.</summary>
    public const long ReadBytesPerEvent = 70;

    /// <summary>The most rows one column of the log can hold (.NET arrays), whatever the memory.</summary>
    public const long MaxEvents = 2_147_483_591;

    /// <summary>The share of the machine's memory the store may plan to use (the rest is the system's and other programs').</summary>
    public const double UsableShare = 0.8;

    /// <summary>How much memory this process may use: the machine's, or the container's limit when there is one.</summary>
    public static long AvailableBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>
    /// About how many rows an events file holds, without reading it: a Parquet file's footer says; CSV and NDJSON are
    /// sampled (the lines in the first 4 MB, scaled to the file's size; a CSV file's header is not a row). Null when the file cannot be read (the import
    /// then reports why).
    /// </summary>
    public static async Task<long?> EstimateRowsAsync(string path, string? format, CancellationToken cancellationToken = default)
    {
        try
        {
            var length = new FileInfo(path).Length;
            format ??= EventImporter.DetectFormat(path);
            if (format == DataFormats.Parquet)
            {
                await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
                return reader.Metadata?.NumRows;
            }

            const int SampleBytes = 4 << 20;
            var sample = new byte[(int)Math.Min(SampleBytes, length)];
            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous))
            {
                await stream.ReadExactlyAsync(sample, cancellationToken).ConfigureAwait(false);
            }

            // A CSV file's first line names the columns.
            var header = format == DataFormats.Csv ? 1 : 0;
            var lines = sample.AsSpan().Count((byte)'\n');
            if (sample.Length == length)
            {
                return Math.Max(0, lines + (length > 0 && sample[^1] != (byte)'\n' ? 1 : 0) - header);
            }

            return lines == 0 ? 1 : (long)Math.Ceiling(length * (double)lines / sample.Length) - header;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ImportAbortedException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why an import of about <paramref name="newRows"/> rows into a store of <paramref name="storedRows"/> events does not
    /// fit in <paramref name="available"/> bytes, or null when it does. <paramref name="rewritesStore"/>: the import builds
    /// the stored events again with the new ones (a merge), not only the new ones (an append).
    /// </summary>
    public static string? ImportProblem(long newRows, long storedRows, bool rewritesStore, long available)
    {
        var total = storedRows + newRows;
        var building = newRows + (rewritesStore ? storedRows : 0);
        var usable = (long)(available * UsableShare);
        var importNeeds = building * ImportBytesPerEvent;
        var readNeeds = total * ReadBytesPerEvent;
        if (total <= MaxEvents && importNeeds <= usable && readNeeds <= usable)
        {
            return null;
        }

        var what = storedRows > 0
            ? $"{Count(storedRows)} stored events and about {Count(newRows)} new ones"
            : $"about {Count(newRows)} events";
        var limit = total > MaxEvents
            ? $"the embedded store holds at most {Count(MaxEvents)} events on any machine"
            : $"{what} need about {Bytes(Math.Max(importNeeds, readNeeds))} of memory, and this machine has {Bytes(available)}: the embedded store fits about {Count(Fits(available, rewritesStore || storedRows == 0 ? ImportBytesPerEvent : ReadBytesPerEvent))} events here";
        return $"{limit}. Keep these events in ClickHouse instead: set store.events in wayfinder.yaml to your ClickHouse server, or pass --events clickhouse://HOST:8123/DATABASE (docs/clickhouse.md)";
    }

    /// <summary>Why reading a store of <paramref name="storedRows"/> events does not fit in <paramref name="available"/> bytes, or null when it does.</summary>
    public static string? ReadProblem(long storedRows, long available)
    {
        var needs = storedRows * ReadBytesPerEvent;
        if (needs <= (long)(available * UsableShare))
        {
            return null;
        }

        return $"the event store holds {Count(storedRows)} events, which need about {Bytes(needs)} of memory to analyse, and this machine has {Bytes(available)}: "
            + $"the embedded store fits about {Count(Fits(available, ReadBytesPerEvent))} events here. Analyse them on a machine with more memory, or move them to ClickHouse "
            + "(set store.events in wayfinder.yaml and run `wayfinder import data` there; docs/clickhouse.md)";
    }

    private static long Fits(long available, long bytesPerEvent) => Math.Min(MaxEvents, RoundDown((long)(available * UsableShare) / bytesPerEvent));

    /// <summary>Two significant digits, rounded down, so the figure in the message is one that fits.</summary>
    private static long RoundDown(long n)
    {
        if (n < 100)
        {
            return n;
        }

        var scale = (long)Math.Pow(10, Math.Floor(Math.Log10(n)) - 1);
        return n / scale * scale;
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture) + " GB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0", CultureInfo.InvariantCulture) + " MB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };
}

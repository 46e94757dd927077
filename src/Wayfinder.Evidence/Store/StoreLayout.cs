namespace Wayfinder.Evidence.Store;

using System.Globalization;
using Apache.Arrow.Ipc;

/// <summary>
/// How a store folder grows between compactions: the base (<c>events.arrow</c>, <c>customers.arrow</c>,
/// <c>dictionaries.arrow</c>) and, in <c>appends/000001/</c>, <c>appends/000002/</c>…, one complete segment in the
/// same three-file format per appended import. A segment is written under a temporary name (<c>appends/.000003.tmp</c>)
/// and renamed when whole, so only folders named by digits count; anything else there is left over from a crash.
/// Reading combines the base and the segments in order into the log a full merge would have built.
/// </summary>
internal static class StoreLayout
{
    public const string MinTimeKey = "min_timestamp_us";
    public const string MaxTimeKey = "max_timestamp_us";
    private const string AppendsFolder = "appends";

    /// <summary>The complete segments of the store, oldest first (full paths).</summary>
    public static IReadOnlyList<string> Segments(string folder)
    {
        var appends = Path.Combine(folder, AppendsFolder);
        if (!Directory.Exists(appends))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(appends).Where(d => IsSegmentName(Path.GetFileName(d))).Order(StringComparer.Ordinal)];
    }

    private static bool IsSegmentName(string name) => name.Length > 0 && name.All(char.IsAsciiDigit);

    /// <summary>The store's log: the base and every complete segment combined in order; empty when nothing was stored.</summary>
    public static EventLog Read(string folder, int parallelism)
    {
        // A compaction in another process may swap the folder while this reads it: the segments listed then vanish,
        // and reading again sees the compacted base.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return ReadOnce(folder, parallelism);
            }
            catch (Exception e) when (attempt < 5 && e is FileNotFoundException or DirectoryNotFoundException)
            {
                Thread.Sleep(50 * attempt);
            }
        }
    }

    private static EventLog ReadOnce(string folder, int parallelism)
    {
        var segments = Segments(folder);
        if (!File.Exists(Path.Combine(folder, "events.arrow")))
        {
            return EventLog.Empty;
        }

        if (segments.Count == 0)
        {
            return ArrowPersistence.Read(folder, parallelism);
        }

        // The segments first (they are small): when they are appended, the base is read straight into its place beside them.
        var appended = segments.Select(ArrowPersistence.Read).ToList();
        var log = SegmentMerge.TryRead(folder, appended, parallelism)
            ?? EventLogBuilder.CombineAndRelease([EventLogBuilder.FromLog(ArrowPersistence.Read(folder, parallelism)), .. appended.Select(EventLogBuilder.FromLog)], out _, parallelism);

        // A compaction that swapped the folder meanwhile has taken the segments into its base: what was read may hold
        // them twice, or mix the two copies' files. Read again (Read retries).
        if (!segments.All(Directory.Exists))
        {
            throw new DirectoryNotFoundException($"{folder} was compacted while it was read");
        }

        return log;
    }

    /// <summary>
    /// The time range of everything stored, from the files' schemas alone (no rows are read); null when the store is
    /// empty or a file was written before the range was recorded.
    /// </summary>
    public static (long Min, long Max)? TimeRange(string folder)
    {
        (long Min, long Max)? range = null;
        foreach (var part in (string[])[folder, .. Segments(folder)])
        {
            if (PartRange(Path.Combine(part, "events.arrow")) is not { } found)
            {
                return null;
            }

            if (found.Rows > 0)
            {
                range = range is { } r ? (Math.Min(r.Min, found.Min), Math.Max(r.Max, found.Max)) : (found.Min, found.Max);
            }
        }

        return range;
    }

    /// <summary>How many events the base and the segments hold, from their schemas alone (0 for an empty store).</summary>
    public static long StoredRows(string folder)
    {
        long rows = 0;
        foreach (var part in (string[])[folder, .. Segments(folder)])
        {
            var path = Path.Combine(part, "events.arrow");
            if (File.Exists(path))
            {
                using var stream = File.OpenRead(path);
                using var reader = new ArrowFileReader(stream);
                rows += reader.Schema.Metadata is { } metadata && Number(metadata, "rows") is { } n ? n : 0;
            }
        }

        return rows;
    }

    internal static (long Rows, long Min, long Max)? PartRange(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        var metadata = reader.Schema.Metadata;
        return metadata is not null && Number(metadata, "rows") is { } rows && Number(metadata, MinTimeKey) is { } min && Number(metadata, MaxTimeKey) is { } max
            ? (rows, min, max)
            : null;
    }

    private static long? Number(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// Writes <paramref name="log"/> as the next segment: whole under a temporary name, then renamed into place (the
    /// rename is the commit). Returns the segment's number (1 for the first since the last compaction).
    /// </summary>
    public static int Append(string folder, EventLog log)
    {
        var existing = Segments(folder);
        var number = existing.Count == 0 ? 1 : int.Parse(Path.GetFileName(existing[^1]), CultureInfo.InvariantCulture) + 1;
        var name = number.ToString("D6", CultureInfo.InvariantCulture);
        var appends = Directory.CreateDirectory(Path.Combine(folder, AppendsFolder)).FullName;
        var staging = Path.Combine(appends, "." + name + ".tmp");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        ArrowPersistence.Write(log, staging);
        Directory.Move(staging, Path.Combine(appends, name));
        return number;
    }

    /// <summary>
    /// Removes what a crashed writer left: a segment folder not renamed into place, a <c>.new</c> copy not swapped in,
    /// an <c>.old</c> copy not deleted. Only a writer holding the <see cref="StoreLock"/> may call this (another process
    /// could be writing them).
    /// </summary>
    public static void CleanUp(string folder)
    {
        var appends = Path.Combine(folder, AppendsFolder);
        if (Directory.Exists(appends))
        {
            foreach (var leftover in Directory.EnumerateDirectories(appends).Where(d => !IsSegmentName(Path.GetFileName(d))))
            {
                Directory.Delete(leftover, recursive: true);
            }
        }

        if (Directory.Exists(folder + ".new"))
        {
            Directory.Delete(folder + ".new", recursive: true);
        }

        if (Directory.Exists(folder) && Directory.Exists(folder + ".old"))
        {
            Directory.Delete(folder + ".old", recursive: true);
        }
    }

    /// <summary>What identifies the store's files as written: compared before a write reuses the log read earlier.</summary>
    public static string Stamp(string folder)
    {
        var events = new FileInfo(Path.Combine(folder, "events.arrow"));
        var stamp = events.Exists ? $"{events.LastWriteTimeUtc.Ticks}:{events.Length}" : "none";
        return stamp + "|" + string.Join(",", Segments(folder).Select(Path.GetFileName));
    }
}

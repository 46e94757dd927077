namespace Wayfinder.Evidence.Import;

/// <summary>A row that could not be imported, with where and why.</summary>
/// <param name="Line">1-based line in the file (for Parquet: the 1-based row number).</param>
/// <param name="Field">The Wayfinder field concerned (customer_id, timestamp, event…), or empty for the whole row.</param>
public sealed record RowProblem(long Line, string Field, string Reason)
{
    public override string ToString() => Field.Length > 0 ? $"line {Line}: {Field}: {Reason}" : $"line {Line}: {Reason}";
}

/// <summary>What an import did: rows read, added, skipped as duplicates, and rejected with reasons.</summary>
public sealed record ImportReport
{
    public required string File { get; init; }
    public required string Format { get; init; }
    public long RowsRead { get; init; }
    public long RowsAdded { get; init; }
    public long Duplicates { get; init; }
    public long BadRows { get; init; }

    /// <summary>The first problems found (at most <see cref="EventImporter.MaxProblemsListed"/>); <see cref="BadRows"/> counts them all.</summary>
    public IReadOnlyList<RowProblem> Problems { get; init; } = [];

    /// <summary>Set when the file could not be imported at all; the store is then unchanged.</summary>
    public string? Error { get; init; }

    public bool Succeeded => Error is null;
}

/// <summary>Progress of a running import, for a progress bar.</summary>
/// <param name="Stage">What happens after the reading, when all bytes are read: null while reading, then e.g. "saving".</param>
public readonly record struct ImportProgress(long Rows, long Bytes, long TotalBytes, string? Stage = null);

/// <summary>The reason an import stopped without changing the store.</summary>
public sealed class ImportAbortedException(string message) : Exception(message);

/// <summary>Opening Sep readers: a header that names a column twice is a file to fix, not a crash.</summary>
internal static class SepHeaders
{
    public static nietras.SeparatedValues.SepReader Open(Func<nietras.SeparatedValues.SepReader> open)
    {
        try
        {
            return open();
        }
        catch (ArgumentException ex)
        {
            // Sep says which name and where, e.g. "Col name 'event' found 2 times at 2:'event' 3:'event' in header row …".
            throw new ImportAbortedException($"the header line names a column more than once ({ex.Message}); give each column its own name");
        }
    }
}

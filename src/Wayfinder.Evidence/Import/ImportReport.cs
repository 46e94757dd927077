namespace Wayfinder.Evidence.Import;

/// <summary>A row that could not be imported, with where and why.</summary>
/// <param name="Line">1-based line in the file (for Parquet: the 1-based row number).</param>
/// <param name="Field">The Wayfinder field concerned (customer_id, timestamp, event…), or empty for the whole row.</param>
public sealed record RowProblem(long Line, string Field, string Reason)
{
    public override string ToString() => Field.Length > 0 ? $"line {Line}: {Field}: {Reason}" : $"line {Line}: {Reason}";
}

/// <summary>
/// What an import did: rows read, added, skipped as duplicates, and rejected with reasons. A file is stored whole or
/// not at all: <see cref="Succeeded"/> says which, and when nothing was stored <see cref="Error"/> says why.
/// </summary>
public sealed record ImportReport
{
    public required string File { get; init; }
    public required string Format { get; init; }
    public long RowsRead { get; init; }

    /// <summary>Rows (survey answers for surveys) the store added; 0 when nothing was stored.</summary>
    public long RowsAdded { get; init; }

    public long Duplicates { get; init; }
    public long BadRows { get; init; }

    /// <summary>
    /// The number of the segment the rows were appended as (1 for the first since the store was last compacted), when
    /// every new row came after the stored ones and only they were written; null when the store was rewritten whole.
    /// </summary>
    public int? AppendedSegment { get; init; }

    /// <summary>Appended segments the store holds after the import; <c>wayfinder compact</c> merges them into one.</summary>
    public int Segments { get; init; }

    /// <summary>The most bad rows the import accepted with the good rows stored (0: any bad row and nothing is stored).</summary>
    public long MaxBadRows { get; init; }

    /// <summary>The first problems found (at most <see cref="EventImporter.MaxProblemsListed"/>); <see cref="BadRows"/> counts them all.</summary>
    public IReadOnlyList<RowProblem> Problems { get; init; } = [];

    /// <summary>
    /// Why nothing of the file was stored (it could not be read, or it had more bad rows than allowed; front doors say
    /// "nothing was stored" before it); null when it was stored.
    /// </summary>
    public string? Error { get; init; }

    /// <summary>True when the file was stored (its good rows, with at most <see cref="MaxBadRows"/> bad rows left out); false when nothing was stored.</summary>
    public bool Succeeded => Error is null;

    /// <summary>
    /// The rule every store applies before it stores anything: a readable file with no more bad rows than
    /// <paramref name="maxBadRows"/> is stored; otherwise nothing is, and the report says so in plain words.
    /// </summary>
    public ImportReport Judge(long maxBadRows)
    {
        var judged = this with { MaxBadRows = maxBadRows };
        if (!Succeeded || BadRows <= maxBadRows)
        {
            return judged;
        }

        var allowed = maxBadRows == 0 ? "none is accepted by default" : $"at most {maxBadRows} {(maxBadRows == 1 ? "is" : "are")} accepted";
        return judged with
        {
            RowsAdded = 0,
            Duplicates = 0,
            Error = $"{BadRows} bad {(BadRows == 1 ? "row" : "rows")}, and {allowed}; fix the rows listed, or store the good rows and leave up to N bad ones out with --max-bad-rows N (max_bad_rows: N in the data source)",
        };
    }
}

/// <summary>Progress of a running import, for a progress bar.</summary>
/// <param name="Stage">What happens after the reading, when all bytes are read: null while reading, then e.g. "saving".</param>
public readonly record struct ImportProgress(long Rows, long Bytes, long TotalBytes, string? Stage = null);

/// <summary>The reason an import stopped without changing the store.</summary>
public sealed class ImportAbortedException(string message) : Exception(message);

namespace Wayfinder.Evidence;

/// <summary>
/// How much of the machine the evidence engine may take. The one place that reads the core count: a CLI process
/// takes every core, a server gives each store a share so one request cannot take them all.
/// </summary>
public sealed record EngineOptions
{
    /// <summary>One thread per core: what a CLI process uses.</summary>
    public static EngineOptions Default { get; } = new();

    /// <summary>Threads an import or an analysis may use at once (at least 1). Results are identical for any value.</summary>
    public int DegreeOfParallelism
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "the degree of parallelism is at least 1");
    } = Environment.ProcessorCount;

    /// <summary>
    /// The memory the embedded store may plan with, in bytes; null for what this process may use (the machine's, or the
    /// container's limit). An import or a read that would not fit is refused before it starts (<see cref="Store.StoreCapacity"/>).
    /// </summary>
    public long? MemoryBytes { get; init; }

    /// <summary>Parallel loop options bounded by <see cref="DegreeOfParallelism"/>.</summary>
    internal ParallelOptions Parallel(CancellationToken cancellationToken = default) =>
        new() { MaxDegreeOfParallelism = DegreeOfParallelism, CancellationToken = cancellationToken };
}

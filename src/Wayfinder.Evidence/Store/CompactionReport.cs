namespace Wayfinder.Evidence.Store;

/// <summary>What a compaction did: how many appended imports it merged into the store's base, and the events stored.</summary>
/// <param name="Merged">Appended segments merged (0: there were none, nothing was written).</param>
/// <param name="Error">Why nothing was done (another writer holds the store); null when it ran.</param>
public sealed record CompactionReport(int Merged, long Events, string? Error = null)
{
    /// <summary>True when the store was compacted or had nothing to compact.</summary>
    public bool Succeeded => Error is null;
}

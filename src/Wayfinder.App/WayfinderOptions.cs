namespace Wayfinder.App;

/// <summary>How the application layer runs: bound with <c>AddOptions&lt;WayfinderOptions&gt;()</c>.</summary>
public sealed class WayfinderOptions
{
    /// <summary>
    /// How many cores one import or analysis may use. The CLI takes every core; a server gives each request fewer, so
    /// one request cannot take the machine.
    /// </summary>
    public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;
}

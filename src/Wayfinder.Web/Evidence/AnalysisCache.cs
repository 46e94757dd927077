namespace Wayfinder.Web.Evidence;

using Microsoft.Extensions.Caching.Memory;
using Wayfinder.App.Analysis;
using Wayfinder.App.Workspaces;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Web.Storage;

/// <summary>An analysis and whether it came from the cache; <see cref="Stamp"/> is what it was made from (for entity tags).</summary>
public sealed record CachedAnalysis(AnalysisResult Result, bool Hit, string Stamp);

/// <summary>
/// Analyses kept in memory per (workspace, journey, cut), keyed on the workspace's stamp
/// (<see cref="EvidenceWorkspaces.StampAsync"/>): an import or a save of any document of the workspace moves the stamp, so
/// what was computed before is never served again (and ages out of the cache).
/// </summary>
public sealed class AnalysisCache(EvidenceWorkspaces evidence, AnalysisService analysis, TimeProvider clock) : IDisposable
{
    private static readonly MemoryCacheEntryOptions s_entry = new() { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 };
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 1000 });

    /// <summary>The server's day, against which reviews turn stale.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The journey's analysis on the cut <paramref name="request"/> names, from the cache when nothing changed since it was made.</summary>
    public async Task<CachedAnalysis> AnalyzeAsync(WayfinderDbContext db, WorkspaceStores stores, string workspace, string journeyId, AnalysisRequest request, CancellationToken cancellationToken)
    {
        request = request with { Today = Today };
        var stamp = await evidence.StampAsync(db, workspace, request.Today, cancellationToken).ConfigureAwait(false);
        var key = new Key(workspace, journeyId, request.PersonaId, request.Channel, request.Period, request.TrendGrain, request.CollapseRepeats, stamp);
        if (_cache.TryGetValue(key, out AnalysisResult? cached) && cached is not null)
        {
            return new CachedAnalysis(cached, Hit: true, stamp);
        }

        var result = await analysis.AnalyzeAsync(stores, journeyId, request, cancellationToken).ConfigureAwait(false);
        _cache.Set(key, result, s_entry);
        return new CachedAnalysis(result, Hit: false, stamp);
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Key(string Workspace, string Journey, string? Persona, string? Channel, string? Period, string Grain, bool CollapseRepeats, string Stamp);
}

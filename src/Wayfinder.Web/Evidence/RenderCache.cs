namespace Wayfinder.Web.Evidence;

using Microsoft.Extensions.Caching.Memory;

/// <summary>
/// Rendered downloads kept by their entity tag, which names the document's revision and the workspace's state (its
/// documents, settings and evidence): a new save or import makes a new tag, so an entry is never stale, only unused.
/// At most 256 MB, each entry dropped after ten minutes unread.
/// </summary>
public sealed class RenderCache : IDisposable
{
    private const long MaxBytes = 256L * 1024 * 1024;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxBytes });

    public bool TryGet(string tag, out byte[] bytes) => _cache.TryGetValue(tag, out bytes!);

    public void Set(string tag, byte[] bytes) =>
        _cache.Set(tag, bytes, new MemoryCacheEntryOptions { Size = Math.Max(1, bytes.Length), SlidingExpiration = TimeSpan.FromMinutes(10) });

    public void Dispose() => _cache.Dispose();
}

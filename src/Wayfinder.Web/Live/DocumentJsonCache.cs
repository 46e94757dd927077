namespace Wayfinder.Web.Live;

using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Wayfinder.App.Documents;
using Wayfinder.Core.Serialization;

/// <summary>
/// A document's JSON, made once per revision: reading a map parses its YAML, which costs far more than the database's
/// answer, and every client of a workspace reads the same revisions again and again (they hear of each save live). An
/// entry is used only for the very text it was made from, so a text put in under a revision number seen before (a
/// seed, an import) is never answered with another's JSON. Bounded to about 64 MB; an entry unused for 10 minutes goes.
/// </summary>
public sealed class DocumentJsonCache : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });

    /// <summary>The document's JSON in the files' snake_case shape (as <see cref="DocumentJson.Options"/> writes it), UTF-8.</summary>
    public byte[] Get(string workspace, StoredDocument stored)
    {
        var key = (workspace, stored.Kind, stored.Id, stored.Revision);
        if (_cache.TryGetValue(key, out Entry? entry) && string.Equals(entry!.Text, stored.Text, StringComparison.Ordinal))
        {
            return entry.Json;
        }

        var document = DocumentYaml.Read(stored.Text, DocumentYaml.TypeOf(stored.Kind))!;
        var json = JsonSerializer.SerializeToUtf8Bytes(document, document.GetType(), DocumentJson.Options);
        _cache.Set(key, new Entry(stored.Text, json), new MemoryCacheEntryOptions
        {
            Size = json.Length + (2L * stored.Text.Length),
            SlidingExpiration = TimeSpan.FromMinutes(10),
        });
        return json;
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Entry(string Text, byte[] Json);
}

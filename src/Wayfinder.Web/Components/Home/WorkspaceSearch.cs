namespace Wayfinder.Web.Components.Home;

using Wayfinder.Core.Documents;
using Wayfinder.Web.Components.Shared;

/// <summary>A field of a document that holds the query: where (element, label), its text and the matched ranges.</summary>
public sealed record SearchHit(string? ElementId, string Label, string Text, IReadOnlyList<TextRange> Ranges);

/// <summary>The hits in one document, in the document's order; the title's own matches when the title holds the query.</summary>
public sealed record SearchGroup(DocumentKind Kind, string DocumentId, string Title, IReadOnlyList<TextRange> TitleRanges, IReadOnlyList<SearchHit> Hits);

/// <summary>A comment of a thread kept beside a document (not in it), searched with the document's text.</summary>
public sealed record ThreadText(DocumentKind Kind, string DocumentId, string? ElementId, string? Author, string Text);

/// <summary>Searches every text field of a workspace's documents, and the comment threads beside them.</summary>
public static class WorkspaceSearch
{
    /// <summary>
    /// The documents that hold <paramref name="query"/>, those whose title holds it first, then by the number of hits, then by
    /// title; none for a blank query.
    /// </summary>
    public static IReadOnlyList<SearchGroup> Run(IEnumerable<IDocument> documents, IEnumerable<ThreadText> threads, string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var byDocument = threads.ToLookup(t => (t.Kind, t.DocumentId));
        var groups = new List<SearchGroup>();
        foreach (var document in documents)
        {
            var titleRanges = TextMatcher.Find(document.Title, query);
            var texts = DocumentTexts.Of(document).Where(t => t.Label != "title")
                .Concat(byDocument[(document.Kind, document.Id)].Select(t => new DocumentText(t.ElementId, $"comment by {t.Author ?? "someone"}", t.Text)));
            var hits = texts.Select(t => new SearchHit(t.ElementId, t.Label, t.Text, TextMatcher.Find(t.Text, query))).Where(h => h.Ranges.Count > 0).ToList();
            if (titleRanges.Count > 0 || hits.Count > 0)
            {
                groups.Add(new SearchGroup(document.Kind, document.Id, document.Title, titleRanges, hits));
            }
        }

        return [.. groups.OrderByDescending(g => g.TitleRanges.Count > 0).ThenByDescending(g => g.Hits.Count).ThenBy(g => g.Title, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The address of a hit: the document's page, with <c>?element=ID</c> when the hit is on one element (the map page selects it).</summary>
    public static string Link(string workspace, DocumentKind kind, string documentId, string? elementId) =>
        WorkspaceLinks.Document(workspace, kind, documentId) + (elementId is null ? "" : "?element=" + Uri.EscapeDataString(elementId));
}

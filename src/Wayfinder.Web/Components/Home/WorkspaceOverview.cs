namespace Wayfinder.Web.Components.Home;

using Microsoft.EntityFrameworkCore;
using Wayfinder.App.Analysis;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Web.Comments;
using Wayfinder.Web.Evidence;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>Who saved a revision, and when; <see cref="Author"/> is null for files put in by an import or the seed.</summary>
public sealed record Change(string? Author, DateTimeOffset Time);

/// <summary>A document as the home page and the lists show it.</summary>
/// <param name="Subtitle">A persona's role, a journey's primary persona, a value gap map's persona.</param>
/// <param name="Paired">For a current map, its future-state map; for a future map, the current map it improves on.</param>
/// <param name="Stale">Due a review by <c>wayfinder list</c>'s rule (<see cref="Review.IsDue"/>).</param>
public sealed record DocumentSummary(
    DocumentKind Kind,
    string Id,
    string Title,
    string? Owner,
    IReadOnlyList<string> Tags,
    int Revision,
    JourneyState? State,
    string? Subtitle,
    (string Id, string Title)? Paired,
    bool Stale,
    DateOnly? LastReviewed,
    Coverage Coverage,
    Change? LastChange,
    string? Initials);

/// <summary>Something that happened to a document: saved, created, deleted, or a comment written on it.</summary>
public sealed record ActivityItem(DateTimeOffset Time, string? Author, string What, DocumentKind Kind, string DocumentId, string Title, bool Exists, string? ElementId, string? Detail);

/// <summary>An unresolved comment thread: on which document and element, who opened it, what it says.</summary>
public sealed record OpenThread(long Id, DocumentKind Kind, string DocumentId, string DocumentTitle, string? ElementId, string? ElementLabel, string? Author, string Text, int Replies, DateTimeOffset LastAt);

/// <summary>What a workspace holds and what happened in it lately: the home page's and the lists' data, read in one go.</summary>
public sealed record WorkspaceOverview(
    string Name,
    IReadOnlyList<DocumentSummary> Documents,
    IReadOnlyList<ActivityItem> Activity,
    IReadOnlyList<OpenThread> OpenThreads,
    IReadOnlyList<ThreadText> ThreadTexts,
    Workspace Workspace,
    IReadOnlyList<string> UnreadableFiles)
{
    /// <summary>How many latest revisions of each document the activity reads (the newest across documents are shown).</summary>
    private const int RevisionsPerDocument = 6;

    public IEnumerable<DocumentSummary> OfKind(DocumentKind kind) => Documents.Where(d => d.Kind == kind);

    /// <summary>Reads the workspace's overview; null when there is no such workspace.</summary>
    public static async Task<WorkspaceOverview?> LoadAsync(IServiceProvider services, string workspaceId, DateOnly today, int activityCount, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<WorkspaceRepositories>().OpenAsync(workspaceId, cancellationToken) is not { } repository)
        {
            return null;
        }

        var db = services.GetRequiredService<WayfinderDbContext>();
        var (workspace, result) = await repository.LoadAsync(cancellationToken);
        var name = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Name).FirstAsync(cancellationToken);

        // The last few revisions of each document (never the texts), newest first after sorting here: SQLite cannot order by time.
        var revisions = (await db.Revisions.AsNoTracking()
            .Where(r => r.Document!.WorkspaceId == workspaceId && r.Document.DocumentId != null && r.Number > r.Document.Sequence - RevisionsPerDocument)
            .Select(r => new { r.Document!.Kind, Id = r.Document.DocumentId!, r.Number, r.Author, r.Time, r.Message, Deleted = r.Text == "" })
            .ToListAsync(cancellationToken)).OrderByDescending(r => r.Time).ToList();
        var threads = await db.Set<CommentThreadRow>().AsNoTracking().Include(t => t.Comments).Where(t => t.WorkspaceId == workspaceId).ToListAsync(cancellationToken);

        var documents = workspace.AllDocuments.GroupBy(d => (d.Kind, d.Id)).ToDictionary(g => g.Key, g => g.First());
        var lastChanges = revisions.Where(r => !r.Deleted).GroupBy(r => (r.Kind, r.Id)).ToDictionary(g => g.Key, g => new Change(g.First().Author, g.First().Time));
        var summaries = workspace.AllDocuments.Select(d => Summarize(d, workspace, today, lastChanges.GetValueOrDefault((d.Kind, d.Id)))).ToList();
        string TitleOf(DocumentKind kind, string id) => documents.TryGetValue((kind, id), out var d) ? d.Title : id;

        var activity = revisions.Select(r => new ActivityItem(r.Time, r.Author, r.Deleted ? "deleted" : r.Number == 1 ? "created" : "edited", r.Kind, r.Id, TitleOf(r.Kind, r.Id), documents.ContainsKey((r.Kind, r.Id)), null, r.Message))
            .Concat(threads.SelectMany(t => t.Comments.Select(c => new ActivityItem(c.CreatedAt, c.Author, "commented on", t.DocumentKind, t.DocumentId, TitleOf(t.DocumentKind, t.DocumentId), documents.ContainsKey((t.DocumentKind, t.DocumentId)), t.ElementId, c.Text))))
            .OrderByDescending(a => a.Time).Take(activityCount).ToList();

        var open = threads.Where(t => !t.Resolved && t.Comments.Count > 0 && documents.ContainsKey((t.DocumentKind, t.DocumentId)))
            .Select(t =>
            {
                var comments = t.Comments.OrderBy(c => c.CreatedAt).ToList();
                var document = documents[(t.DocumentKind, t.DocumentId)];
                return new OpenThread(t.Key, t.DocumentKind, t.DocumentId, document.Title, t.ElementId, ElementLabel(document, t.ElementId), comments[0].Author, comments[0].Text, comments.Count - 1, comments[^1].CreatedAt);
            })
            .OrderByDescending(t => t.LastAt).ToList();
        var threadTexts = threads.SelectMany(t => t.Comments.Select(c => new ThreadText(t.DocumentKind, t.DocumentId, t.ElementId, c.Author, c.Text))).ToList();
        // Documents that do not read (a workspace's settings that do not read are the settings' problem, not a document's).
        var unreadable = result.Errors.Select(e => e.File).Where(f => WorkspaceLoader.KindOfPath(f) is not null).Distinct().Order(StringComparer.Ordinal).ToList();
        return new WorkspaceOverview(name, summaries, activity, open, threadTexts, workspace, unreadable);
    }

    /// <summary>The workspace's knowledge gaps as the API gives them (<c>GET …/knowledge-gaps</c>); none when there is no such workspace.</summary>
    public static async Task<IReadOnlyList<KnowledgeGap>> GapsAsync(IServiceProvider services, string workspaceId, CancellationToken cancellationToken)
    {
        if (await EvidenceApi.OpenAsync(workspaceId, services.GetRequiredService<EvidenceWorkspaces>(), services.GetRequiredService<WorkspaceRepositories>(), cancellationToken) is not { } stores)
        {
            return [];
        }

        return await services.GetRequiredService<AnalysisService>().GapsAsync(stores, services.GetRequiredService<AnalysisCache>().Today, cancellationToken);
    }

    /// <summary>The element's place and text in plain words ("stage Book › pain: Hidden fees"), or null for the whole document or an element gone.</summary>
    public static string? ElementLabel(IDocument document, string? elementId)
    {
        if (elementId is null)
        {
            return null;
        }

        var text = DocumentTexts.Of(document).FirstOrDefault(t => t.ElementId == elementId);
        return text is null ? null : $"{text.Label}: {text.Text}";
    }

    private static DocumentSummary Summarize(IDocument document, Workspace workspace, DateOnly today, Change? lastChange)
    {
        var cadence = workspace.Config.Defaults.ReviewCadenceDays;
        var coverage = EvidenceCoverage.Of(document, workspace);
        return document switch
        {
            Journey j => new DocumentSummary(j.Kind, j.Id, j.Title, j.Owner, j.Tags, j.Revision, j.State,
                j.Personas.Count > 0 ? workspace.FindPersona(j.Personas[0])?.Title ?? j.Personas[0] : null,
                Paired(j, workspace), Review.IsDue(j.Review, today, cadence), j.Review?.LastReviewed, coverage, lastChange, null),
            Persona p => new DocumentSummary(p.Kind, p.Id, p.Title, p.Owner, p.Tags, p.Revision, null, p.Role, null,
                Review.IsDue(p.Review, today, cadence), p.Review?.LastReviewed, coverage, lastChange, p.DisplayInitials()),
            ValueGapMap v => new DocumentSummary(v.Kind, v.Id, v.Title, v.Owner, v.Tags, v.Revision, null, workspace.FindPersona(v.Persona)?.Title ?? v.Persona, null,
                Review.IsDue(v.Review, today, cadence), v.Review?.LastReviewed, coverage, lastChange, null),
            _ => throw new ArgumentOutOfRangeException(nameof(document), document.Kind, "a document of no known kind"),
        };
    }

    /// <summary>A future map's current map; a current map's (first) future map.</summary>
    private static (string Id, string Title)? Paired(Journey journey, Workspace workspace)
    {
        if (journey.State == JourneyState.Future)
        {
            return journey.CurrentMap is { } id ? (id, workspace.FindJourney(id)?.Title ?? id) : null;
        }

        var future = workspace.Journeys.Select(j => j.Document).FirstOrDefault(j => j.State == JourneyState.Future && j.CurrentMap == journey.Id);
        return future is null ? null : (future.Id, future.Title);
    }
}

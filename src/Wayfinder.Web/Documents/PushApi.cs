namespace Wayfinder.Web.Documents;

using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Wayfinder.App.Documents;
using Wayfinder.App.Validation;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;
using Wayfinder.Web.Access;
using Wayfinder.Web.Live;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>
/// What <c>wayfinder pull</c> and <c>wayfinder push</c> talk to: <c>GET /api/v1/workspaces/{workspace}/files</c> gives every
/// document's stored text (the bytes a file holds) with its revision, and the settings; <c>POST …/push</c> saves a batch
/// of changed files (and, from an owner, changed settings) all together or not at all.
/// </summary>
public static class PushApi
{
    public static RouteGroupBuilder MapPush(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}").WithTags("Sync");
        group.MapGet("/files", Files).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapPost("/push", Push).RequireWorkspaceRole(WorkspaceRole.Editor);
        return group;
    }

    private static async Task<Results<Ok<WorkspaceFiles>, ProblemHttpResult>> Files(string workspace, WayfinderDbContext db, CancellationToken cancellationToken)
    {
        var row = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspace, cancellationToken);
        if (row is null)
        {
            return NoWorkspace(workspace);
        }

        var documents = await db.Documents.AsNoTracking()
            .Where(d => d.WorkspaceId == workspace && d.Text != "")
            .OrderBy(d => d.File)
            .Select(d => new WorkspaceFileEntry(d.File, d.Kind, d.DocumentId, d.Revision, d.Text))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new WorkspaceFiles(row.ConfigText, documents));
    }

    private static async Task<Results<Ok<PushResult>, ProblemHttpResult>> Push(
        string workspace, PushRequest request, HttpContext http, WayfinderDbContext db, WorkspaceRepositories workspaces, SaveCheckService checks, IWorkspaceEvents events,
        WorkspaceSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var repository = await workspaces.OpenAsync(workspace, cancellationToken);
        if (repository is null)
        {
            return NoWorkspace(workspace);
        }

        if (BadRequest(request) is { } bad)
        {
            return bad;
        }

        if (request.Settings is not null && http.Items[AccessPolicyMiddleware.RoleItem] is not WorkspaceRole.Owner)
        {
            return AccessProblems.Forbidden($"only an owner changes the settings of \"{workspace}\" (wayfinder.yaml); ask one, or push without that change. Nothing was saved.");
        }

        var documents = request.Documents ?? [];
        var total = documents.Count + (request.Settings is null ? 0 : 1);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var plan = await PushPlan.MakeAsync(db, workspace, documents, request.Settings, checks, today, cancellationToken);
        if (plan.Refused.Count > 0)
        {
            return Refused(plan.Refused, total);
        }

        var author = http.User.Identity?.Name;
        var info = new SaveInfo(author, request.Message);
        var done = new List<PushedDocumentResult>();

        // One transaction: a save refused half-way (another writer got in after the checks above) rolls back the ones before it.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var step in plan.Steps)
            {
                var result = step.Document is { } document
                    ? await repository.SaveAsync(document, step.Pushed.ExpectedRevision, info, cancellationToken)
                    : await repository.DeleteAsync(step.Kind, step.Id, step.Pushed.ExpectedRevision!.Value, info, cancellationToken);
                if (!result.Succeeded)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return Refused([PushPlan.Stale(step.Pushed.File!, result)], total);
                }

                done.Add(result.Outcome == SaveOutcome.Saved
                    ? new PushedDocumentResult(result.Document!.File, step.Kind, step.Id, PushOutcome.Saved, result.Document.Revision, result.Document.Text)
                    : new PushedDocumentResult(step.Pushed.File!, step.Kind, step.Id, PushOutcome.Deleted, null, null));
            }

            if (request.Settings is { Text: { } text } && !await settings.WriteAsync(workspace, plan.ConfigBefore, text, plan.Name, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return Refused([PushPlan.SettingsStale()], total);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // Committed: what follows is told even when the caller has gone meanwhile.
        if (request.Settings is not null)
        {
            await settings.AnnounceAsync(workspace, author, CancellationToken.None);
        }

        foreach (var d in done)
        {
            var type = d.Outcome == PushOutcome.Saved ? WorkspaceEventTypes.Saved : WorkspaceEventTypes.Deleted;
            await events.PublishAsync(new WorkspaceEvent(workspace, type, author, KindName(d.Kind), d.Id, d.Revision), CancellationToken.None);
        }

        return TypedResults.Ok(new PushResult(done, request.Settings?.Text is { } pushed ? WorkspaceSettings.Version(pushed) : null));
    }

    /// <summary>The kind as the API's routes and events name it: <c>persona</c>, <c>journey</c>, <c>value_gap</c>.</summary>
    internal static string KindName(DocumentKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    /// <summary>A request that cannot be a push at all: 400 saying which entry and what is wrong.</summary>
    private static ProblemHttpResult? BadRequest(PushRequest request)
    {
        var problems = new List<string>();
        if (request.Documents is not { Count: > 0 } && request.Settings is null)
        {
            problems.Add("\"documents\" must list at least one document (or \"settings\" give wayfinder.yaml's new text)");
        }

        if (request.Settings is { } settings)
        {
            if (settings.Text is null)
            {
                problems.Add("settings.text is missing; send wayfinder.yaml's new text");
            }
            else if (System.Text.Encoding.UTF8.GetByteCount(settings.Text) > WorkspaceSettingsApi.MaxBytes)
            {
                problems.Add($"settings.text is larger than {WorkspaceSettingsApi.MaxBytes} bytes");
            }

            if (string.IsNullOrEmpty(settings.ExpectedVersion))
            {
                problems.Add("settings.expected_version is missing; send the version of the settings the change was made on (the ETag of GET …/settings)");
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (request.Documents?.Count ?? 0); i++)
        {
            var pushed = request.Documents![i];
            var where = $"documents[{i}]";
            if (pushed is null || string.IsNullOrEmpty(pushed.File))
            {
                problems.Add($"{where}.file is missing");
                continue;
            }

            if (pushed.File.Split('/').Any(part => part is "" or "." or "..") || pushed.File.Contains('\\', StringComparison.Ordinal)
                || WorkspaceLoader.KindOfPath(pushed.File) is null)
            {
                problems.Add($"{where}.file \"{pushed.File}\" is not a document's file (personas/, journeys/ or value-gaps/, a .yaml file)");
            }
            else if (!seen.Add(pushed.File))
            {
                problems.Add($"{where}.file \"{pushed.File}\" is listed twice");
            }

            if (pushed.Deleted && pushed.Text is not null)
            {
                problems.Add($"{where} ({pushed.File}) is deleted and also has a text; send one or the other");
            }
            else if (!pushed.Deleted && pushed.Text is null)
            {
                problems.Add($"{where}.text ({pushed.File}) is missing; send the file's text, or \"deleted\": true");
            }
            else if (pushed.Deleted && pushed.ExpectedRevision is null)
            {
                problems.Add($"{where}.expected_revision ({pushed.File}) is missing; a deletion must name the revision it was made on");
            }
        }

        return problems.Count == 0 ? null : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The push is not well formed",
            detail: string.Join("; ", problems) + ". Nothing was saved.");
    }

    /// <summary>
    /// Nothing written: 409 when any document changed on the server since it was pulled (stale), else 422 (invalid),
    /// listing every refused document.
    /// </summary>
    private static ProblemHttpResult Refused(IReadOnlyList<RefusedDocument> refused, int total)
    {
        var stale = refused.Any(r => r.Reason == RefusalReason.Stale);
        return TypedResults.Problem(
            statusCode: stale ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity,
            title: "Nothing was pushed",
            detail: $"{refused.Count} of {total} document(s) refused, so none was saved: "
                + string.Join("; ", refused.Select(r => $"{r.File}: {r.Message}"))
                + (stale ? ". Pull, merge, then push again." : ". Fix the errors, then push again."),
            extensions: new Dictionary<string, object?> { ["refused"] = refused });
    }

    private static ProblemHttpResult NoWorkspace(string workspace) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such workspace", detail: $"there is no workspace \"{workspace}\"");
}

/// <summary>What a push would do, and every document it refuses; made before anything is written.</summary>
internal sealed class PushPlan
{
    public List<PushStep> Steps { get; } = [];

    public List<RefusedDocument> Refused { get; } = [];

    /// <summary>The settings as stored when the plan was made (a push's new settings are written only over these).</summary>
    public string? ConfigBefore { get; private set; }

    /// <summary>The workspace's name as stored (kept when new settings name none).</summary>
    public string Name { get; private set; } = "";

    /// <summary>One document's save (<see cref="Document"/> set) or deletion.</summary>
    public sealed record PushStep(PushedDocument Pushed, DocumentKind Kind, string Id, IDocument? Document);

    /// <summary>
    /// Checks every pushed document against what is stored (its revision, its id) and validates each in the workspace as it
    /// would be after the whole push, so a journey may name a persona pushed with it.
    /// </summary>
    public static async Task<PushPlan> MakeAsync(
        WayfinderDbContext db, string workspace, IReadOnlyList<PushedDocument> pushed, PushedSettings? settings, SaveCheckService checks, DateOnly today, CancellationToken cancellationToken)
    {
        var plan = new PushPlan();
        var row = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspace).Select(w => new { w.ConfigText, w.Name }).FirstAsync(cancellationToken);
        (plan.ConfigBefore, plan.Name) = (row.ConfigText, row.Name);
        var config = row.ConfigText;
        if (settings is { Text: { } text })
        {
            if (WorkspaceSettings.Version(row.ConfigText) != settings.ExpectedVersion)
            {
                plan.Refused.Add(SettingsStale());
            }
            else if (WorkspaceLoader.Read(workspace, workspace, text, []).Result.Errors.ToList() is { Count: > 0 } unreadable)
            {
                plan.Refused.Add(Invalid(WorkspaceLoader.ConfigFileName, null, null, "the settings do not read", unreadable));
            }
            else
            {
                config = text;
            }
        }

        var stored = await db.Documents.AsNoTracking().Where(d => d.WorkspaceId == workspace && d.Text != "").ToListAsync(cancellationToken);
        var byFile = stored.ToDictionary(d => d.File, StringComparer.Ordinal);
        foreach (var item in pushed)
        {
            var file = item.File!;
            var kind = WorkspaceLoader.KindOfPath(file)!.Value;
            var current = byFile.GetValueOrDefault(file);
            if (item.Deleted)
            {
                if (current?.Revision != item.ExpectedRevision || current is null)
                {
                    plan.Refused.Add(await StaleAsync(db, file, item.ExpectedRevision, current, cancellationToken));
                }
                else
                {
                    plan.Steps.Add(new PushStep(item, kind, current.DocumentId ?? "", null));
                }

                continue;
            }

            var read = new ValidationResult();
            var document = Parse(kind, item.Text!, file, read);
            if (document is null || !read.IsValid)
            {
                plan.Refused.Add(Invalid(file, item.ExpectedRevision, current?.Revision, "the file does not read as a document", read.Errors));
                continue;
            }

            if (current is { DocumentId: null })
            {
                plan.Refused.Add(Invalid(file, item.ExpectedRevision, current.Revision,
                    "the server's copy of this file does not read as a document, so it cannot be replaced by a push; fix or delete it on the server first", []));
            }
            else if (current is not null && current.DocumentId != document.Id)
            {
                plan.Refused.Add(Invalid(file, item.ExpectedRevision, current.Revision,
                    $"the file holds id \"{document.Id}\" but is \"{current.DocumentId}\" on the server; an id cannot be changed by a push (make a new file for a new id)", []));
            }
            else if (current?.Revision != item.ExpectedRevision)
            {
                plan.Refused.Add(await StaleAsync(db, file, item.ExpectedRevision, current, cancellationToken));
            }
            else if (current is null && stored.FirstOrDefault(d => d.Kind == kind && d.DocumentId == document.Id) is { } other)
            {
                plan.Refused.Add(new RefusedDocument(file, RefusalReason.Stale, null, other.Revision, null, null,
                    $"a {PushApi.KindName(kind)} with id \"{document.Id}\" exists already on the server, in {other.File}", []));
            }
            else if (current is null && file != $"{WorkspaceLoader.FolderOf(kind)}/{document.Id}.yaml")
            {
                plan.Refused.Add(Invalid(file, null, null,
                    $"a new {PushApi.KindName(kind)} is stored as {WorkspaceLoader.FolderOf(kind)}/{document.Id}.yaml; rename the file to its id", []));
            }
            else
            {
                plan.Steps.Add(new PushStep(item, kind, document.Id, document));
            }
        }

        await plan.ValidateAsync(workspace, config, stored, checks, cancellationToken);
        if (plan.Refused.Count == 0)
        {
            plan.RefuseWhatItBreaks(workspace, row.ConfigText, config, stored, today);
        }

        return plan;
    }

    /// <summary>The settings were changed on the server since they were pulled (or while the push was being written).</summary>
    public static RefusedDocument SettingsStale() =>
        new(WorkspaceLoader.ConfigFileName, RefusalReason.Stale, null, null, null, null, "the settings were changed on the server since you pulled them", []);

    /// <summary>
    /// Refuses a push that would make a document it does not send invalid where it is valid now: new settings that take
    /// away a channel a journey uses, a map turned future that another names as its current map. Each such document is
    /// named with its new errors; sending its change in the same push (or not making the change) is the way out.
    /// </summary>
    private void RefuseWhatItBreaks(string workspace, string? configBefore, string? configAfter, IReadOnlyList<DocumentRow> stored, DateOnly today)
    {
        var before = stored.Select(d => new WorkspaceFile(d.File, d.Text)).ToList();
        var pushed = Steps.ToDictionary(s => s.Pushed.File!, s => s.Pushed.Text, StringComparer.Ordinal);
        var after = before.Where(f => !pushed.ContainsKey(f.Path))
            .Concat(pushed.Where(p => p.Value is not null).Select(p => new WorkspaceFile(p.Key, p.Value!)));
        var broken = WorkspaceChange.NewErrors(workspace, configBefore, before, configAfter, after, today).Where(e => !pushed.ContainsKey(e.File));
        foreach (var file in broken.GroupBy(e => e.File, StringComparer.Ordinal))
        {
            var revision = stored.FirstOrDefault(d => d.File == file.Key)?.Revision;
            Refused.Add(Invalid(file.Key, revision, revision, file.Key == WorkspaceLoader.ConfigFileName
                ? $"the settings have {file.Count()} error(s)"
                : $"this push would make it invalid ({file.Count()} error(s)); push a change to it with the others, or leave out the change that breaks it", file));
        }
    }

    /// <summary>A save refused because the stored revision is not the expected one, with who saved in between.</summary>
    public static RefusedDocument Stale(string file, SaveResult result) =>
        new(file, RefusalReason.Stale, result.ExpectedRevision, result.ActualRevision, result.SavedInBetween?.Author, result.SavedInBetween?.Time, result.Message, []);

    private async Task ValidateAsync(string workspace, string? config, IReadOnlyList<DocumentRow> stored, SaveCheckService checks, CancellationToken cancellationToken)
    {
        var files = stored.ToDictionary(d => d.File, d => d.Text, StringComparer.Ordinal);
        foreach (var step in Steps)
        {
            if (step.Document is null)
            {
                files.Remove(step.Pushed.File!);
            }
            else
            {
                files[step.Pushed.File!] = step.Pushed.Text!;
            }
        }

        if (config is not null)
        {
            files[WorkspaceLoader.ConfigFileName] = config;
        }

        var after = MemoryDocumentRepository.FromFiles(workspace, files);
        if (Steps.Any(s => s.Document is null))
        {
            // A deleted document may not stay named by one the push leaves (or saves): that one would be refused at its next save.
            var (left, _) = await after.LoadAsync(cancellationToken);
            foreach (var step in Steps.Where(s => s.Document is null))
            {
                if (DocumentReferences.DeleteRefusal(left, step.Kind, step.Id) is { } named)
                {
                    Refused.Add(Invalid(step.Pushed.File!, step.Pushed.ExpectedRevision, step.Pushed.ExpectedRevision, $"not deleted: {named}", []));
                }
            }
        }

        foreach (var step in Steps.Where(s => s.Document is not null).ToList())
        {
            var check = await checks.CheckAsync(after, step.Document!, cancellationToken);
            if (!check.Allowed)
            {
                Refused.Add(Invalid(step.Pushed.File!, step.Pushed.ExpectedRevision, step.Pushed.ExpectedRevision, $"{check.Errors.Count} error(s)", check.Errors));
            }
        }
    }

    private static IDocument? Parse(DocumentKind kind, string text, string file, ValidationResult result) => kind switch
    {
        DocumentKind.Persona => WorkspaceLoader.Parse<Persona>(text, file, result),
        DocumentKind.Journey => WorkspaceLoader.Parse<Journey>(text, file, result),
        _ => WorkspaceLoader.Parse<ValueGapMap>(text, file, result),
    };

    private static RefusedDocument Invalid(string file, int? expected, int? storedRevision, string message, IEnumerable<Diagnostic> errors) =>
        new(file, RefusalReason.Invalid, expected, storedRevision, null, null, message,
            [.. errors.Select(e => new PushError(e.Path, e.Message, e.Code, e.File, e.Line, e.Column))]);

    private static async Task<RefusedDocument> StaleAsync(WayfinderDbContext db, string file, int? expected, DocumentRow? current, CancellationToken cancellationToken)
    {
        var last = current is null ? null : await db.Revisions.AsNoTracking().Where(r => r.DocumentKey == current.Key)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        var message = current is null
            ? expected is null ? "the document does not exist on the server" : $"the document no longer exists on the server (pulled at revision {expected})"
            : expected is null
                ? $"the file exists already on the server at revision {current.Revision}"
                : $"the document was saved in between: pulled at revision {expected}, the server has {current.Revision}" + (last?.Author is { } who ? $" saved by {who}" : "");
        return new RefusedDocument(file, RefusalReason.Stale, expected, current?.Revision, last?.Author, last?.Time, message, []);
    }
}

/// <summary>Every stored document's text, for <c>wayfinder pull</c>: <c>wayfinder.yaml</c>'s text (null for none) and each file.</summary>
public sealed record WorkspaceFiles(string? Config, IReadOnlyList<WorkspaceFileEntry> Documents);

/// <summary>One stored file: its path, kind, id (null when it does not parse), revision and text (the bytes a file holds).</summary>
public sealed record WorkspaceFileEntry(string File, DocumentKind Kind, string? Id, int Revision, string Text);

/// <summary>
/// A push: the changed files, each with the revision it was pulled at, one message for all of them, and (from an owner)
/// the workspace's new settings.
/// </summary>
public sealed record PushRequest(string? Message, IReadOnlyList<PushedDocument>? Documents, PushedSettings? Settings = null);

/// <summary>
/// <c>wayfinder.yaml</c>'s new text and the version of the settings it was made on (<see cref="WorkspaceSettings.Version"/>,
/// the ETag of <c>GET …/settings</c>: the first 16 hex digits of the SHA-256 of the text pulled).
/// </summary>
public sealed record PushedSettings(string? Text, string? ExpectedVersion);

/// <summary>
/// One changed file: its path, the revision it was pulled at (null for a new file), and its text, or
/// <paramref name="Deleted"/> for a file deleted locally.
/// </summary>
public sealed record PushedDocument(string? File, int? ExpectedRevision, string? Text, bool Deleted = false);

/// <summary>A push that was saved: every document, in the order sent, and the settings' new version when they were sent.</summary>
public sealed record PushResult(IReadOnlyList<PushedDocumentResult> Documents, string? SettingsVersion = null);

/// <summary>What a push did to one file: its new revision and stored text (the bytes to write back), or deleted.</summary>
public sealed record PushedDocumentResult(string File, DocumentKind Kind, string Id, PushOutcome Outcome, int? Revision, string? Text);

/// <summary>What a push did to one file.</summary>
public enum PushOutcome
{
    Saved,
    Deleted,
}

/// <summary>Why a document of a push was refused.</summary>
public enum RefusalReason
{
    /// <summary>The server's document is not at the revision it was pulled at (saved, deleted or created in between).</summary>
    Stale,

    /// <summary>The document has errors, or cannot be saved as it is.</summary>
    Invalid,
}

/// <summary>One refused document: the file, why, the revisions (pulled at and stored), who saved in between, and its errors.</summary>
public sealed record RefusedDocument(
    string File, RefusalReason Reason, int? ExpectedRevision, int? StoredRevision, string? SavedBy, DateTimeOffset? SavedAt, string Message, IReadOnlyList<PushError> Errors);

/// <summary>One error in a refused document, as the documents API reports them.</summary>
public sealed record PushError(string Path, string Message, string Code, string File, int Line, int Column);

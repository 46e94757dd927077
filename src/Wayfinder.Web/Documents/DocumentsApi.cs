namespace Wayfinder.Web.Documents;

using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Wayfinder.App.Documents;
using Wayfinder.App.Validation;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Web.Access;
using Wayfinder.Web.Live;
using Wayfinder.Web.Server;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>
/// <c>/api/v1/workspaces/{workspace}/documents</c>: list, read (JSON in the files' shape, the revision as ETag), write with
/// <c>If-Match</c>, delete, history. Every error is a problem-details body.
/// </summary>
public static class DocumentsApi
{
    /// <summary>The largest document a write takes, as JSON: 8 MB, about a hundred times the largest map a team draws.</summary>
    public const long MaxDocumentBytes = 8 * 1024 * 1024;

    public static RouteGroupBuilder MapDocuments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/documents").WithTags("Documents");
        group.MapGet("/", List).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapGet("/{kind}/{id}", Get).Produces<object>(contentType: "application/json").AllowShareLinkRead();
        group.MapPut("/{kind}/{id}", Put).RequireWorkspaceRole(WorkspaceRole.Editor).WithMetadata(new RequestSizeLimitMetadata(MaxDocumentBytes));
        group.MapDelete("/{kind}/{id}", Delete).RequireWorkspaceRole(WorkspaceRole.Editor);
        group.MapGet("/{kind}/{id}/history", History).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapGet("/deleted", Deleted).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapPost("/{kind}/{id}/undelete", Undelete).RequireWorkspaceRole(WorkspaceRole.Editor);
        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<DocumentEntry>>, ProblemHttpResult>> List(string workspace, WorkspaceRepositories workspaces, CancellationToken cancellationToken)
    {
        var repository = await workspaces.OpenAsync(workspace, cancellationToken);
        return repository is null ? NoWorkspace(workspace) : TypedResults.Ok(await repository.ListAsync(cancellationToken));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Get(string workspace, string kind, string id, WayfinderDbContext db, TimeProvider clock, DocumentJsonCache json, HttpResponse response, CancellationToken cancellationToken)
    {
        // One query, not two: a workspace that is none has no documents, and both answer the same 404 (the hot read path).
        var stored = DocumentYaml.ParseKind(kind) is { } documentKind
            ? await new EfDocumentRepository(db, workspace, clock).ReadAsync(documentKind, id, cancellationToken)
            : null;
        if (stored is null)
        {
            return NotFound(workspace, kind, id);
        }

        response.Headers.ETag = ETags.Of(stored.Revision);
        return TypedResults.Bytes(json.Get(workspace, stored), "application/json; charset=utf-8");
    }

    private static async Task<Results<JsonHttpResult<object>, ProblemHttpResult>> Put(string workspace, string kind, string id, string? message, HttpRequest request, WorkspaceRepositories workspaces, SaveCheckService checks, IWorkspaceEvents events, CancellationToken cancellationToken)
    {
        if (await Open(workspace, kind, workspaces, cancellationToken) is not ({ } repository, { } documentKind))
        {
            return NotFound(workspace, kind, id);
        }

        if (!ETags.TryParseIfMatch(request.Headers.IfMatch, out var expected))
        {
            return BadIfMatch();
        }

        IDocument? document;
        try
        {
            if (await RequestBodies.ReadAtMostAsync(request, MaxDocumentBytes, cancellationToken) is not { } body)
            {
                return TooLarge();
            }

            document = JsonSerializer.Deserialize(body, DocumentYaml.TypeOf(documentKind), DocumentJson.Options) as IDocument;
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a document", detail: e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }

        if (document is null || document.Id != id)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not this document",
                detail: $"the body's id is \"{document?.Id}\"; the address names \"{id}\"");
        }

        if (expected is null && await repository.ReadAsync(documentKind, id, cancellationToken) is { } current)
        {
            // An update must say which revision it was made on; only a create may leave If-Match out.
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required to change a document",
                detail: $"{kind}/{id} exists at revision {current.Revision}; send its ETag in If-Match",
                extensions: new Dictionary<string, object?> { ["stored_revision"] = current.Revision });
        }

        var check = await checks.CheckAsync(repository, document, cancellationToken);
        if (!check.Allowed)
        {
            return Invalid(kind, id, check);
        }

        var saved = await repository.SaveAsync(document, expected, new SaveInfo(request.HttpContext.User.Identity?.Name, message), cancellationToken);
        if (!saved.Succeeded)
        {
            return Refused(saved);
        }

        request.HttpContext.Response.Headers.ETag = ETags.Of(saved.Document!.Revision);
        await events.PublishAsync(new WorkspaceEvent(workspace, WorkspaceEventTypes.Saved, request.HttpContext.User.Identity?.Name, kind, id, saved.Document.Revision), cancellationToken);
        if (expected is null)
        {
            request.HttpContext.Response.Headers.Location = $"/api/v1/workspaces/{workspace}/documents/{kind}/{id}";
        }

        return TypedResults.Json<object>(DocumentYaml.Read(saved.Document.Text, DocumentYaml.TypeOf(documentKind))!, DocumentJson.Options,
            statusCode: expected is null ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string workspace, string kind, string id, string? message, HttpRequest request, WorkspaceRepositories workspaces, IWorkspaceEvents events, CancellationToken cancellationToken)
    {
        if (await Open(workspace, kind, workspaces, cancellationToken) is not ({ } repository, { } documentKind))
        {
            return NotFound(workspace, kind, id);
        }

        if (!ETags.TryParseIfMatch(request.Headers.IfMatch, out var expected))
        {
            return BadIfMatch();
        }

        if (expected is not { } revision)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required to delete a document",
                detail: $"send the ETag of {kind}/{id} in If-Match");
        }

        var (stored, _) = await repository.LoadAsync(cancellationToken);
        if (stored.Find(documentKind, id) is not null && DocumentReferences.UsedBy(stored, documentKind, id) is { Count: > 0 } usedBy)
        {
            return StillNamed(kind, id, stored, documentKind, usedBy);
        }

        var deleted = await repository.DeleteAsync(documentKind, id, revision, new SaveInfo(request.HttpContext.User.Identity?.Name, message), cancellationToken);
        if (deleted.Outcome == SaveOutcome.Deleted)
        {
            await events.PublishAsync(new WorkspaceEvent(workspace, WorkspaceEventTypes.Deleted, request.HttpContext.User.Identity?.Name, kind, id), cancellationToken);
            await request.HttpContext.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(workspace, AuditActions.DocumentDeleted, $"{kind}/{id}", message, cancellationToken: cancellationToken);
        }

        return deleted.Outcome switch
        {
            SaveOutcome.Deleted => TypedResults.NoContent(),
            SaveOutcome.NotFound => NotFound(workspace, kind, id),
            _ => Refused(deleted),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<RevisionInfo>>, ProblemHttpResult>> History(string workspace, string kind, string id, WorkspaceRepositories workspaces, CancellationToken cancellationToken)
    {
        if (await Open(workspace, kind, workspaces, cancellationToken) is not ({ } repository, { } documentKind))
        {
            return NotFound(workspace, kind, id);
        }

        var history = await repository.HistoryAsync(documentKind, id, cancellationToken);
        return history.Count == 0 ? NotFound(workspace, kind, id) : TypedResults.Ok(history);
    }

    private static async Task<Ok<IReadOnlyList<DeletedDocument>>> Deleted(string workspace, DeletedDocuments deleted, CancellationToken cancellationToken) =>
        TypedResults.Ok(await deleted.ListAsync(workspace, cancellationToken));

    private static async Task<Results<JsonHttpResult<object>, ProblemHttpResult>> Undelete(string workspace, string kind, string id, HttpRequest request, DeletedDocuments deleted, CancellationToken cancellationToken)
    {
        if (DocumentYaml.ParseKind(kind) is not { } documentKind)
        {
            return NotFound(workspace, kind, id);
        }

        var result = await deleted.RestoreAsync(workspace, documentKind, id, request.HttpContext.User.Identity?.Name, cancellationToken);
        if (result.Check is { Allowed: false } check)
        {
            return Invalid(kind, id, check);
        }

        if (result.Restored is not { } restored)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not brought back", detail: result.Problem);
        }

        request.HttpContext.Response.Headers.ETag = ETags.Of(restored.Revision);
        return TypedResults.Json<object>(DocumentYaml.Read(restored.Text, DocumentYaml.TypeOf(documentKind)), DocumentJson.Options);
    }

    private static async Task<(EfDocumentRepository? Repository, DocumentKind? Kind)> Open(string workspace, string kind, WorkspaceRepositories workspaces, CancellationToken cancellationToken) =>
        DocumentYaml.ParseKind(kind) is { } documentKind ? (await workspaces.OpenAsync(workspace, cancellationToken), documentKind) : (null, null);

    /// <summary>A refused write: 412 naming the stored revision and who saved it.</summary>
    private static ProblemHttpResult Refused(SaveResult result) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The document changed since it was read", detail: result.Message,
            extensions: new Dictionary<string, object?>
            {
                ["expected_revision"] = result.ExpectedRevision,
                ["stored_revision"] = result.ActualRevision,
                ["saved_by"] = result.SavedInBetween?.Author,
                ["saved_at"] = result.SavedInBetween?.Time,
            });

    /// <summary>A delete refused while other documents name the document: 409 listing them (kind, id, title, file).</summary>
    private static ProblemHttpResult StillNamed(string kind, string id, Core.Workspaces.Workspace workspace, DocumentKind documentKind, IReadOnlyList<DocumentReference> usedBy) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The document is still named by others",
            detail: $"{kind}/{id} was not deleted: {DocumentReferences.DeleteRefusal(workspace, documentKind, id)}",
            extensions: new Dictionary<string, object?>
            {
                ["used_by"] = usedBy.Select(r => new Dictionary<string, object?>
                {
                    ["kind"] = PushApi.KindName(r.Kind),
                    ["id"] = r.Id,
                    ["title"] = r.Title,
                    ["file"] = r.File,
                }).ToList(),
            });

    /// <summary>A save refused by validation: 422 listing each error in the document (path, message, code, line).</summary>
    private static ProblemHttpResult Invalid(string kind, string id, SaveCheck check) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The document has errors",
            detail: check.Errors.All(e => e.File == check.File)
                ? $"{kind}/{id} was not saved: {check.Errors.Count} error(s) in {check.File}"
                : $"{kind}/{id} was not saved: {check.Errors.Count} error(s), in {string.Join(", ", check.Errors.Select(e => e.File).Distinct())} (a document that names it would become invalid)",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = check.Errors.Select(e => new Dictionary<string, object?>
                {
                    ["path"] = e.Path,
                    ["message"] = e.Message,
                    ["code"] = e.Code,
                    ["file"] = e.File,
                    ["line"] = e.Line,
                    ["column"] = e.Column,
                }).ToList(),
            });

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The document is too large",
            detail: $"a document may be at most {MaxDocumentBytes / (1024 * 1024)} MB ({MaxDocumentBytes} bytes) of JSON; split the map into sub-journeys or shorten its texts");

    private static ProblemHttpResult BadIfMatch() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "If-Match must name one revision",
            detail: "send the document's ETag as it was given, a quoted revision number such as \"3\"");

    private static ProblemHttpResult NoWorkspace(string workspace) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such workspace", detail: $"there is no workspace \"{workspace}\"");

    private static ProblemHttpResult NotFound(string workspace, string kind, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such document", detail: $"there is no {kind} \"{id}\" in workspace \"{workspace}\"");
}

/// <summary>A document's revision as an entity tag: the number, quoted.</summary>
internal static class ETags
{
    public static string Of(int revision) => "\"" + revision.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The revision an <c>If-Match</c> names (null when there is none); false when it names none readable.</summary>
    public static bool TryParseIfMatch(Microsoft.Extensions.Primitives.StringValues header, out int? revision)
    {
        revision = null;
        if (header.Count == 0)
        {
            return true;
        }

        var value = header.Count == 1 ? header[0]?.Trim() : null;
        if (value is { Length: > 2 } && value[0] == '"' && value[^1] == '"'
            && int.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            revision = parsed;
            return true;
        }

        return false;
    }
}

/// <summary>An endpoint's own request body limit (Kestrel's default is 30 MB for every request).</summary>
internal sealed class RequestSizeLimitMetadata(long bytes) : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => bytes;
}

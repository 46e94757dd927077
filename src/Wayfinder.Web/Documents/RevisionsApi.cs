namespace Wayfinder.Web.Documents;

using Microsoft.AspNetCore.Http.HttpResults;
using Wayfinder.App.Documents;
using Wayfinder.App.History;
using Wayfinder.App.Validation;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Web.Access;
using Wayfinder.Web.Live;
using Wayfinder.Web.Workspaces;
using YamlDotNet.Core;

/// <summary>The difference between two revisions of a document, per element and as a unified text diff of the YAML.</summary>
/// <param name="Kind">The document's kind as in the routes.</param>
/// <param name="Id">The document's id.</param>
/// <param name="From">The older revision.</param>
/// <param name="To">The newer revision.</param>
/// <param name="Document">The document's own fields that differ.</param>
/// <param name="Elements">Each element added, removed, moved or changed.</param>
/// <param name="TextDiff">The unified diff of the two texts; empty when they are the same.</param>
public sealed record RevisionDiff(string Kind, string Id, int From, int To, IReadOnlyList<FieldChange> Document, IReadOnlyList<ElementChange> Elements, string TextDiff);

/// <summary>What a restore came to: saved (or refused as changed in between), refused by the checks, or no such revision.</summary>
/// <param name="Saved">The save, when the checks allowed it.</param>
/// <param name="Check">The save checks' verdict, when the revision was read.</param>
/// <param name="ReadProblem">No such revision, or a text that does not parse.</param>
public sealed record RestoreResult(SaveResult? Saved, SaveCheck? Check, ProblemHttpResult? ReadProblem);

/// <summary>
/// A document's past: <c>…/{kind}/{id}/revisions/{revision}</c> (the document as that revision stored it),
/// <c>…/{kind}/{id}/diff?from=&amp;to=</c> and <c>…/{kind}/{id}/restore?revision=</c> (a new revision with an old one's text).
/// </summary>
public static class RevisionsApi
{
    public static RouteGroupBuilder MapRevisions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/documents/{kind}/{id}").WithTags("Revisions");
        group.MapGet("/revisions/{revision:int}", GetRevision).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapGet("/diff", Diff).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapPost("/restore", Restore).RequireWorkspaceRole(WorkspaceRole.Editor);
        return group;
    }

    private static async Task<Results<JsonHttpResult<object>, ProblemHttpResult>> GetRevision(string workspace, string kind, string id, int revision, WorkspaceRepositories workspaces, CancellationToken cancellationToken)
    {
        if (await Open(workspace, kind, workspaces, cancellationToken) is not ({ } repository, { } documentKind))
        {
            return NoDocument(workspace, kind, id);
        }

        return await ReadAsync(repository, documentKind, kind, id, revision, cancellationToken) switch
        {
            (_, { } document, _) => TypedResults.Json<object>(document, DocumentJson.Options),
            (_, _, var problem) => problem!,
        };
    }

    private static async Task<Results<Ok<RevisionDiff>, ProblemHttpResult>> Diff(string workspace, string kind, string id, int? from, int? to, WorkspaceRepositories workspaces, CancellationToken cancellationToken)
    {
        if (await Open(workspace, kind, workspaces, cancellationToken) is not ({ } repository, { } documentKind)
            || await repository.ReadAsync(documentKind, id, cancellationToken) is not { } current)
        {
            return NoDocument(workspace, kind, id);
        }

        if (from is not { } older)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Which revision to compare from?",
                detail: $"name the older revision in ?from= (and the newer in ?to=, the current revision {current.Revision} when left out)");
        }

        var (olderStored, olderDocument, olderProblem) = await ReadAsync(repository, documentKind, kind, id, older, cancellationToken);
        var (newerStored, newerDocument, newerProblem) = to is { } newer
            ? await ReadAsync(repository, documentKind, kind, id, newer, cancellationToken)
            : (current, Parse(current.Text, documentKind), null);
        if ((olderProblem ?? newerProblem) is { } problem)
        {
            return problem;
        }

        if (olderDocument is null || newerDocument is null)
        {
            return NoText(kind, id, olderDocument is null ? older : newerStored!.Revision);
        }

        var changes = DocumentDiff.Compare(olderDocument, newerDocument);
        var text = DocumentDiff.Text(olderStored!.Text, newerStored!.Text, $"{olderStored.File}@{olderStored.Revision}", $"{newerStored.File}@{newerStored.Revision}");
        return TypedResults.Ok(new RevisionDiff(kind, id, older, newerStored.Revision, changes.Document, changes.Elements, text));
    }

    private static async Task<Results<JsonHttpResult<object>, ProblemHttpResult>> Restore(string workspace, string kind, string id, int? revision, HttpRequest request, WorkspaceRepositories workspaces, SaveCheckService checks, IWorkspaceEvents events, CancellationToken cancellationToken)
    {
        if (await Open(workspace, kind, workspaces, cancellationToken) is not ({ } repository, { } documentKind)
            || await repository.ReadAsync(documentKind, id, cancellationToken) is not { } current)
        {
            return NoDocument(workspace, kind, id);
        }

        if (revision is not { } wanted)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Which revision to restore?", detail: "name it in ?revision=");
        }

        if (!ETags.TryParseIfMatch(request.Headers.IfMatch, out var expected))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "If-Match must name one revision",
                detail: "send the document's ETag as it was given, a quoted revision number such as \"3\"");
        }

        if (expected is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required to restore a revision",
                detail: $"{kind}/{id} is at revision {current.Revision}; send its ETag in If-Match",
                extensions: new Dictionary<string, object?> { ["stored_revision"] = current.Revision });
        }

        var author = request.HttpContext.User.Identity?.Name;
        var restored = await RestoreAsync(repository, documentKind, workspace, id, wanted, expected.Value, author, checks, events, cancellationToken);
        if (restored.ReadProblem is { } problem)
        {
            return problem;
        }

        if (restored.Check is { Allowed: false } check)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The revision has errors today",
                detail: $"revision {wanted} of {kind}/{id} was not restored: {check.Errors.Count} error(s) in {check.File}",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = check.Errors.Select(e => new Dictionary<string, object?> { ["path"] = e.Path, ["message"] = e.Message, ["code"] = e.Code, ["line"] = e.Line, ["column"] = e.Column }).ToList(),
                });
        }

        var saved = restored.Saved!;
        if (!saved.Succeeded)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The document changed since it was read", detail: saved.Message,
                extensions: new Dictionary<string, object?>
                {
                    ["expected_revision"] = saved.ExpectedRevision,
                    ["stored_revision"] = saved.ActualRevision,
                    ["saved_by"] = saved.SavedInBetween?.Author,
                    ["saved_at"] = saved.SavedInBetween?.Time,
                });
        }

        request.HttpContext.Response.Headers.ETag = ETags.Of(saved.Document!.Revision);
        return TypedResults.Json<object>(Parse(saved.Document.Text, documentKind)!, DocumentJson.Options);
    }

    /// <summary>
    /// Saves revision <paramref name="wanted"/>'s text as a new revision on top of <paramref name="expected"/> (refused when the
    /// document moved on since), after the save checks, with the <c>restored</c> event: the API's restore and the history page's.
    /// </summary>
    public static async Task<RestoreResult> RestoreAsync(EfDocumentRepository repository, DocumentKind documentKind, string workspace, string id, int wanted, int expected, string? author, SaveCheckService checks, IWorkspaceEvents events, CancellationToken cancellationToken)
    {
        var kind = PageDocuments.RouteKind(documentKind);
        var (_, old, problem) = await ReadAsync(repository, documentKind, kind, id, wanted, cancellationToken);
        if (old is null)
        {
            return new RestoreResult(null, null, problem);
        }

        var check = await checks.CheckAsync(repository, old, cancellationToken);
        if (!check.Allowed)
        {
            return new RestoreResult(null, check, null);
        }

        var saved = await repository.SaveAsync(old, expected, new SaveInfo(author, $"restored revision {wanted}"), cancellationToken);
        if (saved.Succeeded)
        {
            await events.PublishAsync(new WorkspaceEvent(workspace, WorkspaceEventTypes.Restored, author, kind, id, saved.Document!.Revision, $"revision {wanted}"), cancellationToken);
        }

        return new RestoreResult(saved, check, null);
    }

    /// <summary>A revision's stored text and document, or the problem: no such revision (404), or a text that does not parse (422).</summary>
    private static async Task<(StoredDocument? Stored, IDocument? Document, ProblemHttpResult? Problem)> ReadAsync(EfDocumentRepository repository, DocumentKind documentKind, string kind, string id, int revision, CancellationToken cancellationToken)
    {
        if (await repository.ReadRevisionAsync(documentKind, id, revision, cancellationToken) is not { } stored)
        {
            return (null, null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such revision",
                detail: $"{kind}/{id} has no revision {revision}; its history lists the revisions it has"));
        }

        return Parse(stored.Text, documentKind) is { } document ? (stored, document, null) : (stored, null, NoText(kind, id, revision));
    }

    /// <summary>A stored text as a document of <paramref name="kind"/>; null when it does not parse.</summary>
    internal static IDocument? Parse(string text, DocumentKind kind)
    {
        try
        {
            return DocumentYaml.Read(text, DocumentYaml.TypeOf(kind)) as IDocument;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    private static async Task<(EfDocumentRepository? Repository, DocumentKind? Kind)> Open(string workspace, string kind, WorkspaceRepositories workspaces, CancellationToken cancellationToken) =>
        DocumentYaml.ParseKind(kind) is { } documentKind ? (await workspaces.OpenAsync(workspace, cancellationToken), documentKind) : (null, null);

    private static ProblemHttpResult NoText(string kind, string id, int revision) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The revision does not parse",
            detail: $"revision {revision} of {kind}/{id} is not a readable {kind}; compare or restore another revision");

    private static ProblemHttpResult NoDocument(string workspace, string kind, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such document", detail: $"there is no {kind} \"{id}\" in workspace \"{workspace}\"");
}

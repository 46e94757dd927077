namespace Wayfinder.Web.Evidence;

using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Wayfinder.App.Rendering;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Web.Access;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>
/// <c>/api/v1/workspaces/{workspace}/documents/{kind}/{id}/render.{format}</c>: a document as a download in every format
/// <c>wayfinder render</c> writes (<see cref="RenderFormats"/>) and as its YAML; a journey's map and report carry the
/// data overlays once evidence is imported. The entity tag follows the document, the workspace and its evidence.
/// </summary>
public static class RendersApi
{
    /// <summary>The stored text of a document, beside <see cref="RenderFormats.Names"/>.</summary>
    public const string Yaml = "yaml";

    public static RouteGroupBuilder MapRenders(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}/documents").WithTags("Renders");
        group.MapGet("/{kind}/{id}/render.{format}", Render).AllowShareLinkRead();
        return group;
    }

    private static async Task<IResult> Render(string workspace, string kind, string id, string format, HttpContext http, WayfinderDbContext db, EvidenceWorkspaces evidence, WorkspaceRepositories workspaces, AnalysisCache cache, RenderCache renders, CancellationToken cancellationToken)
    {
        var documentKind = DocumentYaml.ParseKind(kind);
        if (documentKind is null || await EvidenceApi.OpenAsync(workspace, evidence, workspaces, cancellationToken) is not { } stores
            || await stores.Documents.ReadAsync(documentKind.Value, id, cancellationToken) is not { Text.Length: > 0 } stored)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such document", detail: $"there is no {kind} \"{id}\" in workspace \"{workspace}\"");
        }

        RenderFormat? renderFormat = RenderFormats.TryParse(format, out var parsed) ? parsed : null;
        var isYaml = format is Yaml or "yml";
        if (!isYaml && (renderFormat is null || !RenderFormats.Supports(documentKind.Value, renderFormat.Value)))
        {
            var formats = RenderFormats.SupportedBy(documentKind.Value).Select(RenderFormats.Extension).Append(Yaml);
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such rendering",
                detail: $"{kind} \"{id}\" renders to {string.Join(", ", formats)}, not \"{format}\"");
        }

        var stamp = await evidence.StampAsync(db, workspace, cache.Today, cancellationToken);
        var tag = new EntityTagHeaderValue($"\"{stored.Revision}-{EvidenceWorkspaces.Hash(string.Join('|', workspace, kind, id, format, stamp))}\"");
        if (Renders.Matches(http.Request, tag))
        {
            return Renders.NotModified(http, tag);
        }

        if (isYaml)
        {
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.File(Encoding.UTF8.GetBytes(stored.Text), "application/yaml; charset=utf-8", Renders.SafeName(id) + ".yaml", entityTag: tag);
        }

        if (renders.TryGet(tag.Tag.Value!, out var kept))
        {
            return Renders.File(http, kept, renderFormat!.Value, $"{Renders.SafeName(id)}.{RenderFormats.Extension(renderFormat.Value)}", tag);
        }

        var (loaded, _) = await stores.Documents.LoadAsync(cancellationToken);
        IDocument? document = documentKind.Value switch
        {
            DocumentKind.Journey => loaded.FindJourney(id),
            DocumentKind.Persona => loaded.FindPersona(id),
            DocumentKind.ValueGap => loaded.FindValueGap(id),
            _ => null,
        };
        if (document is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The document cannot be rendered",
                detail: $"{kind} \"{id}\" does not read as a {kind}; fix it (GET .../documents/{kind}/{id}/render.yaml shows its text)");
        }

        var target = renderFormat!.Value;
        var report = document is Journey && JourneyRenders.DrawsData(target)
            ? (await JourneyRenders.DataAsync(db, stores, cache, workspace, id, new AnalysisRequest(), cancellationToken)).Report
            : null;
        var bytes = JourneyRenders.Render(document, target, loaded, report, cache.Today);
        renders.Set(tag.Tag.Value!, bytes);
        return Renders.File(http, bytes, target, $"{Renders.SafeName(id)}.{RenderFormats.Extension(target)}", tag);
    }
}

/// <summary>Downloads with their entity tags: the media type, a safe file name, 304 on a matching <c>If-None-Match</c>.</summary>
internal static class Renders
{
    /// <summary>True when the request's <c>If-None-Match</c> names <paramref name="tag"/> (or <c>*</c>).</summary>
    public static bool Matches(HttpRequest request, EntityTagHeaderValue tag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false));

    public static IResult NotModified(HttpContext http, EntityTagHeaderValue tag)
    {
        http.Response.Headers.ETag = tag.ToString();
        return TypedResults.StatusCode(StatusCodes.Status304NotModified);
    }

    public static FileContentHttpResult File(HttpContext http, byte[] bytes, RenderFormat format, string fileName, EntityTagHeaderValue tag)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (format is RenderFormat.Svg or RenderFormat.Html)
        {
            // Opened in a browser tab, a map or report runs no script and loads nothing from elsewhere.
            http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";
        }

        var mediaType = RenderFormats.MediaType(format) + (RenderFormats.IsText(format) ? "; charset=utf-8" : "");
        return TypedResults.File(bytes, mediaType, fileName, entityTag: tag);
    }

    /// <summary>A file name of only letters, digits, dashes, dots and underscores (an id is one already; this keeps it so).</summary>
    public static string SafeName(string id)
    {
        var name = new string([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]).Trim('.');
        return name.Length == 0 ? "document" : name;
    }
}

namespace Wayfinder.Web.Workspaces;

using Microsoft.AspNetCore.Http.HttpResults;
using Wayfinder.Core.Validation;
using Wayfinder.Web.Access;

/// <summary>A problem of new settings, as the API lists them (line and column in the file when known).</summary>
public sealed record SettingsProblem(string File, int Line, int Column, string Path, string Code, string Message);

/// <summary>
/// <c>GET /api/v1/workspaces/{workspace}/settings</c>: the workspace's <c>wayfinder.yaml</c> as text, its version in the
/// ETag; <c>PUT</c> (owners) with the new text and <c>If-Match</c>: saved when it reads, keeps every valid document
/// valid and the settings are still at that version (<see cref="WorkspaceSettings"/>).
/// </summary>
public static class WorkspaceSettingsApi
{
    /// <summary>The largest settings text taken, in bytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapWorkspaceSettings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/workspaces/{workspace}").WithTags("Workspaces");
        group.MapGet("/settings", Get).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapPut("/settings", Put).RequireWorkspaceRole(WorkspaceRole.Owner);
        return app;
    }

    /// <summary>The ETag of a settings version.</summary>
    public static string ETag(string version) => $"\"{version}\"";

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Get(string workspace, HttpResponse response, WorkspaceSettings settings, CancellationToken cancellationToken)
    {
        if (await settings.ReadAsync(workspace, cancellationToken) is not { } text)
        {
            return NoSuchWorkspace(workspace);
        }

        response.Headers.ETag = ETag(WorkspaceSettings.Version(text));
        return TypedResults.Text(text, "application/yaml; charset=utf-8");
    }

    private static async Task<IResult> Put(string workspace, HttpRequest request, WorkspaceSettings settings, CancellationToken cancellationToken)
    {
        var ifMatch = request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required to change the settings",
                detail: "send the ETag of GET …/settings in If-Match");
        }

        if (request.ContentLength > MaxBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The settings are too large", detail: $"send at most {MaxBytes} bytes");
        }

        string text;
        using (var reader = new StreamReader(request.Body, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true)))
        {
            try
            {
                text = await reader.ReadToEndAsync(cancellationToken);
            }
            catch (System.Text.DecoderFallbackException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The settings are not UTF-8 text", detail: "send wayfinder.yaml as UTF-8");
            }
        }

        var version = ifMatch.StartsWith("W/", StringComparison.Ordinal) ? ifMatch[2..] : ifMatch;
        var result = await settings.SaveAsync(workspace, text, version.Trim('"'), request.HttpContext.User.Identity?.Name, cancellationToken);
        switch (result.Outcome)
        {
            case SettingsOutcome.Saved:
                request.HttpContext.Response.Headers.ETag = ETag(result.Version!);
                return TypedResults.Text(result.Current!, "application/yaml; charset=utf-8");
            case SettingsOutcome.NotFound:
                return NoSuchWorkspace(workspace);
            case SettingsOutcome.Conflict:
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The settings changed since you read them",
                    detail: $"they are at {ETag(result.Version!)} now; read them again, make your change on them and send that");
            default:
                return TypedResults.Json(new
                {
                    title = "The settings were not saved",
                    detail = $"{result.Problems.Count} problem(s): fix them and send again",
                    problems = result.Problems.Select(Problem).ToList(),
                }, statusCode: StatusCodes.Status422UnprocessableEntity, contentType: "application/problem+json");
        }
    }

    private static SettingsProblem Problem(Diagnostic d) => new(d.File, d.Line, d.Column, d.Path, d.Code, d.Message);

    private static ProblemHttpResult NoSuchWorkspace(string workspace) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such workspace", detail: $"there is no workspace \"{workspace}\"");
}

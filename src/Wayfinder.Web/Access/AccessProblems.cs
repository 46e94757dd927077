namespace Wayfinder.Web.Access;

using Microsoft.AspNetCore.Http.HttpResults;

/// <summary>The problem details the access layer answers with; one place so the wording stays the same everywhere.</summary>
internal static class AccessProblems
{
    public const string NoSuchWorkspaceTitle = "No such workspace";

    public static ProblemHttpResult NotSignedIn(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in first", detail: detail);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: detail);

    /// <summary>The same answer for a workspace that does not exist and one the caller may not see, so neither leaks.</summary>
    public static ProblemHttpResult NoWorkspace(string workspace) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: NoSuchWorkspaceTitle, detail: $"there is no workspace \"{workspace}\" that you can see");

    public static ProblemHttpResult BadRequest(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);
}

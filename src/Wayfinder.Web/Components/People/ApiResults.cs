namespace Wayfinder.Web.Components.People;

using Microsoft.AspNetCore.Http.HttpResults;

/// <summary>
/// Reads what an API handler answered, for the pages that call the handlers in-process (so a page and the API share one
/// set of rules): the value of a success, or the problem in plain words.
/// </summary>
public static class ApiResults
{
    /// <summary>The value of <paramref name="result"/> (an <c>Ok</c> or <c>Created</c>, nested in <c>Results</c> or not); default otherwise.</summary>
    public static T? ValueOf<T>(IResult result) => Unwrap(result) is IValueHttpResult<T> value ? value.Value : default;

    /// <summary>
    /// The problem <paramref name="result"/> states, as a sentence or two ("Title. Detail."); null on success. A title the
    /// page already says (<paramref name="obviousTitle"/>, e.g. "Sign in first" on the sign-in page) is left out.
    /// </summary>
    public static string? ProblemOf(IResult result, string? obviousTitle = null) =>
        Unwrap(result) is ProblemHttpResult { ProblemDetails: var details }
            ? Sentence(details.Title == obviousTitle ? null : details.Title, details.Detail)
            : null;

    /// <summary>A value the problem carries in its extensions (e.g. <c>two_factor_required</c>).</summary>
    public static bool Flag(IResult result, string key) =>
        Unwrap(result) is ProblemHttpResult problem && problem.ProblemDetails.Extensions.TryGetValue(key, out var value) && value is true;

    /// <summary>"Title. Detail." with the detail's first letter raised and a full stop added when missing.</summary>
    public static string Sentence(string? title, string? detail)
    {
        var parts = new[] { title, detail }.Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => char.ToUpperInvariant(p![0]) + p[1..].TrimEnd())
            .Select(p => p.EndsWith('.') ? p : p + ".");
        return string.Join(" ", parts);
    }

    private static IResult Unwrap(IResult result) => result is INestedHttpResult nested ? Unwrap(nested.Result) : result;
}

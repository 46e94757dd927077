namespace Wayfinder.Web.Components.Account;

/// <summary>Where to go after signing in: only a path of this site, so a link cannot send a person elsewhere.</summary>
public static class ReturnUrls
{
    /// <summary><paramref name="returnUrl"/> when it is a local path (<c>/w/demo</c>), otherwise <c>/</c>.</summary>
    public static string Local(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            && !url.Any(char.IsControl) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/";
}

namespace Wayfinder.Web.Components.People;

using System.Globalization;
using Wayfinder.Web.Access;

/// <summary>Dates, expiries and audit actions as the people pages show them.</summary>
public static class PeopleFormat
{
    /// <summary>A day as people read it: <c>3 Dec 2026</c> (UTC).</summary>
    public static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A moment: <c>3 Dec 2026, 14:05 UTC</c>.</summary>
    public static string Moment(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>An expiry: <c>never</c>, or its day.</summary>
    public static string Expiry(DateTimeOffset? time) => time is { } t ? Day(t) : "never";

    /// <summary>An audit action in words: <c>role_changed</c> → <c>role changed</c>.</summary>
    public static string Action(string action) => action switch
    {
        AuditActions.SignedIn => "signed in",
        AuditActions.SignInFailed => "sign-in failed",
        AuditActions.SetupDone => "set up the server",
        _ => action.Replace('_', ' '),
    };
}

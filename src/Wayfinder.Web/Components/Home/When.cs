namespace Wayfinder.Web.Components.Home;

using System.Globalization;

/// <summary>Times in plain words: "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date.</summary>
public static class When
{
    public static string Ago(DateTimeOffset time, DateTimeOffset now)
    {
        var age = now - time;
        return age.TotalMinutes switch
        {
            < 1 => "just now",
            < 60 => $"{(int)age.TotalMinutes} min ago",
            < 60 * 24 => $"{(int)age.TotalHours} h ago",
            < 60 * 48 => "yesterday",
            < 60 * 24 * 7 => $"{(int)age.TotalDays} days ago",
            _ => Date(time),
        };
    }

    /// <summary>The exact time, for a tooltip: 2026-12-03 11:35 UTC.</summary>
    public static string Exact(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}

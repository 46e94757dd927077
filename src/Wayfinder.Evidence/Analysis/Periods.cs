namespace Wayfinder.Evidence.Analysis;

using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>Calendar periods in UTC: a year (2026), a quarter (2026-Q3) or a month (2026-07).</summary>
public static partial class Periods
{
    /// <summary>The half-open range [from, to) in µs of a period, or null with a reason.</summary>
    public static (long From, long To)? Parse(string text, out string? problem)
    {
        problem = null;
        var match = PeriodPattern().Match(text.Trim());
        if (!match.Success)
        {
            problem = $"'{text}' is not a period; write a year (2026), a quarter (2026-Q3) or a month (2026-07)";
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        DateTime start, end;
        if (match.Groups["quarter"].Success)
        {
            var quarter = int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture);
            start = new DateTime(year, ((quarter - 1) * 3) + 1, 1, 0, 0, 0, DateTimeKind.Utc);
            end = start.AddMonths(3);
        }
        else if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12)
            {
                problem = $"'{text}': a month runs from 01 to 12";
                return null;
            }

            start = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
            end = start.AddMonths(1);
        }
        else
        {
            start = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            end = start.AddYears(1);
        }

        return (Micros(start), Micros(end));
    }

    /// <summary>The months or quarters that the range [from, to] touches, in order.</summary>
    public static IReadOnlyList<string> Covering(long fromMicros, long toMicros, string grain)
    {
        var result = new List<string>();
        if (toMicros < fromMicros)
        {
            return result;
        }

        var from = DateTime.UnixEpoch.AddTicks(fromMicros * 10);
        var to = DateTime.UnixEpoch.AddTicks(toMicros * 10);
        var step = grain == "quarter" ? 3 : 1;
        var cursor = new DateTime(from.Year, grain == "quarter" ? (((from.Month - 1) / 3) * 3) + 1 : from.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        while (cursor <= to)
        {
            result.Add(grain == "quarter"
                ? $"{cursor.Year}-Q{((cursor.Month - 1) / 3) + 1}"
                : cursor.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            cursor = cursor.AddMonths(step);
        }

        return result;
    }

    /// <summary>
    /// Marks the trend points of periods the data does not cover to their last day (UTC) as running: a period whose last
    /// day starts after <paramref name="dataEndMicros"/> (the last event) is still running and its numbers are partial.
    /// </summary>
    public static IReadOnlyList<Core.Metrics.TrendPoint> MarkRunning(IReadOnlyList<Core.Metrics.TrendPoint> trend, long dataEndMicros) =>
    [
        .. trend.Select(t => Parse(t.Period, out _) is { } range && range.To - (86_400L * 1_000_000) > dataEndMicros ? t with { Running = true } : t),
    ];

    private static long Micros(DateTime utc) => (utc.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    [GeneratedRegex(@"^(?<year>\d{4})(?:-(?:[Qq](?<quarter>[1-4])|(?<month>\d{2})))?$")]
    private static partial Regex PeriodPattern();
}

namespace Wayfinder.Core.Workspaces;

using System.Globalization;

/// <summary>
/// How times in a data file are read, defined once for the validator and the importers. Without a setting a time is
/// ISO 8601 (<see cref="IsoExample"/>, with or without an offset, fractional seconds or a time) or an epoch number; a
/// day-first or month-first date such as 01/03/2026 is never guessed: the data source's mapping names its format
/// (<see cref="MappingKey"/>) in .NET's custom date format letters.
/// </summary>
public static class TimestampFormats
{
    /// <summary>The mapping key that names the format of a file's times, e.g. <c>timestamp_format: dd/MM/yyyy HH:mm</c>.</summary>
    public const string MappingKey = "timestamp_format";

    /// <summary>The mapping key that names the unit of epoch numbers (one of <see cref="Units"/>).</summary>
    public const string UnitKey = "timestamp_unit";

    /// <summary>An ISO 8601 time as the messages show it.</summary>
    public const string IsoExample = "2026-03-01T14:05:00Z";

    /// <summary>The same moment in epoch seconds.</summary>
    public const string EpochExample = "1772373900";

    /// <summary>A format as the messages suggest it.</summary>
    public const string FormatExample = "dd/MM/yyyy HH:mm";

    /// <summary>Units of epoch numbers: seconds, milliseconds, microseconds (us or µs) and nanoseconds.</summary>
    public static IReadOnlyList<string> Units { get; } = ["s", "ms", "us", "µs", "ns"];

    /// <summary>The moment examples are written at: 1 March 2026, 14:05:09.123 UTC (a day and month that cannot be confused).</summary>
    private static readonly DateTimeOffset s_sample = new(2026, 3, 1, 14, 5, 9, 123, TimeSpan.Zero);

    /// <summary>The text every bad time's message ends with when no format is set: what is read, with examples.</summary>
    public static string Expected =>
        $"write ISO 8601 ({IsoExample}, 2026-03-01 14:05:00+01:00 or 2026-03-01) or epoch seconds ({EpochExample}), or name the file's format in the data source's mapping in wayfinder.yaml (e.g. {MappingKey}: \"{FormatExample}\")";

    /// <summary>Why <paramref name="format"/> cannot read times (null when it can): it must be a valid pattern that says the year, month and day.</summary>
    public static string? Problem(string format)
    {
        if (string.IsNullOrWhiteSpace(format))
        {
            return "is empty";
        }

        string written;
        try
        {
            written = s_sample.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return "is not a date format";
        }

        if (!TryParse(written, format, out var read) || read.Year != s_sample.Year || read.Month != s_sample.Month || read.Day != s_sample.Day)
        {
            return "does not say the year, month and day (use yyyy, MM and dd)";
        }

        return null;
    }

    /// <summary>1 March 2026, 14:05 written in <paramref name="format"/> (a valid one), for messages.</summary>
    public static string Example(string format) => s_sample.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Reads <paramref name="text"/> in exactly <paramref name="format"/>; UTC unless the format reads an offset.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, string format, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text.Trim(), format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}

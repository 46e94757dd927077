namespace Wayfinder.Evidence.Import;

using System.Runtime.CompilerServices;
using System.Globalization;
using System.Numerics;
using System.Text;
using Wayfinder.Core.Workspaces;

/// <summary>
/// Parses event and survey times: ISO 8601 (UTC unless an offset is given) or epoch seconds, milliseconds,
/// microseconds or nanoseconds; with a <see cref="TimestampFormats.MappingKey"/> exactly that format and nothing else.
/// A date such as 01/03/2026 is never guessed (it could be 1 March or 3 January).
/// </summary>
public static class Timestamps
{
    /// <summary>Stops an import whose mapping names a <see cref="TimestampFormats.MappingKey"/> that cannot read a date.</summary>
    internal static void CheckFormat(string? format)
    {
        if (format is not null && TimestampFormats.Problem(format) is { } problem)
        {
            throw new ImportAbortedException($"the mapping's {TimestampFormats.MappingKey} \"{format}\" {problem}; e.g. {TimestampFormats.MappingKey}: \"{TimestampFormats.FormatExample}\"");
        }
    }

    /// <summary>The earliest time accepted (1970-01-01T00:00Z) in µs.</summary>
    public const long MinMicros = 0;

    /// <summary>The latest time accepted (2100-01-01T00:00Z) in µs; later dates (e.g. 9999-12-31) are rejected as implausible.</summary>
    public static readonly long MaxMicros = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    /// <summary>The ISO 8601 shapes the fast reader leaves to .NET: minutes without seconds, date-only, BigQuery's " UTC".</summary>
    private static readonly string[] s_formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF 'UTC'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz", "yyyy-MM-dd HH:mm:ss.FFFFFFFzz",
    ];

    /// <summary>
    /// <see cref="TryParse(ReadOnlySpan{char}, string?, string?, out long, out string?)"/> for UTF-8 text: the common ISO 8601
    /// shapes are read from the bytes; anything else is decoded and parsed as text.
    /// </summary>
    /// <param name="format">The data source's <see cref="TimestampFormats.MappingKey"/>; null for ISO 8601 and epoch numbers.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> utf8, string? unit, string? format, out long micros, out string? reason)
    {
        if (format is null && utf8.Length >= 19 && utf8[0] != (byte)' ' && utf8[^1] != (byte)' ' && TryParseIsoFast(utf8, out micros))
        {
            reason = null;
            if (micros is < MinMicros || micros >= MaxMicros)
            {
                reason = $"'{Clip(Encoding.UTF8.GetString(utf8))}' is outside 1970–2099";
                return false;
            }

            return true;
        }

        if (utf8.Length <= 256)
        {
            Span<char> chars = stackalloc char[256];
            return TryParse(chars[..Encoding.UTF8.GetChars(utf8, chars)], unit, format, out micros, out reason);
        }

        return TryParse(Encoding.UTF8.GetString(utf8), unit, format, out micros, out reason);
    }

    /// <summary>Parses <paramref name="text"/> to µs since the epoch, or returns a plain reason.</summary>
    /// <param name="unit">s, ms, us (µs) or ns for epoch numbers; null tells them apart by size (below 10^11 seconds, below 10^14 milliseconds, below 10^17 microseconds, else nanoseconds).</param>
    /// <param name="format">The data source's <see cref="TimestampFormats.MappingKey"/>: when given, times are read in exactly that format.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<char> text, string? unit, string? format, out long micros, out string? reason)
    {
        text = text.Trim();
        micros = 0;
        reason = null;
        if (text.IsEmpty)
        {
            reason = "is empty";
            return false;
        }

        if (format is not null)
        {
            if (!TimestampFormats.TryParse(text, format, out var exact))
            {
                reason = $"'{Clip(text)}' does not match the data source's {TimestampFormats.MappingKey} \"{format}\" (expected e.g. {TimestampFormats.Example(format)})";
                return false;
            }

            return TryFromDateTime(exact, out micros, out reason);
        }

        if (IsNumber(text))
        {
            // Whole numbers exactly: a double holds nanoseconds since 1970 only to a quarter of a microsecond.
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && whole is > -(1L << 52) and < 1L << 62)
            {
                return TryFromEpoch(whole, unit, out micros, out reason, text);
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                reason = $"'{Clip(text)}' is not a number";
                return false;
            }

            return TryFromEpoch(number, unit, out micros, out reason, text);
        }

        if (TryParseIsoFast(text, out micros))
        {
            if (micros is < MinMicros || micros >= MaxMicros)
            {
                reason = $"'{Clip(text)}' is outside 1970–2099";
                return false;
            }

            return true;
        }

        // Only ISO 8601: a general parser would read 01/03/2026 as 3 January and refuse 13/03/2026.
        if (!DateTimeOffset.TryParseExact(text, s_formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            reason = $"'{Clip(text)}' is not ISO 8601 or an epoch number; {TimestampFormats.Expected}";
            return false;
        }

        var ticks = parsed.UtcTicks - DateTime.UnixEpoch.Ticks;
        micros = ticks / 10;
        if (micros is < MinMicros || micros >= MaxMicros)
        {
            reason = $"'{Clip(text)}' is outside 1970–2099";
            return false;
        }

        return true;
    }

    /// <summary>An epoch number in <paramref name="unit"/> (s, ms, us or µs, ns; null tells them apart by size) to µs, or a plain reason.</summary>
    /// <param name="text">The number as written, for the reason (the number itself when empty).</param>
    public static bool TryFromEpoch(double number, string? unit, out long micros, out string? reason, ReadOnlySpan<char> text = default)
    {
        var factor = MicrosPer(Math.Abs(number), unit);
        var value = number * factor;
        return InRange(value, factor, text.IsEmpty ? number.ToString("R", CultureInfo.InvariantCulture) : Clip(text), out micros, out reason);
    }

    /// <summary>A whole epoch number, exactly (nanoseconds are rounded to the nearest microsecond).</summary>
    private static bool TryFromEpoch(long number, string? unit, out long micros, out string? reason, ReadOnlySpan<char> text)
    {
        var factor = MicrosPer(Math.Abs((double)number), unit);
        var fits = factor < 1 || Math.Abs((double)number) * factor < long.MaxValue / 2;
        var value = factor >= 1 ? (fits ? number * (long)factor : long.MaxValue) : (long)Math.Round(number / 1000m, MidpointRounding.AwayFromZero);
        return InRange(value, factor, Clip(text), out micros, out reason);
    }

    private static double MicrosPer(double magnitude, string? unit) => unit switch
    {
        "s" => 1_000_000d,
        "ms" => 1_000d,
        "us" or "µs" => 1d,
        "ns" => 0.001d,
        _ => magnitude < 1e11 ? 1_000_000d : magnitude < 1e14 ? 1_000d : magnitude < 1e17 ? 1d : 0.001d,
    };

    private static bool InRange(double value, double factor, string written, out long micros, out string? reason)
    {
        micros = 0;
        reason = null;
        if (double.IsNaN(value) || value is < MinMicros || value >= MaxMicros)
        {
            reason = $"'{written}' is outside 1970–2099 as epoch {factor switch { 1_000_000d => "seconds", 1_000d => "milliseconds", 1d => "microseconds", _ => "nanoseconds" }}";
            return false;
        }

        micros = (long)Math.Round(value);
        return true;
    }

    /// <summary>A date and time (UTC unless it says otherwise) to µs since the epoch, or a plain reason.</summary>
    public static bool TryFromDateTime(DateTimeOffset value, out long micros, out string? reason)
    {
        micros = (value.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;
        reason = null;
        if (micros is < MinMicros || micros >= MaxMicros)
        {
            reason = $"'{Clip(value.ToString("O", CultureInfo.InvariantCulture))}' is outside 1970–2099";
            return false;
        }

        return true;
    }

    /// <summary>
    /// The common shapes <c>yyyy-MM-ddTHH:mm:ss[.fraction][Z|±hh:mm|±hhmm]</c> (T or a space) without the general
    /// parser: a benchmark showed DateTimeOffset parsing to dominate CSV import. Anything else falls through.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryParseIsoFast<T>(ReadOnlySpan<T> s, out long micros)
        where T : unmanaged, IBinaryInteger<T>
    {
        micros = 0;
        if (s.Length < 19 || At(s, 4) != '-' || At(s, 7) != '-' || (At(s, 10) != 'T' && At(s, 10) != ' ') || At(s, 13) != ':' || At(s, 16) != ':')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        long fraction = 0;
        if (i < s.Length && At(s, i) == '.')
        {
            i++;
            var scale = 100_000L;
            var start = i;
            while (i < s.Length && char.IsAsciiDigit((char)At(s, i)))
            {
                fraction += (At(s, i) - '0') * scale;
                scale /= 10;
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        long offsetMinutes = 0;
        if (i < s.Length)
        {
            if (At(s, i) == 'Z' && i == s.Length - 1)
            {
                i++;
            }
            else if (At(s, i) is '+' or '-')
            {
                var sign = At(s, i) == '-' ? -1 : 1;
                var rest = s[(i + 1)..];
                int oh, om;
                if (rest.Length == 5 && At(rest, 2) == ':' && Digits(rest, 0, 2, out oh) && Digits(rest, 3, 2, out om))
                {
                }
                else if (rest.Length == 4 && Digits(rest, 0, 2, out oh) && Digits(rest, 2, 2, out om))
                {
                }
                else
                {
                    return false;
                }

                offsetMinutes = sign * ((oh * 60) + om);
                i = s.Length;
            }
            else
            {
                return false;
            }
        }

        var days = new DateOnly(year, month, day).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        var seconds = (days * 86_400L) + (hour * 3600L) + (minute * 60L) + second - (offsetMinutes * 60);
        micros = (seconds * 1_000_000L) + fraction;
        return true;
    }

    private static bool Digits<T>(ReadOnlySpan<T> s, int start, int length, out int value)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            var d = At(s, i) - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int At<T>(ReadOnlySpan<T> s, int i)
        where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(s[i]);

    private static bool IsNumber(ReadOnlySpan<char> text)
    {
        var start = text[0] is '-' or '+' ? 1 : 0;
        if (start == text.Length)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]) && text[i] is not '.' and not 'e' and not 'E')
            {
                return false;
            }
        }

        return true;
    }

    private static string Clip(ReadOnlySpan<char> text) => text.Length > 40 ? string.Concat(text[..40], "…") : text.ToString();
}

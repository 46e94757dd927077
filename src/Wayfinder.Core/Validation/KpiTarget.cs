namespace Wayfinder.Core.Validation;

using System.Globalization;

/// <summary>
/// A KPI target (see docs/filters.md, "KPI targets"): an optional comparator, a number and an optional unit
/// (<c>&gt;= 80%</c>, <c>&lt;= 3 days</c>, <c>4.5</c>), or a range <c>40..60%</c>.
/// </summary>
public sealed record KpiTarget(string? Comparator, double Value, double? Upper, string? Unit)
{
    /// <summary>What the unit measures (<see cref="KpiUnit.Of"/>).</summary>
    public KpiUnit Measure => KpiUnit.Of(Unit);

    /// <summary>The comparison a status is judged by: the comparator, <c>&gt;=</c> when none is written, <c>..</c> for a range.</summary>
    public string Comparison => Upper is not null ? ".." : Comparator ?? ">=";

    public override string ToString()
    {
        var unit = Unit is null ? "" : Unit == "%" ? "%" : $" {Unit}";
        var value = Value.ToString(CultureInfo.InvariantCulture);
        return Upper is { } upper
            ? $"{value}..{upper.ToString(CultureInfo.InvariantCulture)}{unit}"
            : $"{(Comparator is null ? "" : Comparator + " ")}{value}{unit}";
    }

    /// <summary>Parses a target; on malformed text returns an error with the 1-based column inside it.</summary>
    public static KpiTargetParseResult Parse(string text)
    {
        var i = 0;
        SkipSpaces(text, ref i);
        if (i == text.Length)
        {
            return Fail(1, "the target is empty; write one such as >= 80%, <= 3 days or 40..60");
        }

        string? comparator = null;
        if (text[i] is '>' or '<' or '=')
        {
            if (i + 1 < text.Length && text[i] == '=' && text[i + 1] is '>' or '<')
            {
                return Fail(i + 1, $"'={text[i + 1]}' at column {i + 1} is not a comparator; write {text[i + 1]}=");
            }

            comparator = i + 1 < text.Length && text[i + 1] == '=' && text[i] != '=' ? text.Substring(i, 2) : text[i].ToString();
            i += comparator.Length;
            SkipSpaces(text, ref i);
        }

        if (ReadNumber(text, ref i, comparator, out var value) is { } numberError)
        {
            return new KpiTargetParseResult { Error = numberError };
        }

        var unit = ReadUnit(text, ref i);
        double? upper = null;
        if (i + 1 < text.Length && text[i] == '.' && text[i + 1] == '.')
        {
            var rangeColumn = i + 1;
            if (comparator is not null)
            {
                return Fail(rangeColumn, $"a range at column {rangeColumn} takes no comparator; write either {comparator} {value.ToString(CultureInfo.InvariantCulture)} or a..b");
            }

            i += 2;
            SkipSpaces(text, ref i);
            if (ReadNumber(text, ref i, "..", out var upperValue) is { } upperError)
            {
                return new KpiTargetParseResult { Error = upperError };
            }

            upper = upperValue;
            var upperUnit = ReadUnit(text, ref i);
            if (unit is not null && upperUnit is not null && unit != upperUnit)
            {
                return Fail(rangeColumn, $"the range's two ends have different units ({unit} and {upperUnit}); use one unit");
            }

            unit ??= upperUnit;
            if (upper < value)
            {
                return Fail(1, $"the range {value.ToString(CultureInfo.InvariantCulture)}..{upper.Value.ToString(CultureInfo.InvariantCulture)} runs backwards; write the smaller number first");
            }
        }

        if (i < text.Length)
        {
            return Fail(i + 1, $"unexpected '{text[i..].Trim()}' at column {i + 1}; a target is one number with an optional unit, or a range a..b");
        }

        return new KpiTargetParseResult { Target = new KpiTarget(comparator, value, upper, unit) };
    }

    private static KpiTargetParseResult Fail(int column, string message) => new() { Error = new KpiTargetError(column, message) };

    private static void SkipSpaces(string text, ref int i)
    {
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }
    }

    private static KpiTargetError? ReadNumber(string text, ref int i, string? after, out double number)
    {
        var start = i;
        if (i < text.Length && text[i] is '-' or '+')
        {
            i++;
        }

        while (i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == '.' && !(i + 1 < text.Length && text[i + 1] == '.'))))
        {
            i++;
        }

        if (!double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            var found = start < text.Length ? $"'{text[start..].Trim()}'" : "nothing";
            var place = after is null ? "" : $" after '{after}'";
            i = start;
            return new KpiTargetError(start + 1, $"expected a number{place} at column {start + 1}, found {found}; a target reads like >= 80%, <= 3 days or 40..60");
        }

        return null;
    }

    private static string? ReadUnit(string text, ref int i)
    {
        var save = i;
        SkipSpaces(text, ref i);
        if (i < text.Length && text[i] == '%')
        {
            i++;
            SkipSpaces(text, ref i);
            return "%";
        }

        var start = i;
        while (i < text.Length && (char.IsLetter(text[i]) || (i > start && text[i] is '/' or '_')))
        {
            i++;
        }

        if (i == start)
        {
            i = save;
            SkipSpaces(text, ref i);
            return null;
        }

        var unit = text[start..i];
        SkipSpaces(text, ref i);
        return unit;
    }
}

/// <summary>What a target's unit measures, so a metric can tell whether the target fits it.</summary>
public enum KpiUnitKind
{
    /// <summary>No unit, or a plain count (pts, points, customers, people).</summary>
    Plain,

    /// <summary>% or percent.</summary>
    Percent,

    /// <summary>s, min, h, days, weeks and their spellings.</summary>
    Duration,

    /// <summary>Any other unit (eur/month, tickets/day): valid in a target, measured by no computed metric.</summary>
    Other,
}

/// <summary>A target's unit understood: its kind, its canonical spelling, and for durations the seconds in one unit.</summary>
public sealed record KpiUnit(KpiUnitKind Kind, string? Canonical, double Seconds = 0)
{
    /// <summary>Reads a unit as <see cref="KpiTarget.Parse"/> gives it (case-insensitive); null is no unit.</summary>
    public static KpiUnit Of(string? unit) => unit?.Trim().ToLowerInvariant() switch
    {
        null or "" => new(KpiUnitKind.Plain, null),
        "%" or "percent" => new(KpiUnitKind.Percent, "%"),
        "s" or "sec" or "secs" or "second" or "seconds" => new(KpiUnitKind.Duration, "s", 1),
        "m" or "min" or "mins" or "minute" or "minutes" => new(KpiUnitKind.Duration, "min", 60),
        "h" or "hr" or "hrs" or "hour" or "hours" => new(KpiUnitKind.Duration, "h", 3600),
        "d" or "day" or "days" => new(KpiUnitKind.Duration, "days", 86400),
        "w" or "week" or "weeks" => new(KpiUnitKind.Duration, "weeks", 604800),
        "pts" or "points" or "customers" or "people" => new(KpiUnitKind.Plain, ""),
        var other => new(KpiUnitKind.Other, other),
    };
}

/// <summary>Where a KPI target is malformed: a 1-based column in the text and a plain message.</summary>
public sealed record KpiTargetError(int Column, string Message);

/// <summary>The outcome of <see cref="KpiTarget.Parse"/>: a target or an error.</summary>
public sealed record KpiTargetParseResult
{
    public KpiTarget? Target { get; init; }
    public KpiTargetError? Error { get; init; }
}

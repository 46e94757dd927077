namespace Wayfinder.Evidence.ClickHouse;

using System.Globalization;
using System.Text;
using Wayfinder.Core.Filters;

/// <summary>
/// The filter language as ClickHouse SQL, with the embedded engine's semantics exactly (<c>Segments</c> and
/// <see cref="FilterExpression.Evaluate"/>): a comparison on a missing attribute is false, even <c>!=</c>; a value that
/// .NET reads as a number (invariant <c>double.TryParse</c>, whitespace, signs, exponents, Infinity and NaN included)
/// compares as a number; exactly <c>true</c>/<c>false</c> as booleans; anything else as text in ordinal (UTF-16) order.
/// Every literal goes through <see cref="Sql"/>. Values are read as SQL from arrays: the customer's current attributes
/// (<c>attr_keys</c>, <c>attr_values</c>) and, for row conditions, the event's properties (<c>prop_keys</c>, <c>prop_values</c>).
/// </summary>
internal static class FilterSql
{
    private static readonly string[] AttributePrefixes = ["attributes.", "customer.", "attr.", "traits."];
    private static readonly string[] PropertyPrefixes = ["properties.", "props.", "event."];

    // .NET's number grammar (NumberStyles.Float, invariant): ASCII white space around, one sign, digits with one
    // point, an exponent, trailing NULs; or, after trimming every Unicode white space, a signed Infinity or NaN in
    // any ASCII case. AsNumber trims Unicode white space first, which lets more texts through.
    private const string Ascii = @"[\t\n\x0B\f\r ]";
    private const string Unicode = @"[\t\n\x0B\f\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]";
    private const string Digits = @"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?";
    private const string Symbol = "(?:[iI][nN][fF][iI][nN][iI][tT][yY]|[nN][aA][nN])";
    private const string StrictNumber = "^(?:" + Ascii + @"*[+-]?" + Digits + Ascii + @"*\x00*|" + Unicode + "*[+-]?" + Symbol + Unicode + "*)$";
    private const string TrimmedNumber = "^(?:" + Unicode + @"*[+-]?" + Digits + Ascii + @"*\x00*" + Unicode + "*|" + Unicode + "*[+-]?" + Symbol + Unicode + "*)$";
    private const string NumberCore = "[+-]?(?:" + Digits + "|" + Symbol + ")";

    // bool.TryParse trims Unicode white space and NULs, then compares ASCII case-insensitively.
    private const string BooleanCore = @"(?s)^[\x00\t\n\x0B\f\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]*(.*?)[\x00\t\n\x0B\f\r \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]*$";

    /// <summary>A persona segment: boolean SQL over <c>attr_keys</c>, <c>attr_values</c>.</summary>
    /// <exception cref="ArgumentException">The text is not a valid filter (the embedded store's message).</exception>
    internal static string Segment(string segment) => Translate(Parse(segment), name => Attribute(Strip(name, AttributePrefixes)));

    /// <summary>
    /// A row condition (a touchpoint's <c>where</c>): boolean SQL over <c>prop_keys</c>, <c>prop_values</c>, <c>attr_keys</c>,
    /// <c>attr_values</c>. A name is an event property (with or without <c>properties.</c>, <c>props.</c>, <c>event.</c>)
    /// when the store has that property, else a customer attribute. <paramref name="propertyKeys"/> are the property names
    /// the store has (as the embedded log's columns); null decides per row (the row's property when it has one).
    /// </summary>
    internal static string Row(string where, IReadOnlySet<string>? propertyKeys = null) => Translate(Parse(where), name =>
    {
        var property = Strip(name, PropertyPrefixes);
        var attribute = Attribute(Strip(name, AttributePrefixes));
        var present = $"has(prop_keys, {Sql.String(property)})";
        var value = $"prop_values[indexOf(prop_keys, {Sql.String(property)})]";
        if (propertyKeys is not null)
        {
            return propertyKeys.Contains(property) ? new Lookup(present, value) : attribute;
        }

        return new Lookup($"({present} OR {attribute.Present})", $"if({present}, {value}, {attribute.Value})");
    });

    /// <summary>The embedded store's parse: the same <see cref="ArgumentException"/> message for an invalid filter.</summary>
    internal static FilterExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = Filter.Parse(text);
        return result.Expression ?? throw new ArgumentException($"'{text}' is not a valid filter: column {result.Error!.Column}: {result.Error.Message}");
    }

    /// <summary>Whether a value is there, and its text (read only when it is).</summary>
    private sealed record Lookup(string Present, string Value);

    private static Lookup Attribute(string name) =>
        new($"has(attr_keys, {Sql.String(name)})", $"attr_values[indexOf(attr_keys, {Sql.String(name)})]");

    private static string Strip(string name, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }

    private static string Translate(FilterExpression expression, Func<string, Lookup> lookup) => expression switch
    {
        OrExpression or => $"({Translate(or.Left, lookup)} OR {Translate(or.Right, lookup)})",
        AndExpression and => $"({Translate(and.Left, lookup)} AND {Translate(and.Right, lookup)})",
        NotExpression not => $"(NOT {Translate(not.Operand, lookup)})",
        ComparisonExpression comparison => Present(lookup(comparison.Attribute), v => Compare(v, comparison.Operator, comparison.Value)),
        InExpression list => Present(lookup(list.Attribute), v =>
        {
            var found = "(" + string.Join(" OR ", list.Values.Select(value => Compare(v, ComparisonOperator.Equal, value))) + ")";
            return list.Negated ? $"(NOT {found})" : found;
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "not a filter expression"),
    };

    private static string Present(Lookup lookup, Func<string, string> condition) => $"({lookup.Present} AND {condition(lookup.Value)})";

    /// <summary><c>FilterValue.Compare(Value(text), op, literal)</c> as SQL over the text <paramref name="v"/>.</summary>
    private static string Compare(string v, ComparisonOperator op, FilterValue literal)
    {
        var unequal = op == ComparisonOperator.NotEqual ? "1" : "0";
        var exactBoolean = $"({v} IN ('true', 'false'))";
        switch (literal.Value)
        {
            case bool b:
                // Any value meets a boolean literal as bool.TryParse reads it (numbers never parse, so they are unequal).
                return op switch
                {
                    ComparisonOperator.Equal => $"({BooleanText(v)} = {Sql.String(b ? "true" : "false")})",
                    ComparisonOperator.NotEqual => $"({BooleanText(v)} != {Sql.String(b ? "true" : "false")})",
                    _ => "0",
                };
            case double y:
                // A boolean value is unequal to a number; a text counts when .NET reads it as a number after trimming.
                return $"multiIf({exactBoolean}, {unequal}, match({v}, {Sql.String(TrimmedNumber)}), {CompareNumber(NumberOf(v), op, y)}, {unequal})";
            case string s:
                var number = double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : (double?)null;
                var boolean = bool.TryParse(s, out var flag) ? flag : (bool?)null;
                var asNumber = number is { } n ? CompareNumber(NumberOf(v), op, n) : unequal;
                var asBoolean = boolean is not { } f ? unequal : op switch
                {
                    ComparisonOperator.Equal => $"({v} = {Sql.String(f ? "true" : "false")})",
                    ComparisonOperator.NotEqual => $"({v} != {Sql.String(f ? "true" : "false")})",
                    _ => "0",
                };
                return $"multiIf(match({v}, {Sql.String(StrictNumber)}), {asNumber}, {exactBoolean}, {asBoolean}, {CompareText(v, op, s)})";
            default:
                throw new ArgumentOutOfRangeException(nameof(literal), literal.Value.GetType().Name, "not a filter literal");
        }
    }

    /// <summary>The text as bool.TryParse reads it: trimmed of white space and NULs, ASCII letters in lower case.</summary>
    private static string BooleanText(string v) => $"lower(extract({v}, {Sql.String(BooleanCore)}))";

    /// <summary>The number a text that .NET reads as a number stands for (overflow is infinity, as in .NET).</summary>
    private static string NumberOf(string v)
    {
        var core = $"extract({v}, {Sql.String(NumberCore)})";
        var unsigned = $"if(substring({core}, 1, 1) = '+', substring({core}, 2), {core})";
        var infinity = $"if(substring({core}, 1, 1) = '-', -inf, inf)";
        return $"multiIf(positionCaseInsensitive({core}, 'nan') > 0, nan, positionCaseInsensitive({core}, 'inf') > 0, {infinity}, "
            + $"ifNull(toFloat64OrNull({unsigned}), if(match({core}, '[eE]-'), 0, {infinity})))";
    }

    /// <summary><c>x.CompareTo(y)</c> then <paramref name="op"/>: NaN sorts below every number and equals NaN.</summary>
    private static string CompareNumber(string x, ComparisonOperator op, double y)
    {
        if (double.IsNaN(y))
        {
            return op switch
            {
                ComparisonOperator.Equal or ComparisonOperator.LessOrEqual => $"isNaN({x})",
                ComparisonOperator.NotEqual or ComparisonOperator.Greater => $"(NOT isNaN({x}))",
                ComparisonOperator.Less => "0",
                _ => "1",
            };
        }

        var nan = op is ComparisonOperator.NotEqual or ComparisonOperator.Less or ComparisonOperator.LessOrEqual ? "1" : "0";
        var literal = double.IsPositiveInfinity(y) ? "inf" : double.IsNegativeInfinity(y) ? "-inf" : $"toFloat64({Sql.Number(y)})";
        return $"if(isNaN({x}), {nan}, {x} {Operator(op)} {literal})";
    }

    /// <summary>
    /// Ordinal (UTF-16) order of texts. ClickHouse compares UTF-8 bytes, which is code point order: the same, except
    /// that UTF-16 puts characters above U+FFFF (surrogate pairs) before U+E000–U+FFFF. Only a literal holding such
    /// characters can meet the difference; then both sides move the lead bytes of U+E000–U+FFFF (EE, EF) above F4.
    /// </summary>
    private static string CompareText(string v, ComparisonOperator op, string s)
    {
        var literal = Sql.String(s);
        if (op is ComparisonOperator.Equal or ComparisonOperator.NotEqual || !s.Any(c => c >= '\uD800'))
        {
            return $"({v} {Operator(op)} {literal})";
        }

        static string Utf16Order(string text) => $"replaceAll(replaceAll({text}, unhex('EF'), unhex('F6')), unhex('EE'), unhex('F5'))";
        return $"({Utf16Order(v)} {Operator(op)} {Utf16Order(literal)})";
    }

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };

    /// <summary>
    /// An event-name pattern as SQL over <c>event</c>: exact and case-sensitive, <c>*</c> any run of characters,
    /// <c>?</c> one UTF-16 unit (as <see cref="Mapping.Wildcard.IsMatch"/>).
    /// </summary>
    internal static string EventName(string pattern)
    {
        if (!pattern.Contains('*') && !pattern.Contains('?'))
        {
            return $"(event = {Sql.String(pattern)})";
        }

        // In UTF-8 a character above U+FFFF is one code point but two UTF-16 units, which '?' counts one by one: when the
        // pattern has a '?', such characters are written as themselves followed by U+FFFF (in the event and in the
        // pattern), so that each unit is one code point.
        var units = pattern.Contains('?');
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*')
            {
                regex.Append("(?s:.*)");
            }
            else if (c == '?')
            {
                regex.Append("(?s:.)");
            }
            else if (char.IsHighSurrogate(c) && i + 1 < pattern.Length && char.IsLowSurrogate(pattern[i + 1]))
            {
                regex.Append(@"\x{").Append(char.ConvertToUtf32(c, pattern[i + 1]).ToString("X", CultureInfo.InvariantCulture)).Append('}');
                if (units)
                {
                    regex.Append(@"\x{FFFF}");
                }

                i++;
            }
            else
            {
                regex.Append(@"\x{").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append('}');
            }
        }

        regex.Append('$');
        var text = units ? $"replaceRegexpAll(event, {Sql.String(@"[\x{10000}-\x{10FFFF}]")}, {Sql.String(@"\0" + "\uFFFF")})" : "event";
        return $"match({text}, {Sql.String(regex.ToString())})";
    }
}

namespace Wayfinder.Evidence.ClickHouse;

using System.Globalization;
using System.Numerics;
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

    private static string Present(Lookup lookup, Func<string, string> condition) => $"({lookup.Present} AND {Let("wf_v", lookup.Value, condition("wf_v"))})";

    /// <summary>
    /// <paramref name="body"/> with <paramref name="name"/> bound to <paramref name="value"/> (a one-element arrayMap): the
    /// value is written once, so nested translations stay small (ClickHouse limits a query to 256 KiB).
    /// </summary>
    private static string Let(string name, string value, string body) => $"arrayMap({name} -> {body}, [{value}])[1]";

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
                return $"multiIf({exactBoolean}, {unequal}, match({v}, {Sql.String(TrimmedNumber)}), {CompareNumber(v, op, y)}, {unequal})";
            case string s:
                var number = double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : (double?)null;
                var boolean = bool.TryParse(s, out var flag) ? flag : (bool?)null;
                var asNumber = number is { } n ? CompareNumber(v, op, n) : unequal;
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
    /// <remarks>Exactly "true" or "false" skip the regular expression (a lambda over an array empty for them).</remarks>
    private static string BooleanText(string v) =>
        $"if({v} IN ('true', 'false'), {v}, arrayMap(wf_t -> lower(extract(wf_t, {Sql.String(BooleanCore)})), if({v} IN ('true', 'false'), emptyArrayString(), [{v}]))[1])";

    /// <summary>
    /// <c>x.CompareTo(y)</c> then <paramref name="op"/>, where x is the number .NET reads from the text <paramref name="v"/>
    /// (NaN sorts below every number and equals NaN). ClickHouse's own parsing of decimals is not always correctly rounded
    /// (18.16 reads "2.9540" one unit in the last place below 2.954), so near y the text's exact decimal value is compared
    /// with the exact bounds of the decimals that round to y.
    /// </summary>
    private static string CompareNumber(string v, ComparisonOperator op, double y)
    {
        const string core = "wf_c";
        const string negative = "(substring(wf_c, 1, 1) = '-')";
        // Infinity and NaN written out: their order against y is known here.
        int Order(double x) => x.CompareTo(y);
        var nan = Holds(op, Order(double.NaN));
        var infinity = $"if({negative}, {Holds(op, Order(double.NegativeInfinity))}, {Holds(op, Order(double.PositiveInfinity))})";
        var symbols = $"if(positionCaseInsensitive({core}, 'nan') > 0, {nan}, {infinity})";
        // Most numbers are plain (digits, a point, a minus) and are their own number text; for the rest the regular
        // expression runs in a lambda over an array that is empty for plain numbers, so they do not pay for it.
        var plain = $"match({v}, '^-?[0-9]{{1,20}}(?:[.][0-9]{{1,20}})?$')";
        var text = $"if({plain}, {v}, arrayMap(wf_g -> extract(wf_g, {Sql.String(NumberCore)}), if({plain}, emptyArrayString(), [{v}]))[1])";
        return Let(core, text, $"if(positionCaseInsensitive({core}, 'n') > 0, {symbols}, {CompareDecimal(op, y)})");
    }

    /// <summary>
    /// The decimal text <c>wf_c</c> against y. ClickHouse's parse of a plain decimal is off by a few units in the last
    /// place at most: far from y it decides; near y (or with an exponent) the exact comparison runs, inside a lambda over
    /// an array that is empty elsewhere, so only those rows pay for it.
    /// </summary>
    private static string CompareDecimal(ComparisonOperator op, double y)
    {
        if (double.IsNaN(y))
        {
            return Holds(op, 1);
        }

        var literal = Double(y);
        // Without an exponent ClickHouse reads a decimal within 1e-12 of its value (checked on 18.16); with one it can
        // be far off ("1e0000004" reads as 1), so those always take the exact way.
        var near = double.IsInfinity(y)
            ? "(isNull(wf_f) OR position(wf_c, 'e') > 0 OR position(wf_c, 'E') > 0 OR abs(ifNull(wf_f, 0)) > 1e307)"
            : $"(isNull(wf_f) OR position(wf_c, 'e') > 0 OR position(wf_c, 'E') > 0 OR abs(ifNull(wf_f, 0) - {literal}) <= {Double(Math.Max(Math.Abs(y) * 1e-9, 1e-300))})";
        var exact = $"arrayMap(wf_k -> {ExactDecimal("wf_k", "(substring(wf_k, 1, 1) = '-')", op, y)}, if({near}, [wf_c], emptyArrayString()))[1]";
        return Let("wf_f", "toFloat64OrNull(if(substring(wf_c, 1, 1) = '+', substring(wf_c, 2), wf_c))", $"if({near}, {exact}, ifNull(wf_f, 0) {Operator(op)} {literal})");
    }

    /// <summary>A double in SQL bit for bit (ClickHouse reads no subnormal literal, and reads some decimals a unit off).</summary>
    private static string Double(double value)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        return $"reinterpretAsFloat64(unhex('{Convert.ToHexString(bytes)}'))";
    }

    /// <summary>Whether <paramref name="op"/> holds for a known order (-1, 0, 1).</summary>
    private static string Holds(ComparisonOperator op, int order) => op switch
    {
        ComparisonOperator.Equal => order == 0,
        ComparisonOperator.NotEqual => order != 0,
        ComparisonOperator.Less => order < 0,
        ComparisonOperator.LessOrEqual => order <= 0,
        ComparisonOperator.Greater => order > 0,
        _ => order >= 0,
    } ? "1" : "0";

    /// <summary>
    /// The decimal text <paramref name="core"/> (sign, digits, point, exponent) against y as .NET rounds it (to nearest,
    /// ties to even, beyond the largest double to infinity): x = y exactly when the decimal lies between the midpoints to
    /// y's neighbours (a midpoint itself rounds to the even one).
    /// </summary>
    private static string ExactDecimal(string core, string negative, ComparisonOperator op, double y)
    {
        // The text as 0.D × 10^E with D free of leading and trailing zeros ('' for zero): wf_b without its sign, wf_a its
        // digits without the point, wf_x its exponent's digits, then wf_d = D and wf_e = E.
        const string digits = "wf_d";
        const string e = "wf_e";
        var body = $"if(substring({core}, 1, 1) IN ('+', '-'), substring({core}, 2), {core})";
        const string all = "concat(extract(wf_b, '^[0-9]*'), extract(wf_b, '^[0-9]*[.]([0-9]*)'))";
        const string exponentText = "replaceRegexpOne(extract(wf_b, '[eE]([+-]?[0-9]+)$'), '^[+]', '')";
        const string zeros = "length(extract(wf_a, '^0*'))";
        const string significant = $"replaceRegexpOne(substring(wf_a, {zeros} + 1), '0+$', '')";
        // An exponent of more than six digits is beyond every double either way.
        const string exponent = "if(length(replaceRegexpOne(wf_x, '^-?0*', '')) > 6, if(substring(wf_x, 1, 1) = '-', -10000000, 10000000), toInt64OrZero(wf_x))";
        const string position = $"toInt64(length(extract(wf_b, '^[0-9]*'))) - toInt64({zeros}) + {exponent}";
        string Normalised(string final) =>
            Let("wf_b", body, Let("wf_a", all, Let("wf_x", exponentText, $"arrayMap((wf_d, wf_e) -> {final}, [{significant}], [{position}])[1]")));

        // Sign of (text - c) for a non-zero constant c.
        string Compare(Exact c, bool flip)
        {
            var magnitude = $"if({e} != {Sql.Number(c.Exponent)}, if({e} < {Sql.Number(c.Exponent)}, -1, 1), if({digits} = {Sql.String(c.Digits)}, 0, if({digits} < {Sql.String(c.Digits)}, -1, 1)))";
            var below = flip ? $"(NOT {negative})" : negative;
            return c.Negative
                ? $"multiIf({digits} = '', 1, {below}, -({magnitude}), 1)"
                : $"multiIf({digits} = '', -1, {below}, -1, {magnitude})";
        }

        if (double.IsNaN(y))
        {
            return Holds(op, 1);
        }

        // For y < 0 compare -x with -y (rounding is symmetric), the operator turned round.
        var flip = y < 0;
        var target = Math.Abs(y);
        var turned = !flip ? op : op switch
        {
            ComparisonOperator.Less => ComparisonOperator.Greater,
            ComparisonOperator.LessOrEqual => ComparisonOperator.GreaterOrEqual,
            ComparisonOperator.Greater => ComparisonOperator.Less,
            ComparisonOperator.GreaterOrEqual => ComparisonOperator.LessOrEqual,
            _ => op,
        };
        string equal, less, greater;
        if (double.IsPositiveInfinity(target))
        {
            var overflow = Exact.Midpoints(double.MaxValue).High;
            (equal, less, greater) = ($"({Compare(overflow, flip)} >= 0)", $"({Compare(overflow, flip)} < 0)", "0");
        }
        else if (target == 0)
        {
            // 0 is what every decimal within half the least double of it rounds to (the half itself rounds to even, 0).
            var half = Exact.Midpoints(double.Epsilon).Low;
            var minus = half with { Negative = true };
            (equal, less, greater) = ($"({Compare(half, flip)} <= 0 AND {Compare(minus, flip)} >= 0)", $"({Compare(minus, flip)} < 0)", $"({Compare(half, flip)} > 0)");
        }
        else
        {
            var (low, high, even) = Exact.Midpoints(target);
            var (lowCompare, highCompare) = (Compare(low, flip), Compare(high, flip));
            equal = even ? $"({lowCompare} >= 0 AND {highCompare} <= 0)" : $"({lowCompare} > 0 AND {highCompare} < 0)";
            less = even ? $"({lowCompare} < 0)" : $"({lowCompare} <= 0)";
            greater = even ? $"({highCompare} > 0)" : $"({highCompare} >= 0)";
        }

        return Normalised(turned switch
        {
            ComparisonOperator.Equal => equal,
            ComparisonOperator.NotEqual => $"(NOT {equal})",
            ComparisonOperator.Less => less,
            ComparisonOperator.LessOrEqual => $"(NOT {greater})",
            ComparisonOperator.Greater => greater,
            _ => $"(NOT {less})",
        });
    }

    /// <summary>An exact non-zero decimal 0.D × 10^E (D without leading or trailing zeros), with its sign.</summary>
    private sealed record Exact(bool Negative, long Exponent, string Digits)
    {
        /// <summary>k × 2^n exactly, for k &gt; 0.</summary>
        public static Exact Of(BigInteger k, int n)
        {
            var text = n >= 0 ? (k << n).ToString(CultureInfo.InvariantCulture) : (k * BigInteger.Pow(5, -n)).ToString(CultureInfo.InvariantCulture);
            return new Exact(false, n >= 0 ? text.Length : text.Length + n, text.TrimEnd('0'));
        }

        /// <summary>For a positive finite double: the midpoints to its neighbours, and whether its mantissa is even.</summary>
        public static (Exact Low, Exact High, bool Even) Midpoints(double y)
        {
            var bits = BitConverter.DoubleToInt64Bits(y);
            var field = (int)((bits >> 52) & 0x7FF);
            var fraction = bits & ((1L << 52) - 1);
            var (mantissa, power) = field == 0 ? (fraction, -1074) : (fraction | (1L << 52), field - 1075);
            // Just above a power of two the neighbour below is half as far away.
            var low = fraction == 0 && field > 1 ? Of((4 * (BigInteger)mantissa) - 1, power - 2) : Of((2 * (BigInteger)mantissa) - 1, power - 1);
            return (low, Of((2 * (BigInteger)mantissa) + 1, power - 1), (mantissa & 1) == 0);
        }
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
        // pattern), so that each unit is one code point. (A pattern with a '?' and a literal U+FFFF could then also match
        // that marker: the one case where this differs from the engine.)
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

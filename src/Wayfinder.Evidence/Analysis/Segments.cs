namespace Wayfinder.Evidence.Analysis;

using System.Globalization;
using Wayfinder.Core.Filters;
using Wayfinder.Evidence.Store;

/// <summary>The filter language applied to the data: persona segments over customers, event conditions over rows.</summary>
public static class Segments
{
    /// <summary>
    /// Which customers a segment filter selects. Attribute names may be written plain (<c>country</c>) or with a
    /// prefix (<c>attributes.country</c>, <c>customer.country</c>); values that look like numbers compare as numbers.
    /// </summary>
    public static bool[] Customers(EventLog log, string segment)
    {
        var expression = Parse(segment);
        var selected = new bool[log.CustomerCount];
        var names = new List<string>();
        if (!AttributeNames(expression, names))
        {
            for (var c = 0; c < log.CustomerCount; c++)
            {
                var customer = c;
                selected[c] = expression.Evaluate(name => Value(Attribute(log, name)?[customer]));
            }

            return selected;
        }

        // Attributes are dictionary-coded per customer, so the filter depends only on the customer's combination of
        // codes of the attributes it names: evaluate it once per combination met (a few dozen), not once per customer.
        var columns = names.Select(name => Attribute(log, name)).OfType<Column>().Distinct().ToArray();
        var radix = new long[columns.Length];
        var combinations = 1L;
        for (var i = 0; i < columns.Length; i++)
        {
            radix[i] = combinations;
            combinations *= columns[i].Values.Count + 1; // + 1: the customer has no value
            if (combinations > MaxCombinations)
            {
                combinations = -1;
                break;
            }
        }

        if (combinations < 0)
        {
            // Too many combinations for a table: remember the ones met.
            var memo = new Dictionary<string, bool>(StringComparer.Ordinal);
            for (var c = 0; c < log.CustomerCount; c++)
            {
                var customer = c;
                var key = string.Join('\u001f', columns.Select(column => column.Codes[customer]));
                if (!memo.TryGetValue(key, out var holds))
                {
                    holds = expression.Evaluate(name => Value(Attribute(log, name)?[customer]));
                    memo.Add(key, holds);
                }

                selected[c] = holds;
            }

            return selected;
        }

        // 0: not evaluated yet, 1: holds, 2: does not.
        var table = new byte[combinations];
        for (var c = 0; c < log.CustomerCount; c++)
        {
            var key = 0L;
            for (var i = 0; i < columns.Length; i++)
            {
                key += (columns[i].Codes[c] + 1) * radix[i];
            }

            if (table[key] == 0)
            {
                var customer = c;
                table[key] = expression.Evaluate(name => Value(Attribute(log, name)?[customer])) ? (byte)1 : (byte)2;
            }

            selected[c] = table[key] == 1;
        }

        return selected;
    }

    /// <summary>Above this many combinations of attribute values a segment remembers only those it meets.</summary>
    private const long MaxCombinations = 1 << 22;

    /// <summary>The attribute names an expression reads; false for an expression of a kind not known here.</summary>
    private static bool AttributeNames(FilterExpression expression, List<string> names)
    {
        switch (expression)
        {
            case ComparisonExpression comparison:
                names.Add(comparison.Attribute);
                return true;
            case InExpression @in:
                names.Add(@in.Attribute);
                return true;
            case NotExpression not:
                return AttributeNames(not.Operand, names);
            case AndExpression and:
                return AttributeNames(and.Left, names) && AttributeNames(and.Right, names);
            case OrExpression or:
                return AttributeNames(or.Left, names) && AttributeNames(or.Right, names);
            default:
                return false;
        }
    }

    /// <summary>A row condition for <see cref="Mapping.JourneyMapping.Build"/>: event properties first, then the customer's attributes.</summary>
    public static Func<string, int, bool> RowCondition(EventLog log)
    {
        var parsed = new Dictionary<string, FilterExpression>(StringComparer.Ordinal);
        var customerOfRow = new Lazy<int[]>(log.CustomerOfRow);
        return (where, row) =>
        {
            if (!parsed.TryGetValue(where, out var expression))
            {
                expression = Parse(where);
                parsed.Add(where, expression);
            }

            return expression.Evaluate(name =>
            {
                var property = Strip(name, "properties.", "props.", "event.");
                if (log.Properties.TryGetValue(property, out var column))
                {
                    return Value(column[row]);
                }

                return Value(Attribute(log, name)?[customerOfRow.Value[row]]);
            });
        };
    }

    /// <summary>Throws the <see cref="ArgumentException"/> a malformed segment gets, without evaluating it.</summary>
    public static void Check(string segment) => Parse(segment);

    private static FilterExpression Parse(string text)
    {
        var result = Filter.Parse(text);
        return result.Expression ?? throw new ArgumentException($"'{text}' is not a valid filter: column {result.Error!.Column}: {result.Error.Message}");
    }

    private static Column? Attribute(EventLog log, string name) =>
        log.Attributes.GetValueOrDefault(Strip(name, "attributes.", "customer.", "attr.", "traits."));

    private static string Strip(string name, params string[] prefixes)
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

    private static object? Value(string? text) =>
        text is null ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
        : text is "true" or "false" ? text == "true"
        : text;
}

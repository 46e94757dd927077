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
        for (var c = 0; c < log.CustomerCount; c++)
        {
            var customer = c;
            selected[c] = expression.Evaluate(name => Value(Attribute(log, name)?[customer]));
        }

        return selected;
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

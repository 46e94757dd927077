namespace Wayfinder.Evidence.ClickHouse;

using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>
/// STAND-IN for ch-filters' translator (deleted when FilterSql.cs lands): single comparisons <c>name op value</c>
/// joined with <c>and</c>, enough for the metrics tests.
/// </summary>
internal static partial class FilterSql
{
    public static string Segment(string segment)
    {
        var parts = segment.Split(" and ", StringSplitOptions.TrimEntries);
        return string.Join(" AND ", parts.Select(part =>
        {
            var match = Comparison().Match(part);
            if (!match.Success)
            {
                throw new ArgumentException($"'{segment}' is not a valid filter");
            }

            var name = Sql.String(match.Groups["name"].Value);
            var op = match.Groups["op"].Value == "==" ? "=" : match.Groups["op"].Value;
            var value = $"attr_values[indexOf(attr_keys, {name})]";
            var condition = match.Groups["text"].Success
                ? $"{value} {op} {Sql.String(match.Groups["text"].Value)}"
                : $"toFloat64OrNull({value}) {op} {Sql.Number(double.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture))}";
            return $"(has(attr_keys, {name}) AND ifNull({condition}, 0))";
        }));
    }

    [GeneratedRegex("""^(?<name>[A-Za-z_][\w.]*)\s*(?<op>==|=|!=|>=|<=|>|<)\s*(?:"(?<text>[^"]*)"|(?<number>-?\d+(?:\.\d+)?))$""")]
    private static partial Regex Comparison();
}

namespace Wayfinder.Rendering.Tables;

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

/// <summary>
/// RFC 4180 CSV: records end with CRLF; a field holding a comma, a double quote, CR or LF is quoted and its quotes
/// doubled. Written by hand rather than with Sep: a few lines, and the formula guard below must see every cell.
/// </summary>
internal static partial class Csv
{
    /// <summary>
    /// Guards against CSV (formula) injection: a text cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR
    /// gets a leading <c>'</c>, so a spreadsheet shows it as text instead of running it. A plain number
    /// (<c>-1</c>, <c>+0.5</c>) is left alone: it cannot be a formula, and emotion scores are often negative.
    /// </summary>
    public static string Guard(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PlainNumber().IsMatch(text) ? "'" + text : text;

    public static string Write(IEnumerable<IReadOnlyList<object?>> rows)
    {
        var csv = new StringBuilder();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                if (i > 0)
                {
                    csv.Append(',');
                }

                var field = row[i] switch
                {
                    null => "",
                    string s => Guard(s),
                    Formatted { Text: { } written } => Guard(written),
                    Formatted f => f.Value.ToString(CultureInfo.InvariantCulture),
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    bool b => b ? "true" : "false",
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var other => Guard(other.ToString() ?? ""),
                };

                if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                {
                    csv.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                }
                else
                {
                    csv.Append(field);
                }
            }

            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex PlainNumber();
}

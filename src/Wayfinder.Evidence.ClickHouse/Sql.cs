namespace Wayfinder.Evidence.ClickHouse;

using System.Globalization;
using System.Text;

/// <summary>
/// The one place where values become SQL text. Every string that reaches a query goes through <see cref="String"/>
/// (a quoted literal in which nothing can end the quote) and every name through <see cref="Identifier"/>; numbers are
/// written invariantly. Bulk data never becomes SQL: it travels as JSON rows in the request body.
/// </summary>
public static class Sql
{
    /// <summary>
    /// A ClickHouse string literal for any text: backslash, quote and every control character are escaped (NUL as
    /// <c>\0</c>), so the literal ends only at its closing quote; other characters pass as UTF-8.
    /// </summary>
    public static string String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2);
        text.Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '\'': text.Append(@"\'"); break;
                case '\0': text.Append(@"\0"); break;
                case '\b': text.Append(@"\b"); break;
                case '\f': text.Append(@"\f"); break;
                case '\n': text.Append(@"\n"); break;
                case '\r': text.Append(@"\r"); break;
                case '\t': text.Append(@"\t"); break;
                default:
                    if (c < ' ' || c == '\u007f')
                    {
                        text.Append(@"\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('\'').ToString();
    }

    /// <summary>An array literal of strings: <c>['a', 'b']</c>.</summary>
    public static string Strings(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(String)) + "]";

    /// <summary>
    /// A table, database or column name: letters, digits and underscores, not starting with a digit, back-quoted.
    /// Anything else is refused: names come from configuration, never from data.
    /// </summary>
    public static string Identifier(string name)
    {
        if (!IsIdentifier(name))
        {
            throw new ArgumentException($"'{name}' cannot be a ClickHouse name: use letters, digits and underscores, starting with a letter or underscore.", nameof(name));
        }

        return "`" + name + "`";
    }

    /// <summary>Whether <paramref name="name"/> may be a database, table or cluster name.</summary>
    public static bool IsIdentifier(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 128 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A finite double as a literal that reads back as the same value.</summary>
    public static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : throw new ArgumentException("not a finite number", nameof(value));
}

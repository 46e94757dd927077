namespace Wayfinder.Core.Filters;

using System.Globalization;
using System.Text;

/// <summary>Where a filter text is wrong: a 1-based column in the text and a plain message.</summary>
public sealed record FilterError(int Column, string Message);

/// <summary>The outcome of <see cref="Filter.Parse"/>: either an expression or an error.</summary>
public sealed record FilterParseResult
{
    public FilterExpression? Expression { get; init; }
    public FilterError? Error { get; init; }
    public bool IsSuccess => Expression is not null;
}

/// <summary>
/// The filter language shared by persona segments, touchpoint event conditions and metric cuts
/// (see docs/filters.md): <c>plan = "pro" and (properties.amount &gt;= 100 or country in ("DE", "FR"))</c>.
/// </summary>
public static class Filter
{
    /// <summary>Parses filter text; never throws for bad input, returning a <see cref="FilterError"/> instead.</summary>
    public static FilterParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<Token>();
        if (Tokenize(text, tokens) is { } lexError)
        {
            return new FilterParseResult { Error = lexError };
        }

        if (tokens.Count == 1)
        {
            return new FilterParseResult { Error = new FilterError(1, "the filter is empty; write a condition such as plan = \"pro\"") };
        }

        var parser = new Parser(tokens);
        var expression = parser.ParseOr();
        if (parser.Error is null && parser.Current.Kind != TokenKind.End)
        {
            var token = parser.Current;
            parser.Fail(token.Kind == TokenKind.RightParen
                ? $"unexpected ')' at column {token.Column}; there is no '(' for it to close"
                : $"unexpected {Describe(token)} at column {token.Column}; join conditions with and / or");
        }

        return parser.Error is { } error
            ? new FilterParseResult { Error = error }
            : new FilterParseResult { Expression = expression };
    }

    private enum TokenKind
    {
        Identifier,
        String,
        Number,
        True,
        False,
        And,
        Or,
        Not,
        In,
        Operator,
        LeftParen,
        RightParen,
        Comma,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Column, object? Value = null);

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => "the end of the filter",
        TokenKind.String => $"the string {token.Text}",
        _ => $"'{token.Text}'",
    };

    private static FilterError? Tokenize(string text, List<Token> tokens)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var column = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-'))
                {
                    i++;
                }

                var word = text[start..i];
                if (word.EndsWith('.') || word.Contains("..", StringComparison.Ordinal))
                {
                    return new FilterError(column, $"'{word}' is not an attribute name; parts are joined by single dots, as in properties.plan");
                }

                var kind = word.ToLowerInvariant() switch
                {
                    "and" => TokenKind.And,
                    "or" => TokenKind.Or,
                    "not" => TokenKind.Not,
                    "in" => TokenKind.In,
                    "true" => TokenKind.True,
                    "false" => TokenKind.False,
                    _ => TokenKind.Identifier,
                };
                tokens.Add(new Token(kind, word, column));
            }
            else if (char.IsDigit(c) || (c is '-' or '+' && i + 1 < text.Length && (char.IsDigit(text[i + 1]) || text[i + 1] == '.')) || (c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var start = i;
                i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] is '.' or 'e' or 'E' || (text[i] is '-' or '+' && text[i - 1] is 'e' or 'E')))
                {
                    i++;
                }

                var number = text[start..i];
                if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    return new FilterError(column, $"'{number}' at column {column} is not a number; write it like 42, -3 or 0.5");
                }

                tokens.Add(new Token(TokenKind.Number, number, column, value));
            }
            else if (c == '"')
            {
                var builder = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    if (text[i] == '\\')
                    {
                        if (i + 1 < text.Length && text[i + 1] is '"' or '\\')
                        {
                            builder.Append(text[i + 1]);
                            i += 2;
                            continue;
                        }

                        var escape = i + 1 < text.Length ? $"\\{text[i + 1]}" : "\\";
                        return new FilterError(i + 1, $"unknown escape '{escape}' at column {i + 1}; inside a string only \\\" and \\\\ are escapes");
                    }

                    if (text[i] == '"')
                    {
                        closed = true;
                        i++;
                        break;
                    }

                    builder.Append(text[i]);
                    i++;
                }

                if (!closed)
                {
                    return new FilterError(column, $"the string starting at column {column} is not closed; add a \" at its end");
                }

                tokens.Add(new Token(TokenKind.String, text[(column - 1)..i], column, builder.ToString()));
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : null;
                if (two == "==")
                {
                    return new FilterError(column, $"'==' at column {column} is not an operator; write a single '='");
                }

                if (two is "!=" or "<=" or ">=")
                {
                    tokens.Add(new Token(TokenKind.Operator, two, column));
                    i += 2;
                }
                else if (two == "<>")
                {
                    return new FilterError(column, $"'<>' at column {column} is not an operator; write '!='");
                }
                else if (c == '!')
                {
                    return new FilterError(column, $"'!' at column {column} is not an operator; write '!=' or the word not");
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Operator, c.ToString(), column));
                    i++;
                }
            }
            else if (c == '(')
            {
                tokens.Add(new Token(TokenKind.LeftParen, "(", column));
                i++;
            }
            else if (c == ')')
            {
                tokens.Add(new Token(TokenKind.RightParen, ")", column));
                i++;
            }
            else if (c == ',')
            {
                tokens.Add(new Token(TokenKind.Comma, ",", column));
                i++;
            }
            else if (c == '\'')
            {
                return new FilterError(column, $"strings are written in double quotes; replace the ' at column {column} with \"");
            }
            else if (c == '&' || c == '|')
            {
                var word = c == '&' ? "and" : "or";
                return new FilterError(column, $"'{c}' at column {column} is not an operator; write the word {word}");
            }
            else
            {
                return new FilterError(column, $"unexpected character '{c}' at column {column}");
            }
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length + 1));
        return null;
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int _position;

        public FilterError? Error { get; private set; }

        public Token Current => tokens[_position];

        public void Fail(string message) => Error ??= new FilterError(Current.Column, message);

        private Token Advance() => tokens[_position++];

        // An error stops the parse: every method returns a placeholder once Error is set.
        private static readonly FilterExpression s_placeholder = new ComparisonExpression("", ComparisonOperator.Equal, FilterValue.Boolean(true));

        public FilterExpression ParseOr()
        {
            var left = ParseAnd();
            while (Error is null && Current.Kind == TokenKind.Or)
            {
                var op = Advance();
                var right = ParseAnd(op);
                left = new OrExpression(left, right);
            }

            return left;
        }

        private FilterExpression ParseAnd(Token? after = null)
        {
            var left = ParseUnary(after);
            while (Error is null && Current.Kind == TokenKind.And)
            {
                var op = Advance();
                var right = ParseUnary(op);
                left = new AndExpression(left, right);
            }

            return left;
        }

        private FilterExpression ParseUnary(Token? after)
        {
            if (Error is not null)
            {
                return s_placeholder;
            }

            if (Current.Kind == TokenKind.Not)
            {
                var op = Advance();
                return new NotExpression(ParseUnary(op));
            }

            if (Current.Kind == TokenKind.LeftParen)
            {
                var open = Advance();
                var inner = ParseOr();
                if (Error is not null)
                {
                    return s_placeholder;
                }

                if (Current.Kind != TokenKind.RightParen)
                {
                    Fail($"expected ')' at column {Current.Column} to close the '(' at column {open.Column}, found {Describe(Current)}");
                    return s_placeholder;
                }

                Advance();
                return inner;
            }

            if (Current.Kind != TokenKind.Identifier)
            {
                var where = after is { } a ? $" after '{a.Text}'" : "";
                Fail($"expected an attribute name{where} at column {Current.Column}, found {Describe(Current)}");
                return s_placeholder;
            }

            return ParseCondition(Advance());
        }

        private FilterExpression ParseCondition(Token attribute)
        {
            var name = attribute.Text;
            if (Current.Kind == TokenKind.Operator)
            {
                var op = Advance();
                var value = ParseValue(op);
                return value is null ? s_placeholder : new ComparisonExpression(name, ToOperator(op.Text), value);
            }

            var negated = false;
            if (Current.Kind == TokenKind.Not && tokens[_position + 1].Kind == TokenKind.In)
            {
                Advance();
                negated = true;
            }

            if (Current.Kind == TokenKind.In)
            {
                Advance();
                var values = ParseList(negated);
                return values is null ? s_placeholder : new InExpression(name, values, negated);
            }

            Fail($"expected a comparison (=, !=, <, <=, >, >=, in, not in) after '{name}' at column {Current.Column}, found {Describe(Current)}");
            return s_placeholder;
        }

        private List<FilterValue>? ParseList(bool negated)
        {
            var keyword = negated ? "not in" : "in";
            if (Current.Kind != TokenKind.LeftParen)
            {
                Fail($"expected '(' after '{keyword}' at column {Current.Column}, as in {keyword} (\"a\", \"b\")");
                return null;
            }

            Advance();
            var values = new List<FilterValue>();
            if (Current.Kind == TokenKind.RightParen)
            {
                Fail($"the list after '{keyword}' is empty at column {Current.Column}; give at least one value");
                return null;
            }

            while (true)
            {
                var previous = tokens[_position - 1];
                if (ParseValue(previous) is not { } value)
                {
                    return null;
                }

                values.Add(value);
                if (Current.Kind == TokenKind.Comma)
                {
                    Advance();
                    continue;
                }

                if (Current.Kind == TokenKind.RightParen)
                {
                    Advance();
                    return values;
                }

                Fail($"expected ',' or ')' in the list at column {Current.Column}, found {Describe(Current)}");
                return null;
            }
        }

        private FilterValue? ParseValue(Token after)
        {
            var token = Current;
            FilterValue? value = token.Kind switch
            {
                TokenKind.String => FilterValue.String((string)token.Value!),
                TokenKind.Number => FilterValue.Number((double)token.Value!),
                TokenKind.True => FilterValue.Boolean(true),
                TokenKind.False => FilterValue.Boolean(false),
                _ => null,
            };
            if (value is null)
            {
                var hint = token.Kind == TokenKind.Identifier ? $"; to compare with the text {token.Text}, write \"{token.Text}\"" : "";
                Fail($"expected a value after '{after.Text}' at column {token.Column}, found {Describe(token)}{hint}");
                return null;
            }

            Advance();
            return value;
        }

        private static ComparisonOperator ToOperator(string text) => text switch
        {
            "=" => ComparisonOperator.Equal,
            "!=" => ComparisonOperator.NotEqual,
            "<" => ComparisonOperator.Less,
            "<=" => ComparisonOperator.LessOrEqual,
            ">" => ComparisonOperator.Greater,
            _ => ComparisonOperator.GreaterOrEqual,
        };
    }
}

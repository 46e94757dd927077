namespace Wayfinder.Core.Filters;

using System.Globalization;
using System.Text;

/// <summary>The comparison operators of the filter language.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>
/// A parsed filter: a tree of <c>and</c> / <c>or</c> / <c>not</c> over comparisons and <c>in</c> lists.
/// <see cref="object.ToString"/> gives canonical text that parses back to the same tree.
/// </summary>
public abstract record FilterExpression
{
    /// <summary>
    /// Evaluates the filter against one customer or event. <paramref name="lookup"/> returns an attribute's value
    /// (string, number or bool), or null when it is missing; a comparison on a missing attribute is false.
    /// </summary>
    public abstract bool Evaluate(Func<string, object?> lookup);

    /// <summary>Binding strength used to print the fewest parentheses: or 1, and 2, not 3, comparisons 4.</summary>
    internal abstract int Precedence { get; }

    internal abstract void Write(StringBuilder builder);

    public sealed override string ToString()
    {
        var builder = new StringBuilder();
        Write(builder);
        return builder.ToString();
    }

    /// <summary>Writes a child, in parentheses when it binds looser than <paramref name="minimum"/>.</summary>
    internal static void WriteChild(StringBuilder builder, FilterExpression child, int minimum)
    {
        if (child.Precedence < minimum)
        {
            builder.Append('(');
            child.Write(builder);
            builder.Append(')');
        }
        else
        {
            child.Write(builder);
        }
    }
}

/// <summary><c>left or right</c>.</summary>
public sealed record OrExpression(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    internal override int Precedence => 1;

    public override bool Evaluate(Func<string, object?> lookup) => Left.Evaluate(lookup) || Right.Evaluate(lookup);

    internal override void Write(StringBuilder builder)
    {
        // Left-associative: a right operand of the same precedence came from parentheses and keeps them.
        WriteChild(builder, Left, 1);
        builder.Append(" or ");
        WriteChild(builder, Right, 2);
    }
}

/// <summary><c>left and right</c>.</summary>
public sealed record AndExpression(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    internal override int Precedence => 2;

    public override bool Evaluate(Func<string, object?> lookup) => Left.Evaluate(lookup) && Right.Evaluate(lookup);

    internal override void Write(StringBuilder builder)
    {
        WriteChild(builder, Left, 2);
        builder.Append(" and ");
        WriteChild(builder, Right, 3);
    }
}

/// <summary><c>not operand</c>.</summary>
public sealed record NotExpression(FilterExpression Operand) : FilterExpression
{
    internal override int Precedence => 3;

    public override bool Evaluate(Func<string, object?> lookup) => !Operand.Evaluate(lookup);

    internal override void Write(StringBuilder builder)
    {
        builder.Append("not ");
        WriteChild(builder, Operand, 3);
    }
}

/// <summary><c>attribute op value</c>, e.g. <c>properties.amount &gt;= 100</c>.</summary>
public sealed record ComparisonExpression(string Attribute, ComparisonOperator Operator, FilterValue Value) : FilterExpression
{
    internal override int Precedence => 4;

    public override bool Evaluate(Func<string, object?> lookup)
    {
        var actual = lookup(Attribute);
        return actual is not null && FilterValue.Compare(actual, Operator, Value);
    }

    internal override void Write(StringBuilder builder)
    {
        builder.Append(Attribute).Append(' ').Append(OperatorText(Operator)).Append(' ');
        Value.Write(builder);
    }

    public static string OperatorText(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}

/// <summary><c>attribute in (v1, v2, …)</c>, or <c>not in</c> when <see cref="Negated"/>.</summary>
public sealed record InExpression(string Attribute, IReadOnlyList<FilterValue> Values, bool Negated) : FilterExpression
{
    internal override int Precedence => 4;

    public override bool Evaluate(Func<string, object?> lookup)
    {
        var actual = lookup(Attribute);
        if (actual is null)
        {
            return false;
        }

        var found = Values.Any(v => FilterValue.Compare(actual, ComparisonOperator.Equal, v));
        return Negated ? !found : found;
    }

    internal override void Write(StringBuilder builder)
    {
        builder.Append(Attribute).Append(Negated ? " not in (" : " in (");
        for (var i = 0; i < Values.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            Values[i].Write(builder);
        }

        builder.Append(')');
    }

    public bool Equals(InExpression? other) =>
        other is not null && Attribute == other.Attribute && Negated == other.Negated && Values.SequenceEqual(other.Values);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Attribute);
        hash.Add(Negated);
        foreach (var value in Values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }
}

/// <summary>A literal in a filter: a string, a number (double) or a boolean.</summary>
public sealed record FilterValue
{
    private FilterValue(object value) => Value = value;

    /// <summary>The literal: <see cref="string"/>, <see cref="double"/> or <see cref="bool"/>.</summary>
    public object Value { get; }

    public static FilterValue String(string value) => new(value);

    public static FilterValue Number(double value) => new(value);

    public static FilterValue Boolean(bool value) => new(value);

    public override string ToString()
    {
        var builder = new StringBuilder();
        Write(builder);
        return builder.ToString();
    }

    internal void Write(StringBuilder builder)
    {
        switch (Value)
        {
            case string s:
                builder.Append('"');
                foreach (var c in s)
                {
                    if (c is '"' or '\\')
                    {
                        builder.Append('\\');
                    }

                    builder.Append(c);
                }

                builder.Append('"');
                break;
            case double d:
                builder.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
        }
    }

    /// <summary>
    /// Compares an attribute's value with a literal: numbers numerically (a number-like string against a number
    /// literal, or a number against a number-like string literal, counts as a number), strings ordinally, booleans
    /// by equality only. Values that cannot be compared are unequal (so <c>!=</c> holds) and unordered.
    /// </summary>
    internal static bool Compare(object actual, ComparisonOperator op, FilterValue literal)
    {
        var expected = literal.Value;
        if (expected is bool || actual is bool)
        {
            if (AsBoolean(actual) is not { } a || AsBoolean(expected) is not { } b)
            {
                return op == ComparisonOperator.NotEqual;
            }

            return op switch
            {
                ComparisonOperator.Equal => a == b,
                ComparisonOperator.NotEqual => a != b,
                _ => false,
            };
        }

        int order;
        if (IsNumber(actual) || IsNumber(expected))
        {
            if (AsNumber(actual) is not { } x || AsNumber(expected) is not { } y)
            {
                return op == ComparisonOperator.NotEqual;
            }

            order = x.CompareTo(y);
        }
        else
        {
            var text = actual as string ?? Convert.ToString(actual, CultureInfo.InvariantCulture) ?? "";
            order = string.CompareOrdinal(text, (string)expected);
        }

        return op switch
        {
            ComparisonOperator.Equal => order == 0,
            ComparisonOperator.NotEqual => order != 0,
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            ComparisonOperator.Greater => order > 0,
            ComparisonOperator.GreaterOrEqual => order >= 0,
            _ => false,
        };
    }

    private static bool? AsBoolean(object value) => value switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var parsed) => parsed,
        _ => null,
    };

    private static bool IsNumber(object value) => value is double or float or int or long or decimal or short or byte or uint or ulong;

    private static double? AsNumber(object value) => value switch
    {
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        decimal m => (double)m,
        short s => s,
        byte b => b,
        uint u => u,
        ulong ul => ul,
        string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}

namespace Wayfinder.Web.Components.Editor;

using System.Text.RegularExpressions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;

/// <summary>A problem in a KPI field as the person types it: the 1-based column it starts at and the message in plain words.</summary>
public sealed record KpiProblem(int Column, string Message);

/// <summary>Checks a KPI's metric and target with the validator's own grammar (<see cref="KpiMetric"/>, <see cref="KpiTarget"/>), as you type.</summary>
public static partial class KpiCheck
{
    /// <summary>Null when the metric resolves on the journey; else where and why not (with the grammar's "did you mean").</summary>
    public static KpiProblem? Metric(string? text, Journey journey)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new KpiProblem(1, "the metric is empty; write one such as conversion(book -> pay) or nps(stage: board)");
        }

        var (_, problem) = KpiMetric.Resolve(text, journey);
        return problem is null ? null : new KpiProblem(ColumnOf(text, problem), problem);
    }

    /// <summary>Null when the target parses; else its column and message.</summary>
    public static KpiProblem? Target(string? text)
    {
        var error = KpiTarget.Parse(text ?? "").Error;
        return error is null ? null : new KpiProblem(error.Column, error.Message);
    }

    // The grammar names the word it stumbled on in quotes ("unknown metric 'convrsion'", "no stage 'bok'"); the column
    // is where that word starts in the text, else where the text starts.
    private static int ColumnOf(string text, string problem)
    {
        var start = text.Length - text.TrimStart().Length;
        foreach (Match quoted in Quoted().Matches(problem))
        {
            var word = quoted.Groups[1].Value;
            var at = word.Length == 0 || word == text ? -1 : text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return at + 1;
            }
        }

        return start + 1;
    }

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();
}

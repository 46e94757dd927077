namespace Wayfinder.Core.Tests.Filters;

using System.Text.RegularExpressions;
using Wayfinder.Core.Filters;
using Wayfinder.Core.Validation;

/// <summary>The examples in docs/filters.md are checked against the code, so the page cannot drift from it.</summary>
public sealed partial class FilterDocsTests
{
    [GeneratedRegex(@"^\| `(?<text>[^`]*)` \| (?<message>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    private static string Docs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "filters.md");
            if (File.Exists(path))
            {
                return File.ReadAllText(path).ReplaceLineEndings("\n");
            }
        }

        throw new InvalidOperationException("docs/filters.md not found above the test output folder");
    }

    private static string Section(string heading)
    {
        var text = Docs();
        var start = text.IndexOf($"\n## {heading}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/filters.md has no section '{heading}'");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? text[start..] : text[start..end];
    }

    [Fact]
    public void FilterErrorsInTheDocsAreTheOnesTheParserGives()
    {
        var rows = TableRow().Matches(Section("Errors"));

        Assert.Equal(5, rows.Count);
        foreach (Match row in rows)
        {
            Assert.Equal(row.Groups["message"].Value, Filter.Parse(row.Groups["text"].Value).Error?.Message);
        }
    }

    [Fact]
    public void KpiTargetErrorsInTheDocsAreTheOnesTheParserGives()
    {
        var rows = TableRow().Matches(Section("KPI targets"));

        Assert.Equal(4, rows.Count);
        foreach (Match row in rows)
        {
            Assert.Equal(row.Groups["message"].Value, KpiTarget.Parse(row.Groups["text"].Value).Error?.Message);
        }
    }

    [Theory]
    [InlineData("plan = \"starter\" and attributes.country in (\"DE\", \"AT\", \"CH\")")]
    [InlineData("properties.path = \"/pricing\" and not properties.bot = true")]
    [InlineData("channel = \"app\"")]
    public void FilterExamplesInTheDocsParse(string example)
    {
        Assert.Contains(example, Docs(), StringComparison.Ordinal);
        Assert.True(Filter.Parse(example).IsSuccess);
    }
}

namespace Wayfinder.Cli.Tests;

using System.Text.Json;

public sealed class DecisionsTests
{
    [Fact]
    public async Task OpportunitiesJsonRanksByValueForEffort()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "opportunities", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var rows = json.RootElement.EnumerateArray().ToList();
        // show-total: value (5+4)/2 = 4.5, effort 2, score 2.25, quick win; loyalty: value 2.5, effort 4, score 0.625, money pit.
        Assert.Equal(
            ["1 show-total 4.5 2 2.25 quick_win planned", "2 loyalty 2.5 4 0.625 money_pit idea"],
            rows.Select(r => $"{r.GetProperty("rank").GetInt32()} {r.GetProperty("item_id").GetString()} {r.GetProperty("value").GetDouble()} "
                + $"{r.GetProperty("effort").GetInt32()} {r.GetProperty("score").GetDouble()} {r.GetProperty("quadrant").GetString()} {r.GetProperty("status").GetString()}"));
        Assert.Equal("booking", rows[0].GetProperty("journey_id").GetString());
        Assert.Equal(["hidden-fees"], rows[0].GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task OpportunitiesTableShowsOneRowPerOpportunity()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "opportunities");

        Assert.Equal(0, result.ExitCode);
        var row = result.Stdout.Split('\n').Single(l => l.Contains("Show the total", StringComparison.Ordinal));
        Assert.Equal(
            ["1", "booking", "book", "Show the total price from the start", "4.5", "2", "2.25", "quick win", "planned", "web-team"],
            row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task OpportunitiesWritesTheMatrixAsSvg()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "opportunities", "--format", "svg", "-o", "matrix.svg");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("wrote matrix.svg", result.ErrorLines[^1]);
        Assert.Contains("<svg", folder.Read("matrix.svg"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValueGapJsonHasTheAnalysedNeeds()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "value-gap", "maya-needs", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["map_id", "persona", "total_weighted_gap", "has_competitor_data", "needs"], root.EnumerateObject().Select(p => p.Name));
        // clear-price: best is SkyCo at 4, ours 2: gap 2, times importance 5 = 10, a gap.
        // legroom: best is SkyCo at 3, ours 4: gap -1, times importance 2 = -2, over-served (we lead on a need of low importance).
        Assert.Equal(10, root.GetProperty("total_weighted_gap").GetDouble());
        Assert.Equal(
            ["1 clear-price skyco 2 10 gap", "2 legroom skyco -1 -2 over_served"],
            root.GetProperty("needs").EnumerateArray().Select(n => $"{n.GetProperty("rank").GetInt32()} {n.GetProperty("need_id").GetString()} "
                + $"{n.GetProperty("best_competitor").GetString()} {n.GetProperty("gap").GetDouble()} {n.GetProperty("weighted_gap").GetDouble()} {n.GetProperty("class").GetString()}"));
    }

    [Fact]
    public async Task ValueGapTableNamesTheBestCompetitor()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "value-gap", "maya-needs");

        Assert.Equal(0, result.ExitCode);
        var row = result.Stdout.Split('\n').Single(l => l.Contains("A clear total price", StringComparison.Ordinal));
        Assert.Equal(["1", "A clear total price", "5", "2", "SkyCo", "4", "2", "10", "gap"], row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private const string UnratedMap = "kind: value_gap\nid: unrated\ntitle: Not compared yet\npersona: maya\ncompetitors:\n  - skyco\nneeds:\n  - id: clear-price\n    text: A clear total price\n    importance: 5\n    ours: 2\n  - id: legroom\n    text: Legroom\n    importance: 2\n    ours: 4\n";

    [Fact]
    public async Task ValueGapWithoutCompetitorRatingsSaysNoCompetitorDataInsteadOfParity()
    {
        using var folder = TempFolder.WithFixture("small");
        folder.Write("value-gaps/unrated.yaml", UnratedMap);

        var table = await CliRunner.RunAsync(folder.Path, "value-gap", "unrated");
        var json = await CliRunner.RunAsync(folder.Path, "value-gap", "unrated", "--json");

        Assert.Equal(0, table.ExitCode);
        var row = table.Stdout.Split('\n').Single(l => l.Contains("A clear total price", StringComparison.Ordinal));
        Assert.Equal(["1", "A clear total price", "5", "2", "no competitor data"], row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.DoesNotContain("parity", table.Stdout, StringComparison.Ordinal);
        Assert.Contains(table.ErrorLines, l => l.StartsWith("warning: no competitor data:", StringComparison.Ordinal));

        using var document = JsonDocument.Parse(json.Stdout);
        var root = document.RootElement;
        Assert.False(root.GetProperty("has_competitor_data").GetBoolean());
        Assert.Equal(
            ["clear-price no_competitor_data Null Null", "legroom no_competitor_data Null Null"],
            root.GetProperty("needs").EnumerateArray().Select(n => $"{n.GetProperty("need_id").GetString()} {n.GetProperty("class").GetString()} {n.GetProperty("gap").ValueKind} {n.GetProperty("weighted_gap").ValueKind}"));
    }

    [Fact]
    public async Task ValueGapOfAnUnknownIdExitsWithTwoAndSuggestsTheClosest()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "value-gap", "maya-need");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: no value gap map \"maya-need\" in the workspace. Did you mean \"maya-needs\"? Value gap maps: maya-needs"], result.ErrorLines);
    }
}

namespace Wayfinder.Cli.Tests;

/// <summary><c>render --lanes --stages --empty-lanes</c>: focused views, and unknown ids refused before anything is written.</summary>
public sealed class RenderViewsTests
{
    [Fact]
    public async Task UnknownLaneIsAUsageErrorWithASuggestionAndNothingIsWritten()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "booking", "--format", "svg,pdf", "--lanes", "touchpoints,pain", "-o", "out/");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: --lanes: journey \"booking\" has no lane \"pain\". Did you mean \"pains\"? Lanes: touchpoints, pains, opportunities"], result.ErrorLines);
        Assert.False(Directory.Exists(folder.Combine("out")));
    }

    [Fact]
    public async Task UnknownStageIsAUsageErrorWithASuggestion()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "booking", "--stages", "serch..book");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: --stages: journey \"booking\" has no stage \"serch\". Did you mean \"search\"? Stages: search, book"], result.ErrorLines);
        Assert.False(File.Exists(folder.Combine("journeys/booking.svg")));
    }

    [Fact]
    public async Task LanesAndStagesChooseWhatTheMapShowsInTheOrderGiven()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "render", "booking", "--lanes", "pains", "--lanes", "touchpoints", "--stages", "book", "-o", "map.svg");

        Assert.True(result.ExitCode == 0, result.ToString());
        var svg = System.Xml.Linq.XDocument.Parse(folder.Read("map.svg"));
        var groups = svg.Descendants().Where(e => e.Attribute("data-element-kind") is not null).ToList();
        Assert.Equal(["pains", "touchpoints"], groups.Where(g => (string?)g.Attribute("data-element-kind") == "lane").Select(g => (string?)g.Attribute("data-element-id")));
        Assert.Equal(["book"], groups.Where(g => (string?)g.Attribute("data-element-kind") == "stage").Select(g => (string?)g.Attribute("data-element-id")));
    }
}

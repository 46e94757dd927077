namespace Wayfinder.Cli.Tests;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;

public sealed class ImportTests
{
    [Fact]
    public async Task ImportMermaidWritesTheJourneyIntoTheWorkspace()
    {
        using var folder = TempFolder.WithFixture("small");
        File.Copy(Fixtures.PathOf("checkout.mmd"), folder.Combine("checkout.mmd"));

        var result = await CliRunner.RunAsync(folder.Path, "import", "mermaid", "checkout.mmd");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("imported 2 stages into journeys/checkout.yaml", result.ErrorLines[^1]);
        var text = folder.Read("journeys/checkout.yaml");
        Assert.StartsWith("# yaml-language-server: $schema=../.wayfinder/schemas/journey.schema.json\n", text, StringComparison.Ordinal);
        var journey = DocumentYaml.Read<Journey>(text);
        Assert.Equal(("checkout", "Checkout"), (journey.Id, journey.Title));
        Assert.Equal(["Choose", "Pay"], journey.Stages.Select(s => s.Name));
        // Mermaid scores run 1..5; the emotion lane runs -2..+2, so 4, 2 and 1 become 1, -1 and -2.
        var emotions = journey.Lanes.Single(l => l.Type == LaneType.Emotion).Items;
        Assert.Contains(emotions, e => e.Score == 1);
        Assert.Contains(emotions, e => e.Score == -2);
        var actions = journey.Lanes.Where(l => l.Type == LaneType.Actions).SelectMany(l => l.Items).Select(i => i.Text);
        Assert.Equal(["Pick a seat", "Add a bag", "Enter card details"], actions);
    }

    [Fact]
    public async Task ImportMermaidWithIdAndOutputWritesThere()
    {
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync(folder.Path, "import", "mermaid", Fixtures.PathOf("checkout.mmd"), "--id", "pay-flow", "-o", "maps/");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("pay-flow", DocumentYaml.Read<Journey>(folder.Read("maps/pay-flow.yaml")).Id);
    }

    [Fact]
    public async Task ImportMermaidReportsErrorsWithLineAndColumnAndExitsWithOne()
    {
        using var folder = TempFolder.WithFixture("small");
        folder.Write("bad.mmd", "graph TD\n  A --> B\n");

        var result = await CliRunner.RunAsync(folder.Path, "import", "mermaid", "bad.mmd");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^bad\.mmd:1:1 ", result.ErrorLines[0]);
        Assert.StartsWith("error: could not import bad.mmd: ", result.ErrorLines[^1], StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("journeys/bad.yaml")));
    }

    [Fact]
    public async Task ImportMermaidRefusesToOverwrite()
    {
        using var folder = TempFolder.WithFixture("small");
        File.Copy(Fixtures.PathOf("checkout.mmd"), folder.Combine("booking.mmd"));

        var result = await CliRunner.RunAsync(folder.Path, "import", "mermaid", "booking.mmd");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: journeys/booking.yaml already exists; choose another id with --id, or pass --force to overwrite it"], result.ErrorLines);
    }

    [Fact]
    public async Task ImportOfAMissingFileSaysSo()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "import", "mermaid", "nope.mmd");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: no file nope.mmd"], result.ErrorLines);
    }
}

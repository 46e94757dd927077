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
        // Sections become stages, tasks steps, each task's actors named actors in a roles lane (not persona references);
        // Mermaid scores 1..5 map onto the emotion scale -2..+2.
        Assert.Equal(
            """
            # yaml-language-server: $schema=../.wayfinder/schemas/journey.schema.json
            kind: journey
            id: checkout
            title: Checkout
            revision: 0
            state: current
            stages:
              - id: choose
                name: Choose
                steps:
                  - id: pick-a-seat
                    name: Pick a seat
                  - id: add-a-bag
                    name: Add a bag
              - id: pay
                name: Pay
                steps:
                  - id: enter-card-details
                    name: Enter card details
            lanes:
              - id: emotion
                type: emotion
                items:
                  - stage: choose
                    step: pick-a-seat
                    score: 1
                  - stage: choose
                    step: add-a-bag
                    score: -1
                  - stage: pay
                    step: enter-card-details
                    score: -2
              - id: roles
                type: roles
                name: Actors
                items:
                  - stage: choose
                    step: pick-a-seat
                    text: Maya
                  - stage: choose
                    step: add-a-bag
                    text: Maya
                  - stage: pay
                    step: enter-card-details
                    text: Maya

            """,
            folder.Read("journeys/checkout.yaml"));
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
        folder.Write("bad.mmd", "journey\n    title Checkout\n    section Choose\n      Pick a seat\n      Add a bag: 9: Maya\n");

        var result = await CliRunner.RunAsync(folder.Path, "import", "mermaid", "bad.mmd");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [
                "bad.mmd:4:7 task \"Pick a seat\" has no \": score\" (write \"Pick a seat: 3\")",
                "bad.mmd:5:18 warning: score 9 is outside 1..5; imported as 5",
                "error: could not import bad.mmd: 1 error",
            ],
            result.ErrorLines);
        Assert.False(File.Exists(folder.Combine("journeys/bad.yaml")));
    }

    [Fact]
    public async Task ImportOfADiagramThatIsNotAJourneySaysWhatItFound()
    {
        using var folder = TempFolder.WithFixture("small");
        folder.Write("flow.mmd", "graph TD\n  A --> B\n");

        var result = await CliRunner.RunAsync(folder.Path, "import", "mermaid", "flow.mmd");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["flow.mmd:1:1 expected the diagram to start with \"journey\", found \"graph TD\"", "error: could not import flow.mmd: 1 error"], result.ErrorLines);
    }

    [Fact]
    public async Task ImportMermaidWarnsAboutLinesItDropsAndStillWritesTheJourney()
    {
        using var folder = TempFolder.WithFixture("small");
        folder.Write("seat.mmd", "journey\n    title Seats\n    %% mine\n    section Choose\n      Pick a seat: 4: Maya\n");

        var result = await CliRunner.RunAsync(folder.Path, "import", "mermaid", "seat.mmd");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            ["seat.mmd:3:5 warning: comment not kept: %% mine", "imported 1 stage into journeys/seat.yaml (1 warning above: those lines were not imported)"],
            result.ErrorLines);
        Assert.True(File.Exists(folder.Combine("journeys/seat.yaml")));
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

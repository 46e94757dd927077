namespace Wayfinder.Cli.Tests;

using System.Text.Json;

public sealed class ValidateTests
{
    private const string BrokenJourney = "kind: journey\nid: broken\ntitle: Broken dates\nreview:\n  last_reviewed: 2026-02-30\n";

    [Fact]
    public async Task ValidateOnACleanWorkspaceExitsWithZero()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "validate");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["valid: 3 documents, 0 warnings"], result.ErrorLines);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task ValidatePrintsFileLineColumnAndMessageOfABrokenFileAndExitsWithOne()
    {
        using var folder = TempFolder.WithFixture("small");
        folder.Write("journeys/broken.yaml", BrokenJourney);

        var result = await CliRunner.RunAsync(folder.Path, "validate");

        Assert.Equal(1, result.ExitCode);
        // Line 5 is "  last_reviewed: 2026-02-30"; the value starts in column 18.
        Assert.Equal(
            ["journeys/broken.yaml:5:18 review.last_reviewed: '2026-02-30' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-25", "1 error, 0 warnings in 1 file"],
            result.ErrorLines);
    }

    [Fact]
    public async Task ValidateFileChecksOnlyThatFileButResolvesReferencesAgainstTheWorkspace()
    {
        using var folder = TempFolder.WithFixture("small");
        folder.Write("journeys/broken.yaml", BrokenJourney);

        // booking.yaml names persona maya, which is in another file: valid. broken.yaml's error is not booking's.
        var booking = await CliRunner.RunAsync(folder.Path, "validate", "journeys/booking.yaml");
        var broken = await CliRunner.RunAsync(folder.Path, "validate", "journeys/broken.yaml", "journeys/booking.yaml");

        Assert.True(booking.ExitCode == 0, booking.ToString());
        Assert.Equal(["valid: 1 file, 0 warnings"], booking.ErrorLines);
        Assert.Equal(1, broken.ExitCode);
        Assert.Equal(
            ["journeys/broken.yaml:5:18 review.last_reviewed: '2026-02-30' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-25", "1 error, 0 warnings in 1 file"],
            broken.ErrorLines);
    }

    [Fact]
    public async Task ValidateFileOutsideTheWorkspaceOrMissingIsAUsageError()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "validate", "journeys/nope.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: no file journeys/nope.yaml"], result.ErrorLines);
    }

    [Fact]
    public async Task ValidateJsonPrintsTheDiagnosticsWithExactFields()
    {
        using var folder = TempFolder.WithFixture("small");
        folder.Write("journeys/broken.yaml", BrokenJourney);

        var result = await CliRunner.RunAsync(folder.Path, "validate", "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var diagnostics = json.RootElement.EnumerateArray().ToList();
        Assert.All(diagnostics, d => Assert.Equal(["file", "line", "column", "path", "severity", "code", "message"], d.EnumerateObject().Select(p => p.Name)));
        var broken = Assert.Single(diagnostics, d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal(
            "journeys/broken.yaml 5 18 review.last_reviewed error wrong-type '2026-02-30' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-25",
            $"{broken.GetProperty("file").GetString()} {broken.GetProperty("line").GetInt32()} {broken.GetProperty("column").GetInt32()} "
                + $"{broken.GetProperty("path").GetString()} {broken.GetProperty("severity").GetString()} {broken.GetProperty("code").GetString()} {broken.GetProperty("message").GetString()}");
    }

    [Fact]
    public async Task ValidateJsonOnACleanWorkspaceHasNoErrors()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "validate", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.DoesNotContain(json.RootElement.EnumerateArray(), d => d.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public async Task ValidateReportsAReferenceToAnUnknownPersonaWithItsPath()
    {
        using var folder = TempFolder.WithFixture("small");
        folder.Write("journeys/booking.yaml", folder.Read("journeys/booking.yaml").Replace("  - maya\n", "  - mia\n", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync(folder.Path, "validate");

        Assert.Equal(1, result.ExitCode);
        // Line 6 is "  - mia"; the exact wording is the validator's, the position and path are the contract.
        Assert.Contains(result.ErrorLines, l => l.StartsWith("journeys/booking.yaml:6:", StringComparison.Ordinal) && l.Contains(" personas[0]: ", StringComparison.Ordinal));
    }
}

namespace Wayfinder.Cli.Tests;

public sealed class UsageTests
{
    [Fact]
    public async Task UnknownOptionExitsWithTwoAndSuggestsTheClosestOption()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "validate", "--jsn");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            ["error: Unrecognized command or argument '--jsn'.", "Did you mean `--json` instead of `--jsn`?", "Run `wayfinder validate --help` for usage."],
            result.ErrorLines);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task UnknownCommandExitsWithTwoAndSuggestsTheClosestCommand()
    {
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync(folder.Path, "rendr");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            ["error: Unrecognized command or argument 'rendr'.", "Did you mean `render` instead of `rendr`?", "Run `wayfinder --help` for usage."],
            result.ErrorLines);
    }

    [Fact]
    public async Task MissingArgumentExitsWithTwo()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "new", "journey");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Run `wayfinder new journey --help` for usage.", result.ErrorLines[^1]);
    }

    [Theory]
    [InlineData("init")]
    [InlineData("templates")]
    [InlineData("new", "journey")]
    [InlineData("list")]
    [InlineData("validate")]
    [InlineData("render")]
    [InlineData("export")]
    [InlineData("import", "mermaid")]
    [InlineData("opportunities")]
    [InlineData("value-gap")]
    [InlineData("schema")]
    public async Task EveryCommandHasHelpWithExamples(params string[] command)
    {
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync(folder.Path, [.. command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"wayfinder {string.Join(' ', command)}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Examples:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandsThatNeedAWorkspaceSayHowToGetOneWhenThereIsNone()
    {
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync(folder.Path, "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [$"error: no workspace here: no wayfinder.yaml in {folder.Path} or any folder above it; run `wayfinder init` to create one, or pass --workspace DIR"],
            result.ErrorLines);
    }

    [Fact]
    public async Task AWorkspaceOptionThatIsNotAWorkspaceIsReported()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Combine("empty"));

        var result = await CliRunner.RunAsync(folder.Path, "list", "--workspace", "empty");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: empty is not a workspace (no wayfinder.yaml); create one with `wayfinder init empty`"], result.ErrorLines);
    }

    [Fact]
    public async Task AFileThatCannotBeWrittenIsOneLineAndExitsWithOne()
    {
        using var folder = new TempFolder();
        folder.Write("taken", "a file, not a folder");

        var result = await CliRunner.RunAsync(folder.Path, "init", "taken/maps");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerboseShowsTheStackTrace()
    {
        using var folder = new TempFolder();
        folder.Write("taken", "a file, not a folder");

        var result = await CliRunner.RunAsync(folder.Path, "init", "taken/maps", "--verbose");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.ErrorLines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}

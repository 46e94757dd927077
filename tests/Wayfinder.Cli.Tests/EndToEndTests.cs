namespace Wayfinder.Cli.Tests;

using System.Diagnostics;

/// <summary>The built tool as a process: exit codes and streams as a shell script sees them.</summary>
public sealed class EndToEndTests
{
    [Fact]
    public async Task TheBuiltToolListsAWorkspaceAsJsonAndExitsWithZero()
    {
        using var folder = TempFolder.WithFixture("small");

        var (code, stdout, stderr) = await RunToolAsync(folder.Path, "list", "--json");

        Assert.True(code == 0, stderr);
        Assert.StartsWith("[", stdout.TrimStart(), StringComparison.Ordinal);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task TheBuiltToolExitsWithTwoOnAnUnknownOption()
    {
        using var folder = new TempFolder();

        var (code, stdout, stderr) = await RunToolAsync(folder.Path, "list", "--bogus");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("error: Unrecognized command or argument '--bogus'.", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunToolAsync(string workingDirectory, params string[] args)
    {
        var directory = AppContext.BaseDirectory;
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "wayfinder.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await stdout, await stderr);
    }
}

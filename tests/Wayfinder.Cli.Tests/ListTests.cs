namespace Wayfinder.Cli.Tests;

using System.Text.Json;

public sealed class ListTests
{
    [Fact]
    public async Task ListJsonHasEveryDocumentWithKindIdTitleFileStateStaleAndRevision()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "list", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(["kind", "id", "title", "file", "state", "stale", "revision"], r.EnumerateObject().Select(p => p.Name)));
        // Maya was reviewed on 2026-10-01 with a 90-day cadence: due 2026-12-30, after "today" (2026-11-25).
        // The journey and the value gap map were never reviewed, so they are stale.
        Assert.Equal(
            [
                "persona maya \"Maya, the first-time flyer\" personas/maya.yaml - False 3",
                "journey booking \"Booking a first flight\" journeys/booking.yaml current True 2",
                "value_gap maya-needs \"What Maya needs from an airline\" value-gaps/maya-needs.yaml - True 0",
            ],
            rows.Select(r => $"{r.GetProperty("kind").GetString()} {r.GetProperty("id").GetString()} \"{r.GetProperty("title").GetString()}\" "
                + $"{r.GetProperty("file").GetString()} {r.GetProperty("state").GetString() ?? "-"} {r.GetProperty("stale").GetBoolean()} {r.GetProperty("revision").GetInt32()}"));
    }

    [Fact]
    public async Task ListShowsATableOnStdout()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "list");

        Assert.Equal(0, result.ExitCode);
        var bookingRow = result.Stdout.Split('\n').Single(l => l.Contains("booking", StringComparison.Ordinal));
        Assert.Equal(["journey", "booking", "Booking a first flight", "current", "stale", "2"], bookingRow.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task TheWorkspaceIsFoundFromASubfolder()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Combine("journeys"), "list", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(["maya", "booking", "maya-needs"], json.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task TheWorkspaceOptionPointsAtAnotherFolder()
    {
        using var folder = TempFolder.WithFixture("small");
        using var elsewhere = new TempFolder();

        var result = await CliRunner.RunAsync(elsewhere.Path, "list", "--json", "--workspace", folder.Path);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(3, json.RootElement.GetArrayLength());
    }
}

namespace Wayfinder.Cli.Tests;

using System.Diagnostics;
using System.Text.Json;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;

/// <summary>
/// <c>wayfinder draft</c>: a journey drafted into journeys/ID.yaml by the offline drafter or a language model, marked as a
/// draft; every refusal says what to do and writes nothing. Offline runs pass <c>--drafter offline</c> so a model
/// configured on the machine running the tests is never asked.
/// </summary>
public sealed class DraftCommandTests
{
    private static readonly string[] s_brief = ["--scenario", "first international flight", "--goal", "more first-time flyers book again"];

    /// <summary>A workspace from <c>init --empty</c> (the standard channels) with one persona, maya; no events.</summary>
    private static async Task<TempFolder> WorkspaceWithMayaAsync()
    {
        var folder = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "init", "--empty")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "new", "persona", "maya", "--template", "first-time-flyer")).ExitCode);
        return folder;
    }

    private static Task<CliResult> DraftAsync(TempFolder folder, params string[] args) =>
        CliRunner.RunAsync(folder.Path, ["draft", .. args]);

    [Fact]
    public async Task TheOfflineDrafterWritesAJourneyTaggedDraftedWithItsNoteThatValidates()
    {
        using var folder = await WorkspaceWithMayaAsync();

        var result = await DraftAsync(folder, ["first-flight", "--persona", "maya", .. s_brief, "--drafter", "offline"]);
        var validated = await CliRunner.RunAsync(folder.Path, "validate");

        Assert.True(result.ExitCode == 0, result.ToString());
        var journey = DocumentYaml.Read<Journey>(folder.Read("journeys/first-flight.yaml"));
        Assert.Equal("first-flight", journey.Id);
        Assert.Contains("drafted", journey.Tags);
        Assert.Equal(["maya"], journey.Personas);
        // CliRunner's clock says 2026-11-25; the offline drafter names no model.
        Assert.Equal(("offline", null, new DateOnly(2026, 11, 25)), (journey.Draft!.Drafter, journey.Draft.Model, journey.Draft.Date));
        Assert.Contains("drafted journeys/first-flight.yaml with the offline drafter (no language model)", result.ErrorLines);
        Assert.True(validated.ExitCode == 0, validated.ToString());
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task TheMessageListsEachDraftedStageWithItsTouchpointsAndTheNextSteps()
    {
        using var folder = await WorkspaceWithMayaAsync();

        var result = await DraftAsync(folder, ["first-flight", "--persona", "maya", .. s_brief, "--drafter", "offline"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var journey = DocumentYaml.Read<Journey>(folder.Read("journeys/first-flight.yaml"));
        var touchpoints = journey.Lanes.Where(l => l.Type == LaneType.Touchpoints).SelectMany(l => l.Items).ToList();
        var expected = journey.Stages.Select(s => touchpoints.Where(t => t.Stage == s.Id).Select(t => t.Text!).ToList() is { Count: > 0 } names
            ? $"  {s.Name}: {string.Join(", ", names)}"
            : $"  {s.Name}: (no touchpoints)").ToList();
        Assert.NotEmpty(expected);
        var lines = result.ErrorLines.ToList();
        var first = lines.IndexOf("drafted journeys/first-flight.yaml with the offline drafter (no language model)");
        Assert.Equal(expected, lines.Skip(first + 1).Take(expected.Count));
        var next = lines[^1];
        Assert.StartsWith("next: ", next, StringComparison.Ordinal);
        Assert.Contains("`wayfinder validate`", next, StringComparison.Ordinal);
        Assert.Contains("`wayfinder render first-flight`", next, StringComparison.Ordinal);
        Assert.Contains("`wayfinder suggest first-flight`", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonSaysWhatWasCreatedAndByWhichDrafter()
    {
        using var folder = await WorkspaceWithMayaAsync();

        var result = await DraftAsync(folder, ["first-flight", "--persona", "maya", .. s_brief, "--drafter", "offline", "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("created", root.GetProperty("outcome").GetString());
        Assert.Equal("journeys/first-flight.yaml", root.GetProperty("file").GetString());
        Assert.Equal("offline", root.GetProperty("drafter").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("model").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("failure_kind").ValueKind);
        Assert.Equal(0, root.GetProperty("diagnostics").GetArrayLength());
        var journey = DocumentYaml.Read<Journey>(folder.Read("journeys/first-flight.yaml"));
        Assert.Equal(journey.Stages.Select(s => s.Id), root.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ADraftOverAnExistingJourneyIsRefusedAndLeavesTheFileAsItWas()
    {
        using var folder = await WorkspaceWithMayaAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "new", "journey", "first-flight", "--persona", "maya")).ExitCode);
        var before = folder.Read("journeys/first-flight.yaml");

        var result = await DraftAsync(folder, ["first-flight", "--persona", "maya", .. s_brief, "--drafter", "offline"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: a document with id \"first-flight\" already exists (journeys/first-flight.yaml); choose another id or edit that file"], result.ErrorLines);
        Assert.Equal(before, folder.Read("journeys/first-flight.yaml"));
    }

    [Fact]
    public async Task AnIdThatIsNotASlugIsAUsageErrorWithASuggestion()
    {
        using var folder = await WorkspaceWithMayaAsync();

        var result = await DraftAsync(folder, ["First_Flight", .. s_brief, "--drafter", "offline"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: \"First_Flight\" is not a valid id: use lowercase letters, digits and single dashes, e.g. \"first-flight\""], result.ErrorLines);
        Assert.DoesNotContain(folder.Files(), f => f.StartsWith("journeys/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownPersonaIsAUsageErrorWithDidYouMean()
    {
        using var folder = await WorkspaceWithMayaAsync();

        var result = await DraftAsync(folder, ["first-flight", "--persona", "mya", .. s_brief, "--drafter", "offline"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: no persona \"mya\" in the workspace. Did you mean \"maya\"? Personas: maya"], result.ErrorLines);
        Assert.DoesNotContain(folder.Files(), f => f.StartsWith("journeys/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownTemplateIsAUsageErrorWithDidYouMean()
    {
        using var folder = await WorkspaceWithMayaAsync();

        var result = await DraftAsync(folder, ["first-flight", "--template", "airline-first-fligt", .. s_brief, "--drafter", "offline"]);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: unknown journey template \"airline-first-fligt\". Did you mean \"airline-first-flight\"? Templates: ", result.ErrorLines.Single(), StringComparison.Ordinal);
        Assert.DoesNotContain(folder.Files(), f => f.StartsWith("journeys/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMissingScenarioIsAUsageError()
    {
        using var folder = await WorkspaceWithMayaAsync();

        var result = await DraftAsync(folder, "first-flight", "--persona", "maya", "--goal", "more bookings");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: Option '--scenario' is required.", "Run `wayfinder draft --help` for usage."], result.ErrorLines);
        Assert.DoesNotContain(folder.Files(), f => f.StartsWith("journeys/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--scenario", "  ", "--goal", "more bookings", "error: --scenario needs words: say the situation (--scenario \"first international flight\") and the business goal (--goal \"more first-time flyers book again\")")]
    [InlineData("--scenario", "first flight", "--goal-event", "booked", "error: --goal-event only applies to a draft from the data: add --from-data")]
    [InlineData("--model", "llama3.1", "--drafter", "offline", "error: --model chooses the model drafter, --drafter offline the drafter with no model: give one of them")]
    public async Task AnInconsistentCommandLineIsAUsageErrorThatWritesNothing(string option1, string value1, string option2, string value2, string error)
    {
        using var folder = await WorkspaceWithMayaAsync();
        string[] args = ["first-flight", option1, value1, option2, value2];
        if (!args.Contains("--scenario"))
        {
            args = [.. args, "--scenario", "first flight"];
        }

        if (!args.Contains("--goal"))
        {
            args = [.. args, "--goal", "more bookings"];
        }

        var result = await DraftAsync(folder, args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([error, "Run `wayfinder draft --help` for usage."], result.ErrorLines);
        Assert.DoesNotContain(folder.Files(), f => f.StartsWith("journeys/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DraftingFromDataWithNoEventsSaysHowToImportThemAndWritesNothing()
    {
        using var folder = await WorkspaceWithMayaAsync();

        var result = await DraftAsync(folder, ["first-flight", .. s_brief, "--from-data", "--drafter", "offline"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: no events to draft from: import them with `wayfinder import events FILE` (or `wayfinder import data`), or draft without --from-data; nothing was written",
            result.ErrorLines[^1]);
        Assert.DoesNotContain(folder.Files(), f => f.StartsWith("journeys/", StringComparison.Ordinal));
    }

    /// <summary>Ten customers who each search, compare fares and book, a day apart; a workspace with maya and no journey.</summary>
    private static async Task<TempFolder> WorkspaceWithEventsAsync()
    {
        var folder = await WorkspaceWithMayaAsync();
        var events = new System.Text.StringBuilder("customer_id,timestamp,event,channel\n");
        for (var c = 1; c <= 10; c++)
        {
            var day = c.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
            events.Append(System.Globalization.CultureInfo.InvariantCulture, $"u{c},2026-10-{day}T09:00:00Z,search,web\n");
            events.Append(System.Globalization.CultureInfo.InvariantCulture, $"u{c},2026-10-{day}T09:05:00Z,compare_fares,web\n");
            events.Append(System.Globalization.CultureInfo.InvariantCulture, $"u{c},2026-10-{day}T09:20:00Z,booking_confirmed,web\n");
        }

        folder.Write("events.csv", events.ToString());
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "import", "events", "events.csv")).ExitCode);
        File.Delete(folder.Combine("events.csv"));
        return folder;
    }

    [Fact]
    public async Task ADraftFromDataSaysWhatTheEventsShowedAndValidates()
    {
        using var folder = await WorkspaceWithEventsAsync();

        var result = await DraftAsync(folder, ["first-flight", .. s_brief, "--from-data", "--drafter", "offline"]);
        var validated = await CliRunner.RunAsync(folder.Path, "validate");

        Assert.True(result.ExitCode == 0, result.ToString());
        // All ten customers have events of every discovered touchpoint.
        Assert.Contains(result.ErrorLines, l => l.StartsWith("found in the events: 10 customers, ", StringComparison.Ordinal));
        Assert.Contains("drafted journeys/first-flight.yaml with the offline drafter (no language model)", result.ErrorLines);
        Assert.True(validated.ExitCode == 0, validated.ToString());
    }

    [Fact]
    public async Task AStartEventThatIsNotInTheDataIsRefusedWithDidYouMeanAndWritesNothing()
    {
        using var folder = await WorkspaceWithEventsAsync();

        var result = await DraftAsync(folder, ["first-flight", .. s_brief, "--from-data", "--start-event", "serch", "--drafter", "offline"]);

        Assert.Equal(1, result.ExitCode);
        // Each name has ten events, so "most frequent first" is a tie; only the start of the list is certain.
        Assert.StartsWith("error: --start-event: no event \"serch\" in the data. Did you mean \"search\"? Events, most frequent first: ", result.ErrorLines[^1], StringComparison.Ordinal);
        Assert.EndsWith("; nothing was written", result.ErrorLines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(folder.Files(), f => f.StartsWith("journeys/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheHelpNamesTheRequiredOptionsAndShowsExamples()
    {
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync(folder.Path, "draft", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(" draft <ID> [options]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--scenario <TEXT> (REQUIRED)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--goal <TEXT> (REQUIRED)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Examples:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventsAddressTheParserRefusesIsAUsageError()
    {
        using var folder = await WorkspaceWithMayaAsync();

        var result = await DraftAsync(folder, ["first-flight", .. s_brief, "--from-data", "--events", "clickhouse://127.0.0.1:8123/my-db"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            ["error: --events: 'my-db' cannot be a ClickHouse database name: use letters, digits and underscores.", "Run `wayfinder draft --help` for usage."],
            result.ErrorLines);
        Assert.DoesNotContain(folder.Files(), f => f.StartsWith("journeys/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AModelEndpointNothingListensOnIsOnePlainErrorAndNothingIsWritten()
    {
        using var folder = await WorkspaceWithMayaAsync();
        var environment = new Dictionary<string, string?> { ["WAYFINDER_MODEL_ENDPOINT"] = "http://127.0.0.1:9/v1", ["WAYFINDER_MODEL"] = "test-model", ["WAYFINDER_MODEL_TIMEOUT"] = "20" };

        var (code, stdout, stderr) = await RunToolAsync(folder.Path, environment, ["draft", "first-flight", "--persona", "maya", .. s_brief, "--drafter", "model", "--json"]);

        Assert.True(code == 1, stderr);
        Assert.DoesNotContain(folder.Files(), f => f.StartsWith("journeys/", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Contains(stderr.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(("failed", "model", "test-model"), (json.RootElement.GetProperty("outcome").GetString(), json.RootElement.GetProperty("drafter").GetString(), json.RootElement.GetProperty("model").GetString()));
    }

    [Fact]
    public async Task TheModelDrafterWithNoEndpointSaysWhatToSetAndWritesNothing()
    {
        using var folder = await WorkspaceWithMayaAsync();
        var environment = new Dictionary<string, string?> { ["WAYFINDER_MODEL_ENDPOINT"] = null, ["WAYFINDER_MODEL"] = null, ["WAYFINDER_MODEL_KEY"] = null };

        var (code, _, stderr) = await RunToolAsync(folder.Path, environment, ["draft", "first-flight", .. s_brief, "--drafter", "model"]);

        Assert.True(code == 1, stderr);
        Assert.Equal(
            "set WAYFINDER_MODEL_ENDPOINT (an OpenAI-compatible address such as http://127.0.0.1:11434/v1) and WAYFINDER_MODEL, or draft with --drafter offline",
            stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].TrimEnd('\r'));
        Assert.DoesNotContain(folder.Files(), f => f.StartsWith("journeys/", StringComparison.Ordinal));
    }

    /// <summary>The built tool as a process with its own environment, so no test changes this process's variables.</summary>
    private static async Task<(int Code, string Stdout, string Stderr)> RunToolAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wayfinder.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout, await stderr);
    }
}

namespace Wayfinder.Cli.Tests;

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;

/// <summary>
/// <c>wayfinder suggest</c>: the proposals for a map listed with numbers, reasons and sources, applied with
/// <c>--apply N,M|all</c>; nothing is written until then, and nothing on a refused apply.
/// </summary>
public sealed partial class SuggestCommandTests
{
    /// <summary>
    /// Two stages, each with one touchpoint and no KPI (so each gets a KPI proposal). All ten customers search, then
    /// compare fares (an event no touchpoint counts: a touchpoint proposal), and eight of them go on to checkout.
    /// </summary>
    private const string Booking = """
        kind: journey
        id: booking
        title: Booking a flight
        personas:
          - maya
        stages:
          - id: search
            name: I want to know my options
          - id: book
            name: I want to book it
        lanes:
          - id: touchpoints
            type: touchpoints
            items:
              - id: search-page
                stage: search
                text: Search page
                channel: web
                events:
                  - search
              - id: checkout
                stage: book
                text: Checkout
                channel: web
                events:
                  - checkout_start
        """;

    private static async Task<TempFolder> WorkspaceWithBookingAndEventsAsync()
    {
        var folder = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "init", "--empty")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "new", "persona", "maya", "--template", "first-time-flyer")).ExitCode);
        folder.Write("journeys/booking.yaml", Booking);
        var events = new StringBuilder("customer_id,timestamp,event,channel\n");
        for (var c = 1; c <= 10; c++)
        {
            var day = c.ToString("00", CultureInfo.InvariantCulture);
            events.Append(CultureInfo.InvariantCulture, $"u{c},2026-10-{day}T09:00:00Z,search,web\n");
            events.Append(CultureInfo.InvariantCulture, $"u{c},2026-10-{day}T09:05:00Z,compare_fares,web\n");
            if (c <= 8)
            {
                events.Append(CultureInfo.InvariantCulture, $"u{c},2026-10-{day}T09:20:00Z,checkout_start,web\n");
            }
        }

        folder.Write("events.csv", events.ToString());
        var imported = await CliRunner.RunAsync(folder.Path, "import", "events", "events.csv");
        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.True((await CliRunner.RunAsync(folder.Path, "validate")).ExitCode == 0);
        return folder;
    }

    /// <summary>The first line of each proposal without its number: "touchpoint in search: …".</summary>
    private static List<string> Proposals(string stdout) =>
        [.. stdout.Split('\n').Select(l => NumberedLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[2].Value.TrimEnd('\r'))];

    private static int Items(TempFolder folder) => DocumentYaml.Read<Journey>(folder.Read("journeys/booking.yaml")).Lanes.Sum(l => l.Items.Count);

    [Fact]
    public async Task TheProposalsAreNumberedWithTheirReasonAndSourceAndNothingIsWritten()
    {
        using var folder = await WorkspaceWithBookingAndEventsAsync();
        var before = folder.Read("journeys/booking.yaml");

        var result = await CliRunner.RunAsync(folder.Path, "suggest", "booking");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var numbered = lines.Select(l => NumberedLine().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal(Enumerable.Range(1, numbered.Count), numbered.Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
        Assert.Contains(numbered, m => m.Groups[2].Value.StartsWith("touchpoint in ", StringComparison.Ordinal));
        Assert.Contains(numbered, m => m.Groups[2].Value.StartsWith("KPI in book: ", StringComparison.Ordinal));
        Assert.Equal(numbered.Count, lines.Count(l => l.StartsWith("     why: ", StringComparison.Ordinal)));
        Assert.Equal(numbered.Count, lines.Count(l => l.StartsWith("     source: ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("     source: ", StringComparison.Ordinal) && l.Contains("compare_fares", StringComparison.Ordinal));
        Assert.Contains("`wayfinder suggest booking --apply 1,2` adds those, `wayfinder suggest booking --apply all` adds every one", result.ErrorLines[^1], StringComparison.Ordinal);
        Assert.Equal(before, folder.Read("journeys/booking.yaml"));
    }

    [Fact]
    public async Task ApplyingAllAddsTheItemsAndASecondListingNoLongerOffersThem()
    {
        using var folder = await WorkspaceWithBookingAndEventsAsync();
        var listed = Proposals((await CliRunner.RunAsync(folder.Path, "suggest", "booking")).Stdout);
        var itemsBefore = Items(folder);

        var applied = await CliRunner.RunAsync(folder.Path, "suggest", "booking", "--apply", "all");
        var again = await CliRunner.RunAsync(folder.Path, "suggest", "booking");
        var validated = await CliRunner.RunAsync(folder.Path, "validate");

        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.NotEmpty(listed);
        Assert.Equal(itemsBefore + listed.Count, Items(folder));
        Assert.StartsWith($"added {listed.Count} proposals to journeys/booking.yaml (revision ", applied.ErrorLines[0], StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Empty(Proposals(again.Stdout).Intersect(listed));
        Assert.True(validated.ExitCode == 0, validated.ToString());
    }

    [Fact]
    public async Task AnUnknownNumberIsAUsageErrorNamingItAndNothingIsWritten()
    {
        using var folder = await WorkspaceWithBookingAndEventsAsync();
        var before = folder.Read("journeys/booking.yaml");

        var result = await CliRunner.RunAsync(folder.Path, "suggest", "booking", "--apply", "1,99");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: no proposal numbered 99 for \"booking\"; list them with `wayfinder suggest booking`; nothing was written"], result.ErrorLines);
        Assert.Equal(before, folder.Read("journeys/booking.yaml"));
    }

    [Theory]
    [InlineData("1,,x")]
    [InlineData("0")]
    [InlineData("some")]
    public async Task AMalformedListToApplyIsAUsageErrorAndNothingIsWritten(string list)
    {
        using var folder = await WorkspaceWithBookingAndEventsAsync();
        var before = folder.Read("journeys/booking.yaml");

        var result = await CliRunner.RunAsync(folder.Path, "suggest", "booking", "--apply", list);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            [$"error: --apply takes the numbers of the proposals, separated by commas (--apply 1,3), or all (--apply all); \"{list}\" is neither", "Run `wayfinder suggest --help` for usage."],
            result.ErrorLines);
        Assert.Equal(before, folder.Read("journeys/booking.yaml"));
    }

    [Fact]
    public async Task AnUnknownJourneyIsAUsageErrorWithDidYouMean()
    {
        using var folder = await WorkspaceWithBookingAndEventsAsync();

        var result = await CliRunner.RunAsync(folder.Path, "suggest", "boking");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: no journey \"boking\" in the workspace. Did you mean \"booking\"? Journeys: booking"], result.ErrorLines);
    }

    [Fact]
    public async Task TheHelpShowsHowToApplyWithExamples()
    {
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync(folder.Path, "suggest", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(" suggest <JOURNEY> [options]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--apply <N,M|all>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  wayfinder suggest first-flight --apply 1,3", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventsAddressTheParserRefusesIsAUsageError()
    {
        using var folder = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "init", "--empty")).ExitCode);

        var result = await CliRunner.RunAsync(folder.Path, "suggest", "booking", "--events", "clickhouse://127.0.0.1:8123/my-db");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            ["error: --events: 'my-db' cannot be a ClickHouse database name: use letters, digits and underscores.", "Run `wayfinder suggest --help` for usage."],
            result.ErrorLines);
    }

    [GeneratedRegex(@"^ *(\d+)\. (.*)$")]
    private static partial Regex NumberedLine();
}

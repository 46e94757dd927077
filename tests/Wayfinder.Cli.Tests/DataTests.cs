namespace Wayfinder.Cli.Tests;

using System.Text.Json;

public sealed class DataTests
{
    private static async Task<TempFolder> DemoWithData(int customers = 400)
    {
        var temp = new TempFolder();
        var init = await CliRunner.RunAsync(temp.Path, "init", "ws");
        Assert.Equal(0, init.ExitCode);
        var sample = await CliRunner.RunAsync(temp.Combine("ws"), "sample-data", "-n", customers.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "3");
        Assert.True(sample.ExitCode == 0, sample.ToString());
        return temp;
    }

    [Fact]
    public async Task SampleDataThenAnalyzeWritesAReportWhoseFunnelDropsAtEveryStage()
    {
        using var temp = await DemoWithData();

        var result = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "first-flight", "--json", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var funnel = json.RootElement.GetProperty("metrics").GetProperty("funnel").EnumerateArray().Select(f => f.GetProperty("customers").GetInt32()).ToList();
        Assert.Equal(9, funnel.Count);
        Assert.Equal(400, funnel[0]);
        // An ordered funnel never grows by definition; the sample data's drop-offs make it shrink at every stage.
        Assert.True(funnel.Zip(funnel.Skip(1)).All(p => p.First > p.Second), string.Join(" → ", funnel));
        Assert.True(File.Exists(temp.Combine("ws", "out", "analysis", "first-flight", "report.json")));
        Assert.Equal(result.Stdout.Trim(), File.ReadAllText(temp.Combine("ws", "out", "analysis", "first-flight", "report.json")).Trim());
    }

    [Fact]
    public async Task InitThenImportingAndAnalyzingEveryDemoJourneyPrintsNoWarning()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(temp.Path, "init", "ws")).ExitCode);
        var import = await CliRunner.RunAsync(temp.Combine("ws"), "import", "data");
        Assert.True(import.ExitCode == 0, import.ToString());

        foreach (var journey in Directory.GetFiles(temp.Combine("ws", "journeys"), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal))
        {
            var result = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", journey!);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.DoesNotContain(result.ErrorLines, l => l.StartsWith("warning:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ACutWritesItsResultsToItsOwnFolderAndLeavesTheUncutOnesAlone()
    {
        using var temp = await DemoWithData(50);
        var journey = temp.Combine("ws", "out", "analysis", "first-flight");

        var all = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "first-flight");
        var uncut = File.ReadAllText(Path.Combine(journey, "report.json"));
        var cut = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "first-flight", "--json", "--format", "json,drawings", "--persona", "first-time-flyer", "--period", "2026-q3");

        Assert.Equal(0, all.ExitCode);
        Assert.True(cut.ExitCode == 0, cut.ToString());
        Assert.Equal(uncut, File.ReadAllText(Path.Combine(journey, "report.json")));
        Assert.Equal(cut.Stdout.Trim(), File.ReadAllText(Path.Combine(journey, "persona-first-time-flyer_2026-Q3", "report.json")).Trim());
        Assert.True(File.Exists(Path.Combine(journey, "persona-first-time-flyer_2026-Q3", "map.svg")));
    }

    [Fact]
    public async Task AnUnknownChannelIsAUsageErrorThatNamesTheClosestOneAndWritesNothing()
    {
        using var temp = await DemoWithData(50);

        var result = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "first-flight", "--channel", "emial");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: no channel 'emial' in the workspace, the journey or the data; did you mean \"email\"?; channels: ads, agent, airport, app,", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("ws", "out", "analysis")));
    }

    [Fact]
    public async Task AnalyzingTwiceGivesByteIdenticalJson()
    {
        using var temp = await DemoWithData();

        var first = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "first-flight", "--json", "--persona", "travel-manager");
        var second = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "first-flight", "--json", "--persona", "travel-manager");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Contains("\"cut\": \"persona travel-manager\"", first.Stdout, StringComparison.Ordinal);
    }

    private const string SoonReason =
        "timestamp: 'soon' is not ISO 8601 or an epoch number; write ISO 8601 (2026-03-01T14:05:00Z, 2026-03-01 14:05:00+01:00 or 2026-03-01) or epoch seconds (1772373900), or name the file's format in the data source's mapping in wayfinder.yaml (e.g. timestamp_format: \"dd/MM/yyyy HH:mm\")";

    [Fact]
    public async Task ImportingAnEventsFileWithABadRowStoresNothingExitsOneAndSaysSo()
    {
        using var temp = new TempFolder();
        await CliRunner.RunAsync(temp.Path, "init", "ws", "--empty");
        temp.Write("ws/events.csv", "customer_id,timestamp,event\nu1,2026-03-01T00:00:00Z,signup\nu2,soon,signup\n");

        var result = await CliRunner.RunAsync(temp.Combine("ws"), "import", "events", "events.csv");
        var json = await CliRunner.RunAsync(temp.Combine("ws"), "import", "events", "events.csv", "--json");

        Assert.Equal((1, 1), (result.ExitCode, json.ExitCode));
        Assert.Equal(
            [
                $"warning: events.csv:3: {SoonReason}",
                "error: events.csv: nothing was stored: 1 bad row, and none is accepted by default; fix the rows listed, or store the good rows and leave up to N bad ones out with --max-bad-rows N (max_bad_rows: N in the data source)",
            ],
            result.ErrorLines);
        Assert.Contains("\"succeeded\": false", json.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"rows_added\": 0", json.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxBadRowsStoresTheGoodRowsExitsZeroAndSaysWhatWasLeftOut()
    {
        using var temp = new TempFolder();
        await CliRunner.RunAsync(temp.Path, "init", "ws", "--empty");
        temp.Write("ws/events.csv", "customer_id,timestamp,event\nu1,2026-03-01T00:00:00Z,signup\nu2,soon,signup\n");

        var result = await CliRunner.RunAsync(temp.Combine("ws"), "import", "events", "events.csv", "--max-bad-rows", "1");
        var negative = await CliRunner.RunAsync(temp.Combine("ws"), "import", "events", "events.csv", "--max-bad-rows", "-1");

        Assert.Equal((0, 2), (result.ExitCode, negative.ExitCode));
        Assert.Equal(
            [
                $"warning: events.csv:3: {SoonReason}",
                "events.csv: stored: 2 rows read, 1 added, 1 bad row left out (up to 1 accepted)",
            ],
            result.ErrorLines);
    }

    [Fact]
    public async Task AnUnknownPeriodOrPersonaIsAUsageError()
    {
        using var temp = await DemoWithData(50);

        var period = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "first-flight", "--period", "Q3");
        var persona = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "first-flight", "--persona", "nobody");

        Assert.Equal(2, period.ExitCode);
        Assert.Equal(["error: 'Q3' is not a period; write a year (2026), a quarter (2026-Q3) or a month (2026-07)"], period.ErrorLines);
        Assert.Equal(2, persona.ExitCode);
        Assert.Equal(["error: no persona 'nobody' in the workspace; `wayfinder list` shows the ids"], persona.ErrorLines);
    }

    [Fact]
    public async Task DiscoveredPersonasAreWrittenAsValidStatisticalDrafts()
    {
        using var temp = await DemoWithData(600);

        var discover = await CliRunner.RunAsync(temp.Combine("ws"), "personas", "discover", "first-flight", "-k", "3");
        var validate = await CliRunner.RunAsync(temp.Combine("ws"), "validate");

        Assert.True(discover.ExitCode == 0, discover.ToString());
        Assert.Equal(3, Directory.GetFiles(temp.Combine("ws", "personas"), "statistical-*.yaml").Length);
        Assert.Contains("type: statistical", File.ReadAllText(temp.Combine("ws", "personas", "statistical-1.yaml")), StringComparison.Ordinal);
        Assert.True(validate.ExitCode == 0, validate.ToString());
    }

    [Fact]
    public async Task GapsListStagesWithoutDataAndTraitsWithoutEvidence()
    {
        using var temp = new TempFolder();
        await CliRunner.RunAsync(temp.Path, "init", "ws");

        var result = await CliRunner.RunAsync(temp.Combine("ws"), "gaps", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var kinds = json.RootElement.EnumerateArray().Select(g => g.GetProperty("kind").GetString()).ToHashSet();
        Assert.Contains("stage-without-events", kinds);
        Assert.Contains("trait-without-evidence", kinds);
        Assert.Contains("stale-persona", kinds);
    }
}

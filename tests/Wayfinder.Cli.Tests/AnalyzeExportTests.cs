namespace Wayfinder.Cli.Tests;

using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

public sealed class AnalyzeExportTests
{
    /// <summary>
    /// Two stages, a touchpoint each, a KPI on the conversion; four customers search and three of them book, 1 h, 2 h and
    /// 3 h later. So: funnel 4 → 3 (75%, one drops off), timing median 7,200 s and p90 10,080 s (linear between 7,200
    /// and 10,800 at 0.9 × 2 = 1.8), paths search → book 3 (75%) and search alone 1 (25%), KPI 75% against ≥ 50%.
    /// </summary>
    private static async Task<TempFolder> WorkspaceWithEventsAsync()
    {
        var temp = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync(temp.Path, "init", "ws", "--empty")).ExitCode);
        temp.Write("ws/journeys/buy.yaml", """
            kind: journey
            id: buy
            title: Buying a ticket
            stages:
              - id: s1
                name: Search
              - id: s2
                name: Book
            lanes:
              - id: touchpoints
                type: touchpoints
                items:
                  - id: tp-search
                    stage: s1
                    text: Search page
                    channel: web
                    events: [search]
                  - id: tp-book
                    stage: s2
                    text: Checkout
                    channel: web
                    events: [book]
              - id: kpis
                type: kpis
                items:
                  - stage: s2
                    text: Searchers who book
                    metric: conversion(s1 -> s2)
                    target: ">= 50%"
            """);
        temp.Write("ws/events.csv", """
            customer_id,timestamp,event,channel
            u1,2026-03-01T10:00:00Z,search,web
            u1,2026-03-01T11:00:00Z,book,web
            u2,2026-03-02T10:00:00Z,search,web
            u2,2026-03-02T12:00:00Z,book,web
            u3,2026-03-03T10:00:00Z,search,web
            u4,2026-03-04T10:00:00Z,search,web
            u4,2026-03-04T13:00:00Z,book,web

            """);
        var import = await CliRunner.RunAsync(temp.Combine("ws"), "import", "events", "events.csv");
        Assert.True(import.ExitCode == 0, import.ToString());
        return temp;
    }

    [Fact]
    public async Task FormatXlsxWritesOnlyTheWorkbookWithASheetPerTableAndHandComputedNumbers()
    {
        using var temp = await WorkspaceWithEventsAsync();

        var result = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "buy", "--format", "xlsx");

        Assert.True(result.ExitCode == 0, result.ToString());
        var folder = temp.Combine("ws", "out", "analysis", "buy");
        Assert.Equal(["analysis.xlsx"], Directory.EnumerateFiles(folder).Select(Path.GetFileName));
        Assert.Contains($"wrote {Path.Combine("out", "analysis", "buy", "analysis.xlsx")}", result.Stderr, StringComparison.Ordinal);

        using var document = SpreadsheetDocument.Open(Path.Combine(folder, "analysis.xlsx"), false);
        Assert.Equal(
            ["Summary", "Funnel", "Reach", "Timings", "Paths", "Flow", "Satisfaction", "KPIs", "Stranded", "Endpoints", "Channels", "Emotion", "Trend", "Gaps", "Persona checks"],
            document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value));

        // Values as stored: numbers plain, shares 0–1, booleans 0/1, the date as Excel's day number (2026-11-25 is 46,351).
        Assert.Equal(
            [
                ["journey_id", "cut_persona", "cut_channel", "cut_period", "customers", "mapped_events", "unmapped_events", "small_sample_size", "analysed_on"],
                ["buy", "", "", "", "4", "7", "0", "30", "46351"],
            ],
            Rows(document, "Summary"));
        Assert.Equal(
            [
                ["journey_id", "cut_persona", "cut_channel", "cut_period", "position", "stage_id", "stage", "customers", "conversion", "sample_size", "small_sample", "conversion_from_start", "drop_off"],
                ["buy", "", "", "", "1", "s1", "Search", "4", "1", "4", "1", "1", "1"],
                ["buy", "", "", "", "2", "s2", "Book", "3", "0.75", "4", "1", "0.75", "0"],
            ],
            Rows(document, "Funnel"));
        Assert.Equal(
            [
                ["journey_id", "cut_persona", "cut_channel", "cut_period", "scope", "id", "name", "stage_id", "customers", "events"],
                ["buy", "", "", "", "stage", "s1", "Search", "s1", "4", "4"],
                ["buy", "", "", "", "stage", "s2", "Book", "s2", "3", "3"],
                ["buy", "", "", "", "touchpoint", "tp-search", "Search page", "s1", "4", "4"],
                ["buy", "", "", "", "touchpoint", "tp-book", "Checkout", "s2", "3", "3"],
            ],
            Rows(document, "Reach"));
        Assert.Equal(["buy", "", "", "", "next", "s1", "s2", "3", "7200", "10080"], Rows(document, "Timings")[1]);
        Assert.Equal(
            [
                ["journey_id", "cut_persona", "cut_channel", "cut_period", "rank", "path", "touchpoints", "customers", "share"],
                ["buy", "", "", "", "1", "tp-search → tp-book", "2", "3", "0.75"],
                ["buy", "", "", "", "2", "tp-search", "1", "1", "0.25"],
            ],
            Rows(document, "Paths"));
        Assert.Equal(["buy", "", "", "", "tp-search", "tp-book", "3", "7200"], Rows(document, "Flow")[1]);
        Assert.Equal(["buy", "", "", "", "stage", "s1", "s1", "0", "1", "", "0", "", "0", "", "0", "", "0", ""], Rows(document, "Satisfaction")[1]);
        var kpi = Rows(document, "KPIs");
        Assert.Equal(["stage_id", "metric", "definition", "target", "actual", "sample_size", "small_sample", "status", "problem"], kpi[0][4..]);
        Assert.Equal(["s2", "conversion(s1 -> s2)", "0.5", "0.75", "4", "1", "exceeds", ""], [.. kpi[1][4..6], .. kpi[1][7..]]);
    }

    [Fact]
    public async Task FormatCsvWritesATidyFilePerTableForTheCutWithExactHeaders()
    {
        using var temp = await WorkspaceWithEventsAsync();

        var result = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "buy", "--format", "csv", "--period", "2026-03");

        Assert.True(result.ExitCode == 0, result.ToString());
        var folder = temp.Combine("ws", "out", "analysis", "buy", "2026-03");
        Assert.Equal(
            ["channels.csv", "emotion.csv", "endpoints.csv", "flow.csv", "funnel.csv", "gaps.csv", "kpis.csv", "paths.csv", "persona-checks.csv", "reach.csv", "satisfaction.csv", "stranded.csv", "summary.csv", "timings.csv", "trend.csv"],
            Directory.EnumerateFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string Header(string file) => File.ReadLines(Path.Combine(folder, file)).First();
        const string Cut = "journey_id,cut_persona,cut_channel,cut_period,";
        Assert.Equal(Cut + "position,stage_id,stage,customers,conversion,sample_size,small_sample,conversion_from_start,drop_off", Header("funnel.csv"));
        Assert.Equal(Cut + "scope,id,name,stage_id,customers,events", Header("reach.csv"));
        Assert.Equal(Cut + "span,from_stage,to_stage,customers,median_seconds,p90_seconds", Header("timings.csv"));
        Assert.Equal(Cut + "rank,path,touchpoints,customers,share", Header("paths.csv"));
        Assert.Equal(Cut + "from,to,count,median_seconds", Header("flow.csv"));
        Assert.Equal(Cut + "scope,id,stage_id,responses,small_sample,csat,csat_count,ces,ces_count,nps,nps_count,sentiment,comments,emotion", Header("satisfaction.csv"));
        Assert.Equal(Cut + "stage_id,metric,definition,target,actual,sample_size,small_sample,status,problem", Header("kpis.csv"));
        Assert.Equal(Cut + "period,stage_id,customers,conversion,change,sample_size,small_sample", Header("trend.csv"));
        Assert.Equal(
            [Cut + "position,stage_id,stage,customers,conversion,sample_size,small_sample,conversion_from_start,drop_off", "buy,,,2026-03,1,s1,Search,4,1,4,true,1,1", "buy,,,2026-03,2,s2,Book,3,0.75,4,true,0.75,0"],
            File.ReadLines(Path.Combine(folder, "funnel.csv")));
    }

    [Fact]
    public async Task WithoutFormatAnalyzeWritesReportJsonAndTheDrawingsAsBeforeAndAllAddsTheTables()
    {
        using var temp = await WorkspaceWithEventsAsync();

        var plain = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "buy");
        var all = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "buy", "--format", "all", "-o", "everything");

        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.True(all.ExitCode == 0, all.ToString());
        var plainFiles = Directory.EnumerateFiles(temp.Combine("ws", "out", "analysis", "buy")).Select(Path.GetFileName).ToList();
        Assert.Contains("report.json", plainFiles);
        Assert.DoesNotContain(plainFiles, f => f!.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".xlsx", StringComparison.Ordinal));
        var allFiles = Directory.EnumerateFiles(temp.Combine("ws", "everything")).Select(Path.GetFileName).ToList();
        Assert.Equal([.. plainFiles.Order(StringComparer.Ordinal)], allFiles.Where(plainFiles.Contains).Order(StringComparer.Ordinal));
        Assert.Equal(plainFiles.Count + 16, allFiles.Count);
    }

    [Fact]
    public async Task JsonAlonePrintsTheReportAndWritesNoFilesWhileFormatOrNoJsonWriteThem()
    {
        using var temp = await WorkspaceWithEventsAsync();

        var jsonOnly = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "buy", "--json");
        var jsonAndFiles = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "buy", "--json", "--format", "xlsx,json", "-o", "asked");
        var noJson = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "buy", "-o", "plain");

        Assert.True(jsonOnly.ExitCode == 0, jsonOnly.ToString());
        Assert.True(jsonAndFiles.ExitCode == 0, jsonAndFiles.ToString());
        Assert.True(noJson.ExitCode == 0, noJson.ToString());
        // The funnel of the four customers (see WorkspaceWithEventsAsync): 4 search, 3 book.
        using (var report = System.Text.Json.JsonDocument.Parse(jsonOnly.Stdout))
        {
            Assert.Equal([4, 3], report.RootElement.GetProperty("metrics").GetProperty("funnel").EnumerateArray().Select(f => f.GetProperty("customers").GetInt32()));
        }

        Assert.False(Directory.Exists(temp.Combine("ws", "out")));
        Assert.DoesNotContain("wrote ", jsonOnly.Stderr, StringComparison.Ordinal);
        Assert.Equal(["analysis.xlsx", "report.json"], Directory.EnumerateFiles(temp.Combine("ws", "asked")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(jsonOnly.Stdout.Trim(), File.ReadAllText(temp.Combine("ws", "asked", "report.json")).Trim());
        Assert.Equal(
            ["funnel.svg", "map.png", "map.svg", "paths.svg", "report.html", "report.json", "trend.svg"],
            Directory.EnumerateFiles(temp.Combine("ws", "plain")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnUnknownFormatIsRefusedWithTheClosestNameBeforeAnythingIsWritten()
    {
        using var temp = await WorkspaceWithEventsAsync();

        var result = await CliRunner.RunAsync(temp.Combine("ws"), "analyze", "buy", "--format", "xlsx,cvs");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["error: unknown analysis format \"cvs\". Did you mean \"csv\"? Formats: json, drawings, xlsx, csv, all"], result.ErrorLines);
        Assert.False(Directory.Exists(temp.Combine("ws", "out")));
    }

    /// <summary>Every row of a sheet as text, "" for an empty cell (inline strings as their text, other cells as stored).</summary>
    private static List<string[]> Rows(SpreadsheetDocument document, string name)
    {
        var part = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name).Id!);
        var rows = part.Worksheet.Descendants<Row>().ToList();
        var width = rows[0].Elements<Cell>().Count();
        return [.. rows.Select(row =>
        {
            var values = new string[width];
            Array.Fill(values, "");
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference!.Value!.TakeWhile(char.IsAsciiLetter).Aggregate(0, (n, c) => (n * 26) + c - 'A' + 1) - 1;
                values[column] = cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
            }

            return values;
        })];
    }
}

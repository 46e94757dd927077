namespace Wayfinder.Rendering.Tests.Tables;

using System.IO.Compression;
using MiniExcelLibs;
using Wayfinder.Core.Documents;
using Wayfinder.Rendering.Tables;

public sealed class LaneTablesTests
{
    private static string Lines(params string[] records) => string.Concat(records.Select(r => r + "\r\n"));

    [Fact]
    public void MapCsvIsAGridOfLanesByStageAndStep()
    {
        // Buy has steps, so each step is a column; it also gets a column of its own because the pain point sits on the
        // stage itself. The role on the unknown stage "elsewhere" is left out of the grid. Newlines inside cells are LF,
        // records end with CRLF; the formula in the pain point is guarded with ' and quoted because of its quotes.
        var expected = Lines(
            "lane,Discover,Buy,Buy / Compare,Buy / Pay",
            "Actions,\"Read reviews\nAsk a friend\",,Compare prices,",
            "Touchpoints,Instagram ad [social],,,\"Checkout, step 1 [Website]\"",
            "Emotion,1,,-1.5,-2",
            "Pain points,,\"'=HYPERLINK(\"\"http://evil\"\")\",,",
            "Targets,,,,conversion(pay): 35% / 40% (does not meet)",
            "Opportunities,,,,\"One-page checkout (customer value 4, business value 5, effort 2, in progress)\"",
            "Roles,Researcher [Anna Berg],,,");

        Assert.Equal(expected, LaneTables.ToCsv(TableSamples.Bike(), TableSamples.Workspace()));
    }

    [Fact]
    public void ItemsCsvHasOneRowPerItemWithEveryFieldAndItsEvidenceGrade()
    {
        // Items are ordered by lane, then stage and step order (unknown stages last). The checkout cites an interview
        // (journey evidence) and analytics (workspace evidence): two kinds, several sources. The pain point cites the
        // interview and an id nobody defines: one source. Nothing else cites anything: assumption.
        var expected = Lines(
            "lane_id,lane_type,lane_name,stage,stage_name,step,step_name,item_id,text,channel,channel_name,owner,events,score,metric,target,actual,status,opportunity_status,customer_value,business_value,effort,addresses,persona,src,alt,evidence,evidence_grade",
            "actions,actions,Actions,discover,Discover,,,,Read reviews,,,,,,,,,,,,,,,,,,,assumption",
            "actions,actions,Actions,discover,Discover,,,,Ask a friend,,,,,,,,,,,,,,,,,,,assumption",
            "actions,actions,Actions,buy,Buy,compare,Compare,,Compare prices,,,,,,,,,,,,,,,,,,,assumption",
            "touchpoints,touchpoints,Touchpoints,discover,Discover,,,ad,Instagram ad,social,social,,,,,,,,,,,,,,,,,assumption",
            "touchpoints,touchpoints,Touchpoints,buy,Buy,pay,Pay,checkout,\"Checkout, step 1\",web,Website,e-commerce,\"checkout_started\npage_view where path = '/pay'\",,,,,,,,,,,,,,\"int-1\nga\",several_sources",
            "feelings,emotion,Emotion,discover,Discover,,,,,,,,,1,,,,,,,,,,,,,,assumption",
            "feelings,emotion,Emotion,buy,Buy,compare,Compare,,,,,,,-1.5,,,,,,,,,,,,,,assumption",
            "feelings,emotion,Emotion,buy,Buy,pay,Pay,,,,,,,-2,,,,,,,,,,,,,,assumption",
            "pains,pain_points,Pain points,buy,Buy,,,fees,\"'=HYPERLINK(\"\"http://evil\"\")\",,,,,,,,,,,,,,,,,,\"int-1\nunknown\",one_source",
            "kpis,kpis,Targets,buy,Buy,pay,Pay,,,,,,,,conversion(pay),40%,35%,does_not_meet,,,,,,,,,,assumption",
            "opportunities,opportunities,Opportunities,buy,Buy,pay,Pay,one-page,One-page checkout,,,web-team,,,,,,,in_progress,4,5,2,fees,,,,,assumption",
            "roles,roles,Roles,discover,Discover,,,,Researcher,,,,,,,,,,,,,,,anna,,,,assumption",
            "roles,roles,Roles,elsewhere,,,,,,,,,,,,,,,,,,,,anna,,,,assumption");

        Assert.Equal(expected, LaneTables.ToItemsCsv(TableSamples.Bike(), TableSamples.Workspace()));
    }

    [Fact]
    public void StagesCsvListsEachStageWithItsSteps()
    {
        var expected = Lines(
            "id,name,goal,description,steps,loops_to,sub_journey",
            "discover,Discover,I want to know my options,,,,",
            "buy,Buy,,From shortlist to paid,\"Compare\nPay\",discover,");

        Assert.Equal(expected, LaneTables.ToStagesCsv(TableSamples.Bike()));
    }

    [Fact]
    public void TablesAndTheMapNameAnUnnamedLaneTheSame()
    {
        // The map always said "Customer goals" and the tables "Goals"; both now read LaneKinds.
        var journey = new Journey
        {
            Id = "g",
            Title = "G",
            Stages = [new Stage { Id = "s", Name = "S" }],
            Lanes = [new Lane { Id = "goals", Type = LaneType.Goals, Items = [new LaneItem { Stage = "s", Text = "Fly" }] }],
        };

        Assert.Equal(Lines("lane,S", "Customer goals,Fly"), LaneTables.ToCsv(journey, TableSamples.Workspace()));
        Assert.Equal("Customer goals", JourneyMaps.MapLayoutBuilder.LaneName(journey.Lanes[0]));
    }

    [Fact]
    public void AnEmptyJourneyGivesOnlyTheHeader()
    {
        var journey = new Journey { Id = "empty", Title = "Empty" };

        Assert.Equal("lane\r\n", LaneTables.ToCsv(journey, TableSamples.Workspace()));
        Assert.Equal(Lines(string.Join(',', LaneGridColumns())), LaneTables.ToItemsCsv(journey, TableSamples.Workspace()));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\r=x", "\"'\r=x\"")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("+2", "+2")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=\"a,b\"", "\"'=\"\"a,b\"\"\"")]
    public void CsvCellsAreGuardedAgainstFormulasAndQuotedPerRfc4180(string cell, string written)
    {
        Assert.Equal(written + "\r\n", Csv.Write([[cell]]));
    }

    [Fact]
    public void CsvWritesNumbersInvariantAndNullsEmpty()
    {
        Assert.Equal("-1.5,,4\r\n", Csv.Write([[-1.5, null, 4]]));
    }

    [Fact]
    public void WorkbookHasMapItemsAndStagesSheetsWithExactCells()
    {
        using var stream = new MemoryStream();
        LaneTables.WriteXlsx(TableSamples.Bike(), TableSamples.Workspace(), stream);
        stream.Position = 0;

        Assert.Equal(["Map", "Items", "Stages"], stream.GetSheetNames());

        // The workbook holds values as they are: no CSV guard, text stays text, numbers are numbers, empty cells are empty.
        Assert.Equal(
            [
                ["lane", "Discover", "Buy", "Buy / Compare", "Buy / Pay"],
                ["Actions", "Read reviews\nAsk a friend", null, "Compare prices", null],
                ["Touchpoints", "Instagram ad [social]", null, null, "Checkout, step 1 [Website]"],
                ["Emotion", "1", null, "-1.5", "-2"],
                ["Pain points", null, "=HYPERLINK(\"http://evil\")", null, null],
                ["Targets", null, null, null, "conversion(pay): 35% / 40% (does not meet)"],
                ["Opportunities", null, null, null, "One-page checkout (customer value 4, business value 5, effort 2, in progress)"],
                ["Roles", "Researcher [Anna Berg]", null, null, null],
            ],
            Read(stream, "Map"));

        var items = Read(stream, "Items");
        Assert.Equal(14, items.Count);
        Assert.Equal(LaneGridColumns(), items[0]);
        Assert.Equal(
            ["touchpoints", "touchpoints", "Touchpoints", "buy", "Buy", "pay", "Pay", "checkout", "Checkout, step 1", "web", "Website", "e-commerce",
             "checkout_started\npage_view where path = '/pay'", null, null, null, null, null, null, null, null, null, null, null, null, null, "int-1\nga", "several_sources"],
            items[5]);
        Assert.Equal(-1.5, items[7][13]);
        Assert.Equal(
            ["opportunities", "opportunities", "Opportunities", "buy", "Buy", "pay", "Pay", "one-page", "One-page checkout", null, null, "web-team",
             null, null, null, null, null, null, "in_progress", 4.0, 5.0, 2.0, "fees", null, null, null, null, "assumption"],
            items[11]);

        Assert.Equal(
            [
                ["id", "name", "goal", "description", "steps", "loops_to", "sub_journey"],
                ["discover", "Discover", "I want to know my options", null, null, null, null],
                ["buy", "Buy", null, "From shortlist to paid", "Compare\nPay", "discover", null],
            ],
            Read(stream, "Stages"));
    }

    [Fact]
    public async Task WorkbookWrittenAsynchronouslyHoldsTheSameSheets()
    {
        using var sync = new MemoryStream();
        LaneTables.WriteXlsx(TableSamples.Bike(), TableSamples.Workspace(), sync);
        using var async = new MemoryStream();
        await LaneTables.WriteXlsxAsync(TableSamples.Bike(), TableSamples.Workspace(), async);

        foreach (var sheet in (string[])["Map", "Items", "Stages"])
        {
            Assert.Equal(Read(sync, sheet), Read(async, sheet));
        }
    }

    [Fact]
    public void WorkbookWritesNoFormulas()
    {
        using var stream = new MemoryStream();
        LaneTables.WriteXlsx(TableSamples.Bike(), TableSamples.Workspace(), stream);
        stream.Position = 0;

        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, sheets.Count);
        foreach (var sheet in sheets)
        {
            using var reader = new StreamReader(sheet.Open());
            var xml = reader.ReadToEnd();
            Assert.DoesNotContain("<x:f", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
        }
    }

    private static string[] LaneGridColumns() =>
    [
        "lane_id", "lane_type", "lane_name", "stage", "stage_name", "step", "step_name", "item_id", "text", "channel", "channel_name", "owner",
        "events", "score", "metric", "target", "actual", "status", "opportunity_status", "customer_value", "business_value", "effort",
        "addresses", "persona", "src", "alt", "evidence", "evidence_grade",
    ];

    private static List<object?[]> Read(Stream stream, string sheet)
    {
        stream.Position = 0;
        return [.. stream.Query(useHeaderRow: false, sheetName: sheet).Cast<IDictionary<string, object?>>().Select(row => row.Values.ToArray())];
    }
}

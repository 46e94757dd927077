namespace Wayfinder.Rendering.Tests.Tables;

using System.IO.Compression;
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

        Assert.Equal(expected, LaneTables.ToCsv(TableSamples.Bike(), TableSamples.Workspace(), CsvLayout.Grid));
    }

    [Fact]
    public void TidyCsvIsTheDefaultWithOneRowPerItemItsIdsEveryFieldAndItsEvidenceGrade()
    {
        // Items are ordered by lane, then stage and step order (unknown stages last). The checkout cites an interview
        // (journey evidence) and analytics (workspace evidence): two kinds, several sources. The pain point cites the
        // interview and an id nobody defines: one source. Nothing else cites anything: assumption. KPI targets and
        // actuals stay as written; a persona has its id and its name.
        var expected = Lines(
            "journey_id,lane_id,lane,lane_type,stage_id,stage,step_id,step,item_id,text,channel_id,channel,owner,events,score,metric,target,actual,status,opportunity_status,customer_value,business_value,effort,addresses,persona_id,persona,src,alt,evidence,evidence_grade",
            "bike,actions,Actions,actions,discover,Discover,,,,Read reviews,,,,,,,,,,,,,,,,,,,,assumption",
            "bike,actions,Actions,actions,discover,Discover,,,,Ask a friend,,,,,,,,,,,,,,,,,,,,assumption",
            "bike,actions,Actions,actions,buy,Buy,compare,Compare,,Compare prices,,,,,,,,,,,,,,,,,,,,assumption",
            "bike,touchpoints,Touchpoints,touchpoints,discover,Discover,,,ad,Instagram ad,social,social,,,,,,,,,,,,,,,,,,assumption",
            "bike,touchpoints,Touchpoints,touchpoints,buy,Buy,pay,Pay,checkout,\"Checkout, step 1\",web,Website,e-commerce,\"checkout_started\npage_view where path = '/pay'\",,,,,,,,,,,,,,,\"int-1\nga\",several_sources",
            "bike,feelings,Emotion,emotion,discover,Discover,,,,,,,,,1,,,,,,,,,,,,,,,assumption",
            "bike,feelings,Emotion,emotion,buy,Buy,compare,Compare,,,,,,,-1.5,,,,,,,,,,,,,,,assumption",
            "bike,feelings,Emotion,emotion,buy,Buy,pay,Pay,,,,,,,-2,,,,,,,,,,,,,,,assumption",
            "bike,pains,Pain points,pain_points,buy,Buy,,,fees,\"'=HYPERLINK(\"\"http://evil\"\")\",,,,,,,,,,,,,,,,,,,\"int-1\nunknown\",one_source",
            "bike,kpis,Targets,kpis,buy,Buy,pay,Pay,,,,,,,,conversion(pay),40%,35%,does_not_meet,,,,,,,,,,,assumption",
            "bike,opportunities,Opportunities,opportunities,buy,Buy,pay,Pay,one-page,One-page checkout,,,web-team,,,,,,,in_progress,4,5,2,fees,,,,,,assumption",
            "bike,roles,Roles,roles,discover,Discover,,,,Researcher,,,,,,,,,,,,,,,anna,Anna Berg,,,,assumption",
            "bike,roles,Roles,roles,elsewhere,,,,,,,,,,,,,,,,,,,,anna,Anna Berg,,,,assumption");

        Assert.Equal(expected, LaneTables.ToCsv(TableSamples.Bike(), TableSamples.Workspace()));
        Assert.Equal(expected, LaneTables.ToCsv(TableSamples.Bike(), TableSamples.Workspace(), CsvLayout.Tidy));
    }

    [Fact]
    public void StagesCsvListsEachStageWithItsSteps()
    {
        var expected = Lines(
            "journey_id,stage_id,stage,goal,description,steps,loops_to,sub_journey",
            "bike,discover,Discover,I want to know my options,,,,",
            "bike,buy,Buy,,From shortlist to paid,\"Compare\nPay\",discover,");

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

        Assert.Equal(Lines("lane,S", "Customer goals,Fly"), LaneTables.ToCsv(journey, TableSamples.Workspace(), CsvLayout.Grid));
        Assert.Equal("Customer goals", JourneyMaps.MapLayoutBuilder.LaneName(journey.Lanes[0]));
    }

    [Fact]
    public void AnEmptyJourneyGivesOnlyTheHeader()
    {
        var journey = new Journey { Id = "empty", Title = "Empty" };

        Assert.Equal("lane\r\n", LaneTables.ToCsv(journey, TableSamples.Workspace(), CsvLayout.Grid));
        Assert.Equal(Lines(string.Join(',', LaneGrid.ItemColumns)), LaneTables.ToCsv(journey, TableSamples.Workspace()));
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
    public void WorkbookHasItemsMapAndStagesSheetsWithTypedCells()
    {
        using var stream = WriteWorkbook(TableSamples.Bike());

        Assert.Equal(["Items", "Map", "Stages"], XlsxFile.SheetNames(stream));
        Assert.Empty(XlsxFile.Problems(stream));

        // The workbook holds values as they are: no CSV guard, text stays text, numbers are numbers, empty cells are empty.
        var map = XlsxFile.Read(stream, "Map");
        Assert.Equal(["journey_id", "lane", "Discover", "Buy", "Buy / Compare", "Buy / Pay"], map.Row(1, 6));
        Assert.Equal(["bike", "Actions", "Read reviews\nAsk a friend", null, "Compare prices", null], map.Row(2, 6));
        Assert.Equal(["bike", "Emotion", "1", null, "-1.5", "-2"], map.Row(4, 6));
        Assert.Equal(new XlsxCell("n", "-1.5", "General"), map["E4"]);
        Assert.Equal(new XlsxCell("s", "=HYPERLINK(\"http://evil\")", "General"), map["D5"]);

        var items = XlsxFile.Read(stream, "Items");
        Assert.Equal([.. LaneGrid.ItemColumns], items.Row(1, 30));
        Assert.Equal(14, items.Cells.Keys.Count(k => k[0] == 'A' && char.IsAsciiDigit(k[1])));
        Assert.Equal(
            ["bike", "touchpoints", "Touchpoints", "touchpoints", "buy", "Buy", "pay", "Pay", "checkout", "Checkout, step 1", "web", "Website", "e-commerce",
             "checkout_started\npage_view where path = '/pay'", null, null, null, null, null, null, null, null, null, null, null, null, null, null, "int-1\nga", "several_sources"],
            items.Row(6, 30));
        Assert.Equal(new XlsxCell("n", "-1.5", "General"), items["O8"]);

        // Row 11 is the KPI: target 40% and actual 35% are numbers shown as percentages, the status is text.
        Assert.Equal(new XlsxCell("n", "0.4", "0.0%"), items["Q11"]);
        Assert.Equal(new XlsxCell("n", "0.35", "0.0%"), items["R11"]);
        Assert.Equal(new XlsxCell("s", "does_not_meet", "General"), items["S11"]);
        Assert.Equal(new XlsxCell("n", "4", "General"), items["U12"]);

        var stages = XlsxFile.Read(stream, "Stages");
        Assert.Equal(["journey_id", "stage_id", "stage", "goal", "description", "steps", "loops_to", "sub_journey"], stages.Row(1, 8));
        Assert.Equal(["bike", "buy", "Buy", null, "From shortlist to paid", "Compare\nPay", "discover", null], stages.Row(3, 8));
    }

    [Fact]
    public void EverySheetHasABoldFrozenHeaderWithAFilterAndColumnsSizedToTheirContent()
    {
        using var stream = WriteWorkbook(TableSamples.Bike());

        foreach (var (name, columns, rows) in new[] { ("Items", 30, 14), ("Map", 6, 8), ("Stages", 8, 3) })
        {
            var sheet = XlsxFile.Read(stream, name);
            Assert.Equal(1, sheet.FrozenRows);
            Assert.Equal(Enumerable.Range(0, columns).Select(c => Workbook.ColumnName(c) + "1").ToHashSet(), sheet.Bold);
            Assert.Equal($"A1:{Workbook.ColumnName(columns - 1)}{rows}", sheet.Filter);
            Assert.Equal(columns, sheet.Widths.Count);
        }

        // Width = the longest line in the column (header included) + 2: journey_id 10, stage_id and stage "discover" 8,
        // goal "I want to know my options" 25, description "From shortlist to paid" 22, steps "Compare" 7 (the cell's
        // longest line), loops_to 8, sub_journey 11.
        Assert.Equal([12.0, 10, 10, 27, 24, 9, 10, 13], XlsxFile.Read(stream, "Stages").Widths);
    }

    [Fact]
    public void KpiTargetsAndActualsAreNumbersWithAFormatThatShowsThemAsWritten()
    {
        var journey = new Journey
        {
            Id = "fly",
            Title = "Fly",
            Stages = [new Stage { Id = "s", Name = "S" }],
            Lanes =
            [
                new Lane
                {
                    Id = "kpis",
                    Type = LaneType.Kpis,
                    Items =
                    [
                        new LaneItem { Stage = "s", Metric = "conversion(s)", Target = ">= 4.2%", Actual = "3.9%" },
                        new LaneItem { Stage = "s", Metric = "time(s)", Target = "<= 3 days", Actual = "2.5 days" },
                        new LaneItem { Stage = "s", Metric = "nps(stage: s)", Target = "40..60", Actual = "n/a" },
                        new LaneItem { Stage = "s", Metric = "csat(stage: s)", Target = "4.5", Actual = "=1+1" },
                    ],
                },
            ],
        };

        using var stream = WriteWorkbook(journey);
        var items = XlsxFile.Read(stream, "Items");

        Assert.Equal(["target", "actual"], items.Row(1, 18).Skip(16));
        Assert.Equal(("n", "\">= \"0.0%"), (items["Q2"].Type, items["Q2"].Format));
        Assert.Equal(0.042, items["Q2"].Number, 12);
        Assert.Equal(("n", "0.0%"), (items["R2"].Type, items["R2"].Format));
        Assert.Equal(0.039, items["R2"].Number, 12);
        Assert.Equal(new XlsxCell("n", "3", "\"<= \"General\" days\""), items["Q3"]);
        Assert.Equal(new XlsxCell("n", "2.5", "General\" days\""), items["R3"]);
        // A range and text that is no target stay text; a plain number is a plain number.
        Assert.Equal(new XlsxCell("s", "40..60", "General"), items["Q4"]);
        Assert.Equal(new XlsxCell("s", "n/a", "General"), items["R4"]);
        Assert.Equal(new XlsxCell("n", "4.5", "General"), items["Q5"]);
        Assert.Equal(new XlsxCell("s", "=1+1", "General"), items["R5"]);

        // The CSV keeps them as written, guarded.
        Assert.EndsWith(",csat(stage: s),4.5,'=1+1,,,,,,,,,,,,assumption\r\n", LaneTables.ToCsv(journey, TableSamples.Workspace()), StringComparison.Ordinal);
    }

    [Fact]
    public void LongTextWrapsInAColumnCappedAtSixtyCharactersAndControlCharactersAreBlanked()
    {
        var journey = new Journey
        {
            Id = "long",
            Title = "Long",
            Stages = [new Stage { Id = "s", Name = "S" }],
            Lanes = [new Lane { Id = "a", Type = LaneType.Actions, Items = [new LaneItem { Stage = "s", Text = new string('x', 100) + "\u0001end" }] }],
        };

        using var stream = WriteWorkbook(journey);
        var items = XlsxFile.Read(stream, "Items");

        Assert.Equal(62, items.Widths[9]);
        Assert.Equal(new string('x', 100) + " end", items["J2"].Value);
        Assert.Empty(XlsxFile.Problems(stream));
    }

    [Fact]
    public async Task WorkbookWrittenAsynchronouslyIsTheSameBytes()
    {
        using var sync = WriteWorkbook(TableSamples.Bike());
        using var async = new MemoryStream();
        await LaneTables.WriteXlsxAsync(TableSamples.Bike(), TableSamples.Workspace(), async);

        foreach (var sheet in (string[])["Items", "Map", "Stages"])
        {
            Assert.Equal(XlsxFile.Read(sync, sheet).Cells, XlsxFile.Read(async, sheet).Cells);
        }
    }

    [Fact]
    public void WorkbookWritesNoFormulas()
    {
        using var stream = WriteWorkbook(TableSamples.Bike());

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

    private static MemoryStream WriteWorkbook(Journey journey)
    {
        var stream = new MemoryStream();
        LaneTables.WriteXlsx(journey, TableSamples.Workspace(), stream);
        stream.Position = 0;
        return stream;
    }
}

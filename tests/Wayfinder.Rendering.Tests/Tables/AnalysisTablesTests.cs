namespace Wayfinder.Rendering.Tests.Tables;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Rendering.Tables;

public sealed class AnalysisTablesTests
{
    private static readonly AnalysisCut s_cut = new(Persona: "maya", Period: "2026-Q3");
    private static readonly DateOnly s_day = new(2026, 7, 1);

    /// <summary>100 customers find a fare, 60 of them pay; two path variants; one KPI on the conversion; one stranded touchpoint.</summary>
    private static JourneyReport Report() => new()
    {
        JourneyId = "small",
        Cut = "persona maya, 2026-Q3",
        Metrics = new JourneyMetrics
        {
            JourneyId = "small",
            Customers = 100,
            MappedEvents = 250,
            UnmappedEvents = 7,
            StageReach = [new ReachRow("s1", "Find a fare", "s1", 100, 180), new ReachRow("s2", "Pay for it", "s2", 60, 70)],
            Funnel =
            [
                new FunnelStep("s1", "Find a fare", 100, 1, 1, 40) { SampleSize = 100 },
                new FunnelStep("s2", "Pay for it", 60, 0.6, 0.6, 0) { SampleSize = 100 },
            ],
            Timings = [new StageTiming("s1", "s2", 60, 3600, 7200)],
            Stranded = [new StrandedRow("tp-a", "s1", 20, 100, 0.2)],
            Variants = [new PathVariant(["tp-a", "tp-b"], 60, 0.6), new PathVariant(["tp-a"], 40, 0.4)],
            Flow = [new FlowEdge("tp-a", "tp-b", 60, 1800)],
        },
        Kpis = [new KpiResult("s2", "conversion(s1 -> s2)", ">= 50%", 60, "60.0%", KpiStatus.Exceeds, null) { SampleSize = 100 }],
        Trend = [new TrendPoint("2026-07", "s2", 30, 0.5, null) { SampleSize = 60 }, new TrendPoint("2026-08", "s2", 30, 0.75, 0.25) { SampleSize = 40 }],
    };

    [Fact]
    public void WorkbookHasASheetPerTableWithTheJourneyAndTheCutOnEveryRow()
    {
        using var stream = new MemoryStream();
        AnalysisTables.WriteXlsx(Report(), s_cut, s_day, stream);

        Assert.Equal(
            ["Summary", "Funnel", "Reach", "Timings", "Paths", "Flow", "Satisfaction", "KPIs", "Stranded", "Endpoints", "Channels", "Emotion", "Trend", "Gaps", "Persona checks"],
            XlsxFile.SheetNames(stream));
        Assert.Empty(XlsxFile.Problems(stream));

        var summary = XlsxFile.Read(stream, "Summary");
        Assert.Equal(["journey_id", "cut_persona", "cut_channel", "cut_period", "customers", "mapped_events", "unmapped_events", "small_sample_size", "analysed_on"], summary.Row(1, 9));
        // 2026-07-01 is day 46,204 after Excel's day 0 (1899-12-30).
        Assert.Equal(["small", "maya", null, "2026-Q3", "100", "250", "7", "30", "46204"], summary.Row(2, 9));
        Assert.Equal(new XlsxCell("n", "46204", "yyyy-mm-dd"), summary["I2"]);

        var funnel = XlsxFile.Read(stream, "Funnel");
        Assert.Equal(
            ["journey_id", "cut_persona", "cut_channel", "cut_period", "position", "stage_id", "stage", "customers", "conversion", "sample_size", "small_sample", "conversion_from_start", "drop_off"],
            funnel.Row(1, 13));
        Assert.Equal(["small", "maya", null, "2026-Q3", "2", "s2", "Pay for it", "60", "0.6", "100", "0", "0.6", "0"], funnel.Row(3, 13));
        Assert.Equal(new XlsxCell("n", "0.6", "0.0%"), funnel["I3"]);
        Assert.Equal(new XlsxCell("b", "0", "General"), funnel["K3"]);
        Assert.Equal(new XlsxCell("n", "60", "General"), funnel["H3"]);

        var kpis = XlsxFile.Read(stream, "KPIs");
        Assert.Equal(["stage_id", "metric", "definition", "target", "actual", "sample_size", "small_sample", "status", "problem"], kpis.Row(1, 13).Skip(4));
        Assert.Equal(new XlsxCell("n", "0.5", "\">= \"0.0%"), kpis["H2"]);
        Assert.Equal(new XlsxCell("n", "0.6", "0.0%"), kpis["I2"]);
        Assert.Equal(new XlsxCell("s", "exceeds", "General"), kpis["L2"]);

        var paths = XlsxFile.Read(stream, "Paths");
        Assert.Equal(["small", "maya", null, "2026-Q3", "1", "tp-a → tp-b", "2", "60", "0.6"], paths.Row(2, 9));
        Assert.Equal(new XlsxCell("n", "0.25", "+0.0%;-0.0%;0.0%"), XlsxFile.Read(stream, "Trend")["I3"]);
        Assert.Equal(1, XlsxFile.Read(stream, "Gaps").Cells.Keys.Max(k => int.Parse(k[1..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void CsvFilesHoldTheSameTablesWithBareNumbers()
    {
        var files = AnalysisTables.ToCsvFiles(Report(), s_cut, s_day).ToDictionary(f => f.Name, f => f.Csv);

        Assert.Equal(
            ["summary.csv", "funnel.csv", "reach.csv", "timings.csv", "paths.csv", "flow.csv", "satisfaction.csv", "kpis.csv", "stranded.csv", "endpoints.csv", "channels.csv", "emotion.csv", "trend.csv", "gaps.csv", "persona-checks.csv"],
            files.Keys);
        Assert.Equal(
            "journey_id,cut_persona,cut_channel,cut_period,position,stage_id,stage,customers,conversion,sample_size,small_sample,conversion_from_start,drop_off\r\n"
            + "small,maya,,2026-Q3,1,s1,Find a fare,100,1,100,false,1,40\r\n"
            + "small,maya,,2026-Q3,2,s2,Pay for it,60,0.6,100,false,0.6,0\r\n",
            files["funnel.csv"]);
        Assert.Equal(
            "journey_id,cut_persona,cut_channel,cut_period,customers,mapped_events,unmapped_events,small_sample_size,analysed_on\r\n"
            + "small,maya,,2026-Q3,100,250,7,30,2026-07-01\r\n",
            files["summary.csv"]);
        // The target as written, the actual as a share.
        Assert.Equal(
            "journey_id,cut_persona,cut_channel,cut_period,stage_id,metric,definition,target,actual,sample_size,small_sample,status,problem\r\n"
            + "small,maya,,2026-Q3,s2,conversion(s1 -> s2),,>= 50%,0.6,100,false,exceeds,\r\n",
            files["kpis.csv"]);
        Assert.Equal(
            "journey_id,cut_persona,cut_channel,cut_period,span,from_stage,to_stage,customers,median_seconds,p90_seconds\r\n"
            + "small,maya,,2026-Q3,next,s1,s2,60,3600,7200\r\n",
            files["timings.csv"]);
        Assert.Equal("journey_id,cut_persona,cut_channel,cut_period,persona_id,aspect,message\r\n", files["persona-checks.csv"]);
    }
}

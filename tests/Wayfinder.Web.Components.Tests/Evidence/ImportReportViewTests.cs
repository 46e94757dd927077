namespace Wayfinder.Web.Components.Tests.Evidence;

using Wayfinder.Evidence.Import;
using Wayfinder.Web.Components.Evidence;
using Wayfinder.Web.Evidence;

/// <summary>The import report as the evidence page shows it: stored, partly stored or refused, with every listed bad row.</summary>
public sealed class ImportReportViewTests : BunitContext
{
    private static readonly RowProblem s_line4 = new(4, "timestamp", "'the second of October' is not a time");

    [Fact]
    public void A_refused_file_says_nothing_was_stored_and_names_each_bad_row_by_line_field_and_reason()
    {
        var report = new UploadReport("first-flight-events-bad-line-4.csv", "csv", 4, 0, 0, 1, 0, [s_line4], "1 bad row, and none is accepted by default", false);

        var cut = Render<ImportReportView>(p => p.Add(v => v.Report, report));

        Assert.Equal("alert", cut.Find(".notice").GetAttribute("role"));
        Assert.Equal("first-flight-events-bad-line-4.csv: nothing was stored.", cut.Find(".report-headline").TextContent);
        Assert.Contains("1 bad row, and none is accepted by default", cut.Find(".notice").TextContent, StringComparison.Ordinal);
        Assert.Equal("Bad rows (1)", cut.Find("caption").TextContent.Trim());
        var cells = cut.FindAll(".bad-rows tbody tr td").Select(td => td.TextContent).ToList();
        Assert.Equal(["4", "timestamp", "'the second of October' is not a time"], cells);
    }

    [Fact]
    public void A_partly_stored_file_says_how_many_rows_were_stored_and_how_many_bad_ones_were_left_out()
    {
        var report = new UploadReport("events.csv", "csv", 4, 3, 0, 1, 1, [s_line4], null, true);

        var cut = Render<ImportReportView>(p => p.Add(v => v.Report, report));

        Assert.Contains("notice-warning", cut.Find(".notice").ClassName, StringComparison.Ordinal);
        Assert.Equal("events.csv: 3 rows stored.", cut.Find(".report-headline").TextContent.Trim());
        Assert.Equal("4 rows read, 0 already there, 1 bad row left out (up to 1 allowed).", cut.FindAll(".notice p")[1].TextContent.Trim());
        Assert.Single(cut.FindAll(".bad-rows tbody tr"));
    }

    [Fact]
    public void A_whole_file_stored_says_so_with_the_rows_already_there()
    {
        var report = new UploadReport("first-flight-events.csv", "csv", 10, 7, 3, 0, 0, [], null, true);

        var cut = Render<ImportReportView>(p => p.Add(v => v.Report, report));

        Assert.Contains("notice-success", cut.Find(".notice").ClassName, StringComparison.Ordinal);
        Assert.Equal("first-flight-events.csv: 7 rows stored.", cut.Find(".report-headline").TextContent.Trim());
        Assert.Equal("10 rows read, 3 already there.", cut.FindAll(".notice p")[1].TextContent.Trim());
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public void More_bad_rows_than_listed_are_counted_in_the_caption()
    {
        var report = new UploadReport("big.csv", "csv", 5000, 0, 0, 1500, 0, [s_line4, s_line4 with { Line = 9 }], "1500 bad rows", false);

        var cut = Render<ImportReportView>(p => p.Add(v => v.Report, report));

        Assert.Equal("Bad rows (the first 2 of 1,500)", cut.Find("caption").TextContent.Trim());
    }

    [Fact]
    public void A_page_of_bad_rows_is_listed_of_the_many_the_import_kept()
    {
        var problems = Enumerable.Range(2, 60).Select(line => s_line4 with { Line = line }).ToList();
        var report = new UploadReport("big.csv", "csv", 61, 0, 0, 60, 0, problems, "60 bad rows", false);

        var cut = Render<ImportReportView>(p => p.Add(v => v.Report, report));

        Assert.Equal("Bad rows (the first 50 of 60)", cut.Find("caption").TextContent.Trim());
        Assert.Equal(50, cut.FindAll(".bad-rows tbody tr").Count);
        Assert.Equal("51", cut.FindAll(".bad-rows tbody tr").Last().QuerySelector("td")!.TextContent);
    }

    [Fact]
    public void A_failed_upload_without_a_report_shows_the_problem_as_text()
    {
        var cut = Render<ImportReportView>(p => p.Add(v => v.ProblemTitle, "Another import is running").Add(v => v.Problem, "<img src=x onerror=alert(1)>"));

        Assert.Empty(cut.FindAll("img"));
        Assert.Equal("Another import is running", cut.Find(".report-headline").TextContent);
        Assert.Equal("<img src=x onerror=alert(1)>", cut.FindAll(".notice p")[1].TextContent);
    }

    [Fact]
    public void The_servers_refusal_is_read_with_its_report_and_bad_rows()
    {
        const string body = """
            {"type":"https://tools.ietf.org/html/rfc4918#section-11.2","title":"Nothing was imported","status":422,
             "detail":"x.csv: nothing was stored: 1 bad row, and none is accepted by default",
             "report":{"file":"x.csv","format":"csv","rows_read":4,"rows_added":0,"duplicates":0,"bad_rows":1,"max_bad_rows":0,
                       "problems":[{"line":4,"field":"timestamp","reason":"not a time"}],"error":"1 bad row, and none is accepted by default","succeeded":false}}
            """;

        var outcome = UploadOutcome.Parse(422, body);

        Assert.Equal("Nothing was imported", outcome.Title);
        Assert.NotNull(outcome.Report);
        Assert.Equal((4L, 0L, 1L, false), (outcome.Report.RowsRead, outcome.Report.RowsAdded, outcome.Report.BadRows, outcome.Report.Succeeded));
        Assert.Equal([new RowProblem(4, "timestamp", "not a time")], outcome.Report.Problems);
    }

    [Fact]
    public void An_upload_that_never_got_an_answer_says_nothing_was_imported()
    {
        var outcome = UploadOutcome.Parse(0, "", "the connection to the server was lost");

        Assert.Null(outcome.Report);
        Assert.Equal("The upload did not reach the server", outcome.Title);
        Assert.Equal("the connection to the server was lost; nothing was imported. Check the connection and upload the file again.", outcome.Detail);
    }
}

namespace Wayfinder.Web.Components.Tests.Editor;

using Wayfinder.Core.Documents;
using Wayfinder.Web.Components.Editor;

/// <summary>KPI fields checked as typed: the grammar's message and the column where the problem starts.</summary>
public sealed class KpiCheckTests
{
    private static readonly Journey s_journey = new()
    {
        Id = "trip",
        Title = "Trip",
        Stages = [new Stage { Id = "book", Name = "Book" }, new Stage { Id = "fly", Name = "Fly" }],
    };

    [Fact]
    public void A_good_metric_has_no_problem() => Assert.Null(KpiCheck.Metric("conversion(book -> fly)", s_journey));

    [Fact]
    public void A_misspelt_metric_name_is_pointed_at_with_a_suggestion()
    {
        var problem = KpiCheck.Metric("convrsion(book)", s_journey);

        Assert.Equal(1, problem!.Column);
        Assert.StartsWith("unknown metric 'convrsion'; use customers, conversion,", problem.Message);
        Assert.EndsWith("; did you mean conversion?", problem.Message);
    }

    [Fact]
    public void An_unknown_stage_is_pointed_at_where_it_is_written() =>
        Assert.Equal(new KpiProblem(12, "no stage or touchpoint 'bok' in this journey; did you mean book?"), KpiCheck.Metric("conversion(bok -> fly)", s_journey));

    [Fact]
    public void A_target_error_keeps_the_parser_column()
    {
        Assert.Equal(new KpiProblem(1, "'=>' at column 1 is not a comparator; write >="), KpiCheck.Target("=> 80%"));
        Assert.Null(KpiCheck.Target(">= 80%"));
    }
}

namespace Wayfinder.Evidence.Tests.Kpis;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Validation;
using Wayfinder.Evidence.Kpis;

public sealed class KpiEvaluatorTests
{
    // Funnel 10 → 4 → 1; A→B median 2 days, p90 3 days; touchpoint a: 2 stranded of 8 reached.
    private static readonly JourneyMetrics s_metrics = new()
    {
        JourneyId = "j",
        Customers = 12,
        Funnel = [new("A", "A", 10, 1, 1, 6), new("B", "B", 4, 0.4, 0.4, 3), new("C", "C", 1, 0.25, 0.1, 0)],
        Timings = [new("A", "B", 4, 172800, 259200), new("B", "C", 1, null, null)],
        SpanTimings = [new("A", "C", 1, 86400 * 5, 86400 * 5)],
        StageReach = [new("A", "A", "A", 10, 20), new("B", "B", "B", 5, 6), new("C", "C", "C", 1, 1)],
        TouchpointReach = [new("a", "a", "A", 8, 15)],
        Stranded = [new("a", "A", 2, 8, 0.25)],
    };

    private static readonly SatisfactionRow[] s_satisfaction =
    [
        new("stage", "B", "B", 10, 4.2, 5, null, 0, 35, 5, 0.5, 2, 0.9),
    ];

    [Theory]
    [InlineData("conversion(B)", ">= 40%", 40, "40%", KpiStatus.Meets)]
    [InlineData("conversion(B)", ">= 30%", 40, "40%", KpiStatus.Exceeds)]
    [InlineData("conversion(B)", ">= 45%", 40, "40%", KpiStatus.DoesNotMeet)]
    [InlineData("conversion(A -> C)", ">= 0.05", 0.1, "10%", KpiStatus.Exceeds)]
    [InlineData("median_time(A -> B)", "<= 2 days", 2, "2 days", KpiStatus.Meets)]
    [InlineData("p90_time(A -> B)", "< 48 h", 72, "72 h", KpiStatus.DoesNotMeet)]
    [InlineData("reach(touchpoint: a)", "8..10", 8, "8", KpiStatus.Meets)]
    // A count against a percentage is a share of the journey's 12 customers: 8 / 12 = 66.7%, 2 / 12 = 16.7%.
    [InlineData("reach(touchpoint: a)", ">= 70%", 66.666667, "66.7%", KpiStatus.DoesNotMeet)]
    [InlineData("stranded(touchpoint: a)", "<= 18%", 16.666667, "16.7%", KpiStatus.Meets)]
    [InlineData("exit_rate(touchpoint: a)", "<= 26%", 25, "25%", KpiStatus.Meets)]
    [InlineData("exit_rate(touchpoint: a)", "<= 30%", 25, "25%", KpiStatus.Exceeds)]
    [InlineData("nps(stage: B)", ">= 30", 35, "35", KpiStatus.Exceeds)]
    [InlineData("csat(stage: B)", ">= 4", 4.2, "4.2", KpiStatus.Meets)]
    [InlineData("drop_off(A)", "<= 5", 6, "6", KpiStatus.DoesNotMeet)]
    [InlineData("median_time(A -> C)", "<= 7 days", 5, "5 days", KpiStatus.Exceeds)]
    public void ActualsAndStatusesFollowTheTarget(string metric, string target, double actual, string text, KpiStatus status)
    {
        var result = KpiEvaluator.Evaluate("B", metric, target, s_metrics, s_satisfaction);

        Assert.Null(result.Problem);
        Assert.Equal(actual, result.Actual!.Value, 9);
        Assert.Equal(text, result.ActualText);
        Assert.Equal(status, result.Status);
    }

    [Theory]
    [InlineData("conversion(Z)", ">= 1%", "no stage or touchpoint 'Z' in this journey; did you mean A?")]
    [InlineData("bounce(A)", ">= 1%", "unknown metric 'bounce'; use customers, conversion, reach, starts, ends, drop_off, drop_off_rate, exit_rate, stranded, median_time, p90_time, nps, csat, ces, sentiment, emotion")]
    [InlineData("median_time(C -> A)", "<= 1 day", "median_time measures forward in the journey; A comes before C")]
    [InlineData("ces(stage: B)", "<= 3", "no ces answers for stage B")]
    [InlineData("conversion(B)", "about 40", "target 'about 40' is not like '>= 40%', '<= 2 days', '30' or '40..60%'")]
    [InlineData("conversion(B)", ">= 2 days", "the target's unit 'days' does not fit conversion(B), which is a share (use % or none)")]
    public void ProblemsAreSaidInPlainWords(string metric, string target, string problem)
    {
        var result = KpiEvaluator.Evaluate("B", metric, target, s_metrics, s_satisfaction);

        Assert.Equal(problem, result.Problem);
        Assert.Null(result.Status);
    }

    // Targets the validator accepted and analyze used to refuse (or read differently): one grammar now.
    [Theory]
    [InlineData("conversion(B)", "40%..60%", 40, "40%", KpiStatus.Meets)]
    [InlineData("conversion(B)", "+30%", 40, "40%", KpiStatus.Exceeds)]
    [InlineData("conversion(B)", ">= 30 percent", 40, "40%", KpiStatus.Exceeds)]
    [InlineData("median_time(A -> B)", "<= 2 Days", 2, "2 days", KpiStatus.Meets)]
    [InlineData("median_time(A -> B)", "<=48hours", 48, "48 h", KpiStatus.Meets)]
    [InlineData("drop_off(B)", "= 3", 3, "3", KpiStatus.Meets)]
    [InlineData("drop_off(B)", "2 .. 5 customers", 3, "3", KpiStatus.Meets)]
    public void TargetsFollowTheValidatorsGrammar(string metric, string target, double actual, string text, KpiStatus status)
    {
        Assert.Null(KpiTarget.Parse(target).Error);
        ActualsAndStatusesFollowTheTarget(metric, target, actual, text, status);
    }

    [Theory]
    [InlineData("conversion(B)", "< 200 eur/month", "the target's unit 'eur/month' does not fit conversion(B), which is a share (use % or none)")]
    [InlineData("median_time(A -> B)", "<= 2 eur", "the target's unit 'eur' does not fit median_time(A -> B), which is a duration (use s, min, h, days or weeks)")]
    public void AValidTargetWhoseUnitNoMetricMeasuresIsSaidNotToFitTheMetric(string metric, string target, string problem)
    {
        Assert.Null(KpiTarget.Parse(target).Error);
        ProblemsAreSaidInPlainWords(metric, target, problem);
    }

    [Theory]
    [InlineData("=> 3 days")]
    [InlineData("60..40")]
    [InlineData("40%..60 days")]
    [InlineData(">= 40..60")]
    public void ATargetTheValidatorRefusesAnalyzeRefusesToo(string target)
    {
        Assert.NotNull(KpiTarget.Parse(target).Error);

        var result = KpiEvaluator.Evaluate("B", "conversion(B)", target, s_metrics, s_satisfaction);

        Assert.Equal($"target '{target}' is not like '>= 40%', '<= 2 days', '30' or '40..60%'", result.Problem);
    }

    [Theory]
    // conversion(B) is out of the 10 customers at A; reach as a share is out of all 12; NPS of B out of its 5 answers.
    [InlineData("conversion(B)", ">= 40%", "customers at stage B ÷ customers at stage A, the stage before, in the ordered funnel (4 of 10)", 10)]
    [InlineData("conversion(A -> C)", ">= 5%", "customers at stage C ÷ customers at stage A in the ordered funnel (1 of 10)", 10)]
    [InlineData("reach(touchpoint: a)", ">= 50%", "customers with an event at touchpoint a ÷ all 12 customers of the journey", 12)]
    [InlineData("nps(stage: B)", ">= 30", "NPS of the answers about stage B and its touchpoints (n = 5)", 5)]
    [InlineData("exit_rate(touchpoint: a)", "<= 30%", "customers stranded at touchpoint a ÷ customers who reached it (2 of 8)", 8)]
    public void EachActualSaysWhatItMeasuresAndOutOfHowMany(string metric, string target, string definition, int n)
    {
        var result = KpiEvaluator.Evaluate("B", metric, target, s_metrics, s_satisfaction);

        Assert.Equal((definition, (int?)n), (result.Definition, result.SampleSize));
    }

    [Fact]
    public void AConversionFromATouchpointIsReadFromItsTwoStepFunnel()
    {
        PlaceConversion[] conversions = [new("touchpoint a", "stage C", 8, 2, new StageTiming("from", "to", 2, 3600, 7200))];

        var conversion = KpiEvaluator.Evaluate("B", "conversion(a -> C)", ">= 20%", s_metrics, s_satisfaction, conversions);
        var time = KpiEvaluator.Evaluate("B", "median_time(a -> C)", "<= 2 h", s_metrics, s_satisfaction, conversions);

        // 2 of the 8 customers who reached a went on to C: 25%, more than 10% past 20%.
        Assert.Equal((25d, "25%", KpiStatus.Exceeds, 8), (conversion.Actual!.Value, conversion.ActualText, conversion.Status!.Value, conversion.SampleSize!.Value));
        Assert.Equal("customers who reached stage C after touchpoint a within the funnel window ÷ customers who reached touchpoint a (2 of 8)", conversion.Definition);
        Assert.Equal((null, 1d, KpiStatus.Exceeds, 2), (time.Problem, time.Actual, time.Status, time.SampleSize));
    }
}

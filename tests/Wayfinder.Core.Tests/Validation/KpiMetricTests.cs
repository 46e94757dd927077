namespace Wayfinder.Core.Tests.Validation;

using Wayfinder.Core.Validation;

public sealed class KpiMetricTests
{
    private static readonly string[] s_stages = ["plan", "book"];
    private static readonly string[] s_touchpoints = ["tp-search", "tp-book"];

    [Theory]
    [InlineData("conversion(book)", "conversion(stage: book)")]
    [InlineData("conversion(plan -> book)", "conversion(stage: plan -> stage: book)")]
    [InlineData("conversion(tp-search -> tp-book)", "conversion(touchpoint: tp-search -> touchpoint: tp-book)")]
    [InlineData("conversion(touchpoint: tp-search -> stage: book)", "conversion(touchpoint: tp-search -> stage: book)")]
    [InlineData("median_time(tp-search -> tp-book)", "median_time(touchpoint: tp-search -> touchpoint: tp-book)")]
    [InlineData("nps(touchpoint: tp-book)", "nps(touchpoint: tp-book)")]
    [InlineData("starts(tp-search)", "starts(touchpoint: tp-search)")]
    [InlineData("customers()", "customers()")]
    public void BareIdsResolveToAStageElseATouchpoint(string text, string resolved)
    {
        var (metric, problem) = KpiMetric.Resolve(text, s_stages, s_touchpoints);

        Assert.Null(problem);
        Assert.Equal(resolved, metric!.ToString());
    }

    [Theory]
    [InlineData("conversion(tp-book)", "conversion does not take a touchpoint (tp-book)")]
    [InlineData("conversion(tp-serch -> tp-book)", "no stage or touchpoint 'tp-serch' in this journey; did you mean tp-search?")]
    [InlineData("conversion(book -> book)", "conversion runs from one place to another; both ends are stage book")]
    [InlineData("exit_rate(stage: plan)", "exit_rate does not take a stage (plan)")]
    [InlineData("median_time(book)", "median_time takes 'a -> b' in its brackets")]
    [InlineData("convertion(book)", "unknown metric 'convertion'; use customers, conversion, reach, starts, ends, drop_off, drop_off_rate, exit_rate, stranded, median_time, p90_time, nps, csat, ces, sentiment, emotion; did you mean conversion?")]
    [InlineData("conversion book", "'conversion book' is not a metric expression such as conversion(purchase), conversion(tp-search -> tp-book) or nps(stage: board)")]
    public void WhatCannotBeMeasuredSaysWhy(string text, string problem)
    {
        Assert.Equal((null, problem), KpiMetric.Resolve(text, s_stages, s_touchpoints));
    }
}

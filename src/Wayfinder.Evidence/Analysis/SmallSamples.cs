namespace Wayfinder.Evidence.Analysis;

using Wayfinder.Core.Metrics;

/// <summary>Gives every rate of a report its n and marks those out of fewer than the threshold as small samples.</summary>
public static class SmallSamples
{
    public static JourneyReport Mark(JourneyReport report, int threshold)
    {
        bool Small(int n) => n < threshold;
        var funnel = report.Metrics.Funnel;
        var trend = report.Trend;
        return report with
        {
            SmallSampleSize = threshold,
            Metrics = report.Metrics with
            {
                Funnel = [.. funnel.Select((f, i) => (Step: f, N: i == 0 ? f.Customers : funnel[i - 1].Customers)).Select(x => x.Step with { SampleSize = x.N, SmallSample = Small(x.N) })],
                Stranded = [.. report.Metrics.Stranded.Select(s => s with { SmallSample = Small(s.Reached) })],
            },
            // Trend points come period by period, stages in order: the n of each is the point before it in the same period.
            Trend = [.. trend.Select((t, i) =>
            {
                var n = i > 0 && trend[i - 1].Period == t.Period ? trend[i - 1].Customers : t.Customers;
                return t with { SampleSize = n, SmallSample = Small(n) };
            })],
            TouchpointSatisfaction = [.. report.TouchpointSatisfaction.Select(r => r with { SmallSample = Small(r.Responses) })],
            StageSatisfaction = [.. report.StageSatisfaction.Select(r => r with { SmallSample = Small(r.Responses) })],
            MeasuredEmotion = [.. report.MeasuredEmotion.Select(p => p with { SmallSample = Small(p.SampleSize) })],
            Kpis = [.. report.Kpis.Select(k => k with { SmallSample = k.SampleSize is { } n && Small(n) })],
        };
    }
}

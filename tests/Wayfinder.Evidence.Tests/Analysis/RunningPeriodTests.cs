namespace Wayfinder.Evidence.Tests.Analysis;

using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Analysis;

public sealed class RunningPeriodTests
{
    private static long Micros(int year, int month, int day, int hour = 0) =>
        (new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks) / 10;

    private static bool[] Running(long dataEnd, params string[] periods) =>
        [.. Periods.MarkRunning([.. periods.Select(p => new TrendPoint(p, "s1", 40, 1, null))], dataEnd).Select(t => t.Running)];

    [Fact]
    public void APeriodIsStillRunningUntilTheDataReachesItsLastDay()
    {
        // Data up to 14 September: September (and Q3) are still running; August is complete.
        Assert.Equal([false, true, true], Running(Micros(2026, 9, 14, 18), "2026-08", "2026-09", "2026-Q3"));

        // Data into 30 September, the last day: September and Q3 are complete.
        Assert.Equal([false, false, false], Running(Micros(2026, 9, 30, 9), "2026-08", "2026-09", "2026-Q3"));

        // Exactly at the start of the last day counts as reaching it.
        Assert.Equal([false], Running(Micros(2026, 9, 30), "2026-09"));
    }

    [Fact]
    public void MarkingKeepsEveryOtherFieldOfThePoint()
    {
        var point = new TrendPoint("2026-09", "s2", 12, 0.4, -0.1) { SampleSize = 30, SmallSample = false };

        Assert.Equal(point with { Running = true }, Periods.MarkRunning([point], Micros(2026, 9, 1)).Single());
    }
}

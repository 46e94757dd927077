namespace Wayfinder.Evidence.Tests.Metrics;

using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Store;

/// <summary>Small hand-built logs: times in hours from 2026-01-01T00:00Z.</summary>
internal static class LogFixture
{
    public static readonly long Epoch = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    public static long Hours(double h) => Epoch + (long)(h * 3_600_000_000d);

    public static long Days(double d) => Hours(d * 24);

    /// <summary>Stages A, B, C with one touchpoint each (a, b, c) claiming events "a", "b", "c".</summary>
    public static Journey ThreeStages() => new()
    {
        Id = "j",
        Title = "J",
        Stages = [new Stage { Id = "A", Name = "Stage A" }, new Stage { Id = "B", Name = "Stage B" }, new Stage { Id = "C", Name = "Stage C" }],
        Lanes =
        [
            new Lane
            {
                Id = "tp",
                Type = LaneType.Touchpoints,
                Items =
                [
                    new LaneItem { Id = "a", Stage = "A", Text = "a", Channel = "web", Events = ["a"] },
                    new LaneItem { Id = "b", Stage = "B", Text = "b", Channel = "web", Events = ["b"] },
                    new LaneItem { Id = "c", Stage = "C", Text = "c", Channel = "app", Events = ["c"] },
                ],
            },
        ],
    };

    public static (EventLog Log, JourneyMapping Mapping) Build(Journey journey, params (string Customer, long Time, string Event)[] rows)
    {
        var builder = new EventLogBuilder();
        foreach (var (customer, time, name) in rows)
        {
            builder.Add(customer, time, name);
        }

        var log = builder.Build();
        return (log, JourneyMapping.Build(journey, log));
    }
}

namespace Wayfinder.EvidenceBench;

using Wayfinder.Core.Documents;

/// <summary>The benchmark's journey: 5 stages of 4 touchpoints each, one event name per touchpoint.</summary>
internal static class BenchJourney
{
    public static readonly string[] Stages = ["discover", "consider", "buy", "use", "recommend"];

    public static Journey Create()
    {
        var items = new List<LaneItem>();
        string[] channels = ["web", "app", "email", "store"];
        for (var s = 0; s < Stages.Length; s++)
        {
            for (var t = 0; t < 4; t++)
            {
                var id = $"{Stages[s]}-{t + 1}";
                items.Add(new LaneItem { Id = id, Stage = Stages[s], Text = id, Channel = channels[t], Events = [$"{Stages[s]}_{t + 1}"] });
            }
        }

        return new Journey
        {
            Id = "bench",
            Title = "Benchmark journey",
            Stages = [.. Stages.Select(s => new Stage { Id = s, Name = s })],
            Lanes = [new Lane { Id = "touchpoints", Type = LaneType.Touchpoints, Items = items }],
        };
    }
}

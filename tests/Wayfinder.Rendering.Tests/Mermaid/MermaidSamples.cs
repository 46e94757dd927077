namespace Wayfinder.Rendering.Tests.Mermaid;

using Wayfinder.Core.Documents;

internal static class MermaidSamples
{
    /// <summary>
    /// Four stages covering each way a stage becomes tasks: actions, steps, touchpoints, the stage itself;
    /// emotions chosen to pin rounding (−1.5 → 1.5 → 2, 0.5 → 3.5 → 4) and a task without emotion.
    /// </summary>
    public static Journey BuyABike() => new()
    {
        Id = "buy-a-bike",
        Title = "Buy a bike",
        Owner = "cx-team",
        Revision = 3,
        Tags = ["retail"],
        BusinessGoal = "Sell more e-bikes online",
        Personas = ["anna", "ben"],
        State = JourneyState.Current,
        Stages =
        [
            new() { Id = "discover", Name = "Discover options", Goal = "I want to know my options" },
            new()
            {
                Id = "choose",
                Name = "Choose: model",
                Steps = [new() { Id = "compare", Name = "Compare" }, new() { Id = "ride", Name = "Test ride" }],
            },
            new() { Id = "pay", Name = "Pay" },
            new() { Id = "collect", Name = "Collect" },
        ],
        Lanes =
        [
            new()
            {
                Id = "actions",
                Type = LaneType.Actions,
                Items = [new() { Stage = "discover", Text = "Read reviews" }, new() { Stage = "discover", Text = "Ask a friend" }],
            },
            new()
            {
                Id = "touchpoints",
                Type = LaneType.Touchpoints,
                Items = [new() { Id = "checkout", Stage = "pay", Text = "Checkout page", Channel = "web", Events = ["checkout_started"] }],
            },
            new()
            {
                Id = "feelings",
                Type = LaneType.Emotion,
                Items =
                [
                    new() { Stage = "discover", Score = 1 },
                    new() { Stage = "choose", Step = "compare", Score = -1.5 },
                    new() { Stage = "choose", Step = "ride", Score = 0.5 },
                    new() { Stage = "collect", Score = 2 },
                ],
            },
            new()
            {
                Id = "kpis",
                Type = LaneType.Kpis,
                Items = [new() { Stage = "pay", Metric = "conversion(pay)", Target = "40%", Actual = "35%", Status = KpiStatus.DoesNotMeet }],
            },
        ],
    };
}

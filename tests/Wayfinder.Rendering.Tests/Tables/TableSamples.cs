namespace Wayfinder.Rendering.Tests.Tables;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

internal static class TableSamples
{
    public static Workspace Workspace() => new()
    {
        Root = "/tmp/demo",
        Config = new WorkspaceConfig
        {
            Name = "demo",
            Channels = [new() { Id = "web", Name = "Website" }],
            Evidence = [new() { Id = "ga", Kind = EvidenceKind.Analytics }],
        },
        Personas = [new(new Persona { Id = "anna", Title = "Anna", Name = "Anna Berg" }, "personas/anna.yaml", "")],
    };

    /// <summary>
    /// Two stages, the second split into two steps and also holding a stage-level pain point (so it gets a column of
    /// its own); a touchpoint on a channel missing from the workspace; a pain point that is a formula.
    /// </summary>
    public static Journey Bike() => new()
    {
        Id = "bike",
        Title = "Buy a bike",
        Evidence = [new() { Id = "int-1", Kind = EvidenceKind.Interview }],
        Stages =
        [
            new() { Id = "discover", Name = "Discover", Goal = "I want to know my options" },
            new()
            {
                Id = "buy",
                Name = "Buy",
                Description = "From shortlist to paid",
                LoopsTo = "discover",
                Steps = [new() { Id = "compare", Name = "Compare" }, new() { Id = "pay", Name = "Pay" }],
            },
        ],
        Lanes =
        [
            new()
            {
                Id = "actions",
                Type = LaneType.Actions,
                Items =
                [
                    new() { Stage = "buy", Step = "compare", Text = "Compare prices" },
                    new() { Stage = "discover", Text = "Read reviews" },
                    new() { Stage = "discover", Text = "Ask a friend" },
                ],
            },
            new()
            {
                Id = "touchpoints",
                Type = LaneType.Touchpoints,
                Items =
                [
                    new() { Id = "ad", Stage = "discover", Text = "Instagram ad", Channel = "social" },
                    new()
                    {
                        Id = "checkout", Stage = "buy", Step = "pay", Text = "Checkout, step 1", Channel = "web", Owner = "e-commerce",
                        Events = ["checkout_started", new EventMatcher { Name = "page_view", Where = "path = '/pay'" }], Evidence = ["int-1", "ga"],
                    },
                ],
            },
            new()
            {
                Id = "feelings",
                Type = LaneType.Emotion,
                Items = [new() { Stage = "discover", Score = 1 }, new() { Stage = "buy", Step = "compare", Score = -1.5 }, new() { Stage = "buy", Step = "pay", Score = -2 }],
            },
            new()
            {
                Id = "pains",
                Type = LaneType.PainPoints,
                Items = [new() { Id = "fees", Stage = "buy", Text = "=HYPERLINK(\"http://evil\")", Evidence = ["int-1", "unknown"] }],
            },
            new()
            {
                Id = "kpis",
                Type = LaneType.Kpis,
                Name = "Targets",
                Items = [new() { Stage = "buy", Step = "pay", Metric = "conversion(pay)", Target = "40%", Actual = "35%", Status = KpiStatus.DoesNotMeet }],
            },
            new()
            {
                Id = "opportunities",
                Type = LaneType.Opportunities,
                Items =
                [
                    new()
                    {
                        Id = "one-page", Stage = "buy", Step = "pay", Text = "One-page checkout", CustomerValue = 4, BusinessValue = 5, Effort = 2,
                        OpportunityStatus = OpportunityStatus.InProgress, Addresses = ["fees"], Owner = "web-team",
                    },
                ],
            },
            new()
            {
                Id = "roles",
                Type = LaneType.Roles,
                Items = [new() { Stage = "elsewhere", Persona = "anna" }, new() { Stage = "discover", Persona = "anna", Text = "Researcher" }],
            },
        ],
    };
}

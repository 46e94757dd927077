namespace Wayfinder.Bench;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>Synthetic maps for the benchmarks: every lane type once (12 lanes), an item in every cell, realistic text lengths.</summary>
internal static class BenchMaps
{
    private static readonly LaneType[] s_lanes =
    [
        LaneType.Goals, LaneType.Actions, LaneType.Touchpoints, LaneType.Thoughts, LaneType.Emotion, LaneType.PainPoints,
        LaneType.Opportunities, LaneType.Kpis, LaneType.Backstage, LaneType.Questions, LaneType.Ideas, LaneType.Channels,
    ];

    public static Workspace Workspace() => new()
    {
        Root = "/tmp/wayfinder-bench",
        Config = new WorkspaceConfig
        {
            Name = "Bench",
            Channels =
            [
                new Channel { Id = "web", Name = "Website", Glyph = "web" },
                new Channel { Id = "app", Name = "Mobile app", Glyph = "app" },
                new Channel { Id = "store", Name = "Store", Kind = ChannelKind.Physical },
            ],
            Evidence = [new EvidenceLink { Id = "i1", Kind = EvidenceKind.Interview }, new EvidenceLink { Id = "s1", Kind = EvidenceKind.Survey }],
        },
        Personas = [new SourcedDocument<Persona>(new Persona { Id = "p", Title = "Pat", Name = "Pat Doe", Role = "Buyer", Quote = "Make it simple, please." }, "personas/p.yaml", "")],
    };

    public static Journey Map(int stages, int lanes = 12)
    {
        var stageList = Enumerable.Range(1, stages)
            .Select(i => new Stage { Id = $"s{i}", Name = $"Stage {i}: find out what is on offer", Goal = "I want to know my options before I commit" })
            .ToList();
        var laneList = s_lanes.Take(lanes).Select((type, l) => new Lane
        {
            Id = $"l{l}",
            Type = type,
            Items = stageList.Select((s, i) => new LaneItem
            {
                Stage = s.Id,
                Text = i % 2 == 0 ? "Compares prices on three sites and asks a friend which one they trust most" : "Signs up",
                Channel = type is LaneType.Touchpoints or LaneType.Channels ? new[] { "web", "app", "store" }[i % 3] : null,
                Score = type == LaneType.Emotion ? (i % 5) - 2 : null,
                Target = type == LaneType.Kpis ? "45%" : null,
                Actual = type == LaneType.Kpis ? "38%" : null,
                Status = type == LaneType.Kpis ? KpiStatus.DoesNotMeet : null,
                CustomerValue = type == LaneType.Opportunities ? 4 : null,
                Effort = type == LaneType.Opportunities ? 2 : null,
                Evidence = i % 3 == 0 ? ["i1", "s1"] : [],
            }).ToList(),
        }).ToList();
        return new Journey
        {
            Id = $"bench-{stages}",
            Title = $"A {stages}-stage journey",
            BusinessGoal = "Raise conversion",
            Personas = ["p"],
            Stages = stageList,
            Lanes = laneList,
        };
    }
}

namespace Wayfinder.Evidence.Tests.Clustering;

using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Clustering;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;
using static Wayfinder.Evidence.Tests.Metrics.LogFixture;

public sealed class BehaviourClusteringTests
{
    private static Task<ClusteringResult> Cluster(EventLog log) =>
        BehaviourClustering.ClusterAsync(EventStore.InMemory(log), SurveyStore.InMemory([]), ThreeStages());

    private static (EventLog, JourneyMapping) TwoGroups(int scale = 1)
    {
        var builder = new EventLogBuilder();
        for (var i = 0; i < 12 * scale; i++)
        {
            // Web visitors who look once and leave.
            builder.Add($"w{i:00}", Days(0), "a", "web", attributes: [new("plan", "free")]);
        }

        for (var i = 0; i < 8 * scale; i++)
        {
            // App users who go all the way.
            builder.Add($"p{i:00}", Days(0), "a", "app", attributes: [new("plan", "pro")]);
            builder.Add($"p{i:00}", Days(0) + 3600_000_000, "b", "app");
            builder.Add($"p{i:00}", Days(0) + 7200_000_000, "c", "app");
        }

        var log = builder.Build();
        return (log, JourneyMapping.Build(ThreeStages(), log));
    }

    [Fact]
    public async Task TwoBehaviourGroupsBecomeTwoClustersDescribedByWhatSetsThemApart()
    {
        var (log, _) = TwoGroups();

        var result = await Cluster(log);

        Assert.Equal(20, result.Customers);
        Assert.Equal([(12, 0.6, "Web-leaning early drop-outs", "plan = \"free\""), (8, 0.4, "App-leaning completers", "plan = \"pro\"")],
            result.Clusters.Select(c => (c.Size, c.Share, c.Name, c.Segment)));
        Assert.Contains("channel app: 100% of their events (all customers: 40%)", result.Clusters[1].Traits);
        // Every member of a group behaves the same, so each point sits on its cluster: silhouette exactly 1.
        Assert.Equal(1, result.Silhouette);
    }

    [Fact]
    public async Task ManyCustomersAreClusteredOnASampleAndEveryCustomerGetsTheNearestCentre()
    {
        // 24,000 customers: the centres come from a sample of 20,000, then all are assigned, exactly by group.
        var (log, _) = TwoGroups(scale: 1200);

        var result = await Cluster(log);

        Assert.True(result.Customers > BehaviourClustering.FitSample);
        Assert.Equal([(14_400, 0.6, "Web-leaning early drop-outs"), (9_600, 0.4, "App-leaning completers")], result.Clusters.Select(c => (c.Size, c.Share, c.Name)));
        Assert.Equal(1, result.Silhouette);
    }

    [Fact]
    public async Task AClusterBecomesADraftStatisticalPersonaWithItsSegmentAndEvidence()
    {
        var (log, _) = TwoGroups();
        var result = await Cluster(log);

        var persona = BehaviourClustering.ToPersona(result.Clusters[1], result, "j", new DateOnly(2026, 11, 25));

        Assert.Equal(("statistical-2", "App-leaning completers", PersonaType.Statistical, "plan = \"pro\""), (persona.Id, persona.Title, persona.Type, persona.Segment));
        Assert.Equal("40% of 20 customers of j", persona.Role);
        Assert.All(persona.Behaviours, b => Assert.Equal(["clustering-20261125"], b.Evidence));
        Assert.Equal(EvidenceKind.Analytics, persona.Evidence.Single().Kind);
    }
}

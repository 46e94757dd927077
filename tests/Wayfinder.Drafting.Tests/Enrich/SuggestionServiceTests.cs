namespace Wayfinder.Drafting.Tests.Enrich;

using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App.Validation;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Drafting.Enrich;

/// <summary>Proposals for an existing map (see <see cref="EnrichWorkspace"/> for the data and the numbers behind each expectation).</summary>
public sealed class SuggestionServiceTests
{
    private static async Task<SuggestResult> ProposeAsync(WorkspaceStores workspace)
    {
        using var services = DraftWorkspaces.Services();
        return await services.GetRequiredService<SuggestionService>().ProposeAsync(workspace, "trip");
    }

    private static async Task<ApplyResult> ApplyAsync(WorkspaceStores workspace, IReadOnlyCollection<int>? numbers, int? revision = 1)
    {
        using var services = DraftWorkspaces.Services();
        return await services.GetRequiredService<SuggestionService>().ApplyAsync(workspace, "trip", numbers, revision, "ana");
    }

    private static async Task<Journey> TripAsync(WorkspaceStores workspace)
    {
        var (loaded, _) = await workspace.Documents.LoadAsync();
        return loaded.FindJourney("trip")!;
    }

    private static async Task<string> TripTextAsync(WorkspaceStores workspace) =>
        (await workspace.Documents.ReadAsync(DocumentKind.Journey, "trip"))!.Text;

    [Fact]
    public async Task EveryKindIsProposedNumberedByKindThenStageThenText()
    {
        var result = await ProposeAsync(EnrichWorkspace.Create());

        Assert.Equal(SuggestOutcome.Proposed, result.Outcome);
        Assert.Equal(1, result.Revision);
        Assert.Equal(
        [
            "1 Touchpoint touchpoint in compare: Fare alert",
            "2 PainPoint pain point in compare: Fare rules are hard to compare",
            "3 PainPoint pain point in book: Customers rate Book low: CSAT 2.4 of 5 (n = 5)",
            "4 PainPoint pain point in book: Seat choice at booking is confusing",
            "5 StuckStage pain point in compare: 38% of the customers who reach Compare stop there (6 of 16)",
            "6 Kpi KPI in search: Customers who go on from Search to Compare",
            "7 Kpi KPI in compare: Customers who go on from Compare to Book",
        ], result.Proposals.Select(p => $"{p.Number} {p.Kind} {p.Summary}"));
    }

    [Fact]
    public async Task TheNumberingIsTheSameOnEveryCall()
    {
        var workspace = EnrichWorkspace.Create();

        var first = await ProposeAsync(workspace);
        var second = await ProposeAsync(workspace);

        Assert.Equal(7, first.Proposals.Count);
        Assert.Equal(first.Proposals.Select(p => (p.Number, p.Summary, p.Reason, p.Source)), second.Proposals.Select(p => (p.Number, p.Summary, p.Reason, p.Source)));
    }

    [Fact]
    public async Task AFrequentUnmappedEventIsATouchpointWhereCustomersMeetItAndARareOneIsNot()
    {
        var proposals = (await ProposeAsync(EnrichWorkspace.Create())).Proposals;

        var touchpoint = Assert.Single(proposals, p => p.Kind == ProposalKind.Touchpoint);
        Assert.Equal("compare", touchpoint.StageId);
        Assert.Equal(LaneType.Touchpoints, touchpoint.Lane);
        Assert.Equal("Fare alert", touchpoint.Item.Text);
        Assert.Equal("app", touchpoint.Item.Channel);
        Assert.Equal(["fare_alert"], touchpoint.Item.Events.Select(e => e.Name));
        Assert.Equal("10 events by 10 customers are counted by no touchpoint; they come most often after “Compare fares”", touchpoint.Reason);
        Assert.Equal("events: fare_alert", touchpoint.Source);
        Assert.DoesNotContain(proposals, p => p.Source.Contains("rare_thing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnmappedEventOnAChannelTheWorkspaceLacksTakesTheMapsMostCommonChannel()
    {
        // The same log with fare_alert on "kiosk", which wayfinder.yaml does not list: every touchpoint of the map is on web.
        var log = new Wayfinder.Evidence.Store.EventLogBuilder();
        var day0 = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        for (var i = 1; i <= 3; i++)
        {
            log.Add($"k{i}", day0, "search", "web");
            log.Add($"k{i}", day0 + 1, "fare_alert", "kiosk");
        }

        var proposals = (await ProposeAsync(EnrichWorkspace.Create(events: log.Build()))).Proposals;

        var touchpoint = Assert.Single(proposals, p => p.Kind == ProposalKind.Touchpoint);
        Assert.Equal("search", touchpoint.StageId);
        Assert.Equal("web", touchpoint.Item.Channel);
        Assert.Equal("3 events by 3 customers are counted by no touchpoint; they come most often after “Search flights”", touchpoint.Reason);
    }

    [Fact]
    public async Task AnInsightTaggedToAStageIsAPainPointCitingItAndOneAlreadyCitedIsNot()
    {
        var proposals = (await ProposeAsync(EnrichWorkspace.Create())).Proposals;

        var fromInsights = proposals.Where(p => p.Source.StartsWith("insight ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["insight ins-1", "insight ins-3"], fromInsights.Select(p => p.Source));
        var ins1 = fromInsights[0];
        Assert.Equal((ProposalKind.PainPoint, "compare", LaneType.PainPoints), (ins1.Kind, ins1.StageId, ins1.Lane));
        Assert.Equal(["insight-ins-1"], ins1.Item.Evidence);
        Assert.Equal("the interview insight ins-1 is tagged to stage “Compare”, and no item of the map cites it", ins1.Reason);
        Assert.Equal(new EvidenceLink { Id = "insight-ins-1", Kind = EvidenceKind.Interview, Title = "Fare rules are hard to compare", Source = "Interview round 4", Date = new DateOnly(2026, 11, 2) }, ins1.Evidence);

        // ins-3 names only the touchpoint tp-book: its stage is Book.
        Assert.Equal("book", fromInsights[1].StageId);
        Assert.Equal(EvidenceKind.SupportTicket, fromInsights[1].Evidence!.Kind);
        Assert.Equal("the support ticket insight ins-3 is tagged to touchpoint “Book”, and no item of the map cites it", fromInsights[1].Reason);
    }

    [Fact]
    public async Task LowSatisfactionOnEnoughAnswersIsAPainPointWithItsNumbersAndTooFewAnswersAreNot()
    {
        var proposals = (await ProposeAsync(EnrichWorkspace.Create())).Proposals;

        // Book: CSAT (2 + 3 + 2 + 3 + 2) / 5 = 2.4 on 5 answers; its stage is not proposed again. Search: 4 answers < 5.
        var low = Assert.Single(proposals, p => p.Source.StartsWith("surveys: ", StringComparison.Ordinal));
        Assert.Equal("surveys: touchpoint tp-book", low.Source);
        Assert.Equal("book", low.StageId);
        Assert.Equal("Customers rate Book low: CSAT 2.4 of 5 (n = 5)", low.Item.Text);
        Assert.Equal(
            "5 survey answers about touchpoint “Book”: CSAT 2.4 of 5 (n = 5); low is CSAT below 3.5, NPS below 0 or measured emotion at most -0.5, each on at least 5 answers",
            low.Reason);
    }

    [Fact]
    public async Task AStageWhereManyCustomersAreStrandedIsAStuckStageWithItsNumbers()
    {
        var proposals = (await ProposeAsync(EnrichWorkspace.Create())).Proposals;

        // Compare: 16 reach it, b01–b06 stop there 60 days before the end of the data: 6 / 16 = 37.5% → 38%.
        // Search: 1 of 21 stranded (d01) and 5 of 21 drop off before Compare: neither is high.
        var stuck = Assert.Single(proposals, p => p.Kind == ProposalKind.StuckStage);
        Assert.Equal("compare", stuck.StageId);
        Assert.Equal("38% of the customers who reach Compare stop there (6 of 16)", stuck.Item.Text);
        Assert.Equal("6 of the 16 customers who reached “Compare” had their last mapped event in this stage, more than 14 days before the end of the data, and never reached “Book”", stuck.Reason);
        Assert.Equal("events: stranded customers in stage compare", stuck.Source);
    }

    [Fact]
    public async Task AStageMostActiveCustomersDoNotLeaveIsAStuckStageByItsFunnelDropOff()
    {
        // Ten customers search on the last day of the data (so none is stranded), four of them compare too:
        // Search drops 6 of 10 = 60% ≥ 50%; Compare has 4 customers, fewer than the threshold of 5.
        var log = new Wayfinder.Evidence.Store.EventLogBuilder();
        var day = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;
        for (var i = 1; i <= 10; i++)
        {
            log.Add($"e{i:00}", day, "search", "web");
            if (i <= 4)
            {
                log.Add($"e{i:00}", day + 1, "compare", "web");
            }
        }

        var proposals = (await ProposeAsync(EnrichWorkspace.Create(events: log.Build()))).Proposals;

        var stuck = Assert.Single(proposals, p => p.Kind == ProposalKind.StuckStage);
        Assert.Equal("search", stuck.StageId);
        Assert.Equal("60% of the customers who reach Search do not go on to Compare (6 of 10)", stuck.Item.Text);
        Assert.Equal("in the ordered funnel, 6 of the 10 customers at “Search” did not reach “Compare” within 30 days", stuck.Reason);
        Assert.Equal("events: funnel drop-off at stage search", stuck.Source);
    }

    [Fact]
    public async Task AStageWithoutAKpiGetsConversionIntoTheNextStageWithATargetFromTheRule()
    {
        var proposals = (await ProposeAsync(EnrichWorkspace.Create())).Proposals;

        // Search → Compare: 16 / 21 = 76.2% → next 5 points 80%. Compare → Book: 10 / 16 = 62.5% → 65%. Book has a KPI.
        var kpis = proposals.Where(p => p.Kind == ProposalKind.Kpi).ToList();
        Assert.Equal(
            [("search", "conversion(search -> compare)", ">= 80%"), ("compare", "conversion(compare -> book)", ">= 65%")],
            kpis.Select(p => (p.StageId, p.Item.Metric!, p.Item.Target!)));
        Assert.All(kpis, p => Assert.Null(p.Item.Actual));
        Assert.All(kpis, p => Assert.Null(p.Item.Status));
        Assert.Equal("stage “Compare” has no KPI; conversion into the next stage says whether customers move on; today 10 of 16 (63%) do, and the target is the next 5 points above that", kpis[1].Reason);
        Assert.Equal("events: ordered funnel, conversion into the next stage", kpis[1].Source);
    }

    [Fact]
    public async Task WithoutEventsAKpiHasNoTargetAndNothingIsProposedFromEvents()
    {
        var workspace = EnrichWorkspace.Create(events: Wayfinder.Evidence.Store.EventLog.Empty);

        var proposals = (await ProposeAsync(workspace)).Proposals;

        Assert.DoesNotContain(proposals, p => p.Kind is ProposalKind.Touchpoint or ProposalKind.StuckStage);
        var kpis = proposals.Where(p => p.Kind == ProposalKind.Kpi).ToList();
        Assert.Equal(2, kpis.Count);
        Assert.All(kpis, p => Assert.Null(p.Item.Target));
        Assert.Equal("rule: conversion into the next stage", kpis[0].Source);
        Assert.EndsWith("; no target, as no customers reach the stage in the events", kpis[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyingOneNumberAddsExactlyThatItemWithItsEvidenceAndANewLaneInMapOrder()
    {
        var workspace = EnrichWorkspace.Create();

        var result = await ApplyAsync(workspace, [2]);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal([2], result.Applied.Select(p => p.Number));
        Assert.Equal(2, result.Document!.Revision);
        var trip = await TripAsync(workspace);
        Assert.Equal(["thoughts", "touchpoints", "pain-points", "kpis"], trip.Lanes.Select(l => l.Id));
        var pain = Assert.Single(trip.Lanes[2].Items);
        Assert.Equal(("compare", "Fare rules are hard to compare"), (pain.Stage, pain.Text));
        Assert.Equal(["insight-ins-1"], pain.Evidence);
        Assert.NotNull(pain.Id);
        Assert.Equal(["insight-ins-2", "insight-ins-1"], trip.Evidence.Select(e => e.Id));
        Assert.Equal(3, trip.Lanes[1].Items.Count);
        Assert.Single(trip.Lanes[3].Items);
        var history = await workspace.Documents.HistoryAsync(DocumentKind.Journey, "trip");
        Assert.Equal(("ana", "applied proposal 2"), (history[0].Author, history[0].Message));
    }

    [Fact]
    public async Task ApplyingAllAddsEveryItemOnceValidatesAndLeavesNothingToPropose()
    {
        var workspace = EnrichWorkspace.Create();

        var result = await ApplyAsync(workspace, null);

        Assert.Equal(ApplyOutcome.Applied, result.Outcome);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], result.Applied.Select(p => p.Number));
        var trip = await TripAsync(workspace);
        Assert.Equal(
            ["tp-search:search", "tp-compare:compare", "Fare alert:compare", "tp-book:book"],
            trip.Lanes.Single(l => l.Type == LaneType.Touchpoints).Items.Select(i => $"{(i.Text == "Fare alert" ? i.Text : i.Id)}:{i.Stage}"));
        Assert.Equal(4, trip.Lanes.Single(l => l.Type == LaneType.PainPoints).Items.Count);
        Assert.Equal(["search", "compare", "book"], trip.Lanes.Single(l => l.Type == LaneType.Kpis).Items.Select(i => i.Stage));
        Assert.Equal(["insight-ins-2", "insight-ins-1", "insight-ins-3"], trip.Evidence.Select(e => e.Id));
        var history = await workspace.Documents.HistoryAsync(DocumentKind.Journey, "trip");
        Assert.Equal("applied proposals 1, 2, 3, 4, 5, 6, 7", history[0].Message);

        using var services = DraftWorkspaces.Services();
        var check = await services.GetRequiredService<SaveCheckService>().CheckAsync(workspace.Documents, trip);
        Assert.Empty(check.Errors);
        Assert.Empty((await ProposeAsync(workspace)).Proposals);
    }

    [Fact]
    public async Task AnUnknownNumberWritesNothing()
    {
        var workspace = EnrichWorkspace.Create();
        var before = await TripTextAsync(workspace);

        var result = await ApplyAsync(workspace, [2, 9, 0]);

        Assert.Equal(ApplyOutcome.UnknownNumber, result.Outcome);
        Assert.Equal([0, 9], result.Unknown);
        Assert.Equal(before, await TripTextAsync(workspace));
    }

    [Fact]
    public async Task AStaleRevisionWritesNothing()
    {
        var workspace = EnrichWorkspace.Create();
        var before = await TripTextAsync(workspace);

        var result = await ApplyAsync(workspace, [2], revision: 0);

        Assert.Equal(ApplyOutcome.Changed, result.Outcome);
        Assert.Equal(before, await TripTextAsync(workspace));
    }

    [Fact]
    public async Task AMapThatWouldNotValidateIsNotWritten()
    {
        // The map already has an error (a channel wayfinder.yaml does not list): the map with the proposal would not validate either.
        var workspace = EnrichWorkspace.Create(EnrichWorkspace.Trip.Replace("channel: web\n        events: [book]", "channel: fax\n        events: [book]", StringComparison.Ordinal));
        var before = await TripTextAsync(workspace);

        var result = await ApplyAsync(workspace, [2]);

        Assert.Equal(ApplyOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Diagnostics, d => d.Code == "unknown-channel");
        Assert.Equal(before, await TripTextAsync(workspace));
    }

    [Fact]
    public async Task AnUnknownJourneyIsNotFoundWithTheKnownIds()
    {
        using var services = DraftWorkspaces.Services();

        var result = await services.GetRequiredService<SuggestionService>().ProposeAsync(EnrichWorkspace.Create(), "trp");

        Assert.Equal(SuggestOutcome.NotFound, result.Outcome);
        Assert.Equal(["trip"], result.Known);
    }
}

namespace Wayfinder.Drafting.Tests.Discovery;

using Wayfinder.Drafting.Discovery;
using Wayfinder.Evidence.Store;

/// <summary>
/// Discovery recovers the journey that generated a synthetic log: its stages, their touchpoints and event names in
/// order, the loop and the branch. Each log has 2,000 customers from <see cref="JourneyLogGenerator"/>.
/// </summary>
public sealed class DiscoveryShapeTests
{
    internal static readonly GenStage[] Linear =
    [
        new([new GenTouchpoint("web", "ad_click", "landing_view"), new GenTouchpoint("web", "signup_start", "signup_complete")]),
        new([new GenTouchpoint("email", "welcome_open", "welcome_click"), new GenTouchpoint("app", "app_install")]),
        new([new GenTouchpoint("app", "project_create"), new GenTouchpoint("app", "invite_sent")]),
    ];

    internal static readonly GenStage[] WithLoop =
    [
        new([new GenTouchpoint("web", "search_flights", "view_results"), new GenTouchpoint("web", "compare_fares"), new GenTouchpoint("web", "select_fare")], LoopFrom: 1, LoopTo: 0, LoopShare: 0.3),
        new([new GenTouchpoint("web", "checkout_start", "payment_submit"), new GenTouchpoint("email", "confirmation_email")]),
        new([new GenTouchpoint("app", "check_in"), new GenTouchpoint("app", "boarding_pass")]),
    ];

    internal static readonly GenStage[] WithBranch =
    [
        new([new GenTouchpoint("web", "product_view"), new GenTouchpoint("web", "add_to_cart", "cart_view")]),
        new([GenSlot.OneOf((new GenTouchpoint("web", "checkout_start", "payment_submit"), 0.6), (new GenTouchpoint("store", "store_visit", "pay_in_store"), 0.4)), new GenTouchpoint("email", "receipt_email")]),
        new([new GenTouchpoint("app", "product_registered"), new GenTouchpoint("web", "review_submitted")]),
    ];

    /// <summary>One line a stage: "stage-id: touchpoint-id(event+event) …".</summary>
    internal static List<string> Describe(DiscoveredJourney journey) =>
        [.. journey.Stages.Select(s => $"{s.Id}: {string.Join(' ', s.Touchpoints.Select(t => $"{t.Id}({string.Join('+', t.Events)})"))}")];

    private static async Task<DiscoveredJourney> DiscoverAsync(EventLog log, DiscoveryRequest? request = null)
    {
        var result = await new JourneyDiscovery().DiscoverAsync(DraftWorkspaces.Create(events: log), request ?? new DiscoveryRequest());
        Assert.Equal(DiscoveryOutcome.Discovered, result.Outcome);
        return result.Journey!;
    }

    [Fact]
    public async Task ALinearJourneyIsRecoveredStageByStageWithItsTouchpointsAndEvents()
    {
        var journey = await DiscoverAsync(new JourneyLogGenerator(Linear).Build(2000));

        Assert.Equal(
            [
                "ad-click: ad-click(ad_click+landing_view) signup-start(signup_start+signup_complete)",
                "welcome-open: welcome-open(welcome_open+welcome_click) app-install(app_install)",
                "project-create: project-create(project_create) invite-sent(invite_sent)",
            ],
            Describe(journey));
        Assert.Equal(["Ad click, signup start", "Welcome open, app install", "Project create, invite sent"], journey.Stages.Select(s => s.Name));
        Assert.Empty(journey.Loops);
        Assert.Empty(journey.Branches);
        Assert.Empty(journey.LeftOut);
        Assert.Equal(["web", "web", "email", "app", "app", "app"], journey.Stages.SelectMany(s => s.Touchpoints).Select(t => t.Channel));
        Assert.Equal(2000, journey.Customers);
        // The dominant path is the whole journey (44% of customers finish: 0.85^5), collapsed to touchpoint ids.
        Assert.Equal(["ad-click", "signup-start", "welcome-open", "app-install", "project-create", "invite-sent"], journey.Paths[0].Touchpoints);
    }

    [Fact]
    public async Task AJourneyWithALoopIsRecoveredAndTheLoopIsNamed()
    {
        var journey = await DiscoverAsync(new JourneyLogGenerator(WithLoop).Build(2000));

        Assert.Equal(
            [
                "search-flights: search-flights(search_flights+view_results) compare-fares(compare_fares) select-fare(select_fare)",
                "checkout-start: checkout-start(checkout_start+payment_submit) confirmation-email(confirmation_email)",
                "check-in: check-in(check_in) boarding-pass(boarding_pass)",
            ],
            Describe(journey));
        var loop = Assert.Single(journey.Loops);
        Assert.Equal(("compare-fares", "search-flights", "search-flights", "search-flights"), (loop.FromTouchpoint, loop.ToTouchpoint, loop.FromStage, loop.ToStage));
        Assert.Equal("back from compare-fares to search-flights", loop.Name);
        // Of the transitions out of compare-fares, 0.3 go back and 0.3 × 0.85 + 0.7 × 0.85 ≈ 0.85 go on: a share near 0.3 / 1.15 = 0.26.
        Assert.InRange(loop.Share, 0.22, 0.30);
        Assert.Empty(journey.Branches);
    }

    [Fact]
    public async Task AJourneyWithTwoBranchesThatRejoinIsRecoveredWithTheBranch()
    {
        var journey = await DiscoverAsync(new JourneyLogGenerator(WithBranch).Build(2000));

        Assert.Equal(
            [
                "product-view: product-view(product_view) add-to-cart(add_to_cart+cart_view)",
                "checkout-start: checkout-start(checkout_start+payment_submit) store-visit(store_visit+pay_in_store) receipt-email(receipt_email)",
                "product-registered: product-registered(product_registered) review-submitted(review_submitted)",
            ],
            Describe(journey));
        var branch = Assert.Single(journey.Branches);
        Assert.Equal("checkout-start", branch.Stage);
        Assert.Equal(["checkout-start", "store-visit"], branch.Alternatives);
        var buy = journey.Stages[1].Touchpoints;
        Assert.Equal(["checkout-start or store-visit", "checkout-start or store-visit", null], buy.Select(t => t.Branch));
        Assert.Equal([buy[0].Customers, buy[1].Customers], branch.Customers);
        // 60 : 40 of those who got that far.
        Assert.InRange((double)branch.Customers[0] / (branch.Customers[0] + branch.Customers[1]), 0.55, 0.65);
        Assert.Equal(("web", "store"), (buy[0].Channel, buy[1].Channel));
        Assert.Empty(journey.Loops);
    }

    [Fact]
    public async Task NoiseAfterAnyTouchpointAndRareNamesDoNotChangeTheRecoveredJourney()
    {
        var journey = await DiscoverAsync(new JourneyLogGenerator(Linear) { Noise = 0.1, Rare = 0.01 }.Build(2000));

        Assert.Equal(
            [
                "ad-click: ad-click(ad_click+landing_view) signup-start(signup_start+signup_complete)",
                "welcome-open: welcome-open(welcome_open+welcome_click) app-install(app_install)",
                "project-create: project-create(project_create) invite-sent(invite_sent)",
            ],
            Describe(journey));
        Assert.Equal(["debug_ping", "heartbeat"], journey.LeftOut.Select(l => l.Event));
        Assert.StartsWith("happens between any touchpoints", journey.LeftOut[1].Reason, StringComparison.Ordinal);
        Assert.Empty(journey.Loops);
    }
}

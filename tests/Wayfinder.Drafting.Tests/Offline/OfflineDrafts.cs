namespace Wayfinder.Drafting.Tests.Offline;

using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App.Documents;
using Wayfinder.App.Validation;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Templates;
using Wayfinder.Drafting.Answers;
using Wayfinder.Drafting.Discovery;
using Wayfinder.Drafting.Offline;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// What the offline drafter tests share: a hand-built discovered journey (so they do not depend on discovery), two
/// insights, and the drafting of a context the way <see cref="DraftingService"/> does it, for drafts from data.
/// </summary>
internal static class OfflineDrafts
{
    /// <summary>
    /// Customers search and compare fares (going back from compare to search), choose a seat and pay by card or by wallet
    /// (a branch; the wallet's events are on a kiosk, a channel the workspace does not have, then on the app), then check
    /// in online (events with no channel; 12 survey answers, emotion −0.83), some going back from check-in to the seat.
    /// </summary>
    public static DiscoveredJourney Flight() => new(
        Customers: 120,
        Events: 1_450,
        Stages:
        [
            new DiscoveredStage("search", "Search fares, compare fares",
                [
                    Touchpoint("search-fares", "Search fares", ["fare_search", "fare_viewed"], "web", 120, branch: null),
                    Touchpoint("compare-fares", "Compare fares", ["fares_compared"], "web", 95, branch: null),
                ],
                Customers: 120, DropOff: 30, MedianSecondsToNext: 3_600),
            new DiscoveredStage("choose-seat", "Choose a seat, pay by card, pay with wallet",
                [
                    Touchpoint("choose-seat", "Choose a seat", ["seat_selected"], "app", 90, branch: null),
                    Touchpoint("pay-by-card", "Pay by card", ["payment_card"], "web", 60, branch: "pay"),
                    Touchpoint("pay-with-wallet", "Pay with wallet", ["payment_wallet"], "kiosk", 30, branch: "pay") with
                    {
                        Channels = [new ChannelCount("kiosk", 25, 0.8), new ChannelCount("app", 6, 0.2)],
                    },
                ],
                Customers: 90, DropOff: 10, MedianSecondsToNext: 86_400),
            new DiscoveredStage("online-check-in", "Online check-in",
                [Touchpoint("online-check-in", "Online check-in", ["check_in_completed"], null, 80, branch: null) with { Channels = [] }],
                Customers: 80, DropOff: 0, MedianSecondsToNext: null)
            {
                Satisfaction = new SatisfactionRow("stage", "online-check-in", "online-check-in", 12, 3.1, 12, null, 0, null, 0, null, 0, -0.83),
            },
        ],
        Paths: [new PathVariant(["search-fares", "compare-fares", "choose-seat", "pay-by-card", "online-check-in"], 50, 0.42)],
        Loops:
        [
            new DiscoveredLoop("compare-fares", "search-fares", "search", "search", 15, 0.16),
            new DiscoveredLoop("online-check-in", "choose-seat", "online-check-in", "choose-seat", 7, 0.09),
        ],
        Branches: [new DiscoveredBranch("choose-seat", ["pay-by-card", "pay-with-wallet"], [60, 30])]);

    /// <summary>One insight tagged to the template stage "book", one to the discovered touchpoint "online-check-in".</summary>
    public static IReadOnlyList<Insight> Insights { get; } =
    [
        new("bag-fee-surprise", new DateOnly(2026, 10, 2), "interview", "Three of five first-time flyers saw the bag fee only at payment", ["maya"], ["book"], [], "Interviews, October"),
        new("bag-drop-queue", new DateOnly(2026, 10, 9), "support ticket", "Checked in online but still queued 40 minutes at bag drop", [], [], ["online-check-in"], null),
        new("untagged", null, "survey", "Likes the colour of the planes", [], [], [], null),
    ];

    private static DiscoveredTouchpoint Touchpoint(string id, string name, string[] events, string? channel, int customers, string? branch) =>
        new(id, name, events, channel, channel is null ? [] : [new ChannelCount(channel, customers, 1)], customers, customers, 0, 0, branch);

    /// <summary>Drafts <paramref name="request"/> offline through DraftingService over <paramref name="discovered"/> (built by hand); the saved document, or the validation errors.</summary>
    public static async Task<(StoredDocument? Document, IReadOnlyList<Core.Validation.Diagnostic> Errors)> DraftAsync(
        ServiceProvider services, WorkspaceStores workspace, DraftRequest request, DiscoveredJourney? discovered)
    {
        var result = await services.GetRequiredService<DraftingService>().DraftAsync(workspace, request with { Drafter = DrafterChoice.Offline }, discovered, null, null, CancellationToken.None);
        return (result.Document, result.Failure?.Diagnostics ?? []);
    }

    /// <summary>The expected file's text; on a difference the actual text is written to the temp folder to compare.</summary>
    public static void AssertExpected(string name, string actual)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Offline", "Expected", name);
        var expected = File.Exists(path) ? File.ReadAllText(path) : "";
        if (expected != actual)
        {
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "wayfinder-offline-" + name), actual);
        }

        Assert.Equal(expected, actual);
    }
}

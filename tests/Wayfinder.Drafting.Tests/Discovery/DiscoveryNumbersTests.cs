namespace Wayfinder.Drafting.Tests.Discovery;

using Wayfinder.Drafting.Discovery;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// The numbers of a discovered journey on a log small enough to count by hand, and the cuts: segment, start and goal,
/// unknown events, no events.
/// </summary>
public sealed class DiscoveryNumbersTests
{
    private const long Minute = 60_000_000;
    private const long Day = 24 * 60 * Minute;
    private static readonly long s_t0 = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    /// <summary>
    /// Six customers: search, 10 min later book, a day later check in; c1 chats for help twice in between.
    /// c1 (web), c2 (app search) and c5 go all the way; c3 stops after booking; c4 stops after searching, and so does
    /// c6, but on the last day of the data (so c6 is not stranded). c1–c3 are first-timers, c4–c6 regulars.
    /// </summary>
    private static EventLog SmallLog()
    {
        var log = new EventLogBuilder();
        void Add(string customer, long at, string name, string channel) =>
            log.Add(customer, s_t0 + at, name, channel, null, [new("segment", customer is "c1" or "c2" or "c3" ? "first-timer" : "regular")]);

        foreach (var (customer, searchChannel) in new[] { ("c1", "web"), ("c2", "app"), ("c5", "web") })
        {
            Add(customer, 0, "search", searchChannel);
            Add(customer, 10 * Minute, "book", "web");
            Add(customer, (10 * Minute) + Day, "check_in", "app");
        }

        Add("c1", 3 * Minute, "help_chat", "phone");
        Add("c1", 5 * Minute, "help_chat", "phone");
        Add("c3", 0, "search", "web");
        Add("c3", 10 * Minute, "book", "web");
        Add("c4", 0, "search", "web");
        Add("c6", 50 * Day, "search", "web");
        return log.Build();
    }

    private static readonly SurveyResponse[] s_answers =
    [
        new(s_t0, "c1", "search", null, SurveyMetric.Csat, 4, null),
        new(s_t0, "c2", "search", null, SurveyMetric.Csat, 2, null),
        new(s_t0, "c4", "search", null, SurveyMetric.Csat, 1, null),
        new(s_t0, "c3", "book", null, SurveyMetric.Csat, 5, null),
        new(s_t0, "c1", null, "check-in", SurveyMetric.Nps, 10, null),
    ];

    private static Task<DiscoveryResult> DiscoverAsync(DiscoveryRequest request, EventLog? log = null) =>
        new JourneyDiscovery().DiscoverAsync(DraftWorkspaces.Create(events: log ?? SmallLog(), surveys: s_answers), request);

    [Fact]
    public async Task ReachDropOffChannelsStrandedAndSatisfactionAreCountedOnTheDiscoveredJourney()
    {
        var result = await DiscoverAsync(new DiscoveryRequest { MinCustomerShare = 0.2 });

        Assert.Equal(DiscoveryOutcome.Discovered, result.Outcome);
        var journey = result.Journey!;
        // search → book is 10 min (one stage), book → check_in a day (a pause: a new stage).
        Assert.Equal(["search: search(search) book(book)", "check-in: check-in(check_in)"], DiscoveryShapeTests.Describe(journey));
        // help_chat: 2 events (≥ 20% of 6 customers) but 1 of 6 customers, below 20%; without it, c1's search → book still directly follows.
        Assert.Equal([new EventNameShare("help_chat", 2, "reached by 1 of 6 customers, fewer than 20%")], journey.LeftOut);
        Assert.Equal((6, 13L), (journey.Customers, journey.Events)); // 6 searches + 4 bookings + 3 check-ins

        var (search, checkIn) = (journey.Stages[0], journey.Stages[1]);
        // Funnel: 6 reach the first stage, 3 of them check in (c1, c2, c5) and 3 drop off; the stage pause is 1 day 10 min.
        Assert.Equal((6, 3, 87_000d), (search.Customers, search.DropOff, search.MedianSecondsToNext!.Value));
        Assert.Equal((3, 0, (double?)null), (checkIn.Customers, checkIn.DropOff, checkIn.MedianSecondsToNext));

        var (searchTp, bookTp) = (search.Touchpoints[0], search.Touchpoints[1]);
        // Searches: 5 on the web, 1 in the app.
        Assert.Equal("web", searchTp.Channel);
        Assert.Equal([new ChannelCount("web", 5, 0.833333), new ChannelCount("app", 1, 0.166667)], searchTp.Channels);
        // Stranded (last event long before the end of the data, last stage not reached): c4 at search, c3 at book; c6 is recent.
        Assert.Equal((6, 6L, 1, 0.166667), (searchTp.Customers, searchTp.EventCount, searchTp.Stranded, searchTp.ExitRate));
        Assert.Equal((4, 4L, 1, 0.25), (bookTp.Customers, bookTp.EventCount, bookTp.Stranded, bookTp.ExitRate));
        Assert.Equal((0, 0d), (checkIn.Touchpoints[0].Stranded, checkIn.Touchpoints[0].ExitRate));

        // CSAT about search: (4 + 2 + 1) ÷ 3; the stage also counts the answer about book: (4 + 2 + 1 + 5) ÷ 4.
        Assert.Equal((2.333333, 3), (searchTp.Satisfaction!.Csat, searchTp.Satisfaction.CsatCount));
        Assert.Equal((3d, 4), (search.Satisfaction!.Csat, search.Satisfaction.CsatCount));
        Assert.Equal(100d, checkIn.Satisfaction!.Nps);
        Assert.Null(checkIn.Touchpoints[0].Satisfaction);

        // Paths over touchpoint ids: the whole journey (c1, c2, c5), search alone (c4, c6), search and book (c3).
        Assert.Equal(
            [("search book check-in", 3, 0.5), ("search", 2, 0.333333), ("search book", 1, 0.166667)],
            journey.Paths.Select(p => (string.Join(' ', p.Touchpoints), p.Customers, p.Share)));
    }

    [Fact]
    public async Task APersonasSegmentCutsTheCustomersTheirPathsAndTheirAnswers()
    {
        var result = await DiscoverAsync(new DiscoveryRequest { Segment = "segment = \"first-timer\"", MinCustomerShare = 0.2 });

        var journey = result.Journey!;
        // c1–c3: all search and book, c1 and c2 check in; help_chat is 1 of 3 (33%), so it stays, as its own touchpoint.
        Assert.Equal(["search: search(search) help-chat(help_chat) book(book)", "check-in: check-in(check_in)"], DiscoveryShapeTests.Describe(journey));
        Assert.Equal(3, journey.Customers);
        Assert.Equal([3, 2], journey.Stages.Select(s => s.Customers));
        // c4's answer is left out: (4 + 2) ÷ 2.
        Assert.Equal(3d, journey.Stages[0].Touchpoints[0].Satisfaction!.Csat);
    }

    [Fact]
    public async Task ANameWithFewerEventsThanTheShareOfCustomersIsLeftOutBeforeAnyPass()
    {
        // Half of 6 customers is 3: help_chat's 2 events cannot have reached 3 customers; check_in's 3 could (and did).
        var result = await DiscoverAsync(new DiscoveryRequest { MinCustomerShare = 0.5 });

        Assert.Equal([new EventNameShare("help_chat", 2, "2 events among 6 customers: fewer than 50% can have done it")], result.Journey!.LeftOut);
        Assert.Equal(["search: search(search) book(book)", "check-in: check-in(check_in)"], DiscoveryShapeTests.Describe(result.Journey));
    }

    [Fact]
    public async Task ARareStartEventIsKeptBecauseItWasAskedFor()
    {
        // help_chat (1 of 6 customers) would be left out at 20%; as the start, it stays and starts the journey.
        var result = await DiscoverAsync(new DiscoveryRequest { StartEvent = "help_chat", MinCustomerShare = 0.2 });

        Assert.Equal(["help-chat: help-chat(help_chat) book(book)", "check-in: check-in(check_in)"], DiscoveryShapeTests.Describe(result.Journey!));
        Assert.Equal([("search", "before the start event help_chat")], result.Journey!.LeftOut.Select(l => (l.Event, l.Reason)));
    }

    [Fact]
    public async Task StartAndGoalEventsKeepOnlyThePartOfTheJourneyBetweenThem()
    {
        var log = new JourneyLogGenerator(DiscoveryShapeTests.Linear).Build(500);
        var result = await DiscoverAsync(new DiscoveryRequest { StartEvent = "signup_complete", GoalEvent = "project_create" }, log);

        var journey = result.Journey!;
        Assert.Equal(
            [
                "signup-start: signup-start(signup_start+signup_complete)",
                "welcome-open: welcome-open(welcome_open+welcome_click) app-install(app_install)",
                "project-create: project-create(project_create)",
            ],
            DiscoveryShapeTests.Describe(journey));
        Assert.Equal(
            [("ad_click", "before the start event signup_complete"), ("landing_view", "before the start event signup_complete"), ("invite_sent", "after the goal event project_create")],
            journey.LeftOut.Select(l => (l.Event, l.Reason)));
    }

    [Fact]
    public async Task AtMostMaxStagesAreMadeKeepingTheLongestPauses()
    {
        // Three touchpoints: b a day after a, c two days after b; with two stages the longer pause (b → c) is kept.
        var log = new EventLogBuilder();
        for (var c = 0; c < 3; c++)
        {
            log.Add($"c{c}", s_t0, "a", "web");
            log.Add($"c{c}", s_t0 + Day, "b", "web");
            log.Add($"c{c}", s_t0 + (3 * Day), "c", "web");
        }

        var result = await DiscoverAsync(new DiscoveryRequest { MaxStages = 2 }, log.Build());

        Assert.Equal(["a: a(a) b(b)", "c: c(c)"], DiscoveryShapeTests.Describe(result.Journey!));
    }

    [Fact]
    public async Task AnEventNotInTheDataIsUnknownAndTheKnownNamesAreListedMostFrequentFirst()
    {
        var result = await DiscoverAsync(new DiscoveryRequest { GoalEvent = "board" });

        Assert.Equal(DiscoveryOutcome.UnknownEvent, result.Outcome);
        Assert.Null(result.Journey);
        // search 6, book 4, check_in 3, help_chat 2.
        Assert.Equal(["search", "book", "check_in", "help_chat"], result.Known);
    }

    [Fact]
    public async Task AnEmptyStoreOrASegmentOfNoOneHasNoEvents()
    {
        var empty = await DiscoverAsync(new DiscoveryRequest(), EventLog.Empty);
        var nobody = await DiscoverAsync(new DiscoveryRequest { Segment = "segment = \"pilot\"" });

        Assert.Equal((DiscoveryOutcome.NoEvents, (DiscoveredJourney?)null), (empty.Outcome, empty.Journey));
        Assert.Equal(DiscoveryOutcome.NoEvents, nobody.Outcome);
    }
}

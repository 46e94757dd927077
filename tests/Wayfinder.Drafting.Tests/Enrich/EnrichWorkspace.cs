namespace Wayfinder.Drafting.Tests.Enrich;

using Wayfinder.App.Workspaces;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// A small map with data behind it, made so that every kind of proposal has exactly one case that should be proposed
/// and one that should not. The journey "trip": Search → Compare → Book, one touchpoint per stage (search, compare,
/// book, all on web), a thought citing insight ins-2, a KPI only on Book. The workspace's small-sample threshold is 5.
/// <list type="bullet">
/// <item>10 customers (a01–a10) search, compare, get a fare alert in the app (unmapped) and book, on day 0.</item>
/// <item>6 customers (b01–b06) search and compare on day 0, then nothing: stranded at Compare.</item>
/// <item>4 customers (c01–c04) search on day 60, the end of the data: active, not stranded.</item>
/// <item>1 customer (d01) searches and has one "rare_thing" (unmapped) on day 0.</item>
/// </list>
/// So the journey has 21 customers; 5% of 21 is 1.05, so an unmapped event needs 2 customers: fare_alert (10) is
/// proposed, rare_thing (1) is not. The ordered funnel is Search 21, Compare 16, Book 10.
/// </summary>
internal static class EnrichWorkspace
{
    public const string Config = DraftWorkspaces.Config + """

        defaults:
          small_sample_size: 5
        """;

    public const string Trip = """
        kind: journey
        id: trip
        title: Book a trip
        revision: 1
        personas: [maya]
        stages:
          - id: search
            name: Search
          - id: compare
            name: Compare
          - id: book
            name: Book
        lanes:
          - id: thoughts
            type: thoughts
            items:
              - id: thought-prices
                stage: search
                text: Are these prices real?
                evidence: [insight-ins-2]
          - id: touchpoints
            type: touchpoints
            items:
              - id: tp-search
                stage: search
                text: Search flights
                channel: web
                events: [search]
              - id: tp-compare
                stage: compare
                text: Compare fares
                channel: web
                events: [compare]
              - id: tp-book
                stage: book
                text: Book
                channel: web
                events: [book]
          - id: kpis
            type: kpis
            items:
              - id: kpi-booked
                stage: book
                metric: conversion(search -> book)
                target: ">= 50%"
        evidence:
          - id: insight-ins-2
            kind: survey
            title: Prices look too good to be true
        """;

    private static readonly long s_day0 = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    private const long Hour = 3_600_000_000L;

    public static EventLog Events()
    {
        var log = new EventLogBuilder();
        for (var i = 1; i <= 10; i++)
        {
            var id = $"a{i:00}";
            log.Add(id, s_day0, "search", "web");
            log.Add(id, s_day0 + Hour, "compare", "web");
            log.Add(id, s_day0 + (2 * Hour), "fare_alert", "app");
            log.Add(id, s_day0 + (3 * Hour), "book", "web");
        }

        for (var i = 1; i <= 6; i++)
        {
            log.Add($"b{i:00}", s_day0, "search", "web");
            log.Add($"b{i:00}", s_day0 + Hour, "compare", "web");
        }

        for (var i = 1; i <= 4; i++)
        {
            log.Add($"c{i:00}", s_day0 + (60 * 24 * Hour), "search", "web");
        }

        log.Add("d01", s_day0, "search", "web");
        log.Add("d01", s_day0 + (Hour / 2), "rare_thing", "web");
        return log.Build();
    }

    /// <summary>CSAT 2, 3, 2, 3, 2 about Book (mean 2.4, n = 5); four CSAT 1 about Search (n = 4, below the threshold).</summary>
    public static IReadOnlyList<SurveyResponse> Surveys() =>
    [
        .. new[] { 2, 3, 2, 3, 2 }.Select((score, i) => new SurveyResponse(s_day0 + (4 * Hour), $"a{i + 1:00}", "tp-book", null, SurveyMetric.Csat, score, null)),
        .. Enumerable.Range(1, 4).Select(i => new SurveyResponse(s_day0 + (4 * Hour), $"b{i:00}", "tp-search", null, SurveyMetric.Csat, 1, null)),
    ];

    /// <summary>ins-1 on Compare (for Maya), ins-2 already cited, ins-3 on the touchpoint tp-book, ins-4 for another persona only.</summary>
    public static IReadOnlyList<Insight> Insights() =>
    [
        new("ins-1", new DateOnly(2026, 11, 2), "interview", "Fare rules are hard to compare", ["maya"], ["compare"], [], "Interview round 4"),
        new("ins-2", null, "survey", "Prices look too good to be true", [], ["search"], [], null),
        new("ins-3", null, "support ticket", "Seat choice at booking is confusing", [], [], ["tp-book"], "Zendesk"),
        new("ins-4", null, "interview", "Business travellers want invoices", ["bob"], ["search"], [], null),
    ];

    public static WorkspaceStores Create(string trip = Trip, EventLog? events = null) =>
        DraftWorkspaces.Create(events ?? Events(), Surveys(), Insights(), new Dictionary<string, string> { ["journeys/trip.yaml"] = trip }, Config);
}

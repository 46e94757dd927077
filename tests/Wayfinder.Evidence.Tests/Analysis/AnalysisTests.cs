namespace Wayfinder.Evidence.Tests.Analysis;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;
using Wayfinder.Evidence.Tests.Metrics;
using static Wayfinder.Evidence.Tests.Metrics.LogFixture;

public sealed class AnalysisTests
{
    private static EventLog Log()
    {
        var builder = new EventLogBuilder();
        void Add(string customer, long time, string name, string channel, string plan) =>
            builder.Add(customer, time, name, channel, [new("device", customer == "u1" ? "ios" : "web")], [new("plan", plan)]);
        Add("u1", Days(0), "a", "web", "pro");
        Add("u1", Days(1), "b", "web", "pro");
        Add("u2", Days(0), "a", "app", "free");
        Add("u3", Days(40), "a", "app", "free");
        Add("u3", Days(41), "b", "app", "free");
        Add("u3", Days(42), "c", "app", "free");
        return builder.Build();
    }

    private static Task<JourneyReport> Run(Workspace workspace, Journey journey, EventLog log, IReadOnlyList<SurveyResponse> surveys, AnalysisRequest request) =>
        JourneyAnalysis.RunAsync(workspace, journey, EventStore.InMemory(log), SurveyStore.InMemory(surveys), request);

    private static Workspace Workspace(params Persona[] personas) => new()
    {
        Root = "/tmp/none",
        Config = new WorkspaceConfig { Name = "t" },
        Personas = [.. personas.Select(p => new SourcedDocument<Persona>(p, $"personas/{p.Id}.yaml", ""))],
    };

    [Fact]
    public void PersonaSegmentsSelectCustomersByAttribute()
    {
        var log = Log();

        Assert.Equal([true, false, false], Segments.Customers(log, "plan = \"pro\""));
        Assert.Equal([false, true, true], Segments.Customers(log, "attributes.plan in (\"free\", \"plus\")"));
    }

    [Fact]
    public async Task PersonaPeriodAndChannelCutsNarrowTheFunnel()
    {
        var log = Log();
        var free = new Persona { Id = "free", Title = "Free", Segment = "plan = \"free\"" };
        var workspace = Workspace(free);
        var journey = ThreeStages();

        var all = await Run(workspace, journey, log, [], new AnalysisRequest { Today = new DateOnly(2026, 3, 1) });
        var persona = await Run(workspace, journey, log, [], new AnalysisRequest { PersonaId = "free", Today = new DateOnly(2026, 3, 1) });
        var january = await Run(workspace, journey, log, [], new AnalysisRequest { Period = "2026-01", Today = new DateOnly(2026, 3, 1) });
        var app = await Run(workspace, journey, log, [], new AnalysisRequest { Channel = "app", Today = new DateOnly(2026, 3, 1) });

        Assert.Equal([3, 2, 1], all.Metrics.Funnel.Select(f => f.Customers));
        Assert.Equal([2, 1, 1], persona.Metrics.Funnel.Select(f => f.Customers));
        Assert.Equal("persona free", persona.Cut);
        Assert.Equal([2, 1, 0], january.Metrics.Funnel.Select(f => f.Customers));
        Assert.Equal([2, 1, 1], app.Metrics.Funnel.Select(f => f.Customers));
    }

    [Fact]
    public async Task KpisFromTouchpointToTouchpointCountCustomersWhoReachTheOneAfterTheOtherOnTheCut()
    {
        var journey = ThreeStages() with
        {
            Lanes =
            [
                .. ThreeStages().Lanes,
                new Lane
                {
                    Id = "kpis",
                    Type = LaneType.Kpis,
                    Items =
                    [
                        new LaneItem { Id = "k1", Stage = "C", Text = "b then c", Metric = "conversion(b -> c)", Target = ">= 40%" },
                        new LaneItem { Id = "k2", Stage = "C", Text = "b to c", Metric = "median_time(touchpoint: b -> touchpoint: c)", Target = "<= 2 days" },
                    ],
                },
            ],
        };

        var all = await Run(Workspace(), journey, Log(), [], new AnalysisRequest { Today = new DateOnly(2026, 3, 1) });
        var app = await Run(Workspace(), journey, Log(), [], new AnalysisRequest { Channel = "app", Today = new DateOnly(2026, 3, 1) });

        // b is reached by u1 (day 1) and u3 (day 41); only u3 reaches c after it (day 42): 1 of 2, one day later. On
        // app only u3's events count: 1 of 1.
        Assert.Equal([("50%", 2), ("1 days", 1)], all.Kpis.Select(k => (k.ActualText, k.SampleSize!.Value)));
        Assert.Equal("customers who reached touchpoint c after touchpoint b within the funnel window ÷ customers who reached touchpoint b (1 of 2)", all.Kpis[0].Definition);
        Assert.Equal([("100%", 1), ("1 days", 1)], app.Kpis.Select(k => (k.ActualText, k.SampleSize!.Value)));
    }

    [Fact]
    public async Task RatesOutOfFewerThanTheWorkspacesThresholdAreMarkedAsSmallSamples()
    {
        var workspace = new Workspace { Root = "/tmp/none", Config = new WorkspaceConfig { Name = "t", Defaults = new WorkspaceDefaults { SmallSampleSize = 3 } } };
        SurveyResponse[] surveys = [new(Days(0), "u1", "a", null, SurveyMetric.Csat, 4, null)];

        var report = await Run(workspace, ThreeStages(), Log(), surveys, new AnalysisRequest { Today = new DateOnly(2026, 3, 1) });

        // Funnel 3 → 2 → 1: each conversion is out of the step before (the first out of itself): 3, 3, 2.
        Assert.Equal(3, report.SmallSampleSize);
        Assert.Equal([(3, false), (3, false), (2, true)], report.Metrics.Funnel.Select(f => (f.SampleSize, f.SmallSample)));
        Assert.Equal([(1, true), (0, true), (0, true)], report.StageSatisfaction.Select(s => (s.Responses, s.SmallSample)));
        Assert.All(report.MeasuredEmotion, p => Assert.True(p.SmallSample));
    }

    [Fact]
    public async Task TrendGivesEachMonthsFunnelAndTheChangeFromTheMonthBefore()
    {
        var report = await Run(Workspace(), ThreeStages(), Log(), [], new AnalysisRequest { Today = new DateOnly(2026, 3, 1) });

        // January: u1 a→b, u2 a → A 2, B 1 (0.5), C 0. February (day 40–42 = Feb 10–12): u3 a→b→c → 1, 1, 1.
        Assert.Equal(
            [
                ("2026-01", "A", 2, 1d, (double?)null), ("2026-01", "B", 1, 0.5, null), ("2026-01", "C", 0, 0, null),
                ("2026-02", "A", 1, 1, 0), ("2026-02", "B", 1, 1, 0.5), ("2026-02", "C", 1, 1, 1),
            ],
            report.Trend.Select(t => (t.Period, t.StageId, t.Customers, t.Conversion, t.Change)));
    }

    [Fact]
    public void PeriodsParseYearsQuartersAndMonths()
    {
        var q3 = Periods.Parse("2026-Q3", out _)!.Value;
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000, q3.From);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000, q3.To);
        Assert.Null(Periods.Parse("Q3 2026", out var problem));
        Assert.Equal("'Q3 2026' is not a period; write a year (2026), a quarter (2026-Q3) or a month (2026-07)", problem);
        Assert.Equal(["2026-Q1", "2026-Q2"], Periods.Covering(Days(0), Days(100), "quarter"));
    }

    [Fact]
    public async Task KnowledgeGapsListWhatHasNoDataOrEvidence()
    {
        var persona = new Persona
        {
            Id = "p",
            Title = "P",
            Goals = ["Fly cheaply", new Trait { Text = "Arrive rested", Evidence = ["int"] }],
            Evidence = [new EvidenceLink { Id = "int", Kind = EvidenceKind.Interview }],
            Review = new Review { LastReviewed = new DateOnly(2025, 1, 1) },
        };
        var journey = ThreeStages() with { Personas = ["p"] };
        var log = Log();
        SurveyResponse[] surveys = [new(Days(0), "u1", "a", null, SurveyMetric.Csat, 4, null)];

        var report = await Run(Workspace(persona), journey, log, surveys, new AnalysisRequest { Today = new DateOnly(2026, 3, 1) });

        Assert.Equal(
            [
                ("stage-without-surveys", "B"), ("stage-without-surveys", "C"),
                ("touchpoint-without-surveys", "b"), ("touchpoint-without-surveys", "c"),
                ("trait-without-evidence", "goals"), ("persona-without-segment", "segment"), ("stale-persona", "p"),
            ],
            report.Gaps.Select(g => (g.Kind, g.Target)));
    }

    [Fact]
    public async Task PersonaChecksSayWhereStatedChannelsDisagreeWithTheData()
    {
        var persona = new Persona { Id = "free", Title = "Free", Segment = "plan = \"free\"", Channels = ["web", "store"] };

        var checks = (await PersonaChecks.CheckAsync(persona, EventStore.InMemory(Log()))).Select(c => c.Message).ToList();

        // The free customers' 4 events are all on app. No one has an event in a store, so the data says nothing of it.
        Assert.Equal(
            [
                "says they prefer 'web', but only 0% of the segment's 4 events happen there",
                "100% of the segment's events happen on 'app', which is not among the persona's channels",
            ],
            checks);
    }

    [Fact]
    public async Task PersonaChecksLeaveChannelsWithoutDataAloneAndCallAnEmptySegmentAGap()
    {
        var persona = new Persona
        {
            Id = "pro",
            Title = "Pro",
            Segment = "plan = \"pro\"",
            Channels = ["web", "phone"],
            Behaviours = ["Does everything on the phone"],
        };
        var nobody = new Persona { Id = "nobody", Title = "Nobody", Segment = "plan = \"enterprise\"" };
        var config = new WorkspaceConfig { Name = "t", Channels = [new Channel { Id = "web", Name = "Website" }, new Channel { Id = "phone", Name = "Phone" }] };
        var workspace = Workspace(persona, nobody);
        var journey = ThreeStages() with { Personas = ["pro", "nobody"] };

        var report = await Run(new Workspace { Root = workspace.Root, Config = config, Personas = workspace.Personas }, journey, Log(), [], new AnalysisRequest { Today = new DateOnly(2026, 3, 1) });

        // u1 (pro) has both events on web; no customer has an event on phone, so "phone" is neither stated wrongly nor
        // spoken of wrongly. No customer is on the enterprise plan: research to do, not a disagreement.
        Assert.Empty(report.PersonaChecks);
        Assert.Contains(new KnowledgeGap("segment-without-customers", "nobody", "segment", "persona 'nobody': the segment `plan = \"enterprise\"` matches no customer in the data yet"), report.Gaps);
    }

    [Fact]
    public async Task AChannelCutNarrowsTheSurveyAnswersAndTheKpisAndEmotionBuiltOnThem()
    {
        var journey = ThreeStages() with
        {
            Lanes =
            [
                .. ThreeStages().Lanes,
                new Lane { Id = "kpis", Type = LaneType.Kpis, Items = [new LaneItem { Id = "k", Stage = "A", Text = "CSAT of a", Metric = "csat(touchpoint: a)", Target = ">= 4" }] },
            ],
        };
        SurveyResponse[] surveys =
        [
            new(Days(0), "u1", "a", null, SurveyMetric.Csat, 5, null),
            new(Days(0), "u3", "c", null, SurveyMetric.Csat, 1, null),
            new(Days(0), "u2", null, "A", SurveyMetric.Csat, 2, null),
        ];

        var app = await Run(Workspace(), journey, Log(), surveys, new AnalysisRequest { Channel = "app", Today = new DateOnly(2026, 3, 1) });

        // On app: only the answer about touchpoint c (on app). The answer about a (on web) and the one about stage A
        // as a whole (on no channel) are left out, so a has no CSAT and the KPI on it has no data.
        Assert.Equal([("A", 0), ("B", 0), ("C", 1)], app.StageSatisfaction.Select(s => (s.Id, s.Responses)));
        Assert.Equal([("A", (double?)null, 0), ("B", null, 0), ("C", -2d, 1)], app.MeasuredEmotion.Select(p => (p.StageId, p.Score, p.SampleSize)));
        Assert.Equal("no data", Assert.Single(app.Kpis).ActualText);
    }

    [Fact]
    public async Task PersonaChecksSayWhereBehavioursAndGoalsDisagreeWithTheData()
    {
        var persona = new Persona
        {
            Id = "pro",
            Title = "Pro",
            Segment = "plan = \"pro\"",
            Channels = ["web"],
            Behaviours = ["Uses the Mobile app daily", "Reads reviews on the web"],
            Goals = ["Reach Stage C", "Get through Stage B"],
        };
        var workspace = Workspace(persona);
        var config = new WorkspaceConfig
        {
            Name = "t",
            Channels = [new Channel { Id = "web", Name = "Website" }, new Channel { Id = "app", Name = "Mobile app" }],
        };
        var withChannels = new Workspace { Root = workspace.Root, Config = config, Personas = workspace.Personas };
        var journey = ThreeStages() with { Personas = ["pro"] };

        var report = await Run(withChannels, journey, Log(), [], new AnalysisRequest { Today = new DateOnly(2026, 3, 1) });

        // The pro segment is u1 alone: a and b on web. Everyone: u1, u2, u3 reach A; u1, u3 reach B; u3 reaches C.
        Assert.Equal(
            [
                ("behaviours", "\"Uses the Mobile app daily\" speaks of Mobile app, but only 0% of the segment's events happen on 'app'"),
                ("goals", "\"Reach Stage C\" is about 'Stage C', but only 0% of the segment reach it (all customers: 33.3%)"),
            ],
            report.PersonaChecks.Select(c => (c.Aspect, c.Message)));
    }

    [Theory]
    [InlineData("Checks in on the app", "app", true)]
    [InlineData("Loves apple pie", "app", false)]
    [InlineData("Board flight early", "board flight", true)]
    [InlineData("Onboarding", "board", false)]
    public void MentionsMatchWholeWordsIgnoringCase(string text, string phrase, bool expected)
    {
        Assert.Equal(expected, PersonaChecks.Mentions(text, phrase));
    }

    [Theory]
    [InlineData("Calls us by phone when stuck", "phone", true)]
    [InlineData("Does everything on her phone", "phone", false)]
    [InlineData("Keeps their Phone charged, calls by phone", "phone", true)]
    [InlineData("Reads every email", "email", true)]
    [InlineData("Checks my email twice", "email", false)]
    [InlineData("Does everything on her #phone", "phone", true)]
    [InlineData("Books through #app-store", "app", false)]
    public void AChannelAfterAPossessiveIsAThingTheyOwnNotTheChannel(string text, string channel, bool expected)
    {
        Assert.Equal(expected, PersonaChecks.MentionsChannel(text, channel));
    }

    [Fact]
    public async Task TouchpointConditionsUseEventProperties()
    {
        var journey = ThreeStages() with
        {
            Lanes =
            [
                new Lane
                {
                    Id = "tp",
                    Type = LaneType.Touchpoints,
                    Items =
                    [
                        new LaneItem { Id = "a-ios", Stage = "A", Events = [new EventMatcher { Name = "a", Where = "device = \"ios\"" }] },
                        new LaneItem { Id = "a-other", Stage = "A", Events = ["a"] },
                        new LaneItem { Id = "b", Stage = "B", Events = ["b"] },
                    ],
                },
            ],
        };

        var report = await Run(Workspace(), journey, Log(), [], new AnalysisRequest { Today = new DateOnly(2026, 3, 1) });

        Assert.Equal([("a-ios", 1), ("a-other", 2), ("b", 2)], report.Metrics.TouchpointReach.Select(t => (t.Id, t.Customers)));
    }
}

namespace Wayfinder.Rendering.Tests;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>Journeys, personas and a workspace built in code, so the tests do not depend on the samples.</summary>
internal static class TestJourneys
{
    public static readonly DateOnly Today = new(2026, 11, 25);

    private static readonly string[] s_stageNames =
    [
        "Notice a need", "Look around", "Compare options", "Decide", "Buy", "Get started", "First real use", "Everyday use",
        "Ask for help", "Upgrade", "Renew", "Recommend", "Refer a friend", "Pause", "Come back",
    ];

    private static readonly string[] s_goals =
    [
        "I want to know my options", "I want to see who others trust", "I want a fair comparison", "I want to be sure",
        "I want to pay without surprises", "I want it working today", "I want a quick win", "I want it to just work",
        "I want an answer now", "I want more for my team", "I want no renewal surprises", "I want to share what works",
        "I want a reward for referrals", "I want to stop paying for a while", "I want to pick up where I left off",
    ];

    public static Workspace Workspace(Journey? journey = null, params Persona[] extraPersonas)
    {
        var personas = new List<Persona> { Maya(), Omar() };
        personas.AddRange(extraPersonas);
        return new Workspace
        {
            Root = "/tmp/wayfinder-tests",
            Config = new WorkspaceConfig
            {
                Name = "Test workspace",
                Channels =
                [
                    new Channel { Id = "web", Name = "Website", Glyph = "web" },
                    new Channel { Id = "app", Name = "Mobile app", Glyph = "app" },
                    new Channel { Id = "email", Name = "Email", Glyph = "email" },
                    new Channel { Id = "store", Name = "Flagship store", Kind = ChannelKind.Physical, Glyph = "store" },
                    new Channel { Id = "phone", Name = "Call centre", Kind = ChannelKind.Human, Glyph = "phone" },
                    new Channel { Id = "chat", Name = "Live chat", Glyph = "chat" },
                    new Channel { Id = "social", Name = "Social media", Kind = ChannelKind.Media, Glyph = "social" },
                ],
                Competitors =
                [
                    new Competitor { Id = "acme", Name = "Acme Air" },
                    new Competitor { Id = "zen", Name = "Zen Travel", Color = "#CC79A7" },
                ],
                Evidence =
                [
                    new EvidenceLink { Id = "int-1", Kind = EvidenceKind.Interview, Title = "Interviews, March" },
                    new EvidenceLink { Id = "int-2", Kind = EvidenceKind.Interview, Title = "Interviews, May" },
                    new EvidenceLink { Id = "survey-q3", Kind = EvidenceKind.Survey, Title = "Q3 survey" },
                    new EvidenceLink { Id = "ga4", Kind = EvidenceKind.Analytics, Title = "GA4 export" },
                ],
            },
            Personas = personas.Select(p => new SourcedDocument<Persona>(p, $"personas/{p.Id}.yaml", "")).ToList(),
            Journeys = journey is null ? [] : [new SourcedDocument<Journey>(journey, $"journeys/{journey.Id}.yaml", "")],
            ValueGaps = [new SourcedDocument<ValueGapMap>(MayaGaps(), "value-gaps/maya.yaml", "")],
        };
    }

    public static Persona Maya() => new()
    {
        Id = "maya",
        Title = "Maya, the first-time flyer",
        Name = "Maya Okafor",
        Role = "Budget traveller",
        Type = PersonaType.Qualitative,
        Quote = "I just want to know what I'm paying for before I click buy.",
        Story = "Maya flies twice a year to see family and books everything on her phone.",
        Demographics = new Demographics { AgeRange = "25–34", Location = "Leeds, UK", Occupation = "Nurse", Income = "£32k", Other = { ["Household"] = "Lives with partner" } },
        Goals = ["Visit family twice a year", new Trait { Text = "Keep total trip cost under £300", Evidence = ["int-1", "survey-q3"] }],
        Needs =
        [
            new Need { Id = "price", Text = "Clear total price up front", Importance = 5, Evidence = ["int-1"] },
            new Need { Id = "change", Text = "Free changes to dates", Importance = 4 },
            new Need { Id = "app", Text = "A simple mobile app", Importance = 2 },
        ],
        Jobs = [new JobToBeDone { When = "a family event comes up", Want = "book a cheap flight in minutes", SoThat = "I can focus on the visit", Evidence = ["int-1", "ga4"] }],
        Motivations = ["Being there for family"],
        Pains = [new Trait { Text = "Hidden fees at checkout", Evidence = ["int-1", "int-2"] }, "Long waits on the phone"],
        Gains = ["Knowing the price will not change"],
        Behaviours = ["Compares three sites before buying", "Books on her phone at night"],
        Channels = ["app", "web", "email"],
        CompetitorAttitudes = [new CompetitorAttitude { Competitor = "acme", Attitude = "Cheap but stressful" }],
        EmpathyMap = new EmpathyMap
        {
            Says = ["Why is it more now?"],
            Thinks = ["Am I being tricked?"],
            Does = ["Screenshots the price"],
            Feels = ["Anxious at checkout"],
        },
        Evidence = [new EvidenceLink { Id = "diary", Kind = EvidenceKind.Usability, Title = "Diary study" }],
        Review = new Review { LastReviewed = new DateOnly(2026, 10, 1), CadenceDays = 90 },
    };

    public static Persona Omar() => new()
    {
        Id = "omar",
        Title = "Omar, the travel manager",
        Name = "Omar Haddad",
        Role = "Economic buyer (B2B)",
        Type = PersonaType.Proto,
        Quote = "Show me the savings in one number.",
        Photo = PhotoDataUri(),
        Review = new Review { LastReviewed = new DateOnly(2025, 1, 10) },
    };

    /// <summary>A small generated portrait-like PNG (a head and shoulders on a sky background) as a data URI.</summary>
    public static string PhotoDataUri()
    {
        using var bitmap = new SkiaSharp.SKBitmap(96, 96);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap))
        {
            canvas.Clear(new SkiaSharp.SKColor(0x56, 0xB4, 0xE9));
            using var skin = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(0xC6, 0x8E, 0x6B), IsAntialias = true };
            using var shirt = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(0x1F, 0x4E, 0x79), IsAntialias = true };
            canvas.DrawCircle(48, 100, 40, shirt);
            canvas.DrawCircle(48, 42, 20, skin);
        }

        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return "data:image/png;base64," + Convert.ToBase64String(data.ToArray());
    }

    public static ValueGapMap MayaGaps() => new()
    {
        Id = "maya-gaps",
        Title = "Maya's needs vs competitors",
        Persona = "maya",
        Competitors = ["acme", "zen"],
        Needs =
        [
            new ValueNeed { Id = "price", Text = "Clear total price up front", Importance = 5, Ours = 2.5, Ratings = { ["acme"] = 4, ["zen"] = 3.5 } },
            new ValueNeed { Id = "change", Text = "Free changes to dates", Importance = 4, Ours = 4.5, Ratings = { ["acme"] = 2, ["zen"] = 3 } },
            new ValueNeed { Id = "app", Text = "A simple mobile app", Importance = 2, Ours = 4.8, Ratings = { ["acme"] = 3, ["zen"] = 3.5 } },
            new ValueNeed { Id = "support", Text = "Fast human support when things go wrong", Importance = 3, Ours = 3.2, Ratings = { ["acme"] = 3, ["zen"] = 3.5 } },
        ],
    };

    /// <summary>A map of <paramref name="stages"/> stages and up to 12 lanes; long texts when asked.</summary>
    public static Journey Map(int stages, bool longTexts = false, int lanes = 12)
    {
        var stageList = new List<Stage>();
        for (var i = 0; i < stages; i++)
        {
            var name = s_stageNames[i % s_stageNames.Length] + (i >= s_stageNames.Length ? $" {(i / s_stageNames.Length) + 1}" : "");
            var stage = new Stage
            {
                Id = $"s{i + 1}",
                Name = longTexts && i == 1 ? "Look around at every alternative that friends, colleagues and review sites mention" : name,
                Goal = s_goals[i % s_goals.Length],
                LoopsTo = i == stages - 1 && stages > 3 ? $"s{stages - 3}" : null,
                SubJourney = i == 0 ? "detailed-trigger" : null,
                Steps = i == 2 && stages >= 3
                    ? [
                        new Step { Id = "pick", Name = "Pick a plan", Next = ["pay-app", "pay-desk"] },
                        new Step { Id = "pay-app", Name = "Pay in the app", Branch = "app" },
                        new Step { Id = "pay-desk", Name = "Pay at the desk", Branch = "desk" },
                    ]
                    : [],
            };
            stageList.Add(stage);
        }

        var text = longTexts
            ? "Reads every line of the terms and conditions twice, then asks a friend who works in insurance whether the cancellation clause is really as generous as the marketing claims"
            : "Reads the reviews";
        var laneList = new List<Lane>
        {
            new() { Id = "goals", Type = LaneType.Goals, Items = Each(stageList, s => new LaneItem { Stage = s.Id, Text = s.Goal }) },
            new() { Id = "actions", Type = LaneType.Actions, Name = "What Maya does", Items = Each(stageList, (s, i) => new LaneItem { Stage = s.Id, Text = i % 3 == 0 ? text : "Opens the app", Evidence = i % 2 == 0 ? ["int-1"] : [] }) },
            new()
            {
                Id = "touchpoints", Type = LaneType.Touchpoints,
                Items = Each(stageList, (s, i) => new LaneItem { Stage = s.Id, Step = s.Steps.Count > 0 ? s.Steps[1].Id : null, Text = i % 2 == 0 ? "Price comparison page" : "Push notification about the fare", Channel = new[] { "web", "app", "email", "store", "phone", "chat", "social" }[i % 7], Owner = i % 3 == 0 ? "Growth team" : null, Evidence = ["ga4"] })
                    .Concat(stageList.Count > 2 ? [new LaneItem { Stage = stageList[2].Id, Step = "pay-desk", Text = "Desk payment terminal", Channel = "store" }, new LaneItem { Stage = stageList[0].Id, Text = "Word of mouth", Channel = "unknown-channel" }] : [])
                    .ToList(),
            },
            new() { Id = "thoughts", Type = LaneType.Thoughts, Items = Each(stageList, (s, i) => i % 2 == 0 ? new LaneItem { Stage = s.Id, Text = longTexts ? "Is this really the cheapest I can find, or will the price jump when I add luggage and pick a seat?" : "Is this the cheapest?" } : null) },
            new() { Id = "emotion", Type = LaneType.Emotion, Items = Each(stageList, (s, i) => new LaneItem { Stage = s.Id, Score = new[] { 1, 0.5, -1, -2, 0, 1.5, 2, 1, -1.5, 0.5, 1, 2, 1, -0.5, 0 }[i % 15], Text = i % 4 == 0 ? "Curious" : i % 4 == 1 ? "Unsure" : null }) },
            new() { Id = "pains", Type = LaneType.PainPoints, Items = Each(stageList, (s, i) => i % 2 == 1 ? new LaneItem { Id = $"pain-{i}", Stage = s.Id, Text = longTexts ? "Hidden fees appear only on the very last checkout screen after all personal details have been typed in" : "Hidden fees at checkout", Evidence = i % 3 == 0 ? ["int-1", "survey-q3"] : ["int-2"] } : null) },
            new() { Id = "opps", Type = LaneType.Opportunities, Items = Each(stageList, (s, i) => i % 2 == 1 ? new LaneItem { Id = $"opp-{i}", Stage = s.Id, Text = "Show the total price from the first screen", CustomerValue = 5, BusinessValue = 3 + (i % 3), Effort = 1 + (i % 5), OpportunityStatus = i % 4 == 1 ? OpportunityStatus.Planned : OpportunityStatus.Idea, Addresses = [$"pain-{i}"], Owner = "Checkout squad" } : null) },
            new()
            {
                Id = "kpis", Type = LaneType.Kpis,
                Items = Each(stageList, (s, i) => i % 3 == 2 ? null : new LaneItem { Stage = s.Id, Text = "Checkout conversion", Metric = "conversion(purchase)", Target = "45%", Actual = new[] { "38%", "47%", "52%" }[i % 3], Status = i % 4 == 3 ? null : new KpiStatus?[] { KpiStatus.DoesNotMeet, KpiStatus.Meets, KpiStatus.Exceeds }[i % 3] }),
            },
            new() { Id = "backstage", Type = LaneType.Backstage, Name = "Backstage (sales funnel)", Items = Each(stageList, (s, i) => i % 3 == 1 ? new LaneItem { Stage = s.Id, Text = "CRM lead scored and routed" } : null) },
            new() { Id = "questions", Type = LaneType.Questions, Items = Each(stageList, (s, i) => i % 4 == 0 ? new LaneItem { Stage = s.Id, Text = "Can I change dates later?" } : null) },
            new() { Id = "ideas", Type = LaneType.Ideas, Items = Each(stageList, (s, i) => i % 5 == 2 ? new LaneItem { Stage = s.Id, Text = "Price-lock for 24 hours", Evidence = ["int-1", "ga4"] } : null) },
            new() { Id = "roles", Type = LaneType.Roles, Items = Each(stageList, (s, i) => i % 4 == 3 ? new LaneItem { Stage = s.Id, Persona = "omar", Text = "Approves the spend" } : null) },
        };

        return new Journey
        {
            Id = $"map-{stages}",
            Title = longTexts ? "Booking a family visit — the whole way from the first spark of an idea to telling friends about it" : "Booking a family visit",
            BusinessGoal = "Raise first-time booking conversion from 38% to 45% by the end of Q2 without adding support cost",
            Scenario = longTexts ? "Maya's aunt is turning sixty in Lagos; she has three weeks and a tight budget." : null,
            Personas = ["maya", "omar"],
            State = JourneyState.Current,
            Subject = new Subject { Kind = SubjectKind.Brand },
            Timeline = new Timeline { Span = "3 weeks", Phases = stages >= 6 ? [new Phase { Name = "Before", Stages = ["s1", "s2", "s3"] }, new Phase { Name = "During", Stages = ["s4", "s5", "s6"] }] : [] },
            Stages = stageList,
            Lanes = laneList.Take(lanes).ToList(),
            Review = new Review { LastReviewed = new DateOnly(2026, 11, 1) },
        };
    }

    private static List<LaneItem> Each(List<Stage> stages, Func<Stage, LaneItem> make) => stages.Select(make).ToList();

    private static List<LaneItem> Each(List<Stage> stages, Func<Stage, int, LaneItem?> make) =>
        stages.Select(make).OfType<LaneItem>().ToList();
}

namespace Wayfinder.Core.Templates;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Workspaces;

/// <summary>
/// The demo: Skylark Airways, a regional airline that wants first-time flyers to come back and corporate
/// travel programmes to choose it. Built from C# documents so the files are exactly what the serialiser writes.
/// </summary>
public static partial class DemoWorkspace
{
    /// <summary>The date the demo's review dates are set against: one persona is stale on it.</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 25);

    private const string Cx = "lena.hoffmann";
    private const string Digital = "omar.haddad";

    // Evidence kept once in wayfinder.yaml so every document can cite it.
    private const string Interviews = "int-first-flyers-2026";
    private const string Survey = "survey-post-flight-2026q3";
    private const string Analytics = "ga4-2026-10";
    private const string Workshop = "workshop-journey-2026-10";
    private const string Tickets = "tickets-first-flight-2026q3";
    private const string Usability = "usability-app-check-in";

    /// <summary>
    /// Every file of the demo workspace: path relative to the workspace root (forward slashes) → text.
    /// Document files start with a yaml-language-server schema line pointing at <paramref name="schemaBase"/>;
    /// the events and survey answers the data sources name are under <c>data/</c>.
    /// </summary>
    /// <param name="schemaBase">
    /// The schema folder as seen from the workspace root, e.g. <c>../../schemas</c> for <c>samples/demo</c>.
    /// A relative base gets one <c>../</c> per folder a file sits below the root, so
    /// <c>personas/x.yaml</c> points at <c>../../../schemas</c>; an absolute path or a URL is used as is.
    /// </param>
    public static IReadOnlyDictionary<string, string> Files(string schemaBase)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [WorkspaceLoader.ConfigFileName] = $"# yaml-language-server: $schema={SchemaBaseFor(WorkspaceLoader.ConfigFileName, schemaBase)}/workspace.schema.json\n"
                + DocumentYaml.Write(Config()),
        };
        var (events, surveys) = Data();
        files["data/events.csv"] = events;
        files["data/surveys.csv"] = surveys;
        foreach (var document in Documents())
        {
            var path = $"{WorkspaceLoader.FolderOf(document.Kind)}/{document.Id}.yaml";
            files[path] = DocumentYaml.SchemaLine(document.Kind, SchemaBaseFor(path, schemaBase)) + "\n" + DocumentYaml.Write(document);
        }

        return files;
    }

    /// <summary>The schema base as seen from a file at <paramref name="path"/> (relative to the workspace root).</summary>
    public static string SchemaBaseFor(string path, string schemaBase)
    {
        if (schemaBase.Contains("://", StringComparison.Ordinal) || schemaBase.StartsWith('/') || Path.IsPathRooted(schemaBase))
        {
            return schemaBase;
        }

        var depth = path.Count(c => c == '/');
        return string.Concat(Enumerable.Repeat("../", depth)) + schemaBase;
    }

    /// <summary>The demo's <c>wayfinder.yaml</c>.</summary>
    public static WorkspaceConfig Config() => DefaultConfig("Skylark Airways") with
    {
        Description = "Demo workspace: first-time flyers and corporate travel at a regional airline.",
        Competitors =
        [
            new Competitor { Id = "aerolux", Name = "AeroLux", Color = "#CC79A7" },
            new Competitor { Id = "budgetjet", Name = "BudgetJet", Color = "#56B4E9" },
        ],
        DataSources =
        [
            new DataSource
            {
                Id = "web-app-events",
                Kind = DataSourceKind.Events,
                Path = "data/events.csv",
                Format = "csv",
                Preset = "plain",
                // The customer columns are attributes, so the personas' segments select customers by them.
                Mapping = new() { ["customer_id"] = "user_id", ["timestamp"] = "event_time", ["event"] = "event_name", ["channel"] = "source", ["attributes"] = "age, country, flights_taken" },
            },
            new DataSource
            {
                Id = "post-flight-survey",
                Kind = DataSourceKind.Surveys,
                Path = "data/surveys.csv",
                Format = "csv",
                Mapping = new() { ["customer_id"] = "respondent", ["timestamp"] = "submitted_at", ["stage"] = "stage", ["touchpoint"] = "touchpoint", ["metric"] = "metric", ["score"] = "score", ["comment"] = "comment" },
            },
        ],
        Defaults = new WorkspaceDefaults { FunnelWindowDays = 45, InactivityDays = 21, ReviewCadenceDays = 90 },
        Evidence =
        [
            new EvidenceLink { Id = Interviews, Kind = EvidenceKind.Interview, Title = "12 interviews with first-time flyers", Source = "research/2026-09-first-flyer-interviews.md", Date = new DateOnly(2026, 9, 15) },
            new EvidenceLink { Id = Survey, Kind = EvidenceKind.Survey, Title = "Post-flight survey Q3 2026 (n = 2,140)", Source = "data/surveys.csv", Date = new DateOnly(2026, 10, 5) },
            new EvidenceLink { Id = Analytics, Kind = EvidenceKind.Analytics, Title = "Web and app analytics, October 2026", Source = "data/events.csv", Date = new DateOnly(2026, 11, 1) },
            new EvidenceLink { Id = Workshop, Kind = EvidenceKind.Workshop, Title = "Journey workshop with ground operations and digital", Date = new DateOnly(2026, 10, 20) },
            new EvidenceLink { Id = Tickets, Kind = EvidenceKind.SupportTicket, Title = "Support tickets tagged 'first flight', Q3 2026", Source = "https://support.example.com/views/first-flight" },
            new EvidenceLink { Id = Usability, Kind = EvidenceKind.Usability, Title = "Usability test of app check-in, 6 participants", Date = new DateOnly(2026, 8, 28) },
        ],
    };

    /// <summary>The demo's documents: personas, journeys and the value gap map.</summary>
    public static IReadOnlyList<IDocument> Documents() =>
    [
        FirstTimeFlyer(),
        TravelManager(),
        BusinessTraveller(),
        FirstFlight(),
        FirstFlightFuture(),
        AirportCheckIn(),
        CorporateProgramme(),
        FirstTimeFlyerValueGap(),
    ];

    private static Persona FirstTimeFlyer()
    {
        var template = TemplateCatalog.FirstTimeFlyer("first-time-flyer", "Maya, the first-time flyer");
        return template with
        {
            Tags = ["leisure", "young-adults"],
            Owner = Cx,
            Revision = 4,
            Type = PersonaType.Qualitative,
            Goals = [new Trait { Text = template.Goals[0].Text, Evidence = [Interviews] }, template.Goals[1]],
            Needs =
            [
                new Need { Id = "clear-steps", Text = "Know what happens at each step at the airport", Importance = 5, Evidence = [Interviews, Survey, Tickets] },
                new Need { Id = "bag-rules", Text = "Know what she can take in her bag", Importance = 5, Evidence = [Interviews, Tickets] },
                new Need { Id = "total-price", Text = "Pay one clear price with no surprises", Importance = 4, Evidence = [Interviews] },
                new Need { Id = "reassurance", Text = "Someone to ask when unsure", Importance = 3, Evidence = [Interviews] },
                new Need { Id = "seat-choice", Text = "Sit next to her friends", Importance = 2 },
            ],
            Jobs = [template.Jobs[0] with { Evidence = [Interviews] }],
            Pains = [new Trait { Text = "Jargon like 'bag drop' and 'boarding group'", Evidence = [Interviews, Tickets] }, new Trait { Text = "Fear of queues and being told off at security", Evidence = [Interviews] }],
            CompetitorAttitudes =
            [
                new CompetitorAttitude { Competitor = "aerolux", Attitude = "Friendly staff, but not for people on my budget", Evidence = [Interviews] },
                new CompetitorAttitude { Competitor = "budgetjet", Attitude = "Cheap, but friends warned her about the bag fees" },
            ],
            // She searches and books on the web before the app (the demo's data): stated, so the persona agrees with it.
            Channels = ["web", .. template.Channels],
            Segment = "flights_taken = 0 and age < 26 and country in (\"GB\", \"IE\")",
            Review = new Review { LastReviewed = new DateOnly(2026, 10, 28), CadenceDays = 90 },
            Comments =
            [
                new Comment { Author = Cx, Date = new DateOnly(2026, 10, 28), Text = "Upgraded from proto to qualitative after the September interviews." },
                new Comment { Author = Digital, Date = new DateOnly(2026, 11, 2), Text = "The app analytics show 41% of this segment install the app before the trip; worth adding to behaviours." },
            ],
        };
    }

    private static Persona TravelManager()
    {
        var template = TemplateCatalog.B2bEconomicBuyer("travel-manager", "Dana, the corporate travel manager");
        return template with
        {
            Tags = ["b2b", "corporate-travel", "buying-group"],
            Owner = "sofia.marin",
            Revision = 2,
            Role = "Economic buyer: corporate travel programme",
            Quote = "I need one airline deal I can defend to finance and to the travellers.",
            Story = "Dana runs travel for a 1,200-person engineering firm. She negotiates the preferred-airline deal every two years, answers to finance for the spend and to HR for traveller safety.",
            Demographics = new Demographics { AgeRange = "38-52", Location = "Hamburg, Germany", Occupation = "Head of travel and procurement", Other = new() { ["annual_air_spend"] = "2.4 million EUR" } },
            Goals = ["Cut air spend by 8% without travellers complaining", "Keep duty of care for everyone on the road"],
            Needs =
            [
                new Need { Id = "negotiated-fares", Text = "Negotiated fares that show up in the booking tool", Importance = 5, Evidence = [Workshop] },
                new Need { Id = "policy-compliance", Text = "Bookings that stay within the travel policy", Importance = 4 },
                new Need { Id = "consolidated-invoice", Text = "One monthly invoice per cost centre", Importance = 4 },
                new Need { Id = "duty-of-care", Text = "Know where travellers are when flights are disrupted", Importance = 5 },
            ],
            Jobs = [new JobToBeDone { Id = "renew-deal", When = "our airline contract is up for renewal", Want = "to compare what we spent with what we were promised", SoThat = "I can negotiate the next deal with numbers" }],
            Motivations = ["Being the one who saved money without a traveller revolt"],
            Pains = [new Trait { Text = "Negotiated fares that do not show up in the booking tool", Evidence = [Workshop] }, "Invoices per ticket that finance has to reconcile by hand"],
            Gains = ["A quarterly spend report she can forward to finance unchanged"],
            Behaviours = ["Re-tenders the preferred-airline deal every two years", "Asks travellers for feedback before signing"],
            Channels = ["email", "phone", "event"],
            CompetitorAttitudes = [new CompetitorAttitude { Competitor = "aerolux", Attitude = "Our current preferred airline: reliable, but the discount erodes every year" }],
            EmpathyMap = new EmpathyMap
            {
                Says = ["What did we actually save last year?"],
                Thinks = ["If travellers complain, HR will be on my back"],
                Does = ["Compares three airlines' offers in one spreadsheet"],
                Feels = ["Squeezed between finance and the travellers"],
            },
            Segment = "account_type = \"corporate\" and role = \"travel_manager\"",
            // Last reviewed in May with the default 90-day cadence: stale since August.
            Review = new Review { LastReviewed = new DateOnly(2026, 5, 12) },
            Comments = [new Comment { Author = Cx, Date = new DateOnly(2026, 11, 20), Text = "Stale: re-interview two travel managers before the Q1 sales kick-off." }],
        };
    }

    private static Persona BusinessTraveller()
    {
        var template = TemplateCatalog.B2bChampion("business-traveller", "Sam, the frequent business traveller");
        return template with
        {
            Tags = ["b2b", "corporate-travel", "buying-group"],
            Owner = "sofia.marin",
            Revision = 3,
            Role = "End user: frequent business traveller",
            Quote = "Give me a seat with power, a lounge and a rebooking that happens before I notice.",
            Story = "Sam is a field engineer who flies twice a week for client visits. Sam does not choose the airline but complains loudly to Dana when the preferred one lets him down.",
            Demographics = new Demographics { AgeRange = "30-45", Location = "Hamburg, Germany", Occupation = "Field service engineer", Other = new() { ["flights_per_year"] = "80" } },
            Goals = [new Trait { Text = "Get to the client on time and home the same day", Evidence = [Interviews, Analytics] }, "Keep status in the loyalty programme"],
            Needs =
            [
                new Need { Id = "fast-rebooking", Text = "Automatic rebooking when a flight is cancelled", Importance = 5, Evidence = [Tickets, Survey] },
                new Need { Id = "fast-track", Text = "Fast track through security", Importance = 4, Evidence = [Survey] },
                new Need { Id = "lounge", Text = "A lounge to work in", Importance = 3 },
                new Need { Id = "upgrades", Text = "Occasional upgrades", Importance = 2 },
            ],
            Jobs = [new JobToBeDone { Id = "day-trip", When = "a client site goes down", Want = "to fly there and back within a day", SoThat = "I sleep at home" }],
            Motivations = ["Sleeping at home", "Keeping loyalty status"],
            Pains = [new Trait { Text = "Finding out about a cancellation at the gate", Evidence = [Tickets] }, "Queues for security at peak hours"],
            Gains = ["Rebooked on the next flight before he asks", "A quiet place to work before boarding"],
            Behaviours = ["Checks in on the app the evening before", "Travels with cabin bags only", "Complains to the travel manager, not to the airline"],
            Channels = ["app", "sms", "chat", "airport"],
            CompetitorAttitudes = [new CompetitorAttitude { Competitor = "aerolux", Attitude = "The lounge is great; the rebooking is not", Evidence = [Survey] }],
            EmpathyMap = new EmpathyMap
            {
                Says = ["Just get me on the next flight"],
                Thinks = ["I have a client at nine"],
                Does = ["Watches the departure board and the app at the same time"],
                Feels = ["Tired and impatient when plans change"],
            },
            Segment = "account_type = \"corporate\" and flights_last_year >= 24",
            Review = new Review { LastReviewed = new DateOnly(2026, 9, 30), CadenceDays = 120 },
        };
    }

    private static Journey FirstFlight()
    {
        var journey = TemplateCatalog.AirlineFirstFlight("first-flight", "Maya's first flight (today)");
        journey = journey with
        {
            Tags = ["leisure", "first-flight", "current"],
            Owner = Cx,
            Revision = 7,
            Personas = ["first-time-flyer"],
            Stages = [.. journey.Stages.Select(s => s.Id == "check-in" ? s with { SubJourney = "airport-check-in" } : s)],
            Review = new Review { LastReviewed = new DateOnly(2026, 10, 20), CadenceDays = 60 },
            Comments =
            [
                new Comment { Author = Cx, Date = new DateOnly(2026, 10, 20), Text = "Walked through with ground operations and digital in the October workshop." },
            ],
        };
        return journey
            .EditItem("pp-bag-drop-queue", i => i with { Evidence = [Tickets, Survey, Workshop] })
            .EditItem("pp-fare-jargon", i => i with { Evidence = [Interviews] })
            .EditItem("pp-boarding-groups", i => i with
            {
                Evidence = [Interviews, Survey],
                Comments = [new Comment { Author = "ana.ribeiro", Date = new DateOnly(2026, 10, 22), Text = "Gate agents confirm: most questions at the gate are 'is this my group?'" }],
            })
            .EditItem("pp-liquids-surprise", i => i with { Evidence = [Tickets] })
            .EditItem("tp-online-check-in", i => i with { Evidence = [Analytics, Usability] })
            .EditItem("op-self-bag-drop", i => i with
            {
                Comments = [new Comment { Author = "ana.ribeiro", Date = new DateOnly(2026, 11, 3), Text = "Airport authority approved four kiosks for terminal 2 from March." }],
            })
            .EditItems(LaneType.Emotion, i => i.Stage is "check-in" or "board" ? i with { Evidence = [Survey] } : i);
    }

    private static Journey FirstFlightFuture()
    {
        var current = FirstFlight();
        var scores = new Dictionary<string, double>
        {
            ["plan"] = 1, ["book"] = 0.5, ["prepare"] = 0.5, ["check-in"] = 0.5, ["security"] = -0.5,
            ["board"] = 1, ["fly"] = 1.5, ["arrive"] = 1.5, ["fly-again"] = 1.5,
        };
        string[] solved = ["pp-fare-jargon", "pp-bag-upsell", "pp-rules-scattered", "pp-bag-drop-queue", "pp-boarding-groups"];
        var future = current with
        {
            Id = "first-flight-future",
            Title = "Maya's first flight (future)",
            Tags = ["leisure", "first-flight", "future"],
            Revision = 3,
            State = JourneyState.Future,
            CurrentMap = current.Id,
            BusinessGoal = "By summer 2027, first-time flyers rate boarding NPS 30+ and a third of them book again",
            Stages = [.. current.Stages.Select(s => s with { SubJourney = null })],
            Review = new Review { LastReviewed = new DateOnly(2026, 11, 10), CadenceDays = 60 },
            Comments = [new Comment { Author = Cx, Date = new DateOnly(2026, 11, 10), Text = "Target experience agreed with the digital and ground operations leads." }],
        };
        return future
            .EditLane(LaneType.Touchpoints, items =>
            [
                .. items.Where(i => i.Id != "tp-bag-drop" && i.Id != "tp-gate-info").SelectMany(i => i.Id switch
                {
                    "tp-pretrip-email" => [i, new LaneItem { Id = "tp-first-flight-guide", Stage = "prepare", Text = "First-flight guide: what happens at the airport, step by step", Channel = "app", Owner = "digital", Events = ["first_flight_guide_*"] }],
                    "tp-online-check-in" => [i, new LaneItem { Id = "tp-self-bag-drop", Stage = "check-in", Text = "Self-service bag drop", Channel = "kiosk", Owner = "ground-operations", Events = ["self_bag_drop_*"] }],
                    "tp-boarding-gate" => [new LaneItem { Id = "tp-live-boarding", Stage = "board", Text = "Live boarding status with your group highlighted", Channel = "app", Owner = "digital", Events = ["live_boarding_viewed"] }, i],
                    _ => new[] { i },
                }),
            ])
            .EditItems(LaneType.Emotion, i => i with { Score = scores[i.Stage], Text = FutureFeeling(i.Stage) ?? i.Text, Evidence = [] })
            .EditLane(LaneType.PainPoints, items =>
            [
                new LaneItem { Id = "pp-kiosk-first-use", Stage = "check-in", Text = "The bag drop kiosk is new to everyone on a first flight" },
                .. items.Where(i => !solved.Contains(i.Id)),
            ])
            .EditLane(LaneType.Opportunities, _ =>
            [
                new LaneItem
                {
                    Id = "op-kiosk-host", Stage = "check-in", Text = "A host at the kiosks in peak hours, briefed to look for first-time flyers", Owner = "ground-operations",
                    OpportunityStatus = OpportunityStatus.Planned, CustomerValue = 4, BusinessValue = 2, Effort = 2, Addresses = ["pp-kiosk-first-use"],
                },
                new LaneItem
                {
                    Id = "op-liquids-reminder", Stage = "security", Text = "Liquids reminder push 3 hours before departure", Owner = "digital",
                    OpportunityStatus = OpportunityStatus.Idea, CustomerValue = 3, BusinessValue = 2, Effort = 1, Addresses = ["pp-liquids-surprise"],
                },
            ])
            .EditItems(LaneType.Kpis, i => i with { Actual = null, Status = null, Target = FutureTarget(i.Id!) ?? i.Target });
    }

    private static string? FutureFeeling(string stage) => stage switch
    {
        "prepare" => "Knows what to expect from the guide",
        "check-in" => "Bag gone in two minutes",
        "security" => "Liquids already packed, still tense",
        "board" => "Knows her group and her queue",
        _ => null,
    };

    private static string? FutureTarget(string kpi) => kpi switch
    {
        "kpi-online-check-in" => ">= 85%",
        "kpi-board-nps" => ">= 30",
        "kpi-second-booking" => ">= 35%",
        _ => null,
    };

    private static Journey AirportCheckIn()
    {
        var d = new JourneyDraft()
            .Stage("find-way", "Find the check-in area", "I want to know where to go as soon as I walk in")
            .Action("Looks for the airline's name on the departure board")
            .Touchpoint("tp-terminal-signs", "Terminal signage", "airport", "airport-partner", "terminal_entered")
            .Emotion(-0.5, "Lost in a big hall")
            .Pain("pp-no-airline-signs", "The airline's desks are not signed from the entrance", Tickets)

            .Stage("check-in", "Check in and drop the bag", "I want my bag gone and a boarding pass in my hand")
            .Steps(
                new Step { Id = "choose-route", Name = "Decide how to check in", Next = ["app-check-in", "desk-check-in"] },
                new Step { Id = "app-check-in", Name = "Check in on the app", Branch = "app", Next = ["bag-drop"] },
                new Step { Id = "desk-check-in", Name = "Check in at the desk", Branch = "desk", Next = ["bag-drop"] },
                new Step { Id = "bag-drop", Name = "Drop the bag" },
                new Step { Id = "to-security", Name = "Walk to security" })
            .Action("Checks whether the app check-in worked, joins a queue")
            .Question("Do I still need to queue if I checked in on the app?")
            .Emotion(-1, "Unsure which queue is hers", Survey)
            .At("app-check-in")
            .Touchpoint("tp-app-check-in", "App check-in", "app", "digital", "check_in_completed", "boarding_pass_downloaded")
            .Emotion(0.5, "Quick, once she finds the button", Usability)
            .Pain("pp-app-passport-scan", "The passport scan fails in poor light", Usability, Analytics)
            .At("desk-check-in")
            .Touchpoint("tp-check-in-desk", "Check-in desk", "airport", "ground-operations", "desk_check_in")
            .Emotion(-1, "Long queue behind business travellers")
            .At("bag-drop")
            .Touchpoint("tp-bag-drop-desk", "Bag drop desk", "airport", "ground-operations", "bag_dropped")
            .Emotion(-1.5, "Second queue after checking in online", Survey, Tickets)
            .Pain("pp-second-queue", "Online check-in still ends in a queue for bag drop", Survey, Tickets, Workshop)
            .Opportunity("op-bag-drop-kiosks", "Self-service bag drop kiosks", "ground-operations", OpportunityStatus.Planned, 4, 3, 5, "pp-second-queue")
            .Kpi("kpi-bag-drop-time", "Median time from entering the terminal to bag dropped", "median_time(tp-terminal-signs -> tp-bag-drop-desk)", "<= 20 minutes", "34 minutes", KpiStatus.DoesNotMeet)
            .At("to-security")
            .Touchpoint("tp-security-wayfinding", "Security wayfinding", "airport", "airport-partner", "security_queue_entered")
            .At(null)
            .Backstage("Departure control system checks passports against the passenger list", "ground-operations")

            .Stage("at-security", "Reach the gate area", "I want to get through security and know I'm on time")
            .Action("Queues, puts liquids in a bag, reads the gate on the screen")
            .Touchpoint("tp-gate-screens", "Departure screens", "airport", "airport-partner", "security_passed")
            .Emotion(0, "Relieved to be airside")
            .Kpi("kpi-check-in-nps", "NPS of check-in", "nps(stage: check-in)", ">= 20", "4", KpiStatus.DoesNotMeet);
        return d.Build("airport-check-in", "Check-in at the airport (detail)") with
        {
            Tags = ["first-flight", "airport", "detail"],
            Owner = "ana.ribeiro",
            Revision = 2,
            BusinessGoal = "Halve the time from the terminal door to bag dropped",
            Personas = ["first-time-flyer"],
            Scenario = "Maya arrives at terminal 2 two and a half hours before her flight with one suitcase",
            Timeline = new Timeline { Span = "45 minutes" },
            Review = new Review { LastReviewed = new DateOnly(2026, 10, 20) },
            Evidence = [new EvidenceLink { Id = "observation-t2-2026-10", Kind = EvidenceKind.Other, Title = "Two mornings observing check-in at terminal 2", Date = new DateOnly(2026, 10, 14) }],
        };
    }

    private static Journey CorporateProgramme()
    {
        const string buyer = "travel-manager";
        const string traveller = "business-traveller";
        var d = new JourneyDraft()
            .LaneName(LaneType.Backstage, "Sales funnel")
            .Stage("review-deal", "Review the airline deal", "I want to know whether our current deal still pays off")
            .Role(buyer, "Pulls the spend report and traveller complaints")
            .Role(traveller, "Complains about cancelled flights")
            .Action("Compares spend and on-time performance across airlines")
            .Touchpoint("tp-corporate-page", "Corporate travel page", "web", "corporate-sales", "corporate_page_viewed", "rfp_template_downloaded")
            .Emotion(-0.5, "Under pressure from finance")
            .Pain("pp-no-spend-data", "No airline gives her a spend report she can compare", Workshop)
            .Opportunity("op-spend-benchmark", "Free spend benchmark for prospects from their booking data", "corporate-sales", OpportunityStatus.Idea, 4, 4, 3, "pp-no-spend-data")
            .Backstage("Lead: RFP template download", "marketing")

            .Stage("run-tender", "Run a tender", "I want offers I can compare like for like")
            .Role(buyer, "Sends the RFP to three airlines")
            .Action("Sends an RFP, meets account managers")
            .Touchpoint("tp-account-manager", "Account manager meeting", "agent", "corporate-sales", "meeting_held")
            .Emotion(0, "Businesslike")
            .Backstage("MQL, then SQL once the RFP is received and qualified", "corporate-sales")

            .Stage("pilot", "Pilot with travellers", "I want travellers to try it before we commit", loopsTo: "run-tender")
            .Role(traveller, "Flies the pilot routes and reports back")
            .Role(buyer, "Collects feedback")
            .Action("Books the pilot routes through the corporate booking tool")
            .Touchpoint("tp-corporate-booking", "Corporate booking tool", "web", "corporate-sales", new EventMatcher { Name = "booking_*", Where = "account_type = \"corporate\"" })
            .Touchpoint("tp-rebooking-sms", "Disruption rebooking SMS", "sms", "operations-control", "rebooking_offered")
            .Emotion(1, "Travellers like the automatic rebooking", Survey)
            .Kpi("kpi-pilot-nps", "NPS of pilot travellers", "nps(stage: pilot)", ">= 40", "46", KpiStatus.Exceeds)
            .Backstage("Opportunity: pricing approval and contract draft", "corporate-sales")

            .Stage("sign", "Sign the contract", "I want a contract finance signs without a second round")
            .Role(buyer, "Negotiates and signs")
            .Action("Negotiates discount tiers and invoicing")
            .Touchpoint("tp-contract", "Contract and rate sheet", "email", "corporate-sales", "contract_sent", "contract_signed")
            .Emotion(-0.5, "Tired of redlines")
            .Pain("pp-invoice-terms", "Consolidated invoicing is an add-on that needs legal review")
            .Opportunity("op-standard-invoicing", "Consolidated invoicing in the standard contract", "finance", OpportunityStatus.Planned, 3, 4, 2, "pp-invoice-terms")
            .Kpi("kpi-win-rate", "Tenders that end in a signed contract", "conversion(run-tender -> sign)", ">= 30%", "27%", KpiStatus.DoesNotMeet)
            .Backstage("Closed won or lost; won accounts handed to account management", "corporate-sales");
        return d.Build("corporate-programme", "Winning a corporate travel programme") with
        {
            Tags = ["b2b", "corporate-travel"],
            Owner = "sofia.marin",
            Revision = 1,
            BusinessGoal = "Win five corporate programmes with more than 1 million EUR air spend in 2027",
            Personas = [buyer, traveller],
            Scenario = "A travel manager re-tenders the preferred-airline deal",
            Timeline = new Timeline { Span = "4 months" },
            Review = new Review { LastReviewed = new DateOnly(2026, 11, 5) },
        };
    }

    private static ValueGapMap FirstTimeFlyerValueGap() => TemplateCatalog.NewValueGap("first-time-flyer-vs-competitors", "Maya: Skylark vs AeroLux and BudgetJet", "first-time-flyer") with
    {
        Tags = ["leisure", "first-flight"],
        Owner = Cx,
        Revision = 2,
        Competitors = ["aerolux", "budgetjet"],
        // Classes with a parity band of 0.5 (gap = best competitor − ours):
        // clear-steps 4.0−2.5 = 1.5 gap; bag-rules 3.5−3.0 = 0.5 parity (on the band's edge); total-price 3.5−4.5 = −1.0 strength;
        // reassurance 4.5−3.5 = 1.0 gap; on-time 3.5−3.5 = 0 parity; seat-choice 3.0−4.0 = −1.0 over-served (importance 2);
        // free-snacks 3.0−4.0 = −1.0 over-served (importance 1).
        Needs =
        [
            Need("clear-steps", "Know what happens at each step at the airport", 5, 2.5, 4.0, 2.0, Interviews, Survey),
            Need("bag-rules", "Know what she can take in her bag", 5, 3.0, 3.5, 2.0, Survey),
            Need("total-price", "Pay one clear price with no surprises", 4, 4.5, 3.0, 3.5, Survey, Analytics),
            Need("reassurance", "Someone to ask when unsure", 3, 3.5, 4.5, 1.5, Interviews),
            Need("on-time", "Leave and arrive on time", 4, 3.5, 3.5, 3.0, Analytics),
            Need("seat-choice", "Sit next to her friends", 2, 4.0, 3.0, 2.5),
            Need("free-snacks", "Free snacks on board", 1, 4.0, 3.0, 1.0),
        ],
        Review = new Review { LastReviewed = new DateOnly(2026, 10, 30), CadenceDays = 90 },
        Comments = [new Comment { Author = Cx, Date = new DateOnly(2026, 10, 30), Text = "Competitor ratings from the Q3 survey question 'How easy was your last flight with…'." }],
    };

    private static ValueNeed Need(string id, string text, int importance, double ours, double aerolux, double budgetjet, params string[] evidence) => new()
    {
        Id = id,
        Text = text,
        Importance = importance,
        Ours = ours,
        Ratings = new() { ["aerolux"] = aerolux, ["budgetjet"] = budgetjet },
        Evidence = [.. evidence],
    };
}

/// <summary>Small edits to a journey built from a template, keyed by item id or lane type.</summary>
internal static class JourneyEdits
{
    public static Journey EditItem(this Journey journey, string itemId, Func<LaneItem, LaneItem> change)
    {
        var found = journey.Lanes.Any(l => l.Items.Any(i => i.Id == itemId));
        return found
            ? journey with { Lanes = [.. journey.Lanes.Select(l => l with { Items = [.. l.Items.Select(i => i.Id == itemId ? change(i) : i)] })] }
            : throw new InvalidOperationException($"no item {itemId} in journey {journey.Id}");
    }

    public static Journey EditItems(this Journey journey, LaneType type, Func<LaneItem, LaneItem> change) =>
        journey.EditLane(type, items => [.. items.Select(change)]);

    public static Journey EditLane(this Journey journey, LaneType type, Func<List<LaneItem>, List<LaneItem>> change) =>
        journey with { Lanes = [.. journey.Lanes.Select(l => l.Type == type ? l with { Items = change(l.Items) } : l)] };
}

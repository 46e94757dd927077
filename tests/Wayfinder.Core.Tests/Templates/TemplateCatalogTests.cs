namespace Wayfinder.Core.Tests.Templates;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Templates;

public sealed class TemplateCatalogTests
{
    private static readonly HashSet<string> s_channels = [.. DemoWorkspace.DefaultConfig("test").Channels.Select(c => c.Id)];

    public static TheoryData<string> JourneyTemplateIds => [.. TemplateCatalog.Journeys.Select(t => t.Id)];

    public static TheoryData<string> PersonaTemplateIds => [.. TemplateCatalog.Personas.Select(t => t.Id)];

    // Templates with worked content; "blank" is the empty grid.
    public static TheoryData<string> FilledJourneyTemplateIds => [.. TemplateCatalog.Journeys.Select(t => t.Id).Where(id => id != "blank")];

    private static Journey CreateJourney(string templateId) => TemplateCatalog.FindJourney(templateId)!.Create("my-map", "My map");

    private static Persona CreatePersona(string templateId) => TemplateCatalog.FindPersona(templateId)!.Create("my-persona", "My persona");

    [Fact]
    public void CatalogHoldsTheRequiredJourneyTemplates()
    {
        string[] required = ["digital", "b2b-saas", "ecommerce", "airline-first-flight", "bank-account-opening", "subscription-media", "clinic-visit"];

        Assert.All(required, id => Assert.NotNull(TemplateCatalog.FindJourney(id)));
        Assert.Equal(8, TemplateCatalog.Journeys.Count);
        Assert.Equal(TemplateCatalog.Journeys.Count, TemplateCatalog.Journeys.Select(t => t.Id).Distinct().Count());
        Assert.NotNull(TemplateCatalog.FindJourney(TemplateCatalog.DefaultJourney));
    }

    [Fact]
    public void CatalogHoldsSixProtoPersonaTemplatesWithDistinctIds()
    {
        Assert.Equal(
            ["budget-traveller", "first-time-flyer", "b2b-economic-buyer", "b2b-champion", "busy-parent-shopper", "patient"],
            TemplateCatalog.Personas.Select(t => t.Id));
    }

    [Theory]
    [MemberData(nameof(JourneyTemplateIds))]
    public void JourneyTemplateCreatesADocumentWithTheGivenIdAndTitle(string templateId)
    {
        var journey = CreateJourney(templateId);

        Assert.Equal("my-map", journey.Id);
        Assert.Equal("My map", journey.Title);
        Assert.Equal(DocumentKind.Journey, journey.Kind);
        Assert.Equal(JourneyState.Current, journey.State);
        Assert.NotEmpty(journey.Stages);
        Assert.All(journey.Stages, s => Assert.False(string.IsNullOrWhiteSpace(s.Goal), $"stage {s.Id} has no customer goal"));
    }

    [Theory]
    [MemberData(nameof(JourneyTemplateIds))]
    public void JourneyTemplateRoundTripsToTheSameYamlText(string templateId)
    {
        var yaml = DocumentYaml.Write(CreateJourney(templateId));

        Assert.Equal(yaml, DocumentYaml.Write(DocumentYaml.Read<Journey>(yaml)));
    }

    [Theory]
    [MemberData(nameof(JourneyTemplateIds))]
    public void JourneyTemplateIdsAreUniqueSlugs(string templateId)
    {
        var journey = CreateJourney(templateId);

        Assert.Empty(JourneyChecks.DuplicateStageIds(journey));
        Assert.Empty(JourneyChecks.DuplicateItemIds(journey));
        Assert.Empty(JourneyChecks.BadIds(journey));
        Assert.Equal(journey.Lanes.Count, journey.Lanes.Select(l => l.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(JourneyTemplateIds))]
    public void JourneyTemplateClaimsNoEventTwice(string templateId) =>
        Assert.Empty(JourneyChecks.EventsClaimedTwice(CreateJourney(templateId)));

    [Theory]
    [MemberData(nameof(JourneyTemplateIds))]
    public void JourneyTemplateUsesOnlyStandardChannels(string templateId) =>
        Assert.Empty(JourneyChecks.UnknownChannels(CreateJourney(templateId), s_channels));

    [Theory]
    [MemberData(nameof(JourneyTemplateIds))]
    public void JourneyTemplateOpportunitiesAddressExistingPainPoints(string templateId) =>
        Assert.Empty(JourneyChecks.AddressesNotNamingPainPoints(CreateJourney(templateId)));

    [Theory]
    [MemberData(nameof(JourneyTemplateIds))]
    public void JourneyTemplateEmotionScoresStayWithinMinusTwoAndTwo(string templateId) =>
        Assert.Empty(JourneyChecks.EmotionsOutOfRange(CreateJourney(templateId)));

    [Theory]
    [MemberData(nameof(JourneyTemplateIds))]
    public void JourneyTemplateReferencesOnlyItsOwnStagesAndSteps(string templateId) =>
        Assert.Empty(JourneyChecks.DanglingReferences(CreateJourney(templateId)));

    [Theory]
    [MemberData(nameof(FilledJourneyTemplateIds))]
    public void FilledJourneyTemplateHasTheLanesOfAWorkedExample(string templateId)
    {
        var journey = CreateJourney(templateId);
        var types = journey.Lanes.Select(l => l.Type).ToHashSet();

        Assert.Superset(new HashSet<LaneType> { LaneType.Actions, LaneType.Touchpoints, LaneType.Emotion, LaneType.PainPoints, LaneType.Opportunities, LaneType.Kpis, LaneType.Backstage }, types);
        Assert.Empty(JourneyChecks.StagesWithoutEmotion(journey));
        Assert.Empty(JourneyChecks.TouchpointsWithoutChannelOwnerOrEvents(journey));
        Assert.Empty(JourneyChecks.KpisIncomplete(journey));
        Assert.Empty(JourneyChecks.KpiStatusesContradictingTheirNumbers(journey));
        Assert.Empty(JourneyChecks.KpiMetricsNamingUnknownStagesOrTouchpoints(journey));
        Assert.All(journey.Stages, s => Assert.StartsWith("I ", s.Goal, StringComparison.Ordinal));
        Assert.All(journey.Lanes.Where(l => l.Type == LaneType.PainPoints).SelectMany(l => l.Items), i => Assert.NotNull(i.Id));
        Assert.All(journey.Lanes.Where(l => l.Type == LaneType.Opportunities).SelectMany(l => l.Items), i =>
        {
            Assert.NotNull(i.Id);
            Assert.NotNull(i.Owner);
            Assert.NotNull(i.OpportunityStatus);
            Assert.InRange(i.CustomerValue!.Value, 1, 5);
            Assert.InRange(i.BusinessValue!.Value, 1, 5);
            Assert.InRange(i.Effort!.Value, 1, 5);
            Assert.NotEmpty(i.Addresses);
        });
    }

    [Fact]
    public void DigitalTemplateHasTheFiveClassicStages()
    {
        var journey = TemplateCatalog.FindJourney("digital")!.Create("d", "D");

        Assert.Equal(["discovery", "consideration", "purchase", "retention", "advocacy"], journey.Stages.Select(s => s.Id));
    }

    [Fact]
    public void AirlineTemplateHasABoardFlightStageAndLoopsBackToPlanning()
    {
        var journey = TemplateCatalog.FindJourney("airline-first-flight")!.Create("a", "A");

        var board = Assert.Single(journey.Stages, s => s.Name == "Board flight");
        Assert.Equal("board", board.Id);
        Assert.Equal("plan", journey.Stages[^1].LoopsTo);
        Assert.Contains(journey.Lanes.Single(l => l.Type == LaneType.Kpis).Items, k => k.Metric == "nps(stage: board)");
    }

    [Fact]
    public void B2bSaasTemplateMapsBuyingRolesAndTheSalesFunnel()
    {
        var journey = TemplateCatalog.FindJourney("b2b-saas")!.Create("b", "B");

        Assert.Equal(["b2b-champion", "b2b-economic-buyer"], journey.Personas);
        var roles = journey.Lanes.Single(l => l.Type == LaneType.Roles);
        Assert.Equal(["b2b-champion", "b2b-economic-buyer"], roles.Items.Select(i => i.Persona!).Distinct().Order(StringComparer.Ordinal));
        var funnel = journey.Lanes.Single(l => l.Type == LaneType.Backstage);
        Assert.Equal("Sales funnel", funnel.Name);
        Assert.Equal(["Lead", "MQL", "SQL", "Opportunity", "Closed won"], funnel.Items.Take(5).Select(i => i.Text!.Split(':')[0]));
    }

    [Fact]
    public void BlankTemplateHasStagesAndEmptyLanes()
    {
        var journey = TemplateCatalog.FindJourney("blank")!.Create("x", "X");

        Assert.Equal(["trigger", "awareness", "consideration", "purchase", "onboarding", "usage", "renewal", "advocacy"], journey.Stages.Select(s => s.Id));
        Assert.All(journey.Lanes, l => Assert.Empty(l.Items));
    }

    [Theory]
    [MemberData(nameof(PersonaTemplateIds))]
    public void PersonaTemplateCreatesAProtoPersonaWithTheGivenIdAndTitle(string templateId)
    {
        var persona = CreatePersona(templateId);

        Assert.Equal("my-persona", persona.Id);
        Assert.Equal("My persona", persona.Title);
        Assert.Equal(PersonaType.Proto, persona.Type);
        Assert.False(string.IsNullOrWhiteSpace(persona.Name));
        Assert.False(string.IsNullOrWhiteSpace(persona.Role));
        Assert.False(string.IsNullOrWhiteSpace(persona.Quote));
        Assert.False(string.IsNullOrWhiteSpace(persona.Story));
        Assert.False(string.IsNullOrWhiteSpace(persona.Segment));
        Assert.NotNull(persona.Demographics);
        Assert.NotNull(persona.EmpathyMap);
        Assert.NotEmpty(persona.EmpathyMap!.Says);
        Assert.NotEmpty(persona.EmpathyMap.Thinks);
        Assert.NotEmpty(persona.EmpathyMap.Does);
        Assert.NotEmpty(persona.EmpathyMap.Feels);
        Assert.NotEmpty(persona.Goals);
        Assert.NotEmpty(persona.Jobs);
        Assert.NotEmpty(persona.Motivations);
        Assert.NotEmpty(persona.Pains);
        Assert.NotEmpty(persona.Gains);
        Assert.NotEmpty(persona.Behaviours);
    }

    [Theory]
    [MemberData(nameof(PersonaTemplateIds))]
    public void PersonaTemplateNeedsHaveUniqueSlugIdsAndImportanceFromOneToFive(string templateId)
    {
        var persona = CreatePersona(templateId);

        Assert.True(persona.Needs.Count >= 3);
        Assert.All(persona.Needs, n =>
        {
            Assert.Matches(JourneyChecks.Slug, n.Id);
            Assert.InRange(n.Importance, 1, 5);
        });
        Assert.Equal(persona.Needs.Count, persona.Needs.Select(n => n.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(PersonaTemplateIds))]
    public void PersonaTemplatePrefersOnlyStandardChannels(string templateId)
    {
        var persona = CreatePersona(templateId);

        Assert.NotEmpty(persona.Channels);
        Assert.All(persona.Channels, c => Assert.Contains(c, s_channels));
    }

    [Theory]
    [MemberData(nameof(PersonaTemplateIds))]
    public void PersonaTemplateRoundTripsToTheSameYamlText(string templateId)
    {
        var yaml = DocumentYaml.Write(CreatePersona(templateId));

        Assert.Equal(yaml, DocumentYaml.Write(DocumentYaml.Read<Persona>(yaml)));
    }

    [Fact]
    public void PersonasNamedByJourneyTemplatesAreTemplatesToo()
    {
        var named = TemplateCatalog.Journeys.SelectMany(t => t.Create("j", "J").Personas)
            .Concat(TemplateCatalog.Journeys.SelectMany(t => t.Create("j", "J").Lanes.SelectMany(l => l.Items).Select(i => i.Persona).OfType<string>()))
            .Distinct();

        Assert.All(named, id => Assert.NotNull(TemplateCatalog.FindPersona(id)));
    }

    [Fact]
    public void NewValueGapIsASkeletonForThePersonaThatRoundTrips()
    {
        var map = TemplateCatalog.NewValueGap("maya-gaps", "Maya's gaps", "first-time-flyer");
        var yaml = DocumentYaml.Write(map);

        Assert.Equal("maya-gaps", map.Id);
        Assert.Equal("Maya's gaps", map.Title);
        Assert.Equal("first-time-flyer", map.Persona);
        Assert.Empty(map.Competitors);
        Assert.Equal(["price-clarity", "ease-of-use", "support", "extras"], map.Needs.Select(n => n.Id));
        Assert.All(map.Needs, n => Assert.InRange(n.Importance, 1, 5));
        Assert.Equal(yaml, DocumentYaml.Write(DocumentYaml.Read<ValueGapMap>(yaml)));
    }

    [Fact]
    public void DefaultConfigHasTheStandardChannelsWithKnownGlyphs()
    {
        string[] glyphs = ["web", "app", "email", "phone", "chat", "store", "social", "ad", "mail", "person", "kiosk", "video", "search", "message", "event", "plane"];
        var config = DemoWorkspace.DefaultConfig("Acme");

        Assert.Equal("Acme", config.Name);
        Assert.Superset(new HashSet<string> { "web", "app", "email", "sms", "phone", "chat", "store", "social", "ads", "search", "mail", "agent", "kiosk", "airport" }, s_channels);
        Assert.Equal(config.Channels.Count, config.Channels.Select(c => c.Id).Distinct().Count());
        Assert.All(config.Channels, c =>
        {
            Assert.Matches(JourneyChecks.Slug, c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.Name));
            Assert.Contains(c.Glyph, glyphs);
        });
        Assert.Equal(30, config.Defaults.FunnelWindowDays);
        Assert.Empty(config.Competitors);
    }
}

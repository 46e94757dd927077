namespace Wayfinder.Drafting.Tests.Offline;

using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Templates;
using Wayfinder.Drafting.Answers;
using Wayfinder.Drafting.Offline;

/// <summary>The offline drafter: exact expected documents, determinism, no demo values, hostile text, and validity for every template.</summary>
public sealed class OfflineDrafterTests
{
    private static DraftRequest Request(string? persona = "maya", string? template = null) => new()
    {
        Id = "first-flight",
        Persona = persona,
        Scenario = "first international flight",
        Goal = "more first-time flyers book again",
        Template = template,
        Drafter = DrafterChoice.Offline,
    };

    [Fact]
    public async Task MayaOnTheDigitalTemplateWithoutDataGivesTheExpectedDocument()
    {
        using var services = DraftWorkspaces.Services();
        var workspace = DraftWorkspaces.Create();

        var result = await services.GetRequiredService<DraftingService>().DraftAsync(workspace, Request());

        Assert.Equal(DraftOutcome.Created, result.Outcome);
        var stored = await workspace.Documents.ReadAsync(DocumentKind.Journey, "first-flight");
        OfflineDrafts.AssertExpected("maya-digital.yaml", stored!.Text);
    }

    [Fact]
    public async Task MayaOnTheFlightTemplateWithDiscoveredPathsAndInsightsGivesTheExpectedDocument()
    {
        using var services = DraftWorkspaces.Services();
        var workspace = DraftWorkspaces.Create(insights: OfflineDrafts.Insights);

        var (document, errors) = await OfflineDrafts.DraftAsync(services, workspace, Request(template: "airline-first-flight") with { FromData = true }, OfflineDrafts.Flight());

        Assert.Empty(errors);
        OfflineDrafts.AssertExpected("maya-flight-discovered.yaml", document!.Text);
    }

    [Fact]
    public async Task TheB2bTemplateWithNoPersonaGivesTheExpectedDocument()
    {
        using var services = DraftWorkspaces.Services();
        var workspace = DraftWorkspaces.Create();

        var result = await services.GetRequiredService<DraftingService>().DraftAsync(workspace, Request(persona: null, template: "b2b-saas") with { Id = "team-tool", Scenario = "renewing a B2B contract", Goal = "more teams renew" });

        Assert.Equal(DraftOutcome.Created, result.Outcome);
        var stored = await workspace.Documents.ReadAsync(DocumentKind.Journey, "team-tool");
        OfflineDrafts.AssertExpected("b2b-no-persona.yaml", stored!.Text);
    }

    [Fact]
    public async Task DraftingTwiceGivesTheSameBytes()
    {
        using var services = DraftWorkspaces.Services();
        var first = DraftWorkspaces.Create(insights: OfflineDrafts.Insights);
        var second = DraftWorkspaces.Create(insights: OfflineDrafts.Insights);
        var request = Request(template: "airline-first-flight") with { FromData = true };

        var (a, _) = await OfflineDrafts.DraftAsync(services, first, request, OfflineDrafts.Flight());
        var (b, _) = await OfflineDrafts.DraftAsync(services, second, request, OfflineDrafts.Flight());

        Assert.NotNull(a);
        Assert.Equal(a.Text, b!.Text);
    }

    public static TheoryData<string, bool, bool> EveryTemplateWithAndWithoutPersonaAndData()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var template in TemplateCatalog.Journeys)
        {
            foreach (var persona in new[] { true, false })
            {
                data.Add(template.Id, persona, false);
                data.Add(template.Id, persona, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTemplateWithAndWithoutPersonaAndData))]
    public async Task EveryTemplateDraftsAValidJourneyWithAndWithoutPersonaAndData(string template, bool persona, bool fromData)
    {
        using var services = DraftWorkspaces.Services();
        var workspace = DraftWorkspaces.Create(insights: OfflineDrafts.Insights);

        var (document, errors) = await OfflineDrafts.DraftAsync(services, workspace, Request(persona ? "maya" : null, template) with { FromData = fromData }, fromData ? OfflineDrafts.Flight() : null);

        Assert.Empty(errors);
        Assert.NotNull(document);
    }

    [Theory]
    [MemberData(nameof(EveryTemplateWithAndWithoutPersonaAndData))]
    public async Task NoDemoValueOfTheTemplateIsCopiedIntoADraft(string template, bool persona, bool fromData)
    {
        using var services = DraftWorkspaces.Services();
        var workspace = DraftWorkspaces.Create(insights: OfflineDrafts.Insights);

        var (document, _) = await OfflineDrafts.DraftAsync(services, workspace, Request(persona ? "maya" : null, template) with { FromData = fromData }, fromData ? OfflineDrafts.Flight() : null);

        var (loaded, _) = await workspace.Documents.LoadAsync();
        var journey = loaded.FindJourney(document!.Id)!;
        var items = journey.Lanes.SelectMany(l => l.Items).ToList();
        Assert.All(items, i => Assert.True(i.Actual is null && i.Status is null && i.OpportunityStatus is null && i.Owner is null && i.Target is null
            && i.CustomerValue is null && i.BusinessValue is null && i.Effort is null, $"a demo value on {i.Id}"));
        Assert.DoesNotContain("actual:", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("status:", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("owner:", document.Text, StringComparison.Ordinal);

        // Sample texts: only the template's touchpoint names may be reused; no other item text of the template is.
        var sample = TemplateCatalog.FindJourney(template)!.Create("x", "x");
        var sampleTexts = sample.Lanes.Where(l => l.Type != LaneType.Touchpoints).SelectMany(l => l.Items).Select(i => i.Text).OfType<string>().ToHashSet();
        Assert.DoesNotContain(items, i => i.Text is { } text && sampleTexts.Contains(text));
        var sampleEvents = sample.Lanes.SelectMany(l => l.Items).SelectMany(i => i.Events).Select(e => e.Name).ToHashSet();
        var discoveredEvents = fromData ? OfflineDrafts.Flight().Stages.SelectMany(s => s.Touchpoints).SelectMany(t => t.Events).ToHashSet() : [];
        Assert.DoesNotContain(items.SelectMany(i => i.Events), e => sampleEvents.Contains(e.Name) && !discoveredEvents.Contains(e.Name));
    }

    [Fact]
    public async Task TheDraftNoteNamesTheOfflineDrafterAndTheDraftIsTaggedWithNoModel()
    {
        using var services = DraftWorkspaces.Services();
        var workspace = DraftWorkspaces.Create();

        var result = await services.GetRequiredService<DraftingService>().DraftAsync(workspace, Request(persona: null));

        var (loaded, _) = await workspace.Documents.LoadAsync();
        var journey = loaded.FindJourney("first-flight")!;
        Assert.Equal("offline", result.Drafter);
        Assert.Null(result.Model);
        Assert.Equal([DraftMapping.DraftedTag], journey.Tags);
        Assert.Equal("offline", journey.Draft!.Drafter);
        Assert.Null(journey.Draft.Model);
        Assert.Equal(
            "Drafted by Wayfinder's offline drafter (no language model) from the template \"digital\". Composed offline from the stage set of the template \"Digital journey\". "
            + "Emotions are to be measured and KPIs have no targets yet. Every item is a proposal to check with the team; only items citing an insight rest on research. "
            + "Remove this note and the tag \"drafted\" once the map has been reviewed.",
            journey.Draft.Note);
    }

    [Fact]
    public async Task HostilePersonaTextSurvivesIntoTheYamlAndReadsBackEqual()
    {
        const string Pain = "Says \"no\": #1 {{fee}} 'twice'\nthen - [a, b] & *anchor 🎉";
        const string Goal = "key: value # not a comment {{ x }} ✈️";
        var persona = """
            kind: persona
            id: zoe
            title: Zoë
            name: Zoë
            goals:
              - "key: value # not a comment {{ x }} \u2708\uFE0F"
            pains:
              - "Says \"no\": #1 {{fee}} 'twice'\nthen - [a, b] & *anchor \U0001F389"
            channels: [web]
            """;
        using var services = DraftWorkspaces.Services();
        var workspace = DraftWorkspaces.Create(files: new Dictionary<string, string> { ["personas/zoe.yaml"] = persona });

        var result = await services.GetRequiredService<DraftingService>().DraftAsync(workspace, Request(persona: "zoe") with { Scenario = "a \"first\": flight # {{1}}" });

        Assert.Equal(DraftOutcome.Created, result.Outcome);
        var (loaded, _) = await workspace.Documents.LoadAsync();
        Assert.Equal(Pain, loaded.FindPersona("zoe")!.Pains[0].Text);
        var journey = loaded.FindJourney("first-flight")!;
        var texts = journey.Lanes.SelectMany(l => l.Items).Select(i => i.Text).ToList();
        Assert.Contains(Pain, texts);
        Assert.Contains(Goal, texts);
        Assert.Equal("A \"first\": flight # {{1}} for Zoë", journey.Title);
        Assert.Equal("a \"first\": flight # {{1}}", journey.Scenario);
    }

    [Fact]
    public async Task ADiscoveredTouchpointOnNoChannelTheWorkspaceHasIsLeftForTheUserWithoutAPersona()
    {
        using var services = DraftWorkspaces.Services();
        var workspace = DraftWorkspaces.Create();

        // With Maya the check-in touchpoint (no channel in the data) takes her first preferred channel, app (see the
        // expected document); without a persona there is nothing to fall back on, and the wallet's kiosk events fall
        // back to its next channel, app.
        var (document, errors) = await OfflineDrafts.DraftAsync(services, workspace, Request(persona: null, template: "airline-first-flight") with { FromData = true }, OfflineDrafts.Flight());

        Assert.Empty(errors);
        var (loaded, _) = await workspace.Documents.LoadAsync();
        var touchpoints = loaded.FindJourney(document!.Id)!.Lanes.Single(l => l.Type == LaneType.Touchpoints).Items;
        Assert.Equal([("search-fares", "web"), ("compare-fares", "web"), ("choose-a-seat", "app"), ("pay-by-card", "web"), ("pay-with-wallet", "app"), ("online-check-in", null)],
            touchpoints.Select(t => (t.Id!, t.Channel)));
    }

    [Fact]
    public void PersonaTraitsGoToTheStageSharingMostWordsElseAFixedStage()
    {
        // Stems: "Hidden fees for bags" → hidden, fee, bag; the digital template's compare stage holds pp-hidden-costs
        // (hidden), so the pain goes there. "Not knowing where to go at the airport" shares no word with any digital
        // stage: the first stage. The goal shares none either: the last stage, where a goal is met. The gain shares
        // "guest" and "checkout" with the purchase stage (op-guest-checkout, tp-checkout) and nothing with another.
        var context = new DraftContext
        {
            Request = Request(),
            Persona = new Persona
            {
                Id = "maya",
                Title = "Maya",
                Pains = ["Hidden fees for bags", "Not knowing where to go at the airport"],
                Goals = ["Get to the destination without embarrassment"],
                Gains = ["A guest checkout"],
                Needs = [new Need { Id = "n1", Text = "Warm blankets", Importance = 2 }, new Need { Id = "n2", Text = "See every fee before paying", Importance = 5 }],
                Channels = ["email"],
            },
            Template = TemplateCatalog.FindJourney("digital")!,
            TemplateJourney = TemplateCatalog.Digital("x", "x"),
            Channels = [new Core.Workspaces.Channel { Id = "email", Name = "Email" }],
            PersonaIds = ["maya"],
            Today = DraftWorkspaces.Today,
        };

        var answer = OfflineDrafter.Compose(context);

        Assert.Equal(["Not knowing where to go at the airport"], answer.Stages[0].PainPoints.Select(p => p.Text));
        Assert.Equal(["Hidden fees for bags"], answer.Stages[1].PainPoints.Select(p => p.Text));
        Assert.Equal(["Get to the destination without embarrassment"], answer.Stages[4].Thoughts.Select(t => t.Text));
        Assert.Equal(["A guest checkout"], answer.Stages[2].Thoughts.Select(t => t.Text));

        // Needs most important first; n2 shares "fee" with the hidden-fees pain and goes to its stage, addressing it;
        // n1 shares nothing with a pain or a stage: the first stage, addressing nothing.
        var n2 = Assert.Single(answer.Stages[1].Opportunities);
        Assert.Equal(("n2", "Meet the need: See every fee before paying (importance 5 of 5)", "hidden-fees-for-bags"), (n2.Id, n2.Text, Assert.Single(n2.Addresses)));
        Assert.Equal(["n1"], answer.Stages[0].Opportunities.Select(o => o.Id));
        Assert.Empty(answer.Stages[0].Opportunities[0].Addresses);

        // Only email exists: the discover stage's ads and social touchpoints are dropped and the persona's channel stands in.
        Assert.Equal([("Discover (Email)", "email")], answer.Stages[0].Touchpoints.Select(t => (t.Name, t.Channel)));
        Assert.Equal([("Order confirmation", "email")], answer.Stages[2].Touchpoints.Select(t => (t.Name, t.Channel)));
    }
}


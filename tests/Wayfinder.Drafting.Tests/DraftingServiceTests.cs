namespace Wayfinder.Drafting.Tests;

using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App.Validation;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Templates;
using Wayfinder.Drafting.Answers;
using Wayfinder.Drafting.Offline;

/// <summary>The drafting use case around any drafter: what it refuses, what it writes, and that nothing is half-written.</summary>
public sealed class DraftingServiceTests
{
    private static DraftRequest Request(string id = "first-flight") => new()
    {
        Id = id,
        Persona = "maya",
        Scenario = "first international flight",
        Goal = "more first-time flyers book again",
        Drafter = DrafterChoice.Offline,
    };

    [Fact]
    public async Task AnOfflineDraftIsSavedWithTheDraftedTagAndANoteOfItsDrafter()
    {
        using var services = DraftWorkspaces.Services();
        var workspace = DraftWorkspaces.Create();

        var result = await services.GetRequiredService<DraftingService>().DraftAsync(workspace, Request());

        Assert.Equal(DraftOutcome.Created, result.Outcome);
        Assert.Equal("offline", result.Drafter);
        Assert.Equal("journeys/first-flight.yaml", result.Document!.File);
        var (loaded, _) = await workspace.Documents.LoadAsync();
        var journey = loaded.FindJourney("first-flight")!;
        Assert.Equal([DraftMapping.DraftedTag], journey.Tags);
        Assert.Equal("offline", journey.Draft!.Drafter);
        Assert.Null(journey.Draft.Model);
        Assert.Equal(DraftWorkspaces.Today, journey.Draft.Date);
        Assert.StartsWith("Drafted by Wayfinder's offline drafter (no language model) from the template \"digital\" and the persona \"maya\".", journey.Draft.Note, StringComparison.Ordinal);
        Assert.Equal(["maya"], journey.Personas);
        Assert.Equal("first international flight", journey.Scenario);
        Assert.Equal("more first-time flyers book again", journey.BusinessGoal);
    }

    [Theory]
    [InlineData("First Flight", DraftOutcome.InvalidId)]
    [InlineData("first-flight", DraftOutcome.Exists)]
    public async Task ABadOrTakenIdWritesNothing(string id, DraftOutcome expected)
    {
        using var services = DraftWorkspaces.Services();
        var workspace = DraftWorkspaces.Create(files: new Dictionary<string, string> { ["journeys/first-flight.yaml"] = "kind: journey\nid: first-flight\ntitle: Mine\n" });

        var result = await services.GetRequiredService<DraftingService>().DraftAsync(workspace, Request(id));

        Assert.Equal(expected, result.Outcome);
        var (loaded, _) = await workspace.Documents.LoadAsync();
        Assert.Equal("Mine", Assert.Single(loaded.Journeys).Document.Title);
    }

    [Fact]
    public async Task AnUnknownPersonaOrTemplateIsRefusedWithTheKnownOnes()
    {
        using var services = DraftWorkspaces.Services();
        var drafting = services.GetRequiredService<DraftingService>();

        var persona = await drafting.DraftAsync(DraftWorkspaces.Create(), Request() with { Persona = "mia" });
        var template = await drafting.DraftAsync(DraftWorkspaces.Create(), Request() with { Template = "nope" });

        Assert.Equal(DraftOutcome.UnknownPersona, persona.Outcome);
        Assert.Equal(["maya"], persona.Known);
        Assert.Equal(DraftOutcome.UnknownTemplate, template.Outcome);
        Assert.Contains("digital", template.Known);
    }

    [Fact]
    public async Task AutoWithNoModelConfiguredDraftsOffline()
    {
        using var services = DraftWorkspaces.Services();
        var drafting = services.GetRequiredService<DraftingService>();

        var result = await drafting.DraftAsync(DraftWorkspaces.Create(), Request() with { Drafter = DrafterChoice.Auto });

        Assert.False(drafting.ModelConfigured);
        Assert.Equal(DraftOutcome.Created, result.Outcome);
        Assert.Equal("offline", result.Drafter);
        Assert.Equal("offline", result.Journey!.Draft!.Drafter);
    }

    [Fact]
    public async Task AnAnswerRepeatingAPainIdGetsTwoPainPointsWithTheirOwnIds()
    {
        using var services = DraftWorkspaces.Services();
        var workspace = DraftWorkspaces.Create();
        var context = await ContextAsync(workspace);
        var answer = OfflineDrafter.Compose(context);
        var first = answer.Stages[0] with { PainPoints = [new DraftPain { Id = "fees", Text = "Fees at the start", Insights = [] }] };
        var second = answer.Stages[1] with { PainPoints = [new DraftPain { Id = "fees", Text = "Fees again", Insights = [] }] };
        answer = answer with { Stages = [first, second, .. answer.Stages.Skip(2)] };

        var mapped = DraftMapping.ToJourney(answer, context, DraftingService.Note(context, "offline", null, answer));
        var check = await services.GetRequiredService<SaveCheckService>().CheckAsync(workspace.Documents, mapped.Journey);

        var pains = mapped.Journey.Lanes.Single(l => l.Type == LaneType.PainPoints).Items;
        Assert.Equal(["fees", "fees-2"], pains.Select(p => p.Id));
        Assert.Equal(["Fees at the start", "Fees again"], pains.Select(p => p.Text));
        Assert.Empty(check.Errors);
    }

    [Fact]
    public async Task ATouchpointWithAnEmptyChannelIsSavedWithoutOneAndAWarning()
    {
        using var services = DraftWorkspaces.Services();
        var workspace = DraftWorkspaces.Create();
        var context = await ContextAsync(workspace);
        var answer = OfflineDrafter.Compose(context);
        var stage = answer.Stages[0] with { Touchpoints = [new DraftTouchpoint { Name = "Somewhere", Channel = " ", Events = [] }] };
        answer = answer with { Stages = [stage, .. answer.Stages.Skip(1)] };

        var mapped = DraftMapping.ToJourney(answer, context, DraftingService.Note(context, "offline", null, answer));
        var check = await services.GetRequiredService<SaveCheckService>().CheckAsync(workspace.Documents, mapped.Journey);

        var touchpoint = mapped.Journey.Lanes.Single(l => l.Type == LaneType.Touchpoints).Items.Single(i => i.Text == "Somewhere");
        Assert.Null(touchpoint.Channel);
        Assert.Empty(check.Errors);
        Assert.Contains(check.Diagnostics, d => d.Code == "missing-channel");
    }

    /// <summary>The context DraftingService gathers for <see cref="Request"/> on the digital template, without data or insights.</summary>
    private static async Task<DraftContext> ContextAsync(App.Workspaces.WorkspaceStores workspace)
    {
        var (loaded, _) = await workspace.Documents.LoadAsync();
        var template = TemplateCatalog.FindJourney(TemplateCatalog.DefaultJourney)!;
        return new DraftContext
        {
            Request = Request(),
            Persona = loaded.FindPersona("maya"),
            Template = template,
            TemplateJourney = template.Create("first-flight", template.Name),
            Channels = loaded.Config.Channels,
            PersonaIds = ["maya"],
            Today = DraftWorkspaces.Today,
        };
    }
}

/// <summary>Drafting from data end to end: events → discovery → the offline drafter → a saved, valid journey.</summary>
public sealed class DraftingFromDataTests
{
    [Fact]
    public async Task ADraftFromDataHasTheDiscoveredStagesTouchpointsAndEventMappingsInOrder()
    {
        using var services = DraftWorkspaces.Services();
        var workspace = DraftWorkspaces.Create(events: new Discovery.JourneyLogGenerator(Discovery.DiscoveryShapeTests.Linear).Build(500));

        var result = await services.GetRequiredService<DraftingService>().DraftAsync(workspace, new DraftRequest
        {
            Id = "onboarding",
            Scenario = "first week with the product",
            Goal = "more new customers invite a colleague",
            FromData = true,
            Drafter = DrafterChoice.Offline,
        });

        Assert.Equal(DraftOutcome.Created, result.Outcome);
        Assert.Equal(3, result.Discovered!.Stages.Count);
        var (loaded, read) = await workspace.Documents.LoadAsync();
        Assert.True(read.IsValid);
        var journey = loaded.FindJourney("onboarding")!;
        var touchpoints = journey.Lanes.Single(l => l.Type == LaneType.Touchpoints).Items;
        // The generating journey's six touchpoints, in order, each with its event names, on the stage the data puts it in.
        Assert.Equal(
            ["ad_click+landing_view", "signup_start+signup_complete", "welcome_open+welcome_click", "app_install", "project_create", "invite_sent"],
            touchpoints.Select(t => string.Join('+', t.Events.Select(e => e.Name))));
        Assert.Equal(["web", "web", "email", "app", "app", "app"], touchpoints.Select(t => t.Channel));
        var stageOf = journey.Stages.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i);
        Assert.Equal([0, 0, 1, 1, 2, 2], touchpoints.Select(t => stageOf[t.Stage]));
        Assert.Equal("offline", journey.Draft!.Drafter);
        Assert.Contains("the paths of 500 customers in the events", journey.Draft.Note, StringComparison.Ordinal);
    }
}

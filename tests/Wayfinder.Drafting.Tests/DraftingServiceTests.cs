namespace Wayfinder.Drafting.Tests;

using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Core.Documents;
using Wayfinder.Drafting.Answers;

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
}

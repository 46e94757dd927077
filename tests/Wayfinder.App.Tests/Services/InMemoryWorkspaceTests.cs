namespace Wayfinder.App.Tests.Services;

using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App.Decisions;
using Wayfinder.App.Documents;
using Wayfinder.App.Rendering;
using Wayfinder.App.Templates;
using Wayfinder.App.Validation;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;

/// <summary>The use cases run on a workspace held in memory, through the same services the CLI calls, touching no disk.</summary>
public sealed class InMemoryWorkspaceTests
{
    private readonly ServiceProvider _services = new ServiceCollection().AddWayfinder(o => o.MaxDegreeOfParallelism = 1).BuildServiceProvider();

    private WorkspaceStores Demo() =>
        _services.GetRequiredService<WorkspaceOpener>().InMemory(MemoryDocumentRepository.FromFiles("demo", WorkspaceSeeds.Demo()));

    [Fact]
    public async Task TheDemoValidatesInMemoryAsOnDisk()
    {
        var check = await _services.GetRequiredService<ValidationService>().ValidateAsync(Demo());

        Assert.True(check.IsValid, string.Join("\n", check.Diagnostics));
        Assert.Equal("Skylark Airways", check.Workspace.Config.Name);
        Assert.Equal(DemoCounts(), (check.Workspace.Personas.Count, check.Workspace.Journeys.Count, check.Workspace.ValueGaps.Count));
    }

    [Fact]
    public async Task AMapRendersFromMemoryToEveryFormatAJourneyHas()
    {
        var workspace = Demo();
        var check = await _services.GetRequiredService<ValidationService>().ValidateAsync(workspace);
        var renderer = _services.GetRequiredService<RenderService>();
        var journeyId = check.Workspace.Journeys[0].Document.Id;

        var selection = renderer.Select(check.Workspace, [journeyId], all: false, [RenderFormat.Svg, RenderFormat.Png, RenderFormat.Mermaid]);
        var files = selection.Jobs.Select(j => (j.Format, Bytes: renderer.Render(j, check.Workspace))).ToList();

        Assert.Equal([RenderFormat.Svg, RenderFormat.Png, RenderFormat.Mermaid], files.Select(f => f.Format));
        Assert.StartsWith("<svg", System.Text.Encoding.UTF8.GetString(files[0].Bytes), StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], files[1].Bytes.Take(4));
        Assert.StartsWith("journey", System.Text.Encoding.UTF8.GetString(files[2].Bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelectingAnUnknownIdSaysWhichIdsThereAre()
    {
        var check = await _services.GetRequiredService<ValidationService>().ValidateAsync(Demo());

        var selection = _services.GetRequiredService<RenderService>().Select(check.Workspace, ["nope"], all: false, [RenderFormat.Svg]);

        Assert.Equal("nope", selection.UnknownId);
        Assert.Equal(check.Workspace.AllDocuments.Select(d => d.Id).Distinct().Order(), selection.KnownIds.Order());
    }

    [Fact]
    public async Task ANewJourneyFromATemplateIsSavedAndNamesThePersonasItLacks()
    {
        var workspace = Demo();
        var creator = _services.GetRequiredService<DocumentCreationService>();

        var created = await creator.CreateJourneyAsync(workspace, "weekend", "airline-first-flight", null, "nobody-yet");
        var again = await creator.CreateJourneyAsync(workspace, "weekend", null, null, null);
        var badId = await creator.CreateJourneyAsync(workspace, "Week End", null, null, null);

        Assert.Equal(CreationOutcome.Created, created.Outcome);
        Assert.Equal("journeys/weekend.yaml", created.Document!.File);
        Assert.Equal("Weekend", (await workspace.Documents.LoadAsync()).Workspace.FindJourney("weekend")!.Title);
        Assert.Equal(["nobody-yet"], created.MissingPersonas);
        Assert.Equal(CreationOutcome.Exists, again.Outcome);
        Assert.Equal((CreationOutcome.InvalidId, "week-end"), (badId.Outcome, badId.Suggestion));
    }

    [Fact]
    public async Task OpportunitiesAreRankedFromMemory()
    {
        var list = await _services.GetRequiredService<DecisionService>().OpportunitiesAsync(Demo(), includeClosed: true);

        Assert.NotEmpty(list.Ranked);
        Assert.Equal(Enumerable.Range(1, list.Ranked.Count), list.Ranked.Select(r => r.Rank));
        Assert.Empty(list.Unreadable);
    }

    private static (int Personas, int Journeys, int ValueGaps) DemoCounts()
    {
        var documents = Core.Templates.DemoWorkspace.Documents();
        return (documents.Count(d => d.Kind == DocumentKind.Persona), documents.Count(d => d.Kind == DocumentKind.Journey), documents.Count(d => d.Kind == DocumentKind.ValueGap));
    }
}

namespace Wayfinder.App.Tests.Templates;

using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App.Documents;
using Wayfinder.App.Templates;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;

/// <summary>A new document from a template starts clean: the user's names, no sample statuses, reviewed today.</summary>
public sealed class CleanStartTests
{
    private static readonly DateOnly s_today = new(2026, 12, 2);
    private readonly ServiceProvider _services;

    public CleanStartTests()
    {
        _services = new ServiceCollection().AddSingleton<TimeProvider>(new FixedClock()).AddWayfinder().BuildServiceProvider();
    }

    private WorkspaceStores Demo() =>
        _services.GetRequiredService<WorkspaceOpener>().InMemory(MemoryDocumentRepository.FromFiles("demo", WorkspaceSeeds.Demo()));

    private async Task<T> Created<T>(WorkspaceStores workspace, Task<CreationResult> creating)
    {
        var result = await creating;
        Assert.Equal(CreationOutcome.Created, result.Outcome);
        return DocumentYaml.Read<T>(result.Document!.Text);
    }

    [Fact]
    public async Task ANewPersonaTakesTheGivenNameEverywhereTheTemplateHadItsSample()
    {
        var workspace = Demo();

        var ana = await Created<Persona>(workspace, _services.GetRequiredService<DocumentCreationService>()
            .CreatePersonaAsync(workspace, "ana", "budget-traveller", "Ana, the budget traveller"));

        Assert.Equal("Ana", ana.Name);
        Assert.Equal("Ana, the budget traveller", ana.Title);
        Assert.StartsWith("Ana is a student who travels four or five times a year", ana.Story, StringComparison.Ordinal);
        Assert.DoesNotContain("Jonas", DocumentYaml.Write(ana), StringComparison.Ordinal);
        Assert.Equal(["travel"], ana.Tags);
        Assert.Equal(s_today, ana.Review?.LastReviewed);
    }

    [Theory]
    [InlineData("b2b-champion", "Sam", "Sam, B2B end user and champion")]
    [InlineData("b2b-economic-buyer", "Dana", "Dana, B2B economic buyer")]
    [InlineData("busy-parent-shopper", "Priya", "Priya, busy parent shopper")]
    [InlineData("patient", "Tom", "Tom, patient")]
    public void APersonaAJourneyTemplateNamesKeepsItsSampleNameAndStartsClean(string id, string name, string title)
    {
        var persona = _services.GetRequiredService<DocumentCreationService>().TemplatePersona(id)!;

        Assert.Equal((id, name, title), (persona.Id, persona.Name, persona.Title));
        Assert.DoesNotContain("template", persona.Tags);
        Assert.Equal(s_today, persona.Review?.LastReviewed);
    }

    [Fact]
    public void NoPersonaTemplateOfAnIdGivesNoPersona() =>
        Assert.Null(_services.GetRequiredService<DocumentCreationService>().TemplatePersona("travel-manager"));

    [Fact]
    public async Task WithoutATitleThePersonaIsNamedFromItsId()
    {
        var workspace = Demo();

        var persona = await Created<Persona>(workspace, _services.GetRequiredService<DocumentCreationService>()
            .CreatePersonaAsync(workspace, "li-wei", "first-time-flyer", null));

        Assert.Equal("Li", persona.Name);
        Assert.Equal("Li wei", persona.Title);
        Assert.StartsWith("Li is 22 and has never flown.", persona.Story, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewJourneyCarriesNoSampleStatusesOwnersActualsOrComments()
    {
        var workspace = Demo();

        var journey = await Created<Journey>(workspace, _services.GetRequiredService<DocumentCreationService>()
            .CreateJourneyAsync(workspace, "my-flight", "airline-first-flight", null, null));

        var items = journey.Lanes.SelectMany(l => l.Items.Select(i => (l.Type, Item: i))).ToList();
        var opportunities = items.Where(i => i.Type == LaneType.Opportunities).Select(i => i.Item).ToList();
        var kpis = items.Where(i => i.Type == LaneType.Kpis).Select(i => i.Item).ToList();
        Assert.NotEmpty(opportunities);
        Assert.All(opportunities, o => Assert.Equal((null, null, null, null, null), (o.OpportunityStatus, o.Owner, o.CustomerValue, o.BusinessValue, o.Effort)));
        Assert.NotEmpty(kpis);
        Assert.All(kpis, k => Assert.Equal((null, null), (k.Actual, k.Status)));
        Assert.All(items, i => Assert.Empty(i.Item.Comments));
        Assert.DoesNotContain("template", journey.Tags);
        Assert.Equal(s_today, journey.Review?.LastReviewed);
    }

    [Fact]
    public async Task ANewValueGapMapStartsFromThePersonasNeedsAndTheWorkspacesCompetitors()
    {
        var workspace = Demo();
        var (loaded, _) = await workspace.Documents.LoadAsync();
        var persona = loaded.Personas[0].Document;

        var map = await Created<ValueGapMap>(workspace, _services.GetRequiredService<DocumentCreationService>()
            .CreateValueGapAsync(workspace, "needs", null, persona.Id));

        Assert.Equal(persona.Needs.Select(n => (n.Id, n.Text, n.Importance)), map.Needs.Select(n => (n.Id, n.Text, n.Importance)));
        Assert.Equal(loaded.Config.Competitors.Select(c => c.Id), map.Competitors);
        Assert.All(map.Needs, n => Assert.Empty(n.Ratings));
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    }
}

namespace Wayfinder.App.Tests.Documents;

using Wayfinder.App.Documents;
using Wayfinder.App.Templates;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>Which documents of the demo workspace name a persona or a journey (what a delete must warn of).</summary>
public sealed class DocumentReferencesTests
{
    private static readonly Workspace s_demo = MemoryDocumentRepository.FromFiles("demo", WorkspaceSeeds.Demo()).LoadAsync().GetAwaiter().GetResult().Workspace;

    [Fact]
    public void APersonaIsNamedByTheJourneysItIsOnAndItsValueGapMap() =>
        Assert.Equal(
            [
                new DocumentReference(DocumentKind.Journey, "airport-check-in", "Check-in at the airport (detail)", "journeys/airport-check-in.yaml"),
                new DocumentReference(DocumentKind.Journey, "first-flight", "Maya's first flight (today)", "journeys/first-flight.yaml"),
                new DocumentReference(DocumentKind.Journey, "first-flight-future", "Maya's first flight (future)", "journeys/first-flight-future.yaml"),
                new DocumentReference(DocumentKind.ValueGap, "first-time-flyer-vs-competitors", "Maya: Skylark vs AeroLux and BudgetJet", "value-gaps/first-time-flyer-vs-competitors.yaml"),
            ],
            DocumentReferences.UsedBy(s_demo, DocumentKind.Persona, "first-time-flyer").OrderBy(r => r.Kind).ThenBy(r => r.Id, StringComparer.Ordinal));

    [Fact]
    public void APersonaOnlyALaneNamesIsStillNamed()
    {
        var journey = new Journey
        {
            Id = "j",
            Title = "J",
            Stages = [new Stage { Id = "s", Name = "S" }],
            Lanes = [new Lane { Id = "roles", Type = LaneType.Actions, Items = [new LaneItem { Id = "i", Stage = "s", Text = "t", Persona = "p" }] }],
        };
        var workspace = new Workspace { Root = "w", Config = new WorkspaceConfig { Name = "w" }, Journeys = [new SourcedDocument<Journey>(journey, "journeys/j.yaml", "")] };

        Assert.Equal([new DocumentReference(DocumentKind.Journey, "j", "J", "journeys/j.yaml")], DocumentReferences.UsedBy(workspace, DocumentKind.Persona, "p"));
        Assert.Empty(DocumentReferences.UsedBy(workspace, DocumentKind.Persona, "q"));
    }

    [Fact]
    public void AJourneyIsNamedByItsFutureStateAndTheStageThatOpensIt()
    {
        Assert.Equal([new DocumentReference(DocumentKind.Journey, "first-flight-future", "Maya's first flight (future)", "journeys/first-flight-future.yaml")],
            DocumentReferences.UsedBy(s_demo, DocumentKind.Journey, "first-flight"));
        Assert.Equal([new DocumentReference(DocumentKind.Journey, "first-flight", "Maya's first flight (today)", "journeys/first-flight.yaml")],
            DocumentReferences.UsedBy(s_demo, DocumentKind.Journey, "airport-check-in"));
        Assert.Empty(DocumentReferences.UsedBy(s_demo, DocumentKind.Journey, "corporate-programme"));
        Assert.Empty(DocumentReferences.UsedBy(s_demo, DocumentKind.ValueGap, "first-time-flyer-vs-competitors"));
    }

    [Fact]
    public void ADeleteIsRefusedInWordsNamingEveryDocumentThatStillNamesIt()
    {
        Assert.Equal(
            "journey \"first-flight\" (journeys/first-flight.yaml) still names it and would be refused at its next save; take it off that document (or delete that too) first",
            DocumentReferences.DeleteRefusal(s_demo, DocumentKind.Journey, "airport-check-in"));
        Assert.Equal(
            "journey \"airport-check-in\" (journeys/airport-check-in.yaml), journey \"first-flight-future\" (journeys/first-flight-future.yaml), "
            + "journey \"first-flight\" (journeys/first-flight.yaml), value gap map \"first-time-flyer-vs-competitors\" (value-gaps/first-time-flyer-vs-competitors.yaml) still name it and would be refused at their next save; take it off those documents (or delete them too) first",
            DocumentReferences.DeleteRefusal(s_demo, DocumentKind.Persona, "first-time-flyer"));
        Assert.Null(DocumentReferences.DeleteRefusal(s_demo, DocumentKind.Journey, "corporate-programme"));
        Assert.Null(DocumentReferences.DeleteRefusal(s_demo, DocumentKind.ValueGap, "first-time-flyer-vs-competitors"));
    }

    [Fact]
    public void OnlyAFutureMapsCurrentMapNamesAJourneyAsACurrentMapsIsOnlyWarnedOf()
    {
        Journey Map(string id, JourneyState state) => new() { Id = id, Title = id, State = state, CurrentMap = "a", Stages = [new Stage { Id = "s", Name = "S" }] };
        Workspace With(params Journey[] journeys) =>
            new() { Root = "w", Config = new WorkspaceConfig { Name = "w" }, Journeys = [.. journeys.Select(j => new SourcedDocument<Journey>(j, $"journeys/{j.Id}.yaml", ""))] };

        Assert.Empty(DocumentReferences.UsedBy(With(Map("b", JourneyState.Current)), DocumentKind.Journey, "a"));
        Assert.Equal(["b"], DocumentReferences.UsedBy(With(Map("b", JourneyState.Future)), DocumentKind.Journey, "a").Select(r => r.Id));
    }
}

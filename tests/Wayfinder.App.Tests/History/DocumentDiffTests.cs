namespace Wayfinder.App.Tests.History;

using Wayfinder.App.History;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;

/// <summary>Per-element diffs of small hand-made documents, every expected change written out.</summary>
public class DocumentDiffTests
{
    private const string Trip = """
        kind: journey
        id: trip
        title: A trip
        revision: 1
        stages:
          - id: search
            name: Search
            steps:
              - id: compare
                name: Compare fares
          - id: book
            name: Book
          - id: fly
            name: Fly
        lanes:
          - id: pains
            type: pain_points
            items:
              - id: pain-fees
                stage: book
                text: Hidden fees
          - id: feelings
            type: emotion
            items:
              - id: emotion-search
                stage: search
                score: 1
        """;

    private static Journey Read(string yaml) => DocumentYaml.Read<Journey>(yaml);

    [Fact]
    public void TheSameDocumentHasNoChanges()
    {
        var changes = DocumentDiff.Compare(Read(Trip), Read(Trip));

        Assert.Empty(changes.Document);
        Assert.Empty(changes.Elements);
    }

    [Fact]
    public void AnAddedStageIsAddedWithItsFieldsAndMovesNothing()
    {
        var newer = Read(Trip.Replace("  - id: fly\n", "  - id: pay\n    name: Pay\n  - id: fly\n", StringComparison.Ordinal));

        var changes = DocumentDiff.Compare(Read(Trip), newer);

        var added = Assert.Single(changes.Elements);
        Assert.Equal(new ElementChange("pay", "stage", ElementChangeKind.Added, null, "stages[2]", added.Fields), added);
        Assert.Equal([new FieldChange("name", null, "Pay")], added.Fields);
    }

    [Fact]
    public void AStageMovedToTheFrontIsTheOnlyOneMoved()
    {
        var journey = Read(Trip);
        var newer = journey with { Stages = [journey.Stages[2], journey.Stages[0], journey.Stages[1]] };

        var changes = DocumentDiff.Compare(journey, newer);

        // search and book keep their order (the longest common subsequence), so only fly moved: stages[2] → stages[0].
        var moved = Assert.Single(changes.Elements);
        Assert.Equal(("fly", "stage", ElementChangeKind.Moved, "stages[2]", "stages[0]"), (moved.ElementId, moved.Element, moved.Change, moved.OldPath, moved.NewPath));
        Assert.Empty(moved.Fields);
    }

    [Fact]
    public void AStepMovedToAnotherStageIsMovedEvenAtTheSameIndex()
    {
        var journey = Read(Trip);
        var newer = journey with
        {
            Stages = [journey.Stages[0] with { Steps = [] }, journey.Stages[1] with { Steps = journey.Stages[0].Steps }, journey.Stages[2]],
        };

        var changes = DocumentDiff.Compare(journey, newer);

        var moved = Assert.Single(changes.Elements);
        Assert.Equal(("compare", "step", ElementChangeKind.Moved, "stages[0].steps[0]", "stages[1].steps[0]"), (moved.ElementId, moved.Element, moved.Change, moved.OldPath, moved.NewPath));
    }

    [Fact]
    public void ARenamedStageAndRetitledDocumentAreChangedWithOldAndNewText()
    {
        var newer = Read(Trip.Replace("name: Book\n", "name: Book a seat\n", StringComparison.Ordinal).Replace("title: A trip", "title: The trip", StringComparison.Ordinal));

        var changes = DocumentDiff.Compare(Read(Trip), newer);

        Assert.Equal([new FieldChange("title", "A trip", "The trip")], changes.Document);
        var renamed = Assert.Single(changes.Elements);
        Assert.Equal(("book", ElementChangeKind.Changed, "stages[1]", "stages[1]"), (renamed.ElementId, renamed.Change, renamed.OldPath, renamed.NewPath));
        Assert.Equal([new FieldChange("name", "Book", "Book a seat")], renamed.Fields);
    }

    [Fact]
    public void ACellMovedToAnotherStageWithNewTextIsChangedInBothFields()
    {
        var newer = Read(Trip.Replace("stage: book\n        text: Hidden fees", "stage: search\n        text: Fees shown late", StringComparison.Ordinal));

        var changes = DocumentDiff.Compare(Read(Trip), newer);

        var cell = Assert.Single(changes.Elements);
        Assert.Equal(("pain-fees", "lane_item", ElementChangeKind.Changed, "lanes[0].items[0]"), (cell.ElementId, cell.Element, cell.Change, cell.NewPath));
        Assert.Equal([new FieldChange("stage", "book", "search"), new FieldChange("text", "Hidden fees", "Fees shown late")], cell.Fields);
    }

    [Fact]
    public void ADeletedLaneIsRemovedWithItsItems()
    {
        var journey = Read(Trip);

        var changes = DocumentDiff.Compare(journey, journey with { Lanes = [journey.Lanes[0]] });

        Assert.Equal(2, changes.Elements.Count);
        Assert.Equal(("feelings", "lane", ElementChangeKind.Removed, "lanes[1]", (string?)null), (changes.Elements[0].ElementId, changes.Elements[0].Element, changes.Elements[0].Change, changes.Elements[0].OldPath, changes.Elements[0].NewPath));
        Assert.Equal([new FieldChange("type", "emotion", null)], changes.Elements[0].Fields);
        Assert.Equal(("emotion-search", "lane_item", ElementChangeKind.Removed, "lanes[1].items[0]"), (changes.Elements[1].ElementId, changes.Elements[1].Element, changes.Elements[1].Change, changes.Elements[1].OldPath));
        Assert.Equal([new FieldChange("stage", "search", null), new FieldChange("score", "1", null)], changes.Elements[1].Fields);
    }

    [Fact]
    public void PersonaTraitsAreComparedByIdAcrossRewordingAndReordering()
    {
        const string older = """
            kind: persona
            id: maya
            title: Maya
            goals:
              - id: goal-cheap
                text: Fly cheaply
              - id: goal-calm
                text: Stay calm
            pains:
              - id: pain-queues
                text: Queues
            """;
        const string newer = """
            kind: persona
            id: maya
            title: Maya
            goals:
              - id: goal-calm
                text: Stay calm at the airport
              - id: goal-cheap
                text: Fly cheaply
            """;

        var changes = DocumentDiff.Compare(DocumentYaml.Read<Persona>(older), DocumentYaml.Read<Persona>(newer));

        // Two goals swapped: one of them moved, the other keeps its order (ties keep the earlier one in the newer list).
        Assert.Equal(
            [
                ("goal-calm", "goal", ElementChangeKind.Changed, "goals[1]", "goals[0]"),
                ("goal-cheap", "goal", ElementChangeKind.Moved, "goals[0]", "goals[1]"),
                ("pain-queues", "pain", ElementChangeKind.Removed, "pains[0]", null),
            ],
            changes.Elements.Select(e => (e.ElementId, e.Element, e.Change, e.OldPath, e.NewPath)));
        Assert.Equal([new FieldChange("text", "Stay calm", "Stay calm at the airport")], changes.Elements[0].Fields);
    }

    [Fact]
    public void TheTextDiffIsUnifiedHunksWithThreeLinesOfContext()
    {
        const string older = "a\nb\nc\nd\ne\nf\ng\nh\n";
        const string newer = "a\nb\nc\nd\nE\nf\ng\nh\n";

        var diff = DocumentDiff.Text(older, newer, "trip.yaml@1", "trip.yaml@2");

        // Line 5 changed: three lines of context on each side, lines 2–8 of both.
        Assert.Equal("--- trip.yaml@1\n+++ trip.yaml@2\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n", diff.ReplaceLineEndings("\n"));
        Assert.Equal("", DocumentDiff.Text(older, older, "a", "b"));
    }
}

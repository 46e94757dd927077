namespace Wayfinder.App.Tests.History;

using Wayfinder.App.History;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;

/// <summary>Three-way merges of small hand-made journeys: base is what the editor loaded, mine its edit, theirs the stored save.</summary>
public class DocumentMergeTests
{
    private const string Trip = """
        kind: journey
        id: trip
        title: A trip
        revision: 3
        tags:
          - travel
          - budget
        stages:
          - id: search
            name: Search
            steps:
              - id: compare
                name: Compare fares
              - id: pick
                name: Pick a flight
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
              - id: pain-queue
                stage: fly
                text: Long queue
          - id: feelings
            type: emotion
            items:
              - id: emotion-search
                stage: search
                score: 1
        """;

    private static Journey Read(string yaml) => DocumentYaml.Read<Journey>(yaml);

    private static Journey Edit(params (string From, string To)[] edits) =>
        Read(edits.Aggregate(Trip, (text, edit) => text.Replace(edit.From, edit.To, StringComparison.Ordinal)));

    private static Journey Theirs(params (string From, string To)[] edits) => Edit([.. edits, ("revision: 3", "revision: 4")]);

    private static string[] StageIds(Journey journey) => [.. journey.Stages.Select(s => s.Id)];

    [Fact]
    public void TwoPeopleEditingDifferentCellsOfOneJourneyKeepBothEdits()
    {
        var mine = Edit(("text: Hidden fees", "text: Fees shown late"));
        var theirs = Theirs(("score: 1", "score: 2"));

        var result = DocumentMerge.Merge(Read(Trip), mine, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal("Fees shown late", result.Merged.Lanes[0].Items[0].Text);
        Assert.Equal(2, result.Merged.Lanes[1].Items[0].Score);
        Assert.Equal(4, result.Merged.Revision);

        // Nothing else moved: the merge is theirs with mine's one cell, field for field.
        Assert.Equal(DocumentJson.Write(theirs with { Lanes = [theirs.Lanes[0] with { Items = [theirs.Lanes[0].Items[0] with { Text = "Fees shown late" }, theirs.Lanes[0].Items[1]] }, theirs.Lanes[1]] }), DocumentJson.Write(result.Merged));
    }

    [Fact]
    public void AFieldChangedOnOneSideTakesThatSideAndOneChangedAlikeOnBothIsNoConflict()
    {
        var mine = Edit(("title: A trip", "title: The trip"), ("name: Book\n", "name: Book a seat\n"));
        var theirs = Theirs(("name: Book\n", "name: Book a seat\n"), ("name: Fly\n", "name: Fly out\n"));

        var result = DocumentMerge.Merge(Read(Trip), mine, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal("The trip", result.Merged.Title);
        Assert.Equal(["Search", "Book a seat", "Fly out"], result.Merged.Stages.Select(s => s.Name));
    }

    [Fact]
    public void AFieldChangedDifferentlyOnBothSidesIsAConflictHoldingTheirsUntilResolved()
    {
        var mine = Edit(("text: Hidden fees", "text: Fees shown late"), ("title: A trip", "title: Mine"));
        var theirs = Theirs(("text: Hidden fees", "text: Surprise fees"), ("title: A trip", "title: Theirs"));

        var result = DocumentMerge.Merge(Read(Trip), mine, theirs);

        Assert.Equal(
            [
                new MergeConflict(null, "journey", "title", "", MergeConflictKind.BothChanged, "A trip", "Mine", "Theirs"),
                new MergeConflict("pain-fees", "lane_item", "text", "lanes[0].items[0]", MergeConflictKind.BothChanged, "Hidden fees", "Fees shown late", "Surprise fees"),
            ],
            result.Conflicts);
        Assert.Equal(("Theirs", "Surprise fees"), (result.Merged.Title, result.Merged.Lanes[0].Items[0].Text));

        var resolved = DocumentMerge.Resolve(result, result.Conflicts[1], MergeChoice.Mine);

        Assert.Equal([result.Conflicts[0]], resolved.Conflicts);
        Assert.Equal(("Theirs", "Fees shown late"), (resolved.Merged.Title, resolved.Merged.Lanes[0].Items[0].Text));
        Assert.Equal("Mine", DocumentMerge.Resolve(resolved, resolved.Conflicts[0], MergeChoice.Mine).Merged.Title);
        Assert.Equal(("Mine", "Fees shown late"), (DocumentMerge.ResolveAll(result, MergeChoice.Mine).Title, DocumentMerge.ResolveAll(result, MergeChoice.Mine).Lanes[0].Items[0].Text));
        Assert.Equal(("Theirs", "Surprise fees"), (DocumentMerge.ResolveAll(result, MergeChoice.Theirs).Title, DocumentMerge.ResolveAll(result, MergeChoice.Theirs).Lanes[0].Items[0].Text));
    }

    [Fact]
    public void ElementsAddedOnEitherSideAreKeptAfterTheirNeighbours()
    {
        var mine = Edit(("  - id: fly\n", "  - id: pay\n    name: Pay\n  - id: fly\n"), ("        text: Long queue\n", "        text: Long queue\n      - id: pain-seat\n        stage: fly\n        text: No seat together\n"));
        var theirs = Theirs(("  - id: fly\n", "  - id: checkin\n    name: Check in\n  - id: fly\n"), ("name: Pick a flight\n", "name: Pick a flight\n      - id: pay-card\n        name: Pay by card\n"));

        var result = DocumentMerge.Merge(Read(Trip), mine, theirs);

        // Theirs' order is kept (no side reordered); mine's "pay" follows its neighbour before it, "book", and what theirs added there.
        Assert.Empty(result.Conflicts);
        Assert.Equal(["search", "book", "checkin", "pay", "fly"], StageIds(result.Merged));
        Assert.Equal(["compare", "pick", "pay-card"], result.Merged.Stages[0].Steps.Select(s => s.Id));
        Assert.Equal(["pain-fees", "pain-queue", "pain-seat"], result.Merged.Lanes[0].Items.Select(i => i.Id));
    }

    [Fact]
    public void ElementsAddedFirstOnBothSidesStayFirstTheirsBeforeMine()
    {
        var mine = Edit(("stages:\n", "stages:\n  - id: plan\n    name: Plan\n"));
        var theirs = Theirs(("stages:\n", "stages:\n  - id: dream\n    name: Dream\n"));

        Assert.Equal(["plan", "search", "book", "fly"], StageIds(DocumentMerge.Merge(Read(Trip), mine, Theirs()).Merged));
        Assert.Equal(["dream", "plan", "search", "book", "fly"], StageIds(DocumentMerge.Merge(Read(Trip), mine, theirs).Merged));
    }

    [Fact]
    public void CellsAddedToOneLaneOnBothSidesAreAllKeptTheirsFirst()
    {
        const string queue = "        text: Long queue\n";
        var mine = Edit((queue, queue + "      - id: pain-seat\n        stage: fly\n        text: No seat together\n"));
        var theirs = Theirs((queue, queue + "      - id: pain-food\n        stage: fly\n        text: No food\n"));

        var result = DocumentMerge.Merge(Read(Trip), mine, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["pain-fees", "pain-queue", "pain-food", "pain-seat"], result.Merged.Lanes[0].Items.Select(i => i.Id));
    }

    [Fact]
    public void WhatOnlyOneSideChangedIsThatSideExactly()
    {
        var mine = Edit(("text: Hidden fees", "text: Fees shown late"), ("  - budget\n", ""));
        var theirs = Theirs(("score: 1", "score: 2"), ("  - id: fly\n    name: Fly\n", ""));

        // Nothing changed on mine: theirs. Nothing changed on theirs: mine, at theirs' revision.
        Assert.Equal(DocumentJson.Write(theirs), DocumentJson.Write(DocumentMerge.Merge(Read(Trip), Read(Trip), theirs).Merged));
        Assert.Equal(DocumentJson.Write(mine with { Revision = 4 }), DocumentJson.Write(DocumentMerge.Merge(Read(Trip), mine, Theirs()).Merged));
    }

    [Fact]
    public void AnElementAddedAlikeOnBothSidesIsKeptOnce()
    {
        var added = ("  - id: fly\n", "  - id: pay\n    name: Pay\n  - id: fly\n");

        var result = DocumentMerge.Merge(Read(Trip), Edit(added), Theirs(added));

        Assert.Empty(result.Conflicts);
        Assert.Equal(["search", "book", "pay", "fly"], StageIds(result.Merged));
    }

    [Fact]
    public void AnElementDeletedOnOneSideAndUnchangedOnTheOtherIsDeleted()
    {
        var journey = Read(Trip);
        var mine = journey with { Lanes = [journey.Lanes[0] with { Items = [journey.Lanes[0].Items[0]] }, journey.Lanes[1]] };
        var theirs = Theirs(("text: Hidden fees", "text: Surprise fees"));
        theirs = theirs with { Stages = [theirs.Stages[0] with { Steps = [theirs.Stages[0].Steps[1]] }, theirs.Stages[1], theirs.Stages[2]] };

        var result = DocumentMerge.Merge(journey, mine, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["pain-fees"], result.Merged.Lanes[0].Items.Select(i => i.Id));
        Assert.Equal("Surprise fees", result.Merged.Lanes[0].Items[0].Text);
        Assert.Equal(["pick"], result.Merged.Stages[0].Steps.Select(s => s.Id));
    }

    [Fact]
    public void AnElementDeletedOnMySideAndChangedOnTheirsIsAConflictThatKeepsTheirsUntilResolved()
    {
        var journey = Read(Trip);
        var mine = journey with { Lanes = [journey.Lanes[0] with { Items = [journey.Lanes[0].Items[1]] }, journey.Lanes[1]] };
        var theirs = Theirs(("text: Hidden fees", "text: Surprise fees"));

        var result = DocumentMerge.Merge(journey, mine, theirs);

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(
            new MergeConflict("pain-fees", "lane_item", null, "lanes[0].items[0]", MergeConflictKind.ChangedAndDeleted,
                """{"id":"pain-fees","stage":"book","text":"Hidden fees"}""", null, """{"id":"pain-fees","stage":"book","text":"Surprise fees"}"""),
            conflict);
        Assert.Equal(["pain-fees", "pain-queue"], result.Merged.Lanes[0].Items.Select(i => i.Id));
        Assert.Equal(["pain-queue"], DocumentMerge.Resolve(result, conflict, MergeChoice.Mine).Merged.Lanes[0].Items.Select(i => i.Id));
    }

    [Fact]
    public void AStageTheyDeletedWhileIChangedAStepInItIsAConflictOnTheStage()
    {
        var mine = Edit(("name: Compare fares", "name: Compare all fares"));
        var journey = Read(Trip);
        var theirs = journey with { Revision = 4, Stages = [journey.Stages[1], journey.Stages[2]] };

        var result = DocumentMerge.Merge(journey, mine, theirs);

        // The step is not a conflict of its own: it went with its stage on their side, and follows the stage's fate.
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(("search", "stage", (string?)null, "stages[0]", MergeConflictKind.ChangedAndDeleted, (string?)null), (conflict.ElementId, conflict.Element, conflict.Field, conflict.Path, conflict.Kind, conflict.Theirs));
        Assert.Equal("""{"id":"search","name":"Search","steps":[{"id":"compare","name":"Compare all fares"},{"id":"pick","name":"Pick a flight"}]}""", conflict.Mine);
        Assert.Equal(["book", "fly"], StageIds(result.Merged));

        var kept = DocumentMerge.Resolve(result, conflict, MergeChoice.Mine);

        Assert.Empty(kept.Conflicts);
        Assert.Equal(["search", "book", "fly"], StageIds(kept.Merged));
        Assert.Equal(["Compare all fares", "Pick a flight"], kept.Merged.Stages[0].Steps.Select(s => s.Name));
        Assert.Equal(DocumentJson.Write(kept.Merged), DocumentJson.Write(DocumentMerge.ResolveAll(result, MergeChoice.Mine)));
        Assert.Equal(["book", "fly"], StageIds(DocumentMerge.ResolveAll(result, MergeChoice.Theirs)));
    }

    [Fact]
    public void OnlyAConflictOfTheMergeCanBeResolved()
    {
        var result = DocumentMerge.Merge(Read(Trip), Edit(("title: A trip", "title: Mine")), Theirs(("title: A trip", "title: Theirs")));
        var stranger = result.Conflicts[0] with { Field = "owner" };

        Assert.Throws<ArgumentException>(() => DocumentMerge.Resolve(result, stranger, MergeChoice.Mine));
    }

    [Fact]
    public void AListReorderedOnOneSideOnlyTakesThatOrder()
    {
        var journey = Read(Trip);
        var mine = journey with { Stages = [journey.Stages[2], journey.Stages[0], journey.Stages[1]] };
        var theirs = Theirs(("name: Book\n", "name: Book a seat\n"));

        var result = DocumentMerge.Merge(journey, mine, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["fly", "search", "book"], StageIds(result.Merged));
        Assert.Equal("Book a seat", result.Merged.Stages[2].Name);
    }

    [Fact]
    public void AListReorderedDifferentlyOnBothSidesTakesTheirOrderWithoutAConflict()
    {
        var journey = Read(Trip);
        var mine = journey with { Stages = [journey.Stages[2], journey.Stages[0], journey.Stages[1]] };
        var theirs = journey with { Revision = 4, Stages = [journey.Stages[1], journey.Stages[0], journey.Stages[2]] };

        var result = DocumentMerge.Merge(journey, mine, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["book", "search", "fly"], StageIds(result.Merged));
    }

    [Fact]
    public void AStepMovedToAnotherStageOnOneSideMovesWhileTheOtherRenamesIt()
    {
        var journey = Read(Trip);
        var mine = journey with
        {
            Stages = [journey.Stages[0] with { Steps = [journey.Stages[0].Steps[0]] }, journey.Stages[1] with { Steps = [journey.Stages[0].Steps[1]] }, journey.Stages[2]],
        };
        var theirs = Theirs(("name: Pick a flight", "name: Pick the flight"));

        var result = DocumentMerge.Merge(journey, mine, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["compare"], result.Merged.Stages[0].Steps.Select(s => s.Id));
        Assert.Equal([("pick", "Pick the flight")], result.Merged.Stages[1].Steps.Select(s => (s.Id, s.Name)));
    }

    [Fact]
    public void PlainValueListsChangedOnBothSidesMergeAsSets()
    {
        // base [travel, budget]; mine drops budget and adds family; theirs adds holiday.
        var mine = Edit(("  - budget\n", "  - family\n"));
        var theirs = Theirs(("  - budget\n", "  - budget\n  - holiday\n"));

        var result = DocumentMerge.Merge(Read(Trip), mine, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["travel", "holiday", "family"], result.Merged.Tags);
    }

    [Fact]
    public void AnItemMyEditorAddedWithoutAnIdGetsTheIdASaveWouldGiveIt()
    {
        var journey = Read(Trip);
        var mine = journey with { Lanes = [journey.Lanes[0] with { Items = [.. journey.Lanes[0].Items, new LaneItem { Stage = "fly", Text = "Lost luggage" }] }, journey.Lanes[1]] };

        var result = DocumentMerge.Merge(journey, mine, Theirs(("score: 1", "score: 2")));

        Assert.Equal([("pain-fees", "Hidden fees"), ("pain-queue", "Long queue"), ("pain-fly-lost-luggage", "Lost luggage")], result.Merged.Lanes[0].Items.Select(i => (i.Id, i.Text)));
    }

    [Fact]
    public void DocumentsOfDifferentKindsCannotBeMerged()
    {
        var persona = new Persona { Id = "maya", Title = "Maya" };

        Assert.Throws<ArgumentException>(() => DocumentMerge.Merge<IDocument>(Read(Trip), persona, Read(Trip)));
    }
}

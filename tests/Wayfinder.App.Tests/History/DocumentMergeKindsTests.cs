namespace Wayfinder.App.Tests.History;

using Wayfinder.App.History;
using Wayfinder.App.Validation;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Workspaces;

/// <summary>Merges of personas and value gap maps, and a merged journey checked by the validator.</summary>
public class DocumentMergeKindsTests
{
    private const string Maya = """
        kind: persona
        id: maya
        title: Maya
        goals:
          - id: goal-cheap
            text: Fly cheaply
        pains:
          - id: pain-queues
            text: Queues
        channels:
          - web
        empathy_map:
          says:
            - id: says-late
              text: I am always late
        review:
          last_reviewed: 2026-01-10
          cadence_days: 90
        """;

    private const string Gaps = """
        kind: value_gap
        id: gaps
        title: Gaps
        persona: maya
        competitors:
          - acme
          - globex
        needs:
          - id: need-price
            text: Low price
            ours: 2
            ratings:
              acme: 2
          - id: need-speed
            text: Speed
            ours: 4
        """;

    private static string Replace(string text, params (string From, string To)[] edits) =>
        edits.Aggregate(text, (t, e) => t.Replace(e.From, e.To, StringComparison.Ordinal));

    [Fact]
    public void APersonasTraitsNeedsAndEmpathyMapMergePerElementAndItsReviewPerKey()
    {
        var mine = DocumentYaml.Read<Persona>(Replace(Maya,
            ("text: Fly cheaply", "text: Fly as cheaply as possible"),
            ("      text: I am always late\n", "      text: I am always late\n    - id: says-seat\n      text: Where do I sit?\n"),
            ("cadence_days: 90", "cadence_days: 30")));
        var theirs = DocumentYaml.Read<Persona>(Replace(Maya,
            ("    text: Queues\n", "    text: Queues\n  - id: pain-fees\n    text: Fees\n"),
            ("last_reviewed: 2026-01-10", "last_reviewed: 2026-02-01"),
            ("  - web\n", "  - web\n  - app\n")));

        var result = DocumentMerge.Merge(DocumentYaml.Read<Persona>(Maya), mine, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["Fly as cheaply as possible"], result.Merged.Goals.Select(g => g.Text));
        Assert.Equal(["pain-queues", "pain-fees"], result.Merged.Pains.Select(p => p.Id));
        Assert.Equal(["says-late", "says-seat"], result.Merged.EmpathyMap!.Says.Select(s => s.Id));
        Assert.Equal(["web", "app"], result.Merged.Channels);
        Assert.Equal(new Review { LastReviewed = new DateOnly(2026, 2, 1), CadenceDays = 30 }, result.Merged.Review);
    }

    [Fact]
    public void AValueGapNeedsRatingsMergePerCompetitorAndConflictOnOne()
    {
        var mine = DocumentYaml.Read<ValueGapMap>(Replace(Gaps, ("      acme: 2\n", "      acme: 2\n      globex: 4\n"), ("ours: 2", "ours: 3")));
        var theirs = DocumentYaml.Read<ValueGapMap>(Replace(Gaps, ("acme: 2", "acme: 3"), ("text: Speed", "text: Fast delivery")));

        var result = DocumentMerge.Merge(DocumentYaml.Read<ValueGapMap>(Gaps), mine, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(3, result.Merged.Needs[0].Ours);
        Assert.Equal(new Dictionary<string, double> { ["acme"] = 3, ["globex"] = 4 }, result.Merged.Needs[0].Ratings);
        Assert.Equal("Fast delivery", result.Merged.Needs[1].Text);

        var clash = DocumentMerge.Merge(DocumentYaml.Read<ValueGapMap>(Gaps), DocumentYaml.Read<ValueGapMap>(Replace(Gaps, ("acme: 2", "acme: 1"))), theirs);

        Assert.Equal([new MergeConflict("need-price", "need", "ratings.acme", "needs[0]", MergeConflictKind.BothChanged, "2", "1", "3")], clash.Conflicts);
        Assert.Equal(3, clash.Merged.Needs[0].Ratings["acme"]);
        Assert.Equal(1, DocumentMerge.ResolveAll(clash, MergeChoice.Mine).Needs[0].Ratings["acme"]);
    }

    [Fact]
    public void AMergeOfTwoValidJourneysPassesTheValidatorLikeThem()
    {
        const string config = "name: Skyways\nchannels:\n  - id: web\n    name: Website\n";
        const string trip = """
            kind: journey
            id: trip
            title: A trip
            revision: 1
            stages:
              - id: search
                name: Search
              - id: book
                name: Book
            lanes:
              - id: pains
                type: pain_points
                items:
                  - id: pain-fees
                    stage: book
                    text: Hidden fees
              - id: touch
                type: touchpoints
                items:
                  - id: touchpoint-site
                    stage: search
                    channel: web
                    text: Site
            """;

        // Mine adds a stage and a pain on it; theirs adds another stage and a touchpoint on it, and renames one.
        var mine = Replace(trip,
            ("    name: Book\n", "    name: Book\n  - id: pay\n    name: Pay\n"),
            ("        text: Hidden fees\n", "        text: Hidden fees\n      - id: pain-card\n        stage: pay\n        text: Card refused\n"));
        var theirs = Replace(trip,
            ("revision: 1", "revision: 2"),
            ("    name: Search\n", "    name: Search\n  - id: compare\n    name: Compare\n"),
            ("        text: Site", "        text: Site\n      - id: touchpoint-grid\n        stage: compare\n        channel: web\n        text: Fare grid"),
            ("name: Book\n", "name: Book a seat\n"));
        var merged = DocumentMerge.Merge(DocumentYaml.Read<Journey>(trip), DocumentYaml.Read<Journey>(mine), DocumentYaml.Read<Journey>(theirs));

        Assert.Empty(merged.Conflicts);
        Assert.Equal(["search", "compare", "book", "pay"], merged.Merged.Stages.Select(s => s.Id));
        Assert.Equal((0, 0, 0, 0), (Errors(config, trip), Errors(config, mine), Errors(config, theirs), Errors(config, DocumentYaml.Write(merged.Merged))));
    }

    private static int Errors(string config, string journey)
    {
        var (workspace, read) = WorkspaceLoader.Read("skyways", "memory", config, [new WorkspaceFile("journeys/trip.yaml", journey)]);
        var check = new ValidationService().Validate(workspace, read);
        Assert.Contains(workspace.Journeys, j => j.Document.Id == "trip");
        return check.Errors;
    }
}

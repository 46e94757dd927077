namespace Wayfinder.App.Tests.History;

using Wayfinder.App.History;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;

/// <summary>Documents whose YAML has list keys with nothing after them (<c>pains:</c>, <c>items:</c>) diff and merge like any other.</summary>
public class EmptyListKeyHistoryTests
{
    private const string Persona = """
        kind: persona
        id: maya
        title: Maya
        tags:
        goals:
        pains:
        channels:
        empathy_map:
          says:
        """;

    private const string Journey = """
        kind: journey
        id: trip
        title: A trip
        stages:
          - id: search
            name: Search
            steps:
        lanes:
          - id: pains
            type: pain_points
            items:
        """;

    private const string ValueGap = """
        kind: value_gap
        id: gaps
        title: Gaps
        persona: maya
        competitors:
        needs:
          - id: need-price
            text: Low price
            ratings:
            evidence:
        """;

    [Fact]
    public void APersonaWithEmptyListKeysDiffsAndMerges()
    {
        var empty = DocumentYaml.Read<Persona>(Persona);
        var mine = DocumentYaml.Read<Persona>(Persona.Replace("pains:\n", "pains:\n  - id: pain-queues\n    text: Queues\n", StringComparison.Ordinal));
        var theirs = DocumentYaml.Read<Persona>(Persona.Replace("  says:", "  says:\n    - id: says-late\n      text: Late again", StringComparison.Ordinal));

        Assert.Empty(DocumentDiff.Compare(empty, empty).Elements);
        Assert.Equal([("pain-queues", ElementChangeKind.Added, "pains[0]")], DocumentDiff.Compare(empty, mine).Elements.Select(e => (e.ElementId, e.Change, e.NewPath)));

        var result = DocumentMerge.Merge(empty, mine, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["pain-queues"], result.Merged.Pains.Select(p => p.Id));
        Assert.Equal(["says-late"], result.Merged.EmpathyMap!.Says.Select(s => s.Id));
        Assert.Empty(DocumentMerge.Merge(empty, empty, empty).Merged.Goals);
    }

    [Fact]
    public void AJourneyWithAnEmptyLaneAndStepsDiffsAndMerges()
    {
        var empty = DocumentYaml.Read<Journey>(Journey);
        var mine = DocumentYaml.Read<Journey>(Journey.Replace("    items:", "    items:\n      - id: pain-fees\n        stage: search\n        text: Fees", StringComparison.Ordinal));
        var theirs = DocumentYaml.Read<Journey>(Journey.Replace("    steps:", "    steps:\n      - id: compare\n        name: Compare", StringComparison.Ordinal));

        Assert.Empty(DocumentDiff.Compare(empty, empty).Elements);
        Assert.Equal([("pain-fees", ElementChangeKind.Added, "lanes[0].items[0]")], DocumentDiff.Compare(empty, mine).Elements.Select(e => (e.ElementId, e.Change, e.NewPath)));

        var result = DocumentMerge.Merge(empty, mine, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["pain-fees"], result.Merged.Lanes[0].Items.Select(i => i.Id));
        Assert.Equal(["compare"], result.Merged.Stages[0].Steps.Select(s => s.Id));
    }

    [Fact]
    public void AValueGapMapWithEmptyRatingsDiffsAndMerges()
    {
        var empty = DocumentYaml.Read<ValueGapMap>(ValueGap);
        var mine = DocumentYaml.Read<ValueGapMap>(ValueGap.Replace("    ratings:", "    ratings:\n      acme: 4", StringComparison.Ordinal));
        var theirs = DocumentYaml.Read<ValueGapMap>(ValueGap.Replace("competitors:", "competitors:\n  - acme", StringComparison.Ordinal));

        Assert.Empty(DocumentDiff.Compare(empty, empty).Elements);
        Assert.Equal([new FieldChange("ratings", null, """{"acme":4}""")], Assert.Single(DocumentDiff.Compare(empty, mine).Elements).Fields);

        var result = DocumentMerge.Merge(empty, mine, theirs);

        Assert.Empty(result.Conflicts);
        Assert.Equal(["acme"], result.Merged.Competitors);
        Assert.Equal(new Dictionary<string, double> { ["acme"] = 4 }, result.Merged.Needs[0].Ratings);
    }
}

namespace Wayfinder.Web.Components.Home;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>How much of a document cites evidence: of its items (a map's cards, a persona's traits, a value gap map's needs), those that do.</summary>
public readonly record struct Coverage(int Covered, int Total)
{
    /// <summary>The covered share in whole percent (0 for a document with no items).</summary>
    public int Percent => Total == 0 ? 0 : (int)Math.Round(100.0 * Covered / Total, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Evidence coverage, graded as the renderings grade each item (<see cref="EvidenceGrading"/>): an item is covered when one
/// of its citations resolves (it is no assumption). A persona's items are the traits <c>wayfinder gaps</c> checks.
/// </summary>
public static class EvidenceCoverage
{
    public static Coverage Of(IDocument document, Workspace workspace) => document switch
    {
        Journey journey => Count(journey.Lanes.Where(l => l.Type is not (LaneType.Emotion or LaneType.Images)).SelectMany(l => l.Items).Select(i => i.Evidence), journey.Evidence, workspace),
        Persona persona => Count(Traits(persona), persona.Evidence, workspace),
        ValueGapMap map => Count(map.Needs.Select(n => n.Evidence), map.Evidence, workspace),
        _ => default,
    };

    /// <summary>The whole workspace's coverage: every document's items together.</summary>
    public static Coverage Sum(IEnumerable<Coverage> coverages) =>
        coverages.Aggregate(default(Coverage), (sum, c) => new Coverage(sum.Covered + c.Covered, sum.Total + c.Total));

    private static IEnumerable<List<string>> Traits(Persona persona) =>
        persona.Goals.Concat(persona.Motivations).Concat(persona.Pains).Concat(persona.Gains).Concat(persona.Behaviours).Select(t => t.Evidence)
            .Concat(persona.Needs.Select(n => n.Evidence))
            .Concat(persona.Jobs.Select(j => j.Evidence));

    private static Coverage Count(IEnumerable<List<string>> citations, List<EvidenceLink> documentEvidence, Workspace workspace)
    {
        var (covered, total) = (0, 0);
        foreach (var cited in citations)
        {
            total++;
            if (EvidenceGrading.Grade(cited, documentEvidence, workspace.Config.Evidence) != EvidenceGrade.Assumption)
            {
                covered++;
            }
        }

        return new Coverage(covered, total);
    }
}

namespace Wayfinder.Core.Documents;

/// <summary>Grades an item by the distinct kinds of evidence it cites.</summary>
public static class EvidenceGrading
{
    /// <summary>
    /// No citation that resolves: assumption; citations of one kind: one source; two or more kinds: several sources.
    /// Citations are resolved against the document's evidence first, then the workspace's.
    /// </summary>
    public static EvidenceGrade Grade(IEnumerable<string> citations, IEnumerable<EvidenceLink> documentEvidence, IEnumerable<EvidenceLink>? workspaceEvidence = null)
    {
        var known = new Dictionary<string, EvidenceKind>(StringComparer.Ordinal);
        foreach (var link in (workspaceEvidence ?? []).Concat(documentEvidence))
        {
            known[link.Id] = link.Kind;
        }

        var kinds = citations.Where(known.ContainsKey).Select(c => known[c]).Distinct().Count();
        return kinds switch
        {
            0 => EvidenceGrade.Assumption,
            1 => EvidenceGrade.OneSource,
            _ => EvidenceGrade.SeveralSources,
        };
    }
}

namespace Wayfinder.Drafting.Enrich;

using Wayfinder.Core.Documents;

/// <summary>What a proposal adds to a map.</summary>
public enum ProposalKind
{
    /// <summary>A touchpoint for frequent events no touchpoint of the map counts.</summary>
    Touchpoint,

    /// <summary>A pain point from a research insight or from low satisfaction in surveys.</summary>
    PainPoint,

    /// <summary>A pain point where the data shows customers stuck (stranded or dropping off).</summary>
    StuckStage,

    /// <summary>A KPI for a stage that has none.</summary>
    Kpi,
}

/// <summary>
/// One proposed change to a map: an item added to a lane of a stage (the lane is created when the map has none of
/// that type), with the reason in plain words and the source it comes from. Numbers start at 1 and are stable for the
/// same map and data, so <c>wayfinder suggest JOURNEY --apply 2,3</c> applies what the listing showed.
/// </summary>
/// <param name="Source">Where it comes from, e.g. "events: checkout_error (1,240 events, 310 customers)" or "insight ins-12".</param>
/// <param name="Evidence">An evidence link the item cites, added to the map's evidence when it has none of that id.</param>
public sealed record Proposal(int Number, ProposalKind Kind, string StageId, LaneType Lane, LaneItem Item, string Reason, string Source, EvidenceLink? Evidence = null)
{
    /// <summary>One line: what is added where.</summary>
    public string Summary => $"{Kind switch
    {
        ProposalKind.Touchpoint => "touchpoint",
        ProposalKind.PainPoint => "pain point",
        ProposalKind.StuckStage => "pain point",
        _ => "KPI",
    }} in {StageId}: {Item.Text ?? Item.Metric}";
}

/// <summary>How listing proposals ended.</summary>
public enum SuggestOutcome
{
    Proposed,

    /// <summary>No journey of that id.</summary>
    NotFound,
}

/// <param name="Revision">The journey's revision the proposals were made for.</param>
public sealed record SuggestResult(SuggestOutcome Outcome, IReadOnlyList<Proposal> Proposals, int Revision)
{
    /// <summary>The journey's ids of the workspace (for "did you mean").</summary>
    public IReadOnlyList<string> Known { get; init; } = [];
}

/// <summary>How applying proposals ended.</summary>
public enum ApplyOutcome
{
    Applied,
    NotFound,

    /// <summary>A number that is not a proposal; <see cref="ApplyResult.Unknown"/> lists them. Nothing was written.</summary>
    UnknownNumber,

    /// <summary>The journey changed since the proposals were listed (revision differs). Nothing was written.</summary>
    Changed,

    /// <summary>The map with the proposals would not validate; <see cref="ApplyResult.Diagnostics"/> says why. Nothing was written.</summary>
    Invalid,
}

public sealed record ApplyResult(ApplyOutcome Outcome)
{
    public App.Documents.StoredDocument? Document { get; init; }
    public IReadOnlyList<Proposal> Applied { get; init; } = [];
    public IReadOnlyList<int> Unknown { get; init; } = [];
    public IReadOnlyList<Core.Validation.Diagnostic> Diagnostics { get; init; } = [];
}

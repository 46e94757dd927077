namespace Wayfinder.Drafting.Offline;

using Wayfinder.Core.Documents;
using Wayfinder.Drafting.Answers;
using Wayfinder.Drafting.Discovery;

/// <summary>A stage of the offline draft while it is composed: what it came from, the words things are placed by, and its items.</summary>
internal sealed class DraftSlot
{
    public required string Name { get; init; }

    public required string Goal { get; init; }

    /// <summary>The template stage it is named after (null: a discovered stage no template stage fits).</summary>
    public Stage? Template { get; init; }

    /// <summary>The discovered stage it is (null when drafting without data).</summary>
    public DiscoveredStage? Discovered { get; init; }

    /// <summary>The stems persona traits are matched against (<see cref="OfflineWords"/>).</summary>
    public required HashSet<string> Words { get; init; }

    /// <summary>The stage id the mapping will give it (ids from names, unique).</summary>
    public string Id { get; set; } = "";

    /// <summary>The name of the earlier stage it loops back to.</summary>
    public string? LoopsTo { get; set; }

    public List<string> Steps { get; } = [];

    public List<DraftTouchpoint> Touchpoints { get; } = [];

    public List<DraftText> Actions { get; } = [];

    public List<DraftText> Thoughts { get; } = [];

    public List<DraftPain> Pains { get; } = [];

    public List<DraftOpportunity> Opportunities { get; } = [];

    public DraftStage ToStage(DraftEmotion emotion, List<DraftKpi> kpis) => new()
    {
        Name = Name,
        Goal = Goal,
        LoopsTo = LoopsTo,
        Steps = [.. Steps],
        Touchpoints = [.. Touchpoints],
        Actions = [.. Actions],
        Questions = [],
        Thoughts = [.. Thoughts],
        Emotion = emotion,
        PainPoints = [.. Pains],
        Opportunities = [.. Opportunities],
        Kpis = kpis,
    };
}

namespace Wayfinder.Core.Documents;

/// <summary>Whether a map shows the journey as it is today or as it should become.</summary>
public enum JourneyState
{
    Current,
    Future,
}

/// <summary>Whose journey a map shows: ours, or a competitor's.</summary>
public enum SubjectKind
{
    Brand,
    Competitor,
}

public sealed record Subject
{
    public SubjectKind Kind { get; init; } = SubjectKind.Brand;

    /// <summary>The competitor's id from <c>wayfinder.yaml</c> when <see cref="Kind"/> is competitor.</summary>
    public string? Competitor { get; init; }
}

/// <summary>The journey's time frame: named phases grouping stages, and/or an overall span ("6 weeks").</summary>
public sealed record Timeline
{
    public string? Span { get; init; }
    public List<Phase> Phases { get; init; } = [];
}

public sealed record Phase
{
    public required string Name { get; init; }
    public List<string> Stages { get; init; } = [];
}

/// <summary>One customer's (or several roles') experience over time.</summary>
public sealed record Journey : IDocument
{
    public DocumentKind Kind { get; init; } = DocumentKind.Journey;
    public required string Id { get; init; }
    public required string Title { get; init; }
    public List<string> Tags { get; init; } = [];
    public string? Owner { get; init; }
    public int Revision { get; init; }

    public string? BusinessGoal { get; init; }

    /// <summary>Persona ids; the first is the primary persona, the others are e.g. B2B buying roles.</summary>
    public List<string> Personas { get; init; } = [];
    public string? Scenario { get; init; }

    /// <summary>An accessible title for renderings when it should differ from <see cref="Title"/> (Mermaid's <c>accTitle</c>).</summary>
    public string? AccessibleTitle { get; init; }

    /// <summary>An accessible description of the whole map for screen readers (Mermaid's <c>accDescr</c>).</summary>
    public string? AccessibleDescription { get; init; }
    public JourneyState State { get; init; } = JourneyState.Current;

    /// <summary>For a future map, the id of the current map it improves on.</summary>
    public string? CurrentMap { get; init; }
    public Timeline? Timeline { get; init; }
    public Subject? Subject { get; init; }

    public List<Stage> Stages { get; init; } = [];
    public List<Lane> Lanes { get; init; } = [];
    public List<EvidenceLink> Evidence { get; init; } = [];
    public Review? Review { get; init; }

    /// <summary>Who drafted the map, with what and when, while it is a draft (it also carries the tag <c>drafted</c>).</summary>
    public DraftNote? Draft { get; init; }
    public List<Comment> Comments { get; init; } = [];
}

/// <summary>
/// How a drafted map was made: which drafter (<c>data</c>, <c>model</c> or <c>offline</c>), the language model when
/// one wrote it, the day, and a note in plain words (what it was drafted from, what to check). Remove it, and the
/// <c>drafted</c> tag, once the team has reviewed the map.
/// </summary>
public sealed record DraftNote
{
    public required string Drafter { get; init; }
    public string? Model { get; init; }
    public DateOnly? Date { get; init; }
    public string? Note { get; init; }
}

/// <summary>A stage, named for the customer's goal; optionally split into steps.</summary>
public sealed record Stage
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>The customer's goal in this stage ("I want to know my options").</summary>
    public string? Goal { get; init; }
    public string? Description { get; init; }
    public List<Step> Steps { get; init; } = [];

    /// <summary>An earlier stage this one may loop back to (cyclical behaviour).</summary>
    public string? LoopsTo { get; init; }

    /// <summary>The id of a more detailed journey that this stage opens.</summary>
    public string? SubJourney { get; init; }
}

/// <summary>A step within a stage. Steps run in order unless <see cref="Next"/> says otherwise (branches that rejoin).</summary>
public sealed record Step
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>The steps that may follow this one; two or more make a branch (alternative paths).</summary>
    public List<string> Next { get; init; } = [];

    /// <summary>A label for the alternative path this step belongs to, e.g. "app" or "desk".</summary>
    public string? Branch { get; init; }
    public string? SubJourney { get; init; }
}

/// <summary>The kinds of swimlane a journey map can hold.</summary>
public enum LaneType
{
    Goals,
    Actions,
    Questions,
    Thoughts,
    Touchpoints,
    Channels,
    Emotion,
    PainPoints,
    Opportunities,
    Ideas,
    Kpis,
    Metrics,
    Backstage,
    Roles,
    Images,
}

/// <summary>A typed, ordered row of the map holding items keyed by stage (and optionally step).</summary>
public sealed record Lane
{
    public required string Id { get; init; }
    public required LaneType Type { get; init; }

    /// <summary>Display name; defaults to the lane type's name.</summary>
    public string? Name { get; init; }
    public List<LaneItem> Items { get; init; } = [];
}

/// <summary>KPI status against its target.</summary>
public enum KpiStatus
{
    DoesNotMeet,
    Meets,
    Exceeds,
}

/// <summary>Where an opportunity stands.</summary>
public enum OpportunityStatus
{
    Idea,
    Planned,
    InProgress,
    Done,
    Dropped,
}

/// <summary>
/// One card in a lane cell. Which fields apply depends on the lane type: a touchpoint has a channel,
/// owner and events; an emotion a score; a KPI a metric, target, actual and status; an opportunity
/// its owner, status and priority inputs; a role a persona; an image a source.
/// </summary>
public sealed record LaneItem
{
    public string? Id { get; init; }
    public required string Stage { get; init; }
    public string? Step { get; init; }
    public string? Text { get; init; }

    // Touchpoints (and channel lanes)
    public string? Channel { get; init; }
    public string? Owner { get; init; }
    public List<EventMatcher> Events { get; init; } = [];

    // Emotion
    public double? Score { get; init; }

    // KPIs and metrics
    public string? Metric { get; init; }
    public string? Target { get; init; }
    public string? Actual { get; init; }
    public KpiStatus? Status { get; init; }

    // Opportunities
    public OpportunityStatus? OpportunityStatus { get; init; }
    public int? CustomerValue { get; init; }
    public int? BusinessValue { get; init; }
    public int? Effort { get; init; }

    /// <summary>For opportunities: ids of the pain points they address.</summary>
    public List<string> Addresses { get; init; } = [];

    // Roles
    public string? Persona { get; init; }

    // Images
    public string? Src { get; init; }
    public string? Alt { get; init; }

    public List<string> Evidence { get; init; } = [];
    public List<Comment> Comments { get; init; } = [];
}

/// <summary>An event name (exact, or with <c>*</c> and <c>?</c> wildcards) and an optional filter on its properties.</summary>
public sealed record EventMatcher
{
    public required string Name { get; init; }
    public string? Where { get; init; }

    public static implicit operator EventMatcher(string name) => new() { Name = name };

    public static EventMatcher FromString(string name) => new() { Name = name };
}

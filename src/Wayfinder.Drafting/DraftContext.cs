namespace Wayfinder.Drafting;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Templates;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;
using Wayfinder.Drafting.Answers;
using Wayfinder.Drafting.Discovery;
using Wayfinder.Evidence.Surveys;

/// <summary>Which drafter writes a draft.</summary>
public enum DrafterChoice
{
    /// <summary>The language model when an endpoint is configured, else the offline drafter.</summary>
    Auto,

    /// <summary>The deterministic drafter: templates, the persona and the discovered structure; no model.</summary>
    Offline,

    /// <summary>A language model over an OpenAI-compatible endpoint; an error when none is configured.</summary>
    Model,
}

/// <summary>What to draft: <c>wayfinder draft ID --persona P --scenario "…" --goal "…" [--template T] [--from-data] [--model M]</c>.</summary>
public sealed record DraftRequest
{
    /// <summary>The new journey's id (a slug; the file is journeys/ID.yaml).</summary>
    public required string Id { get; init; }

    /// <summary>The title; null lets the drafter propose one.</summary>
    public string? Title { get; init; }

    /// <summary>The primary persona's id; null drafts for all customers with no persona.</summary>
    public string? Persona { get; init; }

    /// <summary>The situation, e.g. "first international flight".</summary>
    public required string Scenario { get; init; }

    /// <summary>The business goal, e.g. "more first-time flyers book again".</summary>
    public required string Goal { get; init; }

    /// <summary>The journey template whose stage set the draft starts from; null: the default template.</summary>
    public string? Template { get; init; }

    /// <summary>Discover the journey in the imported events first and draft from what customers do.</summary>
    public bool FromData { get; init; }

    /// <summary>With <see cref="FromData"/>: only paths from this event on.</summary>
    public string? StartEvent { get; init; }

    /// <summary>With <see cref="FromData"/>: only paths up to this event.</summary>
    public string? GoalEvent { get; init; }

    public DrafterChoice Drafter { get; init; } = DrafterChoice.Auto;

    /// <summary>The model name, overriding the configured one (and choosing the model drafter).</summary>
    public string? Model { get; init; }
}

/// <summary>
/// Everything a drafter may use, gathered once by <see cref="DraftingService"/>: the request, the persona, the template's
/// stage set, the workspace's channel and persona ids, the discovered structure and the research insights.
/// </summary>
public sealed record DraftContext
{
    public required DraftRequest Request { get; init; }

    /// <summary>The primary persona, when the request names one that exists.</summary>
    public Persona? Persona { get; init; }

    public required JourneyTemplate Template { get; init; }

    /// <summary>The template's sample map (its stages are the stage set offered to the drafter).</summary>
    public required Journey TemplateJourney { get; init; }

    public required IReadOnlyList<Channel> Channels { get; init; }

    public required IReadOnlyList<string> PersonaIds { get; init; }

    /// <summary>What the data shows customers do, when <see cref="DraftRequest.FromData"/> and events exist.</summary>
    public DiscoveredJourney? Discovered { get; init; }

    /// <summary>The workspace's research insights (for the persona when one is given), in stored order.</summary>
    public IReadOnlyList<Insight> Insights { get; init; } = [];

    public required DateOnly Today { get; init; }
}

/// <summary>Maps an answer to the journey it makes and validates it as a file would be: the problems, with paths in the answer's terms.</summary>
public delegate Task<IReadOnlyList<Diagnostic>> DraftCheck(DraftAnswer answer, CancellationToken cancellationToken);

/// <summary>Why a drafter gave no usable answer.</summary>
public enum DraftFailureKind
{
    /// <summary>No endpoint or model is configured.</summary>
    NotConfigured,

    /// <summary>The endpoint cannot be reached.</summary>
    Unreachable,

    TimedOut,

    /// <summary>The model refused, or the endpoint refused the request (credentials, quota, content policy).</summary>
    Refused,

    /// <summary>The answer is not a readable draft (not JSON, not the draft shape), also after the retry.</summary>
    Unusable,

    /// <summary>The answer maps to a journey that does not validate, also after the retry.</summary>
    Invalid,
}

/// <summary>A drafter's failure, in plain words (never a stack trace, never a credential).</summary>
public sealed record DraftFailure(DraftFailureKind Kind, string Message)
{
    /// <summary>The validation problems of the last answer, for <see cref="DraftFailureKind.Invalid"/>.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];
}

/// <summary>What a drafter wrote: an answer, or why there is none.</summary>
/// <param name="Drafter">"offline" or "model".</param>
/// <param name="Model">The model that wrote it, when one did.</param>
/// <param name="Attempts">How many answers were asked for (2 when the first was sent back with its problems).</param>
public sealed record DrafterOutput(string Drafter, string? Model, DraftAnswer? Answer, DraftFailure? Failure, int Attempts = 1);

/// <summary>Progress of a draft, for a progress display: what is happening, in plain words.</summary>
public sealed record DraftProgress(string Message);

/// <summary>A way to write a draft.</summary>
public interface IJourneyDrafter
{
    /// <summary>"offline" or "model": said in the draft note and in every message.</summary>
    string Name { get; }

    /// <summary>
    /// Writes a draft answer for <paramref name="context"/>. A drafter that can correct itself (the model) checks its
    /// answer with <paramref name="check"/> and, when there are problems, tries once more with them.
    /// </summary>
    Task<DrafterOutput> DraftAsync(DraftContext context, DraftCheck check, IProgress<DraftProgress>? progress, CancellationToken cancellationToken);
}

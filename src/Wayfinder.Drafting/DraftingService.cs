namespace Wayfinder.Drafting;

using System.Globalization;
using Wayfinder.App.Documents;
using Wayfinder.App.Validation;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Templates;
using Wayfinder.Core.Validation;
using Wayfinder.Drafting.Answers;
using Wayfinder.Drafting.Discovery;
using Wayfinder.Drafting.Model;
using Wayfinder.Drafting.Offline;
using Wayfinder.Evidence.Surveys;

/// <summary>How drafting a journey ended.</summary>
public enum DraftOutcome
{
    Created,

    /// <summary>The id is not a slug; <see cref="DraftResult.Suggestion"/> is one.</summary>
    InvalidId,

    /// <summary>A journey of that id exists (<see cref="DraftResult.File"/>); nothing was written.</summary>
    Exists,

    /// <summary>No journey template of that id; <see cref="DraftResult.Known"/> lists them.</summary>
    UnknownTemplate,

    /// <summary>No persona of that id; <see cref="DraftResult.Known"/> lists the workspace's personas.</summary>
    UnknownPersona,

    /// <summary>Drafting from data, and no events are imported (or none for the persona's segment).</summary>
    NoEvents,

    /// <summary>The start or goal event is not in the data; <see cref="DraftResult.Known"/> lists the event names.</summary>
    UnknownEvent,

    /// <summary>The drafter gave no usable draft (<see cref="DraftResult.Failure"/> says why); nothing was written.</summary>
    Failed,
}

/// <summary>The result of drafting: the saved journey, which drafter wrote it, or why nothing was written.</summary>
public sealed record DraftResult(DraftOutcome Outcome)
{
    public StoredDocument? Document { get; init; }
    public Journey? Journey { get; init; }

    /// <summary>"offline" or "model".</summary>
    public string? Drafter { get; init; }
    public string? Model { get; init; }
    public int Attempts { get; init; }
    public DraftFailure? Failure { get; init; }
    public DiscoveredJourney? Discovered { get; init; }
    public string? Suggestion { get; init; }
    public string? File { get; init; }
    public IReadOnlyList<string> Known { get; init; } = [];

    /// <summary>Validation warnings of the saved draft (errors never reach a saved draft).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];
}

/// <summary>
/// Drafts a journey for a persona, scenario and goal: gathers the context (template, persona, channels, discovered
/// structure, insights), lets the chosen drafter write an answer, maps it to a journey, validates it as a file, and
/// saves it only when it is valid: nothing is half-written.
/// </summary>
public sealed class DraftingService(JourneyDiscovery discovery, OfflineDrafter offline, ModelDrafter model, SaveCheckService saveCheck, TimeProvider clock)
{
    /// <summary>Whether <see cref="DrafterChoice.Auto"/> would use the language model.</summary>
    public bool ModelConfigured => model.Settings.IsConfigured;

    public Task<DraftResult> DraftAsync(WorkspaceStores workspace, DraftRequest request, IProgress<DraftProgress>? progress = null, string? author = null, CancellationToken cancellationToken = default) =>
        DraftAsync(workspace, request, discoveredAlready: null, progress, author, cancellationToken);

    /// <summary>As the public overload, over a discovered journey given (tests: a structure built by hand) instead of one found in the events.</summary>
    internal async Task<DraftResult> DraftAsync(WorkspaceStores workspace, DraftRequest request, DiscoveredJourney? discoveredAlready, IProgress<DraftProgress>? progress, string? author, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(request);
        if (!Slug.IsValid(request.Id))
        {
            return new DraftResult(DraftOutcome.InvalidId) { Suggestion = Slug.From(request.Id) is { Length: > 0 } s ? s : "my-journey" };
        }

        var (loaded, _) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (loaded.Find(DocumentKind.Journey, request.Id) is { } existing)
        {
            return new DraftResult(DraftOutcome.Exists) { File = existing.File };
        }

        var templateId = request.Template ?? TemplateCatalog.DefaultJourney;
        if (TemplateCatalog.FindJourney(templateId) is not { } template)
        {
            return new DraftResult(DraftOutcome.UnknownTemplate) { Known = [.. TemplateCatalog.Journeys.Select(t => t.Id)] };
        }

        Persona? persona = null;
        if (request.Persona is { } personaId && (persona = loaded.FindPersona(personaId)) is null)
        {
            return new DraftResult(DraftOutcome.UnknownPersona) { Known = [.. loaded.Personas.Select(p => p.Document.Id)] };
        }

        var discovered = discoveredAlready;
        if (discovered is null && request.FromData)
        {
            progress?.Report(new DraftProgress("discovering the journey in the events"));
            var found = await discovery.DiscoverAsync(workspace, new DiscoveryRequest { Segment = persona?.Segment, StartEvent = request.StartEvent, GoalEvent = request.GoalEvent }, cancellationToken).ConfigureAwait(false);
            switch (found.Outcome)
            {
                case DiscoveryOutcome.NoEvents:
                    return new DraftResult(DraftOutcome.NoEvents);
                case DiscoveryOutcome.UnknownEvent:
                    return new DraftResult(DraftOutcome.UnknownEvent) { Known = found.Known };
                default:
                    discovered = found.Journey;
                    break;
            }
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var context = new DraftContext
        {
            Request = request,
            Persona = persona,
            Template = template,
            TemplateJourney = template.Create(request.Id, request.Title ?? template.Name),
            Channels = loaded.Config.Channels,
            PersonaIds = [.. loaded.Personas.Select(p => p.Document.Id)],
            Discovered = discovered,
            Insights = await InsightsAsync(workspace, persona, cancellationToken).ConfigureAwait(false),
            Today = today,
        };

        IJourneyDrafter drafter = UsesModel(request) ? model : offline;
        progress?.Report(new DraftProgress(drafter == model ? $"asking {model.Settings with { Model = request.Model ?? model.Settings.Model }} for a draft" : "composing the draft offline"));
        async Task<IReadOnlyList<Diagnostic>> Check(DraftAnswer answer, CancellationToken token)
        {
            var mapped = DraftMapping.ToJourney(answer, context, Note(context, drafter.Name, request.Model ?? model.Settings.Model, answer));
            return await ProblemsAsync(workspace, mapped, token).ConfigureAwait(false);
        }

        var output = await drafter.DraftAsync(context, Check, progress, cancellationToken).ConfigureAwait(false);
        var result = new DraftResult(DraftOutcome.Failed) { Drafter = output.Drafter, Model = output.Model, Attempts = output.Attempts, Discovered = discovered };
        if (output.Answer is not { } final)
        {
            return result with { Failure = output.Failure ?? new DraftFailure(DraftFailureKind.Unusable, "the drafter gave no answer") };
        }

        var draft = DraftMapping.ToJourney(final, context, Note(context, output.Drafter, output.Model, final));
        var problems = await ProblemsAsync(workspace, draft, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            return result with
            {
                Failure = new DraftFailure(DraftFailureKind.Invalid, $"the {output.Drafter} drafter's answer does not make a valid journey ({Plural(problems.Count, "problem")}); nothing was written") { Diagnostics = problems },
            };
        }

        var saved = await workspace.Documents.SaveAsync(draft.Journey, expectedRevision: null, new SaveInfo(author, $"drafted by the {output.Drafter} drafter"), cancellationToken).ConfigureAwait(false);
        if (!saved.Succeeded)
        {
            return new DraftResult(DraftOutcome.Exists) { File = DocumentSaving.NewFile(DocumentKind.Journey, request.Id) };
        }

        var check = await saveCheck.CheckAsync(workspace.Documents, draft.Journey, cancellationToken).ConfigureAwait(false);
        return result with
        {
            Outcome = DraftOutcome.Created,
            Document = saved.Document,
            Journey = draft.Journey,
            Warnings = [.. check.Diagnostics.Where(d => d.Severity == Severity.Warning)],
        };
    }

    /// <summary>Whether the request goes to the language model.</summary>
    public bool UsesModel(DraftRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Drafter == DrafterChoice.Model || (request.Drafter == DrafterChoice.Auto && (request.Model is not null || model.Settings.IsConfigured));
    }

    /// <summary>The draft note: which drafter, model and day, what it was drafted from, and what to do with it.</summary>
    public static DraftNote Note(DraftContext context, string drafter, string? modelName, DraftAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answer);
        var from = new List<string> { $"the template \"{context.Template.Id}\"" };
        if (context.Persona is { } persona)
        {
            from.Add($"the persona \"{persona.Id}\"");
        }

        if (context.Discovered is { } discovered)
        {
            from.Add($"the paths of {discovered.Customers.ToString("N0", CultureInfo.InvariantCulture)} customers in the events");
        }

        if (context.Insights.Count > 0)
        {
            from.Add(Plural(context.Insights.Count, "research insight"));
        }

        var who = drafter == "model" ? $"a language model ({modelName})" : "Wayfinder's offline drafter (no language model)";
        var summary = answer.Summary.Trim().Length > 0 ? answer.Summary.Trim() + " " : "";
        var note = $"Drafted by {who} from {Join(from)}. {summary}Every item is a proposal to check with the team; only items citing an insight rest on research. "
            + "Remove this note and the tag \"drafted\" once the map has been reviewed.";
        return new DraftNote { Drafter = drafter, Model = drafter == "model" ? modelName : null, Date = context.Today, Note = note };
    }

    private async Task<IReadOnlyList<Diagnostic>> ProblemsAsync(WorkspaceStores workspace, MappedDraft mapped, CancellationToken cancellationToken)
    {
        var check = await saveCheck.CheckAsync(workspace.Documents, mapped.Journey, cancellationToken).ConfigureAwait(false);
        return [.. mapped.Problems, .. check.Errors.Select(d => d with { Path = mapped.ToAnswerPath(d.Path), File = "answer", Line = 0, Column = 0 })];
    }

    /// <summary>The workspace's insights: for a persona, those tagged to it and those tagged to no persona.</summary>
    private static async Task<IReadOnlyList<Insight>> InsightsAsync(WorkspaceStores workspace, Persona? persona, CancellationToken cancellationToken)
    {
        var all = await workspace.Feedback.InsightsAsync(new InsightQuery(), cancellationToken).ConfigureAwait(false);
        return persona is null ? all : [.. all.Where(i => i.Personas.Count == 0 || i.Personas.Contains(persona.Id, StringComparer.Ordinal))];
    }

    private static string Join(List<string> parts) => parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1];

    private static string Plural(int n, string word) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {word}{(n == 1 ? "" : "s")}";
}

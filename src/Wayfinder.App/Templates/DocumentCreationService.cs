namespace Wayfinder.App.Templates;

using Wayfinder.App.Documents;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Templates;
using Wayfinder.Core.Workspaces;

/// <summary>How creating a document ended.</summary>
public enum CreationOutcome
{
    Created,

    /// <summary>The id is not a slug; <see cref="CreationResult.Suggestion"/> is one.</summary>
    InvalidId,

    /// <summary>A document of that kind and id exists (<see cref="CreationResult.File"/>).</summary>
    Exists,

    /// <summary>No template of that id; <see cref="CreationResult.Known"/> lists them.</summary>
    UnknownTemplate,

    /// <summary>A value gap map needs a persona and the workspace has none or several; <see cref="CreationResult.Known"/> lists them.</summary>
    NeedsPersona,

    /// <summary>The document to copy is not in the workspace; <see cref="CreationResult.Known"/> lists those of its kind.</summary>
    UnknownSource,
}

/// <summary>
/// The result of creating a document: the stored document, the template used, and the personas it names that the
/// workspace lacks (each with its persona template's id when there is one).
/// </summary>
public sealed record CreationResult
{
    public required CreationOutcome Outcome { get; init; }
    public StoredDocument? Document { get; init; }
    public string? Template { get; init; }

    /// <summary>The id of the document it is a copy of, when it is one.</summary>
    public string? Source { get; init; }
    public string? Persona { get; init; }
    public string? Suggestion { get; init; }
    public string? File { get; init; }
    public IReadOnlyList<string> Known { get; init; } = [];

    /// <summary>Persona ids the new document refers to that are not in the workspace yet.</summary>
    public IReadOnlyList<string> MissingPersonas { get; init; } = [];

    /// <summary>The ids of the workspace's personas (for suggestions).</summary>
    public IReadOnlyList<string> Personas { get; init; } = [];
}

/// <summary>New personas, journeys and value gap maps from the templates, saved through the workspace's repository.</summary>
public sealed class DocumentCreationService
{
    private readonly TimeProvider _clock;

    public DocumentCreationService(TimeProvider clock) => _clock = clock;

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    /// <summary>A persona from a persona template (default: "default").</summary>
    public Task<CreationResult> CreatePersonaAsync(WorkspaceStores workspace, string id, string? template, string? title, CancellationToken cancellationToken = default) =>
        CreateAsync(workspace, DocumentKind.Persona, id, template, TemplateCatalog.Personas.Select(t => t.Id).ToList(), (_, chosen) =>
            (NewPersona(id, chosen!, title), null), cancellationToken);

    /// <summary>The persona <see cref="CreatePersonaAsync"/> starts from (a template made a clean start), for front doors that save it themselves.</summary>
    public Persona NewPersona(string id, string template, string? title) =>
        TemplateStarts.Persona(TemplateCatalog.Personas.First(t => t.Id == template).Create(id, title ?? Humanize(id)), TemplateStarts.NameFrom(id, title), Today);

    /// <summary>
    /// The persona a journey template names, from the persona template of the same id, under the template's sample name
    /// ("Sam, B2B end user and champion"); null when no persona template has that id.
    /// </summary>
    public Persona? TemplatePersona(string id)
    {
        if (TemplateCatalog.FindPersona(id) is not { } template)
        {
            return null;
        }

        var first = template.Name.Split(' ')[0];
        var kind = first.Length > 1 && !first.Any(char.IsLower) ? template.Name : char.ToLowerInvariant(template.Name[0]) + template.Name[1..];
        var sample = template.Create(id, kind);
        var name = sample.Name is { Length: > 0 } n ? n : TemplateStarts.NameFrom(id, null);
        return TemplateStarts.Persona(template.Create(id, $"{name}, {kind}"), name, Today);
    }

    /// <summary>A journey from a journey template, with <paramref name="persona"/> as its primary persona when given.</summary>
    public Task<CreationResult> CreateJourneyAsync(WorkspaceStores workspace, string id, string? template, string? title, string? persona, CancellationToken cancellationToken = default) =>
        CreateAsync(workspace, DocumentKind.Journey, id, template, TemplateCatalog.Journeys.Select(t => t.Id).ToList(), (_, chosen) =>
            (NewJourney(TemplateCatalog.Journeys.First(t => t.Id == chosen), id, title, persona, Today), null), cancellationToken);

    /// <summary>
    /// The journey a template starts (what <c>wayfinder new journey</c> saves): the template's sample as a clean start under
    /// the given id and title, with <paramref name="persona"/> as its primary persona when given.
    /// </summary>
    public static Journey NewJourney(JourneyTemplate template, string id, string? title, string? persona, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(template);
        var journey = TemplateStarts.Journey(template.Create(id, title ?? Humanize(id)), today);
        return persona is null ? journey : WithPrimaryPersona(journey, persona);
    }

    /// <summary>A value gap map for <paramref name="persona"/> (default: the workspace's only persona).</summary>
    public Task<CreationResult> CreateValueGapAsync(WorkspaceStores workspace, string id, string? title, string? persona, CancellationToken cancellationToken = default) =>
        CreateAsync(workspace, DocumentKind.ValueGap, id, null, [], (loaded, _) =>
        {
            var personaId = persona ?? (loaded.Personas.Count == 1 ? loaded.Personas[0].Document.Id : null);
            return personaId is null
                ? (null, new CreationResult { Outcome = CreationOutcome.NeedsPersona, Known = [.. loaded.Personas.Select(p => p.Document.Id)] })
                : (NewValueGap(loaded, id, title, personaId), null);
        }, cancellationToken);

    /// <summary>
    /// The value gap map <see cref="CreateValueGapAsync"/> starts from (the persona's needs, the workspace's competitors,
    /// unrated), for front doors that save it themselves.
    /// </summary>
    public ValueGapMap NewValueGap(Workspace workspace, string id, string? title, string persona) =>
        TemplateStarts.ValueGap(TemplateCatalog.NewValueGap(id, title ?? Humanize(id), persona), workspace, Today);

    /// <summary>
    /// A copy of the <paramref name="kind"/> <paramref name="source"/> under a new id (<c>wayfinder new … --from</c>):
    /// everything it holds, titled "… (copy)" unless <paramref name="title"/> is given, with <paramref name="persona"/>
    /// as a journey's primary persona or a value gap map's persona when given (the same journey for another persona).
    /// </summary>
    public async Task<CreationResult> DuplicateAsync(
        WorkspaceStores workspace, DocumentKind kind, string source, string id, string? title, string? persona, CancellationToken cancellationToken = default)
    {
        var result = await CreateAsync(workspace, kind, id, null, [], (loaded, _) => loaded.Document(kind, source) is { } original
            ? (Copy(original, id, title, persona), null)
            : (null, new CreationResult { Outcome = CreationOutcome.UnknownSource, Known = [.. loaded.Ids(kind)] }), cancellationToken).ConfigureAwait(false);
        return result.Outcome == CreationOutcome.Created ? result with { Source = source } : result;
    }

    /// <summary>
    /// <paramref name="source"/> under a new id and title (default "… (copy)"): a new document (revision 0) with the same
    /// content but none of its comments; <paramref name="persona"/>, when given, becomes a journey's primary persona or a
    /// value gap map's persona.
    /// </summary>
    public static IDocument Copy(IDocument source, string id, string? title, string? persona = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var named = title ?? $"{source.Title} (copy)";
        return source switch
        {
            Persona p => p with { Id = id, Title = named, Revision = 0, Comments = [] },
            Journey j => Retarget(j with
            {
                Id = id,
                Title = named,
                Revision = 0,
                Comments = [],
                Lanes = [.. j.Lanes.Select(l => l with { Items = [.. l.Items.Select(i => i with { Comments = [] })] })],
            }, persona),
            ValueGapMap v => v with { Id = id, Title = named, Revision = 0, Comments = [], Persona = persona ?? v.Persona },
            _ => throw new ArgumentException($"a {source.Kind} cannot be copied", nameof(source)),
        };
    }

    private static Journey Retarget(Journey journey, string? persona) => persona is null ? journey : WithPrimaryPersona(journey, persona);

    /// <summary>first-flight → First flight.</summary>
    public static string Humanize(string id)
    {
        var words = id.Replace('-', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? id : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>True for an id made of lowercase letters, digits and single dashes.</summary>
    public static bool IsSlug(string id) => Slug.IsValid(id);

    /// <summary>
    /// Makes <paramref name="personaId"/> the primary persona: it replaces the template's first persona, also where a
    /// roles lane names it; the template's other personas (B2B roles) stay.
    /// </summary>
    public static Journey WithPrimaryPersona(Journey journey, string personaId)
    {
        var previous = journey.Personas.Count > 0 ? journey.Personas[0] : null;
        List<string> personas = [personaId, .. journey.Personas.Skip(1).Where(p => p != personaId)];
        var lanes = journey.Lanes.Select(lane => lane with
        {
            Items = [.. lane.Items.Select(item => previous is not null && item.Persona == previous ? item with { Persona = personaId } : item)],
        }).ToList();
        return journey with { Personas = personas, Lanes = lanes };
    }

    private async Task<CreationResult> CreateAsync(
        WorkspaceStores workspace,
        DocumentKind kind,
        string id,
        string? template,
        IReadOnlyList<string> templates,
        Func<Workspace, string?, (IDocument? Document, CreationResult? Refused)> create,
        CancellationToken cancellationToken)
    {
        if (!IsSlug(id))
        {
            return new CreationResult { Outcome = CreationOutcome.InvalidId, Suggestion = SuggestSlug(id) };
        }

        var (loaded, _) = await workspace.Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
        var personas = loaded.Personas.Select(p => p.Document.Id).ToList();
        if (loaded.Find(kind, id) is { } existing)
        {
            return new CreationResult { Outcome = CreationOutcome.Exists, File = existing.File };
        }

        var chosen = template ?? (templates.Contains("default") ? "default" : templates.Count > 0 ? templates[0] : null);
        if (template is not null && !templates.Contains(template))
        {
            return new CreationResult { Outcome = CreationOutcome.UnknownTemplate, Known = templates };
        }

        var (document, refused) = create(loaded, chosen);
        if (refused is not null)
        {
            return refused with { Personas = personas };
        }

        var saved = await workspace.Documents.SaveAsync(document!, expectedRevision: null, new SaveInfo(Message: "created"), cancellationToken).ConfigureAwait(false);
        if (!saved.Succeeded)
        {
            return new CreationResult { Outcome = CreationOutcome.Exists, File = DocumentSaving.NewFile(kind, id), Personas = personas };
        }

        return new CreationResult
        {
            Outcome = CreationOutcome.Created,
            Document = saved.Document,
            Template = chosen,
            Persona = (document as ValueGapMap)?.Persona,
            MissingPersonas = [.. ReferencedPersonas(document!).Where(p => loaded.FindPersona(p) is null)],
            Personas = personas,
        };
    }

    /// <summary>The persona ids a document names: a journey's personas and its lanes' items' personas, a value gap map's persona.</summary>
    public static IEnumerable<string> ReferencedPersonas(IDocument document) => document switch
    {
        Journey j => j.Personas.Concat(j.Lanes.SelectMany(l => l.Items).Select(i => i.Persona).OfType<string>()).Distinct(),
        ValueGapMap v => [v.Persona],
        _ => [],
    };

    private static string SuggestSlug(string text) => Slug.From(text) is { Length: > 0 } slug ? slug : "my-journey";
}

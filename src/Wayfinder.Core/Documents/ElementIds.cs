namespace Wayfinder.Core.Documents;

/// <summary>An element of a document (stage, step, lane, lane item, trait, need…) by its id and its path in the document.</summary>
/// <param name="Id">The element's id, unique within its document.</param>
/// <param name="Path">Where it sits, as the validator writes paths: <c>lanes[2].items[0]</c>, <c>empathy_map.says[1]</c>.</param>
public sealed record ElementRef(string Id, string Path);

/// <summary>
/// Stable element ids: every stage, step, lane, lane item and trait of a document has one, so comments, diffs and live
/// edits anchor to (document id, element id). Files may leave them out; <see cref="Assign{T}"/> fills them in.
/// </summary>
public static class ElementIds
{
    /// <summary>How many words of an element's text go into its generated id.</summary>
    public const int TextWords = 4;

    /// <summary>The longest generated id before a "-2" suffix.</summary>
    public const int MaxLength = 48;

    private static readonly HashSet<string> s_stopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "is", "are", "be", "it", "my", "i",
    };

    /// <summary>Where an element's generated id comes from: leading words kept whole, then a text of which a few words count.</summary>
    private readonly record struct Source(string[] Lead, string? Text, string Fallback);

    /// <summary>Visits one element: its path, its id (null when missing) and where a new id would come from; returns the id to keep.</summary>
    private delegate string? Visit(string path, string? id, Source source);

    /// <summary>Every element id of the document, with its path, in document order (elements without an id are left out).</summary>
    public static IReadOnlyList<ElementRef> List(IDocument document)
    {
        var found = new List<ElementRef>();
        Walk(document, (path, id, _) =>
        {
            if (!string.IsNullOrEmpty(id))
            {
                found.Add(new ElementRef(id, path));
            }

            return id;
        });
        return found;
    }

    /// <summary>
    /// The document with every missing element id filled in: a readable slug from the element's kind, stage and
    /// words of its text (<c>pain-book-hidden-fees-checkout</c>), unique within the document and never one of
    /// <paramref name="used"/> (ids earlier revisions gave out, so none is reused). Ids already there are kept as they are.
    /// </summary>
    public static T Assign<T>(T document, IReadOnlySet<string> used)
        where T : IDocument
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(used);
        var taken = new HashSet<string>(used, StringComparer.Ordinal);
        taken.UnionWith(List(document).Select(e => e.Id));
        taken.UnionWith(EvidenceIds(document));
        return (T)Walk(document, (_, id, source) => string.IsNullOrEmpty(id) ? Allocate(taken, source) : id);
    }

    private static IEnumerable<string> EvidenceIds(IDocument document) => document switch
    {
        Persona p => p.Evidence.Select(e => e.Id),
        Journey j => j.Evidence.Select(e => e.Id),
        ValueGapMap v => v.Evidence.Select(e => e.Id),
        _ => [],
    };

    private static string Allocate(HashSet<string> taken, Source source)
    {
        var stem = Stem(source);
        var id = stem;
        for (var n = 2; !taken.Add(id); n++)
        {
            id = $"{stem}-{n}";
        }

        return id;
    }

    /// <summary>The lead words, then up to <see cref="TextWords"/> words of the text (stop words left out when others remain), cut at a word.</summary>
    private static string Stem(Source source)
    {
        var words = source.Lead.SelectMany(Slug.Words).ToList();
        var text = Slug.Words(source.Text);
        var meaningful = text.Where(w => !s_stopWords.Contains(w)).ToList();
        words.AddRange((meaningful.Count > 0 ? meaningful : text).Take(TextWords));
        var stem = "";
        foreach (var word in words)
        {
            var next = stem.Length == 0 ? word : $"{stem}-{word}";
            if (next.Length > MaxLength && stem.Length > 0)
            {
                break;
            }

            stem = next.Length > MaxLength ? next[..MaxLength].TrimEnd('-') : next;
        }

        return stem.Length == 0 ? source.Fallback : stem;
    }

    private static IDocument Walk(IDocument document, Visit visit) => document switch
    {
        Persona persona => WalkPersona(persona, visit),
        Journey journey => WalkJourney(journey, visit),
        ValueGapMap map => map with
        {
            Needs = [.. map.Needs.Select((n, i) => n with { Id = visit($"needs[{i}]", n.Id, new(["need"], n.Text, "need"))! })],
        },
        _ => document,
    };

    private static Journey WalkJourney(Journey journey, Visit visit) => journey with
    {
        Stages = [.. journey.Stages.Select((stage, s) => stage with
        {
            Id = visit($"stages[{s}]", stage.Id, new([], stage.Name, "stage"))!,
            Steps = [.. stage.Steps.Select((step, t) => step with { Id = visit($"stages[{s}].steps[{t}]", step.Id, new([], step.Name, "step"))! })],
        })],
        Lanes = [.. journey.Lanes.Select((lane, l) =>
        {
            var kind = LaneKinds.Of(lane.Type);
            return lane with
            {
                Id = visit($"lanes[{l}]", lane.Id, new([], lane.Name ?? kind.DefaultLaneId, kind.DefaultLaneId))!,
                Items = [.. lane.Items.Select((item, i) => item with
                {
                    Id = visit($"lanes[{l}].items[{i}]", item.Id, new([kind.ItemWord, item.Stage], ItemText(item), kind.ItemWord)),
                })],
            };
        })],
    };

    /// <summary>The words an item is known by: its text, else what its kind carries (metric, image, persona, channel).</summary>
    private static string? ItemText(LaneItem item) => item.Text ?? item.Metric ?? item.Alt ?? item.Persona ?? item.Channel;

    private static Persona WalkPersona(Persona persona, Visit visit) => persona with
    {
        Goals = Traits(persona.Goals, "goals", "goal", visit),
        Needs = [.. persona.Needs.Select((n, i) => n with { Id = visit($"needs[{i}]", n.Id, new(["need"], n.Text, "need"))! })],
        Jobs = [.. persona.Jobs.Select((j, i) => j with { Id = visit($"jobs[{i}]", j.Id, new(["job"], j.Want, "job")) })],
        Motivations = Traits(persona.Motivations, "motivations", "motivation", visit),
        Pains = Traits(persona.Pains, "pains", "pain", visit),
        Gains = Traits(persona.Gains, "gains", "gain", visit),
        Behaviours = Traits(persona.Behaviours, "behaviours", "behaviour", visit),
        CompetitorAttitudes = [.. persona.CompetitorAttitudes.Select((a, i) =>
            a with { Id = visit($"competitor_attitudes[{i}]", a.Id, new(["attitude", a.Competitor], a.Attitude, "attitude")) })],
        EmpathyMap = persona.EmpathyMap is not { } empathy ? null : empathy with
        {
            Says = Traits(empathy.Says, "empathy_map.says", "says", visit),
            Thinks = Traits(empathy.Thinks, "empathy_map.thinks", "thinks", visit),
            Does = Traits(empathy.Does, "empathy_map.does", "does", visit),
            Feels = Traits(empathy.Feels, "empathy_map.feels", "feels", visit),
        },
    };

    private static List<Trait> Traits(List<Trait> traits, string path, string word, Visit visit) =>
        [.. traits.Select((t, i) => t with { Id = visit($"{path}[{i}]", t.Id, new([word], t.Text, word)) })];
}

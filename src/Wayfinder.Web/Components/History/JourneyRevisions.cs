namespace Wayfinder.Web.Components.History;

using Wayfinder.App.Documents;
using Wayfinder.App.History;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Web.Documents;
using YamlDotNet.Core;

/// <summary>One revision of a document and what it changed since the one before (null for the first, or a text that does not parse).</summary>
public sealed record RevisionEntry(RevisionInfo Info, IDocument? Document, DocumentChanges? Changes)
{
    /// <summary>The revision as a journey, when it is one.</summary>
    public Journey? Journey => Document as Journey;

    /// <summary>The ids of the elements this revision changed.</summary>
    public IReadOnlySet<string> ChangedIds => Changes is null ? new HashSet<string>() : Changes.Elements.Select(e => e.ElementId).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// A document's past for the web app: its revisions with what each changed (<see cref="DocumentDiff"/>), and those changes
/// in plain words (“Changed stage “Book”: name “Pay” → “Book””).
/// </summary>
public static class JourneyRevisions
{
    /// <summary>How many revisions the pages read at most (the newest).</summary>
    public const int MaxRevisions = 60;

    /// <summary>The journey's revisions, newest first, each with its changes since the one before it.</summary>
    public static Task<IReadOnlyList<RevisionEntry>> LoadAsync(EfDocumentRepository repository, string id, CancellationToken cancellationToken) =>
        LoadAsync(repository, DocumentKind.Journey, id, cancellationToken);

    /// <summary>A document's revisions, newest first, each with its changes since the one before it.</summary>
    public static async Task<IReadOnlyList<RevisionEntry>> LoadAsync(EfDocumentRepository repository, DocumentKind kind, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var history = (await repository.HistoryAsync(kind, id, cancellationToken)).OrderBy(r => r.Revision).ToList();
        history = history.Skip(Math.Max(0, history.Count - MaxRevisions - 1)).ToList();
        var entries = new List<RevisionEntry>();
        IDocument? previous = null;
        foreach (var info in history)
        {
            var stored = await repository.ReadRevisionAsync(kind, id, info.Revision, cancellationToken);
            var document = stored is null ? null : Parse(stored.Text, kind);
            var changes = previous is not null && document is not null ? DocumentDiff.Compare(previous, document) : null;
            entries.Add(new RevisionEntry(info, document, changes));
            previous = document ?? previous;
        }

        entries.Reverse();
        return entries.Count > MaxRevisions ? entries[..MaxRevisions] : entries;
    }

    /// <summary>A journey's YAML as a journey; null when it does not read as one.</summary>
    public static Journey? Parse(string text) => Parse(text, DocumentKind.Journey) as Journey;

    /// <summary>A document's YAML as a document of <paramref name="kind"/>; null when it does not read as one (a deletion is empty).</summary>
    public static IDocument? Parse(string text, DocumentKind kind)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return DocumentYaml.Read(text, DocumentYaml.TypeOf(kind)) as IDocument;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    /// <summary>One change in plain words, naming the element as the newer (else the older) document names it.</summary>
    public static string Describe(ElementChange change, IDocument? newer, IDocument? older)
    {
        ArgumentNullException.ThrowIfNull(change);
        var what = $"{Words(change.Element)} “{NameOf(change.ElementId, newer) ?? NameOf(change.ElementId, older) ?? change.ElementId}”";
        return change.Change switch
        {
            ElementChangeKind.Added => $"Added {what}",
            ElementChangeKind.Removed => $"Removed {what}",
            ElementChangeKind.Moved => $"Moved {what}",
            _ => $"Changed {what}: " + string.Join("; ", change.Fields.Select(Field)),
        };
    }

    /// <summary>A document field's change in plain words.</summary>
    public static string Field(FieldChange field) =>
        $"{field.Field.Replace('_', ' ')} {Short(field.Old) ?? "(none)"} → {Short(field.New) ?? "(none)"}";

    /// <summary>
    /// What an element is called: on a map a stage's or step's name, a lane's name, an item's text; on a value gap map a
    /// need's text; a persona's need by its text.
    /// </summary>
    public static string? NameOf(string elementId, IDocument? document) => document switch
    {
        Journey journey => NameOf(elementId, journey),
        ValueGapMap map => map.Needs.Find(n => n.Id == elementId)?.Text,
        Persona persona => persona.Needs.Find(n => n.Id == elementId)?.Text,
        _ => null,
    };

    private static string? NameOf(string elementId, Journey journey)
    {
        foreach (var stage in journey.Stages)
        {
            if (stage.Id == elementId)
            {
                return stage.Name;
            }

            if (stage.Steps.Find(s => s.Id == elementId) is { } step)
            {
                return step.Name;
            }
        }

        foreach (var lane in journey.Lanes)
        {
            if (lane.Id == elementId)
            {
                return lane.DisplayName();
            }

            if (lane.Items.Find(i => i.Id == elementId) is { } item)
            {
                return item.Text ?? item.Metric ?? item.Alt ?? item.Persona ?? item.Channel ?? elementId;
            }
        }

        return null;
    }

    private static string Words(string element) => element switch
    {
        "lane_item" => "card",
        _ => element.Replace('_', ' '),
    };

    private static string? Short(string? text) =>
        text is null ? null : text.Length <= 60 ? $"“{text}”" : $"“{text[..57]}…”";
}

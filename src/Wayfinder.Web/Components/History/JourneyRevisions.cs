namespace Wayfinder.Web.Components.History;

using Wayfinder.App.Documents;
using Wayfinder.App.History;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Web.Documents;
using YamlDotNet.Core;

/// <summary>One revision of a journey and what it changed since the one before (null for the first, or a text that does not parse).</summary>
public sealed record RevisionEntry(RevisionInfo Info, Journey? Journey, DocumentChanges? Changes)
{
    /// <summary>The ids of the elements this revision changed.</summary>
    public IReadOnlySet<string> ChangedIds => Changes is null ? new HashSet<string>() : Changes.Elements.Select(e => e.ElementId).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// A journey's past for the web app: its revisions with what each changed (<see cref="DocumentDiff"/>), and those changes
/// in plain words (“Renamed stage “Book”: name “Pay” → “Book””).
/// </summary>
public static class JourneyRevisions
{
    /// <summary>How many revisions the pages read at most (the newest).</summary>
    public const int MaxRevisions = 60;

    /// <summary>The journey's revisions, newest first, each with its changes since the one before it.</summary>
    public static async Task<IReadOnlyList<RevisionEntry>> LoadAsync(EfDocumentRepository repository, string id, CancellationToken cancellationToken)
    {
        var history = (await repository.HistoryAsync(DocumentKind.Journey, id, cancellationToken)).OrderBy(r => r.Revision).ToList();
        history = history.Skip(Math.Max(0, history.Count - MaxRevisions - 1)).ToList();
        var entries = new List<RevisionEntry>();
        Journey? previous = null;
        foreach (var info in history)
        {
            var stored = await repository.ReadRevisionAsync(DocumentKind.Journey, id, info.Revision, cancellationToken);
            var journey = stored is null ? null : Parse(stored.Text);
            var changes = previous is not null && journey is not null ? DocumentDiff.Compare(previous, journey) : null;
            entries.Add(new RevisionEntry(info, journey, changes));
            previous = journey ?? previous;
        }

        entries.Reverse();
        return entries.Count > MaxRevisions ? entries[..MaxRevisions] : entries;
    }

    /// <summary>A journey's YAML as a journey; null when it does not read as one.</summary>
    public static Journey? Parse(string text)
    {
        try
        {
            return DocumentYaml.Read(text, typeof(Journey)) as Journey;
        }
        catch (YamlException)
        {
            return null;
        }
    }

    /// <summary>One change in plain words, naming the element as the newer (else the older) journey names it.</summary>
    public static string Describe(ElementChange change, Journey? newer, Journey? older)
    {
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

    /// <summary>What an element is called on the map: a stage's or step's name, a lane's name, an item's text.</summary>
    public static string? NameOf(string elementId, Journey? journey)
    {
        if (journey is null)
        {
            return null;
        }

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

namespace Wayfinder.App.History;

using Wayfinder.Core.Documents;

/// <summary>Which side a conflict is resolved to.</summary>
public enum MergeChoice
{
    /// <summary>The editor's document (the one being saved).</summary>
    Mine,

    /// <summary>The stored current revision (someone else's save).</summary>
    Theirs,
}

/// <summary>How the two sides disagree.</summary>
public enum MergeConflictKind
{
    /// <summary>Both sides changed one field to different values.</summary>
    BothChanged,

    /// <summary>One side deleted an element the other changed (its texts are the whole element's JSON, null on the deleting side).</summary>
    ChangedAndDeleted,
}

/// <summary>One place where the editor's document and the stored one disagree; the merged document holds theirs until resolved.</summary>
/// <param name="ElementId">The element's stable id; null for the document's own fields.</param>
/// <param name="Element">What it is: <c>stage</c>, <c>step</c>, <c>lane_item</c>, <c>pain</c>…, or the document's kind (<c>journey</c>) for its own fields.</param>
/// <param name="Field">The field's name as in the files (<c>name</c>, <c>review.cadence_days</c>, <c>ratings.acme</c>); null when the whole element was deleted on one side.</param>
/// <param name="Path">Where the element is (<c>stages[1].steps[0]</c>): in the merged document, else in theirs, else in mine; empty for the document's own fields.</param>
/// <param name="Kind">Changed on both sides, or changed on one and deleted on the other.</param>
/// <param name="Base">The text in the revision the editor loaded (as <see cref="DocumentDiff"/> shows field texts), null where absent.</param>
/// <param name="Mine">The text in the editor's document, null where absent.</param>
/// <param name="Theirs">The text in the stored current revision, null where absent.</param>
public sealed record MergeConflict(string? ElementId, string Element, string? Field, string Path, MergeConflictKind Kind, string? Base, string? Mine, string? Theirs);

/// <summary>A three-way merge's outcome: the merged document and what is left to decide.</summary>
/// <typeparam name="T">The document type.</typeparam>
/// <param name="Merged">Every change of both sides that does not conflict; where they conflict, theirs (the stored value is never silently lost).</param>
/// <param name="Conflicts">What is left to decide: the document's own fields first, then elements in base's order (those added on both sides after).</param>
public sealed record DocumentMergeResult<T>(T Merged, IReadOnlyList<MergeConflict> Conflicts)
    where T : IDocument
{
    /// <summary>True when nothing is left to decide.</summary>
    public bool IsClean => Conflicts.Count == 0;

    /// <summary>The inputs (with element ids filled in) and the choices made so far, so a resolution merges again.</summary>
    internal MergeInputs Inputs { get; init; } = null!;
}

/// <summary>The three documents of a merge with element ids filled in, and the choices made for conflicts (by <see cref="DocumentMerge.Key"/>).</summary>
internal sealed record MergeInputs(IDocument Base, IDocument Mine, IDocument Theirs, IReadOnlyDictionary<string, MergeChoice> Choices);

/// <summary>
/// Three-way merge of documents (pure, no I/O), per element by stable id (<see cref="ElementIds"/>), walking documents as
/// <see cref="DocumentDiff"/> does. Base is the revision the editor loaded, mine the editor's document, theirs the stored
/// current revision.
/// <list type="bullet">
/// <item>A field changed on one side takes that side's value; changed on both to the same value, that value; to
/// different values, a conflict, theirs kept until resolved. Objects (<c>review</c>, <c>ratings</c>) merge per key.</item>
/// <item>Elements are matched by id in every list that holds them. Added on one side: kept, after its nearest neighbour
/// before it (and after what theirs added there, so theirs' additions come first). Deleted on one side and unchanged on the other: deleted. Deleted on one side and changed on the other
/// (the element or anything inside it): a conflict, keep it or delete it. A move to another parent is a change of place,
/// merged like a field.</item>
/// <item>Order is not content: a list reordered on one side takes that order; reordered on both, theirs, with no conflict.</item>
/// <item>Lists without element ids (tags, channels, evidence, comments) changed on both sides merge as sets: theirs'
/// items in theirs' order without those mine removed, then mine's additions.</item>
/// <item>Elements without an id (an editor's new items) get the ids a save would give them, unique across the three.</item>
/// <item>The merged document has theirs' revision, the one the save must name.</item>
/// </list>
/// </summary>
public static class DocumentMerge
{
    /// <summary>Merges <paramref name="mine"/> and <paramref name="theirs"/>, both edited from <paramref name="base"/>; three documents of one kind.</summary>
    public static DocumentMergeResult<T> Merge<T>(T @base, T mine, T theirs)
        where T : IDocument
    {
        ArgumentNullException.ThrowIfNull(@base);
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(theirs);
        if (@base.Kind != mine.Kind || @base.Kind != theirs.Kind)
        {
            throw new ArgumentException($"a {@base.Kind}, a {mine.Kind} and a {theirs.Kind} cannot be merged", nameof(theirs));
        }

        var used = new[] { @base, mine, theirs }.SelectMany(d => ElementIds.List(d)).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var inputs = new MergeInputs(ElementIds.Assign(@base, used), ElementIds.Assign(mine, used), ElementIds.Assign(theirs, used), new Dictionary<string, MergeChoice>());
        return Run<T>(inputs);
    }

    /// <summary>The merge again with <paramref name="conflict"/> (one of <paramref name="result"/>'s) resolved to <paramref name="choice"/>: its <c>Merged</c> is the new document, its conflicts the rest.</summary>
    public static DocumentMergeResult<T> Resolve<T>(DocumentMergeResult<T> result, MergeConflict conflict, MergeChoice choice)
        where T : IDocument
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(conflict);
        if (!result.Conflicts.Contains(conflict))
        {
            throw new ArgumentException("the conflict is not one of this merge's", nameof(conflict));
        }

        var choices = new Dictionary<string, MergeChoice>(result.Inputs.Choices, StringComparer.Ordinal) { [Key(conflict.ElementId, conflict.Field)] = choice };
        return Run<T>(result.Inputs with { Choices = choices });
    }

    /// <summary>The merged document with every conflict resolved to <paramref name="choice"/>.</summary>
    public static T ResolveAll<T>(DocumentMergeResult<T> result, MergeChoice choice)
        where T : IDocument
    {
        ArgumentNullException.ThrowIfNull(result);

        // Keeping a deleted element can bring its children back, whose fields could conflict in turn: resolve until none is left.
        while (!result.IsClean && !result.Conflicts.All(c => result.Inputs.Choices.ContainsKey(Key(c.ElementId, c.Field))))
        {
            var choices = new Dictionary<string, MergeChoice>(result.Inputs.Choices, StringComparer.Ordinal);
            foreach (var conflict in result.Conflicts)
            {
                choices[Key(conflict.ElementId, conflict.Field)] = choice;
            }

            result = Run<T>(result.Inputs with { Choices = choices });
        }

        return result.Merged;
    }

    /// <summary>A conflict's key among the choices: element id (empty for the document) and field (empty for a deletion).</summary>
    internal static string Key(string? elementId, string? field) => $"{elementId}\n{field}";

    private static DocumentMergeResult<T> Run<T>(MergeInputs inputs)
        where T : IDocument
    {
        var (merged, conflicts) = new MergeRun(inputs).Merge();
        return new DocumentMergeResult<T>((T)merged, conflicts) { Inputs = inputs };
    }
}

namespace Wayfinder.Web.Components.Editing;

using System.Text.Json;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;

/// <summary>
/// A document being edited on a page: the stored revision it was read at, what the page shows now (that revision plus the
/// person's edits), and undo/redo over the edits. Editors never change <see cref="Current"/> in place: they build the
/// changed document (documents hold lists, so work on <see cref="Draft"/>, a deep copy) and hand it to <see cref="Edit"/>.
/// Saving, merging with other people's saves and conflicts are <see cref="CollaborationHost"/>'s work.
/// </summary>
/// <typeparam name="T">The document's type (Journey, Persona, ValueGapMap).</typeparam>
public sealed class EditSession<T>
    where T : class, IDocument
{
    private readonly Stack<(T Document, string What)> _undo = new();
    private readonly Stack<(T Document, string What)> _redo = new();

    /// <remarks>
    /// Elements the stored document has no id for (a file written by hand, the demo's seeds) get one here, the same on
    /// every page that opens the revision (the ids come from the elements' texts), so selections and merges between two
    /// people's pages match element by element; the first save stores them.
    /// </remarks>
    public EditSession(T stored, int revision)
    {
        Stored = ElementIds.Assign(Clone(stored), new HashSet<string>(StringComparer.Ordinal));
        Revision = revision;
        Current = Clone(Stored);
    }

    /// <summary>The stored document this session's edits are based on.</summary>
    public T Stored { get; private set; }

    /// <summary>The revision of <see cref="Stored"/>; a save must name it.</summary>
    public int Revision { get; private set; }

    /// <summary>What the page shows: the stored document with this person's edits.</summary>
    public T Current { get; private set; }

    /// <summary>Edits not saved yet.</summary>
    public bool HasUnsavedChanges { get; private set; }

    public bool CanUndo => _undo.Count > 0;

    public bool CanRedo => _redo.Count > 0;

    /// <summary>What the next undo would take back (e.g. "rename stage Book"), for the button's label.</summary>
    public string? UndoLabel => _undo.TryPeek(out var top) ? top.What : null;

    public string? RedoLabel => _redo.TryPeek(out var top) ? top.What : null;

    /// <summary>Raised after every change of <see cref="Current"/> or <see cref="Stored"/>.</summary>
    public event Action? Changed;

    /// <summary>A deep copy of <see cref="Current"/> to change and hand to <see cref="Edit"/>.</summary>
    public T Draft() => Clone(Current);

    /// <summary>Makes <paramref name="changed"/> the current document; <paramref name="what"/> names the edit in plain words.</summary>
    public void Edit(T changed, string what)
    {
        _undo.Push((Current, what));
        _redo.Clear();
        Current = changed;
        HasUnsavedChanges = true;
        Changed?.Invoke();
    }

    public void Undo()
    {
        if (_undo.TryPop(out var previous))
        {
            _redo.Push((Current, previous.What));
            Current = previous.Document;
            HasUnsavedChanges = true;
            Changed?.Invoke();
        }
    }

    public void Redo()
    {
        if (_redo.TryPop(out var next))
        {
            _undo.Push((Current, next.What));
            Current = next.Document;
            HasUnsavedChanges = true;
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// A newer stored revision became the base: <paramref name="current"/> is what the page shows from now on (the
    /// person's unsaved edits merged onto it, or the stored document itself when there were none). Undo and redo are
    /// cleared unless <paramref name="keepHistory"/> (the person's own save): an undo step holds a whole document, so
    /// undoing to one made before someone else's save would silently take their changes back.
    /// </summary>
    public void Rebase(T stored, int revision, T current, bool unsavedChanges, bool keepHistory = false)
    {
        Stored = Clone(stored);
        Revision = revision;
        Current = current;
        HasUnsavedChanges = unsavedChanges;
        if (!keepHistory)
        {
            _undo.Clear();
            _redo.Clear();
        }

        Changed?.Invoke();
    }

    /// <summary>A deep copy, through the files' JSON shape.</summary>
    public static T Clone(T document) =>
        (T)JsonSerializer.Deserialize(JsonSerializer.Serialize(document, document.GetType(), DocumentJson.Options), document.GetType(), DocumentJson.Options)!;

    /// <summary>Whether two documents have the same content (their JSON is equal).</summary>
    public static bool SameText(T a, T b) =>
        JsonSerializer.Serialize(a, a.GetType(), DocumentJson.Options) == JsonSerializer.Serialize(b, b.GetType(), DocumentJson.Options);
}

namespace Wayfinder.Web.Components.Editing;

using Wayfinder.App.History;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Live;
using Wayfinder.Web.Workspaces;

/// <summary>Where a page's edits stand: saved, on their way (waiting for the pause after typing, or being saved), or not saved.</summary>
public enum SaveState
{
    Saved,
    Saving,
    Failed,
}

/// <summary>
/// The logic of editing a document together, without the UI (<see cref="CollaborationHost{TDocument}"/> wraps it): saves
/// the session's edits on the revision they were made on, takes other people's saves in (the stored document becomes
/// current when there are no unsaved edits; otherwise a three-way merge per element, <see cref="DocumentMerge"/>), and
/// holds the conflicts until the person resolves them. A save refused because someone saved in between merges the same
/// way and saves again. Nothing typed is ever dropped: a failed save keeps the edits, a conflict keeps both sides.
/// Operations run one at a time; each reads and writes through a service scope of its own.
/// </summary>
/// <typeparam name="T">The document's type.</typeparam>
public sealed class LiveDocument<T> : IDisposable
    where T : class, IDocument
{
    /// <summary>A save that keeps meeting newer saves (merged each time) gives up after this many tries, to be retried by the next edit.</summary>
    private const int MaxAttempts = 3;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IServiceScopeFactory _scopes;
    private readonly Func<Func<Task>, Task> _dispatch;
    private readonly DocumentKind _kind;
    private readonly string _id;
    private IDisposable? _subscription;
    private bool _saving;
    private bool _deleted;

    /// <summary>While conflicts wait: the base and mine they came from (re-merged when yet another save arrives) and what the page was given to show.</summary>
    private (T Base, T Mine, T Shown)? _conflictSides;

    /// <param name="session">The page's session.</param>
    /// <param name="workspace">The workspace's id.</param>
    /// <param name="userName">The author of the saves.</param>
    /// <param name="scopes">Services, one scope per operation.</param>
    /// <param name="dispatch">Runs work where the session may be changed (a component's <c>InvokeAsync</c>); by default the thread pool.</param>
    public LiveDocument(EditSession<T> session, string workspace, string? userName, IServiceScopeFactory scopes, Func<Func<Task>, Task>? dispatch = null)
    {
        Session = session;
        Workspace = workspace;
        UserName = userName;
        _scopes = scopes;
        _dispatch = dispatch ?? (work => Task.Run(work));
        _kind = session.Stored.Kind;
        _id = session.Stored.Id;
    }

    public EditSession<T> Session { get; }

    public string Workspace { get; }

    public string? UserName { get; }

    /// <summary>The document's kind as the live events name it (<c>journey</c>, <c>persona</c>, <c>value_gap</c>).</summary>
    public string RouteKind => PageDocuments.RouteKind(_kind);

    /// <summary>Saved, being saved (or waiting to be), or not saved (<see cref="Problem"/> says why).</summary>
    public SaveState State => Problem is not null ? SaveState.Failed
        : _saving || Session.HasUnsavedChanges ? SaveState.Saving
        : SaveState.Saved;

    /// <summary>Why the last save failed, in plain words; null when it did not.</summary>
    public string? Problem { get; private set; }

    /// <summary>Whether retrying can help (not when conflicts wait for a choice or the document was deleted).</summary>
    public bool CanRetry => Problem is not null && PendingMerge is null && !_deleted;

    /// <summary>The merge whose conflicts wait for the person's choice; null when none do. The page shows its <c>Merged</c> (theirs where they conflict).</summary>
    public DocumentMergeResult<T>? PendingMerge { get; private set; }

    /// <summary>Who saved the last revision merged in from someone else, when known.</summary>
    public string? LastMergedFrom { get; private set; }

    /// <summary>Raised after every change of state (on the thread of the operation).</summary>
    public event Action? Changed;

    /// <summary>Hears this document's saves (and deletion) from now on, on this process and the others, through <paramref name="bus"/>.</summary>
    public void Listen(WorkspaceEventBus bus)
    {
        _subscription?.Dispose();
        _subscription = bus.Subscribe(Workspace, e =>
        {
            // Never awaited here: the event may come from inside this document's own save, which holds the gate.
            if (e.DocumentKind == RouteKind && e.DocumentId == _id)
            {
                if (e is { Type: WorkspaceEventTypes.Saved or WorkspaceEventTypes.Restored, Revision: { } revision } && revision > Session.Revision)
                {
                    _ = _dispatch(() => ReceiveAsync(revision, e.Actor));
                }
                else if (e.Type == WorkspaceEventTypes.Deleted)
                {
                    _ = _dispatch(() => DeletedAsync(e.Actor));
                }
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Saves the session's edits, if any (none while conflicts wait); merges and saves again when someone saved in between.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; attempt < MaxAttempts && PendingMerge is null && !_deleted && Session.HasUnsavedChanges; attempt++)
            {
                var sent = Session.Current;
                _saving = true;
                Problem = null;
                Changed?.Invoke();
                var result = await InScopeAsync(s => s.GetRequiredService<PageDocuments>().SaveAsync(Workspace, sent, Session.Revision, UserName, cancellationToken: cancellationToken));
                if (result.Succeeded)
                {
                    // The stored form has the new revision and the ids the store gave new elements; edits made meanwhile go onto it.
                    Apply(sent, Parse(result.Saved!.Document!.Text), result.Revision!.Value, ownSave: true);
                }
                else if (result.ChangedInBetween)
                {
                    if (await ReadAsync(cancellationToken) is not { } theirs)
                    {
                        Deleted(result.Saved?.SavedInBetween?.Author);
                        return;
                    }

                    LastMergedFrom = result.Saved?.SavedInBetween?.Author;
                    Apply(Session.Stored, theirs.Document, theirs.Revision, ownSave: false);
                }
                else
                {
                    Problem = result.Problem;
                    return;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Problem = $"the server could not save it ({e.Message}); your edits are still on this page";
        }
        finally
        {
            _saving = false;
            _gate.Release();
            Changed?.Invoke();
        }
    }

    /// <summary>Takes in revision <paramref name="revision"/> saved by <paramref name="author"/> (ignored when the session has it already).</summary>
    public async Task ReceiveAsync(int revision, string? author = null, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (revision > Session.Revision && await ReadAsync(cancellationToken) is { } theirs && theirs.Revision > Session.Revision)
            {
                LastMergedFrom = author;
                Apply(Session.Stored, theirs.Document, theirs.Revision, ownSave: false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Problem = $"could not read {author ?? "someone"}'s save ({e.Message}); reload the page to see it";
        }
        finally
        {
            _gate.Release();
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// The conflicts are resolved: <paramref name="resolved"/> (the <see cref="PendingMerge"/> with every conflict decided)
    /// becomes current and is saved. Edits the person made while deciding are kept on top of it.
    /// </summary>
    public async Task ResolveAsync(T resolved, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_conflictSides is not { } sides)
            {
                return;
            }

            var next = resolved;
            if (!EditSession<T>.SameText(Session.Current, sides.Shown))
            {
                // Edited while deciding: those edits go on top of the choices (the latest edit of a field wins).
                next = DocumentMerge.ResolveAll(DocumentMerge.Merge(sides.Shown, Session.Current, resolved), MergeChoice.Mine);
            }

            _conflictSides = null;
            PendingMerge = null;
            Problem = null;
            Session.Rebase(Session.Stored, Session.Revision, next, !EditSession<T>.SameText(next, Session.Stored), keepHistory: true);
        }
        finally
        {
            _gate.Release();
            Changed?.Invoke();
        }

        await SaveAsync(cancellationToken);
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
    }

    /// <summary>
    /// A newer stored revision: the page's document is made from it. With no edits since <paramref name="base"/>, it simply
    /// becomes current; otherwise base, the page's document and it are merged; conflicts wait for <see cref="ResolveAsync"/>.
    /// </summary>
    private void Apply(T @base, T stored, int revision, bool ownSave)
    {
        if (_conflictSides is null && EditSession<T>.SameText(Session.Current, @base))
        {
            Session.Rebase(stored, revision, EditSession<T>.Clone(stored), unsavedChanges: false, keepHistory: ownSave);
            return;
        }

        // Conflicts waiting already: the same two sides merged with the newer stored document.
        var (mergeBase, mine) = _conflictSides is { } waiting ? (waiting.Base, waiting.Mine) : (@base, Session.Current);
        var merge = DocumentMerge.Merge(mergeBase, mine, stored);
        if (merge.IsClean)
        {
            if (_conflictSides is not null)
            {
                _conflictSides = null;
                PendingMerge = null;
                Problem = null;
            }

            Session.Rebase(stored, revision, merge.Merged, !EditSession<T>.SameText(merge.Merged, stored), keepHistory: ownSave);
            return;
        }

        _conflictSides = (mergeBase, mine, merge.Merged);
        PendingMerge = merge;
        Problem = $"your edits and {LastMergedFrom ?? "someone else"}'s conflict: choose which to keep";
        Session.Rebase(stored, revision, merge.Merged, unsavedChanges: true);
    }

    private async Task DeletedAsync(string? author)
    {
        await _gate.WaitAsync();
        try
        {
            Deleted(author);
        }
        finally
        {
            _gate.Release();
            Changed?.Invoke();
        }
    }

    private void Deleted(string? author)
    {
        _deleted = true;
        Problem = $"{author ?? "someone"} deleted this document; what you see is only on this page now (copy what you need)";
    }

    private async Task<(T Document, int Revision)?> ReadAsync(CancellationToken cancellationToken) =>
        await InScopeAsync(async s => await s.GetRequiredService<WorkspaceRepositories>().OpenAsync(Workspace, cancellationToken) is { } repository
            && await repository.ReadAsync(_kind, _id, cancellationToken) is { } stored
                ? (Parse(stored.Text), stored.Revision)
                : ((T Document, int Revision)?)null);

    private T Parse(string text) => (T)DocumentYaml.Read(text, DocumentYaml.TypeOf(_kind))!;

    private async Task<TResult> InScopeAsync<TResult>(Func<IServiceProvider, Task<TResult>> work)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}

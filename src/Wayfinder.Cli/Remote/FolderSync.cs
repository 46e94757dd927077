namespace Wayfinder.Cli.Remote;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Workspaces;
using Wayfinder.Web.Documents;

/// <summary>What a pull did, or would not do, to one file.</summary>
internal enum PullAction
{
    Added,
    Updated,
    Deleted,

    /// <summary>Changed here and on the server (or deleted there): the local file was left as it is.</summary>
    Conflict,

    /// <summary>The server named a path that is not a workspace file (outside the document folders): not written.</summary>
    Skipped,
}

/// <summary>One file's outcome of a pull.</summary>
internal sealed record PullOutcome(string File, PullAction Action, int? Revision, string Detail);

/// <summary>A locally changed file, as push sends it.</summary>
internal sealed record LocalChange(string File, int? ExpectedRevision, string? Text)
{
    public bool Deleted => Text is null;
}

/// <summary>
/// Brings a workspace folder and a server's workspace together, file by file, with the last synced state as the common
/// ancestor: what changed only on the server is taken, what changed only here is kept (and pushed), what changed on both
/// is a conflict that is reported and never overwritten.
/// </summary>
internal static class FolderSync
{
    /// <summary>Applies the server's files to the folder; returns each file's outcome and the new state (conflicts keep their old entry).</summary>
    public static (IReadOnlyList<PullOutcome> Outcomes, Dictionary<string, SyncedFile> State) Pull(string root, WorkspaceFiles server, IReadOnlyDictionary<string, SyncedFile>? previous)
    {
        var state = new Dictionary<string, SyncedFile>(previous ?? new Dictionary<string, SyncedFile>(), StringComparer.Ordinal);
        var outcomes = new List<PullOutcome>();
        var files = server.Documents.Select(d => (d.File, d.Revision, d.Text)).ToList();
        if (server.Config is { } config)
        {
            files.Insert(0, (WorkspaceLoader.ConfigFileName, 0, config));
        }

        foreach (var (file, revision, text) in files)
        {
            if (!IsWorkspaceFile(file))
            {
                outcomes.Add(new PullOutcome(file, PullAction.Skipped, revision, "not a workspace file's path; not written"));
                continue;
            }

            var hash = SyncState.HashOf(text);
            var path = PathOf(root, file);
            var local = SyncState.HashOfFile(path);
            var last = state.GetValueOrDefault(file);
            if (local == hash)
            {
                // Already the server's bytes (unchanged, or the same edit made on both sides).
                state[file] = new SyncedFile(revision, hash);
                continue;
            }

            if (last is not null && last.Sha256 == hash)
            {
                // Unchanged on the server since the last pull: a local edit (or deletion) is kept for push.
                continue;
            }

            if (local is null || local == last?.Sha256)
            {
                // No local file, or one unchanged since the last pull: the server's text replaces it.
                WorkspaceFolder.WriteAtomically(path, text);
                state[file] = new SyncedFile(revision, hash);
                outcomes.Add(new PullOutcome(file, local is null && last is null ? PullAction.Added : PullAction.Updated, revision,
                    file == WorkspaceLoader.ConfigFileName ? "the workspace's settings"
                    : last is null ? $"revision {revision}" : $"revision {last.Revision} -> {revision}"));
                continue;
            }

            outcomes.Add(new PullOutcome(file, PullAction.Conflict, revision, last is null
                ? $"a different file is here and was never pulled; the server has revision {revision}. Your file was kept"
                : $"changed here and on the server (pulled at revision {last.Revision}, the server has {revision}). Your file was kept"));
        }

        var onServer = files.Select(f => f.File).ToHashSet(StringComparer.Ordinal);
        foreach (var (file, last) in state.Where(s => !onServer.Contains(s.Key)).ToList())
        {
            var path = PathOf(root, file);
            var local = SyncState.HashOfFile(path);
            if (local is null || local == last.Sha256)
            {
                if (local is not null)
                {
                    File.Delete(path);
                    outcomes.Add(new PullOutcome(file, PullAction.Deleted, null, "deleted on the server"));
                }

                state.Remove(file);
            }
            else
            {
                outcomes.Add(new PullOutcome(file, PullAction.Conflict, null, $"deleted on the server (it was at revision {last.Revision}) and changed here. Your file was kept"));
            }
        }

        return (outcomes, state);
    }

    /// <summary>Every file changed here since the last sync: edited, new (no revision) and deleted (no text).</summary>
    public static IReadOnlyList<LocalChange> Changes(string root, IReadOnlyDictionary<string, SyncedFile> state)
    {
        var changes = new List<LocalChange>();
        var here = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in WorkspaceFolder.Files(root).OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            here.Add(file.Path);
            var bytes = File.ReadAllBytes(PathOf(root, file.Path));
            var last = state.GetValueOrDefault(file.Path);
            if (last is null || last.Sha256 != SyncState.HashOf(bytes))
            {
                changes.Add(new LocalChange(file.Path, last?.Revision, file.Text));
            }
        }

        changes.AddRange(state
            .Where(s => s.Key != WorkspaceLoader.ConfigFileName && !here.Contains(s.Key))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new LocalChange(s.Key, s.Value.Revision, null)));
        return changes;
    }

    /// <summary>
    /// <c>wayfinder.yaml</c>'s text when it differs from what was last pulled, with the settings' version it was made on
    /// (the server's version of a text is the first 16 hex digits of its SHA-256); null when unchanged, never pulled or
    /// deleted here (push never deletes the settings).
    /// </summary>
    public static PushedSettings? SettingsChange(string root, IReadOnlyDictionary<string, SyncedFile> state)
    {
        var path = PathOf(root, WorkspaceLoader.ConfigFileName);
        return SyncState.HashOfFile(path) is { } hash && state.GetValueOrDefault(WorkspaceLoader.ConfigFileName)?.Sha256 is { Length: >= 16 } last && hash != last
            ? new PushedSettings(File.ReadAllText(path), last[..16])
            : null;
    }

    /// <summary>A path below the root: <c>wayfinder.yaml</c> or a YAML file in a document folder, never above the root.</summary>
    public static bool IsWorkspaceFile(string file) =>
        file == WorkspaceLoader.ConfigFileName
        || (!file.Contains('\\', StringComparison.Ordinal) && !file.Split('/').Any(p => p is "" or "." or "..") && WorkspaceLoader.KindOfPath(file) is not null);

    public static string PathOf(string root, string file) => Path.Combine(root, file.Replace('/', Path.DirectorySeparatorChar));
}

namespace Wayfinder.Web.Workspaces;

using Microsoft.EntityFrameworkCore;
using Wayfinder.App.Validation;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;
using Wayfinder.Web.Access;
using Wayfinder.Web.Evidence;
using Wayfinder.Web.Live;
using Wayfinder.Web.Storage;

/// <summary>How a change of a workspace's settings ended.</summary>
public enum SettingsOutcome
{
    Saved,

    /// <summary>No such workspace.</summary>
    NotFound,

    /// <summary>The settings changed since the version the change was made on (<see cref="SettingsResult.Current"/> is theirs now).</summary>
    Conflict,

    /// <summary>The new settings do not read, or would make documents invalid that are valid now (<see cref="SettingsResult.Problems"/>).</summary>
    Refused,
}

/// <summary>The result of a settings change: the problems that refused it, or the text now stored and its version.</summary>
public sealed record SettingsResult(SettingsOutcome Outcome, IReadOnlyList<Diagnostic> Problems, string? Current = null, string? Version = null);

/// <summary>
/// A workspace's settings (its <c>wayfinder.yaml</c>: name, channels, competitors, evidence, data sources, defaults) read
/// and changed on the server. A change is checked as <c>wayfinder validate</c> checks the whole workspace with it: it is
/// refused when the text does not read or breaks the schema, and when it would make a document invalid that is valid now
/// (a channel taken away that a journey uses, say), each problem with its file, line and path. Changes are made on the
/// version read (<see cref="Version"/>), never over someone else's; each is audited and announced to open pages.
/// </summary>
public sealed class WorkspaceSettings(WayfinderDbContext db, IWorkspaceEvents events, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The version of a settings text: what a change names as the one it was made on.</summary>
    public static string Version(string? text) => EvidenceWorkspaces.Hash(text ?? "");

    /// <summary>The stored settings text; null when there is no such workspace (empty when it has none).</summary>
    public async Task<string?> ReadAsync(string workspace, CancellationToken cancellationToken = default) =>
        await db.Workspaces.AsNoTracking().Where(w => w.Id == workspace).Select(w => w.ConfigText ?? "").FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The problems <paramref name="text"/> would bring into the workspace (none: it may be saved).</summary>
    public async Task<IReadOnlyList<Diagnostic>?> CheckAsync(string workspace, string text, CancellationToken cancellationToken = default)
    {
        var row = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspace, cancellationToken).ConfigureAwait(false);
        return row is null ? null : await ProblemsAsync(workspace, row.ConfigText, text, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves <paramref name="text"/> as the settings when they are still at <paramref name="version"/> and it brings no problem.</summary>
    public async Task<SettingsResult> SaveAsync(string workspace, string text, string version, string? author, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var row = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workspace, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return new SettingsResult(SettingsOutcome.NotFound, []);
        }

        if (Version(row.ConfigText) != version)
        {
            return new SettingsResult(SettingsOutcome.Conflict, [], row.ConfigText ?? "", Version(row.ConfigText));
        }

        var problems = await ProblemsAsync(workspace, row.ConfigText, text, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            return new SettingsResult(SettingsOutcome.Refused, problems);
        }

        if (!await WriteAsync(workspace, row.ConfigText, text, row.Name, cancellationToken).ConfigureAwait(false))
        {
            var current = await ReadAsync(workspace, cancellationToken).ConfigureAwait(false);
            return new SettingsResult(SettingsOutcome.Conflict, [], current, Version(current));
        }

        await AnnounceAsync(workspace, author, CancellationToken.None).ConfigureAwait(false);
        return new SettingsResult(SettingsOutcome.Saved, [], text, Version(text));
    }

    /// <summary>
    /// Writes <paramref name="text"/> as the settings (and the workspace's name it gives) if they are still
    /// <paramref name="before"/>; false when someone saved others since (the check before is no lock). Joins the
    /// context's transaction when there is one (a push's).
    /// </summary>
    internal async Task<bool> WriteAsync(string workspace, string? before, string text, string currentName, CancellationToken cancellationToken)
    {
        var (read, _) = WorkspaceLoader.Read(workspace, workspace, text, []);
        var name = string.IsNullOrWhiteSpace(read.Config.Name) ? currentName : read.Config.Name.Trim();
        name = name.Length > 200 ? name[..200] : name;
        var written = await db.Workspaces.Where(w => w.Id == workspace && w.ConfigText == before)
            .ExecuteUpdateAsync(w => w.SetProperty(x => x.ConfigText, text).SetProperty(x => x.Name, name), cancellationToken).ConfigureAwait(false);
        return written > 0;
    }

    /// <summary>Records a settings change in the audit trail and tells open pages.</summary>
    internal async Task AnnounceAsync(string workspace, string? author, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(workspace, AuditActions.SettingsChanged, WorkspaceLoader.ConfigFileName, null, author, cancellationToken).ConfigureAwait(false);
        await events.PublishAsync(new WorkspaceEvent(workspace, WorkspaceEventTypes.SettingsChanged, author), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<Diagnostic>> ProblemsAsync(string workspace, string? before, string after, CancellationToken cancellationToken)
    {
        var files = (await db.Documents.AsNoTracking().Where(d => d.WorkspaceId == workspace && d.Text != "")
            .Select(d => new { d.File, d.Text }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(f => new WorkspaceFile(f.File, f.Text)).ToList();
        return WorkspaceChange.NewErrors(workspace, before, files, after, files, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }
}

namespace Wayfinder.Cli.Commands.Remote;

using System.CommandLine;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Cli.Remote;
using Wayfinder.Web.Documents;

/// <summary>
/// <c>wayfinder push [REMOTE]</c>: every document changed here since the last pull, each with the revision it was pulled
/// at, and <c>wayfinder.yaml</c> when it changed (an owner's push), saved on the server all together or not at all. On success the server's stored texts (with their new revisions)
/// are written back and remembered; on refusal nothing changes here or there.
/// </summary>
internal static class PushCommand
{
    public static Command Create(CliContext context, RemoteHost host)
    {
        var remote = new Argument<string?>("REMOTE") { Description = "The remote (default: the only one, or origin)", Arity = ArgumentArity.ZeroOrOne };
        var message = new Option<string?>("--message", "-m") { Description = "Why: kept in each document's history", HelpName = "TEXT" };
        var skipSettings = new Option<bool>("--skip-settings") { Description = "Leave wayfinder.yaml out even when it changed here (only an owner may push the settings)" };
        var command = new Command("push", "Send the documents changed here since the last pull; all are saved, or none if any changed on the server or has errors")
        {
            remote, message, skipSettings,
        };
        context.Examples[command] = ["wayfinder push -m \"sharper goals for Maya\"", "wayfinder push origin", "wayfinder push --skip-settings"];
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!RemoteCommand.TryFindRoot(context, parse, out var root) || RemoteCommand.Resolve(context, root, parse.GetValue(remote)) is not { } chosen)
            {
                return ExitCodes.Failed;
            }

            if (SyncState.Read(root, chosen.Name) is not { } state)
            {
                context.Error($"nothing was pushed: this workspace never pulled from {chosen.Name}; run `wayfinder pull {chosen.Name}` first");
                return ExitCodes.Failed;
            }

            var settings = FolderSync.SettingsChange(root, state);
            if (settings is not null && parse.GetValue(skipSettings))
            {
                context.Warning("wayfinder.yaml changed here and is left out (--skip-settings); it stays a change to push");
                settings = null;
            }

            var changes = FolderSync.Changes(root, state);
            if (changes.Count == 0 && settings is null)
            {
                context.Info($"nothing to push: no document changed here since the last pull from {chosen.Name}");
                return ExitCodes.Ok;
            }

            using var http = host.CreateClient();
            var client = new WayfinderClient(http, chosen, new Credentials(host).TokenFor(chosen.Url));
            var request = new PushRequest(parse.GetValue(message), [.. changes.Select(c => new PushedDocument(c.File, c.ExpectedRevision, c.Text, c.Deleted))], settings);
            RemoteResult<PushResult> pushed;
            try
            {
                pushed = await client.PushAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                context.Error($"nothing was pushed: cannot reach {chosen.Url}: {e.Message}");
                return ExitCodes.Failed;
            }

            if (pushed.Value is not { } result)
            {
                var refused = Refused(context, chosen, pushed.Problem!);
                if (settings is not null && pushed.Problem!.Status == 403 && changes.Count > 0)
                {
                    context.Info("to push the documents without the settings, run `wayfinder push --skip-settings`");
                }

                return refused;
            }

            var next = new Dictionary<string, SyncedFile>(state, StringComparer.Ordinal);
            foreach (var document in result.Documents)
            {
                if (document.Outcome == PushOutcome.Deleted)
                {
                    next.Remove(document.File);
                    context.Out.WriteLine($"deleted  {document.File}");
                    continue;
                }

                // The server's stored text carries the new revision (and ids it gave): the file becomes exactly that.
                var text = document.Text!;
                Wayfinder.App.Workspaces.WorkspaceFolder.WriteAtomically(FolderSync.PathOf(root, document.File), text);
                next[document.File] = new SyncedFile(document.Revision!.Value, SyncState.HashOf(text));
                context.Out.WriteLine($"saved    {document.File} (revision {document.Revision})");
            }

            if (settings is { Text: { } sent })
            {
                // Stored as sent: the file becomes exactly that (a byte-order mark, say, would read as a change next time).
                Wayfinder.App.Workspaces.WorkspaceFolder.WriteAtomically(FolderSync.PathOf(root, Wayfinder.Core.Workspaces.WorkspaceLoader.ConfigFileName), sent);
                next[Wayfinder.Core.Workspaces.WorkspaceLoader.ConfigFileName] = new SyncedFile(0, SyncState.HashOf(sent));
                context.Out.WriteLine($"saved    {Wayfinder.Core.Workspaces.WorkspaceLoader.ConfigFileName} (the workspace's settings)");
            }

            SyncState.Write(root, chosen.Name, next);
            var what = (result.Documents.Count, settings) switch
            {
                (0, not null) => "the settings",
                (var n, not null) => $"{n} document(s) and the settings",
                (var n, null) => $"{n} document(s)",
            };
            context.Info($"pushed {what} to {chosen.Name} ({chosen.Url}, workspace \"{chosen.Workspace}\")");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Refused(CliContext context, RemoteInfo remote, RemoteProblem problem)
    {
        if (problem.Refused.Count == 0)
        {
            context.Error($"nothing was pushed: {problem.Describe(remote)}");
            return ExitCodes.Failed;
        }

        foreach (var refused in problem.Refused)
        {
            context.Error($"refused: {refused.File}: {refused.Message}");
            foreach (var error in refused.Errors)
            {
                var where = error.Line > 0 ? $"{error.File}:{error.Line}:{error.Column}" : error.File;
                context.Error($"  {where}{(error.Path.Length > 0 ? " " + error.Path + ":" : "")} {error.Message}");
            }
        }

        var stale = problem.Refused.Any(r => r.Reason == RefusalReason.Stale);
        context.Error($"nothing was pushed: {problem.Refused.Count} document(s) refused by {remote.Name}; "
            + (stale ? $"run `wayfinder pull {remote.Name}`, merge, then push again" : "fix the errors, then push again"));
        return ExitCodes.Failed;
    }
}

namespace Wayfinder.Cli.Commands.Remote;

using System.CommandLine;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Cli.Remote;

/// <summary>
/// <c>wayfinder pull [REMOTE]</c>: the server workspace's files into the folder. What changed only on the server is
/// written (the server's bytes), what changed here is kept, what changed on both is reported as a conflict and not touched.
/// </summary>
internal static class PullCommand
{
    public static Command Create(CliContext context, RemoteHost host)
    {
        var remote = new Argument<string?>("REMOTE") { Description = "The remote (default: the only one, or origin)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("pull", "Download the server workspace's documents and wayfinder.yaml; local changes are kept, conflicts reported") { remote };
        context.Examples[command] = ["wayfinder pull", "wayfinder pull origin"];
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!RemoteCommand.TryFindRoot(context, parse, out var root) || RemoteCommand.Resolve(context, root, parse.GetValue(remote)) is not { } chosen)
            {
                return ExitCodes.Failed;
            }

            using var http = host.CreateClient();
            var client = new WayfinderClient(http, chosen, new Credentials(host).TokenFor(chosen.Url));
            RemoteResult<Web.Documents.WorkspaceFiles> files;
            try
            {
                files = await client.FilesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                context.Error($"cannot reach {chosen.Url}: {e.Message}; is the server running (`wayfinder serve`)?");
                return ExitCodes.Failed;
            }

            if (files.Value is not { } server)
            {
                context.Error($"nothing was pulled: {files.Problem!.Describe(chosen)}");
                return ExitCodes.Failed;
            }

            var (outcomes, state) = FolderSync.Pull(root, server, SyncState.Read(root, chosen.Name));
            SyncState.Write(root, chosen.Name, state);
            foreach (var outcome in outcomes.Where(o => o.Action != PullAction.Conflict))
            {
                context.Out.WriteLine($"{outcome.Action.ToString().ToLowerInvariant(),-8} {outcome.File} ({outcome.Detail})");
            }

            var conflicts = outcomes.Where(o => o.Action == PullAction.Conflict).ToList();
            foreach (var conflict in conflicts)
            {
                context.Error($"conflict: {conflict.File}: {conflict.Detail}");
            }

            int Count(PullAction action) => outcomes.Count(o => o.Action == action);
            context.Info($"pulled workspace \"{chosen.Workspace}\" from {chosen.Name} ({chosen.Url}): {Count(PullAction.Added)} added, "
                + $"{Count(PullAction.Updated)} updated, {Count(PullAction.Deleted)} deleted, {conflicts.Count} conflict(s)");
            if (conflicts.Count > 0)
            {
                context.Info("to take the server's version of a conflicting file, delete yours and pull again; to keep yours, set it aside, "
                    + "delete it, pull, merge yours back in and push");
                return ExitCodes.Failed;
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

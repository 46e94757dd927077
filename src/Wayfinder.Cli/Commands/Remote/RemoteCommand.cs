namespace Wayfinder.Cli.Commands.Remote;

using System.CommandLine;
using Spectre.Console;
using Wayfinder.App.Workspaces;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Cli.Remote;

/// <summary><c>wayfinder remote add|list|remove</c>: the team servers a workspace pulls from and pushes to.</summary>
internal static class RemoteCommand
{
    /// <summary>The server's workspace when <c>--server-workspace</c> is not given: the one every server seeds.</summary>
    public const string DefaultServerWorkspace = "demo";

    public static Command Create(CliContext context, RemoteHost host)
    {
        var command = new Command("remote", "Manage the team servers this workspace pulls from and pushes to (kept in .wayfinder/remotes.yaml)")
        {
            Add(context), List(context, host), Remove(context),
        };
        context.Examples[command] =
        [
            "wayfinder remote add origin http://127.0.0.1:5000 --server-workspace demo",
            "wayfinder remote list",
            "wayfinder remote remove origin",
        ];
        return command;
    }

    /// <summary>
    /// The folder the remote commands work in: <c>--workspace</c>, else the nearest workspace at or above the current
    /// folder, else the current folder itself (an empty folder to pull a server's workspace into). Always true.
    /// </summary>
    public static bool TryFindRoot(CliContext context, ParseResult parse, out string root)
    {
        root = parse.GetValue(context.WorkspaceOption) is { } given ? context.Resolve(given)
            : WorkspaceFolder.FindRoot(context.CurrentDirectory) ?? context.CurrentDirectory;
        return true;
    }

    /// <summary>
    /// The remote a command names, else the only one, else <c>origin</c>; when there is none, says what to do and returns null.
    /// </summary>
    public static RemoteInfo? Resolve(CliContext context, string root, string? name)
    {
        var remotes = Remotes.Read(root);
        if (name is not null)
        {
            var named = remotes.FirstOrDefault(r => r.Name == name);
            if (named is null)
            {
                context.Error($"no remote \"{name}\"{Suggestions.DidYouMean(name, remotes.Select(r => r.Name))}; "
                    + (remotes.Count == 0 ? "add one with `wayfinder remote add NAME URL`" : $"the remotes are: {string.Join(", ", remotes.Select(r => r.Name))}"));
            }

            return named;
        }

        var chosen = remotes.Count == 1 ? remotes[0] : remotes.FirstOrDefault(r => r.Name == Remotes.DefaultName);
        if (chosen is null)
        {
            context.Error(remotes.Count == 0
                ? "this workspace has no remote; add one with `wayfinder remote add origin URL --server-workspace WS`"
                : $"name the remote: {string.Join(", ", remotes.Select(r => r.Name))} (none is called {Remotes.DefaultName})");
        }

        return chosen;
    }

    private static Command Add(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The remote's name, e.g. origin" };
        var url = new Argument<string>("URL") { Description = "The server's address, e.g. http://127.0.0.1:5000" };
        var workspace = new Option<string>("--server-workspace")
        {
            Description = $"The workspace's id on the server (default: {DefaultServerWorkspace})",
            HelpName = "WS",
            DefaultValueFactory = _ => DefaultServerWorkspace,
        };
        var command = new Command("add", "Add a team server to pull from and push to") { name, url, workspace };
        command.SetAction(parse =>
        {
            if (!RemoteCommand.TryFindRoot(context, parse, out var root))
            {
                return ExitCodes.Failed;
            }

            var remoteName = parse.GetValue(name)!;
            var address = parse.GetValue(url)!;
            var serverWorkspace = parse.GetValue(workspace)!;
            if (!Remotes.IsName(remoteName))
            {
                context.Error($"\"{remoteName}\" is not a remote name: use lower-case letters, digits, - and _, starting with a letter (e.g. origin)");
                return ExitCodes.Usage;
            }

            if (!Uri.TryCreate(address, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https") || server.Query.Length > 0 || server.UserInfo.Length > 0)
            {
                context.Error($"\"{address}\" is not a server address: give http:// or https:// and the host, e.g. http://127.0.0.1:5000 (no user or token in it)");
                return ExitCodes.Usage;
            }

            if (serverWorkspace.Length == 0 || serverWorkspace.Any(c => c is '/' or '\\' or '?' or '#' || char.IsWhiteSpace(c)))
            {
                context.Error($"\"{serverWorkspace}\" is not a workspace id: give the id the server's address uses, e.g. demo");
                return ExitCodes.Usage;
            }

            var remotes = Remotes.Read(root).ToList();
            if (remotes.Any(r => r.Name == remoteName))
            {
                context.Error($"there is a remote \"{remoteName}\" already; remove it first with `wayfinder remote remove {remoteName}`");
                return ExitCodes.Failed;
            }

            var added = new RemoteInfo(remoteName, server, serverWorkspace);
            remotes.Add(added);
            Remotes.Write(root, remotes);
            context.Info($"added remote {remoteName}: workspace \"{serverWorkspace}\" on {server}; next: `wayfinder login {remoteName}`, then `wayfinder pull {remoteName}`");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliContext context, RemoteHost host)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List the workspace's remotes and whether a token is there for each (never the token)") { json };
        command.SetAction(parse =>
        {
            if (!RemoteCommand.TryFindRoot(context, parse, out var root))
            {
                return ExitCodes.Failed;
            }

            var credentials = new Credentials(host);
            var rows = Remotes.Read(root).Select(r => new RemoteRow(r.Name, r.Url.ToString(), r.Workspace, credentials.SourceFor(r.Url))).ToList();
            if (parse.GetValue(json))
            {
                context.Json(rows);
            }
            else if (rows.Count == 0)
            {
                context.Info("no remotes yet; add one with `wayfinder remote add origin URL --server-workspace WS`");
            }
            else
            {
                var table = new Table().AddColumns("Name", "URL", "Workspace", "Token");
                foreach (var row in rows)
                {
                    table.AddRow(Markup.Escape(row.Name), Markup.Escape(row.Url), Markup.Escape(row.Workspace), row.Token);
                }

                context.OutConsole.Write(table);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The remote's name" };
        var command = new Command("remove", "Remove a remote and what pull remembered of it (the files stay)") { name };
        command.SetAction(parse =>
        {
            if (!RemoteCommand.TryFindRoot(context, parse, out var root) || Resolve(context, root, parse.GetValue(name)) is not { } remote)
            {
                return ExitCodes.Failed;
            }

            Remotes.Write(root, Remotes.Read(root).Where(r => r.Name != remote.Name));
            var folder = Remotes.FolderOf(root, remote.Name);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            context.Info($"removed remote {remote.Name}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One remote as <c>remote list --json</c> prints it; <paramref name="Token"/> is where a token comes from: stored, WAYFINDER_TOKEN or none.</summary>
    internal sealed record RemoteRow(string Name, string Url, string Workspace, string Token);
}

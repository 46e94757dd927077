namespace Wayfinder.Cli.Commands.Remote;

using System.CommandLine;
using Spectre.Console;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Cli.Remote;

/// <summary>
/// <c>wayfinder login [REMOTE]</c>: asks for a personal access token (hidden as it is typed, or one line of stdin with
/// <c>--token-stdin</c>), checks that the server accepts it, and stores it in the user's config folder. Never prints it.
/// </summary>
internal static class LoginCommand
{
    public static Command Create(CliContext context, RemoteHost host)
    {
        var remote = new Argument<string?>("REMOTE") { Description = "The remote (default: the only one, or origin)", Arity = ArgumentArity.ZeroOrOne };
        var stdin = new Option<bool>("--token-stdin") { Description = "Read the token from the first line of standard input instead of asking" };
        var command = new Command("login", "Store a personal access token for a remote (in your config folder, never in the workspace), after checking the server accepts it")
        {
            remote, stdin,
        };
        context.Examples[command] =
        [
            "wayfinder login                     # asks for the token, hidden",
            "printenv MY_TOKEN | wayfinder login origin --token-stdin",
        ];
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!RemoteCommand.TryFindRoot(context, parse, out var root) || RemoteCommand.Resolve(context, root, parse.GetValue(remote)) is not { } chosen)
            {
                return ExitCodes.Failed;
            }

            var token = ReadToken(context, host, parse.GetValue(stdin));
            if (token is null)
            {
                return ExitCodes.Failed;
            }

            using var http = host.CreateClient();
            RemoteProblem? problem;
            try
            {
                problem = await new WayfinderClient(http, chosen, token).CheckAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                context.Error($"cannot reach {chosen.Url}: {e.Message}; is the server running (`wayfinder serve`)?");
                return ExitCodes.Failed;
            }

            if (problem is not null)
            {
                context.Error($"the token was not stored: {problem.Describe(chosen)}");
                return ExitCodes.Failed;
            }

            var credentials = new Credentials(host);
            credentials.Store(chosen.Url, token);
            context.Info($"logged in to {chosen.Name} ({chosen.Url}, workspace \"{chosen.Workspace}\"); the token is in {credentials.FilePath}");
            if (host.Environment(Credentials.TokenVariable) is { Length: > 0 })
            {
                context.Warning($"{Credentials.TokenVariable} is set, and is used instead of the stored token while it is");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string? ReadToken(CliContext context, RemoteHost host, bool fromStdin)
    {
        string? token;
        if (fromStdin)
        {
            token = host.Stdin.ReadLine()?.Trim();
        }
        else if (context.ErrConsole.Profile.Capabilities.Interactive)
        {
            token = context.ErrConsole.Prompt(new TextPrompt<string>("Personal access token:").Secret()).Trim();
        }
        else
        {
            context.Error("no terminal to ask for the token on; pass it on standard input with --token-stdin");
            return null;
        }

        if (string.IsNullOrEmpty(token))
        {
            context.Error("no token given; create one on the server, then run `wayfinder login` again");
            return null;
        }

        return token;
    }
}

namespace Wayfinder.Cli;

using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Wayfinder.Cli.Commands;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Cli.Remote;

/// <summary>The <c>wayfinder</c> command line: one entry point for Program.cs and for the tests.</summary>
public static class Cli
{
    /// <summary>Runs one command line and returns its exit code: 0 ok, 1 invalid input or failed check, 2 usage.</summary>
    /// <param name="stdout">Results (tables, JSON, help).</param>
    /// <param name="stderr">Messages, diagnostics and progress.</param>
    /// <param name="currentDirectory">Where relative paths start and workspace discovery begins; the process's by default.</param>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, string? currentDirectory = null) =>
        RunAsync(args, stdout, stderr, currentDirectory, TimeProvider.System);

    internal static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, string? currentDirectory, TimeProvider clock) =>
        RunAsync(args, stdout, stderr, currentDirectory, clock, CancellationToken.None);

    /// <summary>Runs one command line until it ends or <paramref name="cancellationToken"/> stops it (a server runs until then).</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, string? currentDirectory, TimeProvider clock, CancellationToken cancellationToken, RemoteHost? remote = null)
    {
        var context = new CliContext(stdout, stderr, currentDirectory ?? Environment.CurrentDirectory, clock);
        var root = BuildRoot(context, remote ?? RemoteHost.System);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction && args.Length > 0)
        {
            return UsageError(parse, stderr);
        }

        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            var code = await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
            // System.CommandLine reports parse errors (unknown command or option, bad value) as 1; scripts expect 2 for usage.
            return parse.Action is ParseErrorAction ? ExitCodes.Usage : code;
        }
        catch (OperationCanceledException)
        {
            context.Error("cancelled");
            return ExitCodes.Failed;
        }
        catch (Evidence.ClickHouse.ClickHouseException ex)
        {
            // A ClickHouse store that cannot be reached, is too old, refuses the credentials or is named by a wrong
            // address: the message names the address (never the credentials) and what to do; no "bug" note.
            context.Error(parse.GetValue(context.VerboseOption) ? ex.ToString() : ex.Message);
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file or folder that cannot be read or written: the user can fix that, so no "bug" note.
            context.Error(parse.GetValue(context.VerboseOption) ? ex.ToString() : ex.Message);
            return ExitCodes.Failed;
        }
        catch (Exception ex)
        {
            var verbose = parse.GetValue(context.VerboseOption);
            context.Error(verbose ? ex.ToString() : $"{ex.Message} (this is a bug in wayfinder; run again with --verbose for details)");
            return ExitCodes.Failed;
        }
    }

    private static Command WithDataImports(Command import, CliContext context)
    {
        Commands.Data.DataImport.AddTo(import, context);
        return import;
    }

    /// <summary>Parse errors on stderr with a "did you mean", then where to find the usage; exit code 2.</summary>
    private static int UsageError(ParseResult parse, TextWriter stderr)
    {
        var command = parse.CommandResult.Command;
        var messages = parse.Errors.Select(e => e.Message).Distinct().ToList();
        if (messages.Count > 1)
        {
            // "Required command was not provided" only adds noise next to the unknown word that caused it.
            messages.RemoveAll(m => m.StartsWith("Required command", StringComparison.Ordinal));
        }

        foreach (var message in messages)
        {
            stderr.WriteLine($"error: {message}");
        }

        var known = command.Subcommands.Select(c => c.Name)
            .Concat(command.Options.Concat(parse.RootCommandResult.Command.Options.Where(o => o.Recursive)).SelectMany(o => o.Aliases.Append(o.Name)))
            .ToList();
        // An argument that looks like an option (validate FILE… refuses those) gets a suggestion too.
        var looksLikeOptions = parse.Tokens.Where(t => t.Type == System.CommandLine.Parsing.TokenType.Argument && t.Value.StartsWith('-')).Select(t => t.Value);
        foreach (var token in parse.UnmatchedTokens.Concat(looksLikeOptions).Distinct())
        {
            if (Suggestions.Closest(token, known) is { } suggestion)
            {
                stderr.WriteLine($"Did you mean `{suggestion}` instead of `{token}`?");
            }
        }

        stderr.WriteLine($"Run `{string.Join(' ', CommandPath(command))} --help` for usage.");
        return ExitCodes.Usage;
    }

    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is not null; symbol = symbol.Parents.FirstOrDefault())
        {
            names.Insert(0, symbol is RootCommand ? "wayfinder" : symbol.Name);
        }

        return names;
    }

    internal static RootCommand BuildRoot(CliContext context, RemoteHost remote)
    {
        var root = new RootCommand("Wayfinder: personas and customer journey maps kept as YAML files, validated and rendered.")
        {
            Options = { context.WorkspaceOption, context.VerboseOption },
        };
        Command[] commands =
        [
            InitCommand.Create(context),
            TemplatesCommand.Create(context),
            NewCommand.Create(context),
            DraftCommand.Create(context),
            SuggestCommand.Create(context),
            ListCommand.Create(context),
            ValidateCommand.Create(context),
            RenderCommand.Create(context),
            RenderCommand.CreateExport(context),
            WithDataImports(ImportCommand.Create(context), context),
            Commands.Data.AnalyzeCommand.Create(context),
            Commands.Data.GapsCommand.Create(context),
            Commands.Data.PersonasCommand.Create(context),
            Commands.Data.SampleDataCommand.Create(context),
            Commands.Data.CompactCommand.Create(context),
            OpportunitiesCommand.Create(context),
            ValueGapCommand.Create(context),
            SchemaCommand.Create(context),
            ServeCommand.Create(context),
            Commands.Remote.RemoteCommand.Create(context, remote),
            Commands.Remote.LoginCommand.Create(context, remote),
            Commands.Remote.PullCommand.Create(context, remote),
            Commands.Remote.PushCommand.Create(context, remote),
        ];
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        context.Examples[root] =
        [
            "wayfinder init my-maps && cd my-maps",
            "wayfinder new journey first-flight --template airline-first-flight --persona first-time-flyer",
            "wayfinder validate",
            "wayfinder render --all --format svg,png,pdf -o out/",
        ];
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: HelpAction help } helpOption)
        {
            helpOption.Action = new HelpWithExamples(help, context);
        }

        return root;
    }

    /// <summary>The standard help, then the command's examples.</summary>
    private sealed class HelpWithExamples(HelpAction help, CliContext context) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var code = help.Invoke(parseResult);
            if (context.Examples.TryGetValue(parseResult.CommandResult.Command, out var examples) && examples.Count > 0)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var example in examples)
                {
                    output.WriteLine($"  {example}");
                }

                output.WriteLine();
            }

            return code;
        }
    }
}

namespace Wayfinder.Cli.Infrastructure;

using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Wayfinder.App;
using Wayfinder.Drafting;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

/// <summary>
/// What every command needs from the run it belongs to: where to write (results on stdout, messages on stderr),
/// the current directory, the clock and the global options. One per run of <c>Cli.RunAsync</c>, so runs never share state.
/// </summary>
internal sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr, string currentDirectory, TimeProvider clock)
    {
        Out = stdout;
        Err = stderr;
        CurrentDirectory = Path.GetFullPath(currentDirectory);
        Clock = clock;
        Services = new ServiceCollection().AddSingleton(clock).AddWayfinder().AddWayfinderDrafting().BuildServiceProvider();
        OutConsole = CreateConsole(stdout, ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected);
        _errIsTerminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        ErrConsole = CreateConsole(stderr, _errIsTerminal);
    }

    private readonly bool _errIsTerminal;

    public TextWriter Out { get; }

    public TextWriter Err { get; }

    /// <summary>Tables and other results go here (stdout).</summary>
    public IAnsiConsole OutConsole { get; }

    /// <summary>Messages, diagnostics and progress go here (stderr).</summary>
    public IAnsiConsole ErrConsole { get; }

    public string CurrentDirectory { get; }

    public TimeProvider Clock { get; }

    /// <summary>The application's services: every command calls one of them.</summary>
    public ServiceProvider Services { get; }

    /// <summary>A service of the application layer.</summary>
    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>The workspace in <paramref name="root"/>, opened for the services.</summary>
    public WorkspaceStores Open(string root) => Get<WorkspaceOpener>().Folder(root);

    /// <summary>
    /// The workspace in <paramref name="root"/> with its evidence where the command's <c>--events</c> says (when it has that
    /// option and it is given), else where wayfinder.yaml says.
    /// </summary>
    public WorkspaceStores Open(string root, ParseResult parse) => Get<WorkspaceOpener>().Folder(root, Events(parse));

    /// <summary>The command's <c>--events</c> address, or null when it has no such option or it is not given.</summary>
    public static string? Events(ParseResult parse) =>
        parse.CommandResult.Command.Options.OfType<Option<string?>>().FirstOrDefault(o => o.Name == EvidenceStores.Option) is { } option
            ? parse.GetValue(option)
            : null;

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>Examples shown at the end of each command's help.</summary>
    public Dictionary<Command, IReadOnlyList<string>> Examples { get; } = [];

    public Option<string?> WorkspaceOption { get; } = new("--workspace", "-w")
    {
        Description = "The workspace folder (default: the nearest folder at or above the current one holding wayfinder.yaml)",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<bool> VerboseOption { get; } = new("--verbose")
    {
        Description = "Show details of unexpected errors (stack traces)",
        Recursive = true,
    };

    /// <summary>A path typed by the user, made absolute against the current directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, CurrentDirectory);

    /// <summary>A path as the user would type it: relative to the current directory when below it.</summary>
    public string Display(string fullPath)
    {
        var relative = Path.GetRelativePath(CurrentDirectory, fullPath);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? fullPath : relative).Replace('\\', '/');
    }

    /// <summary>
    /// The workspace root from <c>--workspace</c>, else the nearest folder upward holding wayfinder.yaml.
    /// When there is none, says what to do and returns false.
    /// </summary>
    public bool TryFindWorkspace(ParseResult parse, out string root)
    {
        var given = parse.GetValue(WorkspaceOption);
        if (given is not null)
        {
            root = Resolve(given);
            if (WorkspaceFolder.IsWorkspace(root))
            {
                return true;
            }

            Error($"{Display(root)} is not a workspace (no {WorkspaceLoader.ConfigFileName}); create one with `wayfinder init {Display(root)}`");
            return false;
        }

        if (WorkspaceFolder.FindRoot(CurrentDirectory) is { } found)
        {
            root = found;
            return true;
        }

        root = "";
        Error($"no workspace here: no {WorkspaceLoader.ConfigFileName} in {CurrentDirectory} or any folder above it; "
            + "run `wayfinder init` to create one, or pass --workspace DIR");
        return false;
    }

    public void Error(string message) => Message("red", "error: ", message);

    public void Warning(string message) => Message("yellow", "warning: ", message);

    public void Info(string message) => Message(null, "", message);

    /// <summary>One diagnostic per line on stderr, <c>file:line:col path: message</c>; errors red, warnings yellow.</summary>
    public void Print(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Message(diagnostic.Severity == Severity.Error ? "red" : "yellow", "", diagnostic.ToString(), colorAll: true);
        }
    }

    /// <summary>A machine-readable result on stdout.</summary>
    public void Json<T>(T value) => Out.WriteLine(CliJson.Serialize(value));

    /// <summary>Plain text when stderr is not a terminal, so logs and tests see each message on one line, uncoloured.</summary>
    private void Message(string? color, string prefix, string message, bool colorAll = false)
    {
        if (!_errIsTerminal)
        {
            Err.WriteLine(prefix + message);
            return;
        }

        var text = color is null ? Markup.Escape(prefix + message)
            : colorAll ? $"[{color}]{Markup.Escape(prefix + message)}[/]"
            : $"[{color}]{Markup.Escape(prefix)}[/]{Markup.Escape(message)}";
        ErrConsole.MarkupLine(text);
    }

    private static IAnsiConsole CreateConsole(TextWriter writer, bool isTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            // Wide enough that tables written to a file or pipe keep one row per line.
            console.Profile.Width = 200;
        }

        return console;
    }
}

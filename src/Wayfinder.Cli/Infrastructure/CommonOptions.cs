namespace Wayfinder.Cli.Infrastructure;

using System.CommandLine;

/// <summary>Options that mean the same on every command; a new instance per command, as options belong to one parent.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json")
    {
        Description = "Print machine-readable JSON on stdout (messages stay on stderr)",
    };

    public static Option<string?> Output(string description) => new("--output", "-o")
    {
        Description = description,
        HelpName = "PATH",
    };

    public static Option<bool> Force(string description) => new("--force", "-f")
    {
        Description = description,
    };
}

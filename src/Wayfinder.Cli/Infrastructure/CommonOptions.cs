namespace Wayfinder.Cli.Infrastructure;

using System.CommandLine;
using Wayfinder.App.Workspaces;
using Wayfinder.Evidence.ClickHouse;

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

    /// <summary>
    /// <c>--events ADDRESS</c> on the commands that read or write a workspace's evidence: <c>embedded</c> or a ClickHouse
    /// address, winning over <c>store.events</c> in wayfinder.yaml. An address the parser refuses is a usage error.
    /// </summary>
    public static Option<string?> Events() => Events("The event store, winning over store.events in wayfinder.yaml: embedded, or clickhouse://host:port/database?cluster=NAME (user and password from WAYFINDER_CLICKHOUSE_USER/PASSWORD)");

    public static Option<string?> Events(string description)
    {
        var option = new Option<string?>(EvidenceStores.Option) { Description = description, HelpName = "ADDRESS" };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string?>();
            if (EvidenceStores.IsEmbedded(value))
            {
                return;
            }

            try
            {
                // The address only: credentials are read when the store is opened.
                ClickHouseSettings.Parse(value!.Trim(), _ => null);
            }
            catch (FormatException ex)
            {
                result.AddError($"{EvidenceStores.Option}: {ex.Message}");
            }
        });
        return option;
    }
}

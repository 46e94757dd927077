namespace Wayfinder.App.Workspaces;

using System.Text;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence;
using Wayfinder.Evidence.ClickHouse;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// Which stores hold a workspace's evidence, and the one place they are built: the embedded stores in the workspace's
/// folder, or a ClickHouse server or cluster named by <c>store.events</c> in <c>wayfinder.yaml</c> or by an address given
/// at run time (<c>--events</c>, the server's <c>Wayfinder:Events</c>), which wins over the file. Addresses are read by
/// <see cref="ClickHouseSettings.Parse"/> only, so the CLI, the server and the validator accept the same ones.
/// </summary>
public static class EvidenceStores
{
    /// <summary>The option of the CLI's data commands and of <c>serve</c> that names the event store, winning over the file.</summary>
    public const string Option = "--events";

    private const string FileField = "store.events";

    /// <summary>Whether <paramref name="events"/> keeps events in the embedded store: unset, empty or <c>embedded</c>.</summary>
    public static bool IsEmbedded(string? events) =>
        string.IsNullOrWhiteSpace(events) || string.Equals(events.Trim(), WorkspaceStore.Embedded, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The ClickHouse store a workspace uses, or null for the embedded one: <paramref name="events"/> (an address given at
    /// run time) when given, else the config's <c>store.events</c>. The table prefix is the address's <c>table=</c>, else
    /// the config's <c>store.table</c>, else the workspace's name made a ClickHouse name (<see cref="TablePrefix"/>).
    /// Credentials come from <paramref name="environment"/> (the process's by default) or the secrets file it names.
    /// Throws <see cref="ClickHouseException"/> with a plain message saying which address is wrong and how.
    /// </summary>
    public static ClickHouseSettings? Resolve(WorkspaceConfig config, string? events, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (address, source) = !string.IsNullOrWhiteSpace(events) ? (events.Trim(), Option) : (config.Store?.Events?.Trim(), $"{WorkspaceLoader.ConfigFileName} {FileField}");
        if (IsEmbedded(address))
        {
            return null;
        }

        var settings = Parse(address!, source, environment);
        if (HasTable(address!))
        {
            return settings;
        }

        var table = config.Store?.Table is { Length: > 0 } prefix ? prefix : TablePrefix(config.Name);
        if (!Sql.IsIdentifier(table))
        {
            throw new ClickHouseException($"{WorkspaceLoader.ConfigFileName} store.table: {TableMessage(table)}");
        }

        return settings.ForTable(table);
    }

    /// <summary>
    /// Reads a ClickHouse address given by <paramref name="source"/> (<c>--events</c>, a configuration key), credentials from
    /// <paramref name="environment"/>; throws <see cref="ClickHouseException"/> whose message starts with the source.
    /// </summary>
    public static ClickHouseSettings Parse(string address, string source, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            return ClickHouseSettings.Parse(address.Trim(), environment);
        }
        catch (FormatException ex)
        {
            throw new ClickHouseException($"{source}: {ex.Message}");
        }
    }

    /// <summary>
    /// Checks that every host of <paramref name="settings"/> answers and is new enough (a server's start, so a wrong address
    /// stops it at once instead of failing its first request); throws <see cref="ClickHouseException"/> naming the host.
    /// </summary>
    public static async Task ConnectAsync(ClickHouseSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var host in settings.Hosts)
        {
            using var client = new ClickHouseClient(host, settings);
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A workspace's name made a ClickHouse table prefix: ASCII letters and digits lowercased, every run of anything else one
    /// underscore: "Skylark Airways" → <c>skylark_airways</c>.
    /// </summary>
    public static string TablePrefix(string? name)
    {
        var text = new StringBuilder();
        foreach (var c in name ?? "")
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(char.ToLowerInvariant(c));
            }
            else if (text.Length > 0 && text[^1] != '_')
            {
                text.Append('_');
            }
        }

        var prefix = text.ToString().Trim('_');
        prefix = prefix.Length == 0 ? "wayfinder" : char.IsAsciiDigit(prefix[0]) ? "w_" + prefix : prefix;
        return prefix.Length > 100 ? prefix[..100].TrimEnd('_') : prefix;
    }

    /// <summary>
    /// The table prefix of a server's workspace: the server address's prefix and the workspace id, written so two ids never
    /// share one (<c>_</c> becomes <c>__</c>, <c>-</c> becomes <c>_h</c>): <c>wayfinder_acme_hcorp</c> for <c>acme-corp</c>.
    /// </summary>
    public static string TablePrefixOfId(string serverPrefix, string workspaceId)
    {
        ArgumentNullException.ThrowIfNull(workspaceId);
        var text = new StringBuilder(serverPrefix).Append('_');
        foreach (var c in workspaceId)
        {
            text.Append(c switch
            {
                '_' => "__",
                '-' => "_h",
                _ when char.IsAsciiLetterOrDigit(c) => c.ToString(),
                _ => throw new ArgumentException($"'{workspaceId}' is not a workspace id.", nameof(workspaceId)),
            });
        }

        return text.ToString();
    }

    /// <summary>The workspace's event store: the embedded one in <paramref name="folder"/>, or ClickHouse.</summary>
    public static IEventStore Events(string folder, ClickHouseSettings? clickHouse, EngineOptions engine) =>
        clickHouse is null ? EventStore.ForWorkspace(folder, engine) : new ClickHouseEventStore(clickHouse);

    /// <summary>The workspace's survey answers and insights: beside its events, embedded in <paramref name="folder"/> or in ClickHouse.</summary>
    public static IFeedbackStore Feedback(string folder, ClickHouseSettings? clickHouse, EngineOptions engine) =>
        clickHouse is null ? SurveyStore.ForWorkspace(folder, engine) : new ClickHouseFeedbackStore(clickHouse);

    /// <summary>How many survey answers and insights <paramref name="feedback"/> holds.</summary>
    public static async Task<(int Surveys, int Insights)> CountsAsync(IFeedbackStore feedback, CancellationToken cancellationToken = default)
    {
        switch (feedback)
        {
            case SurveyStore embedded:
                return (embedded.Surveys().Count, embedded.Insights().Count);
            case ClickHouseFeedbackStore clickHouse:
                var (answers, insights) = await clickHouse.CountsAsync(cancellationToken).ConfigureAwait(false);
                return (checked((int)answers), checked((int)insights));
            default:
                throw new ArgumentException($"{feedback?.GetType().Name ?? "null"} is not a feedback store Wayfinder builds.", nameof(feedback));
        }
    }

    /// <summary>
    /// The problems of <c>wayfinder.yaml</c>'s store section that only the ClickHouse parser can see: an address it cannot
    /// read (or one with credentials in it) and a table prefix ClickHouse cannot name, each where it is written.
    /// </summary>
    public static IEnumerable<Diagnostic> Check(WorkspaceConfig config, string configText)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Store is not { } store || string.IsNullOrEmpty(configText))
        {
            yield break;
        }

        var map = SourceMap.Parse(configText);
        if (!IsEmbedded(store.Events))
        {
            string? problem = null;
            if (!ClickHouseSettings.IsAddress(store.Events.Trim()))
            {
                problem = $"this is not an event store; write {WorkspaceStore.Embedded} (the default) or a ClickHouse address, clickhouse://host:port/database (optionally ?cluster=NAME)";
            }
            else
            {
                try
                {
                    // Only the address is checked here: credentials are the environment's business when the store is opened.
                    ClickHouseSettings.Parse(store.Events.Trim(), _ => null);
                }
                catch (FormatException ex)
                {
                    problem = ex.Message.TrimEnd('.');
                }
            }

            if (problem is not null)
            {
                yield return At(map, FileField, problem);
            }
        }

        if (store.Table is { } table && !Sql.IsIdentifier(table))
        {
            yield return At(map, "store.table", TableMessage(table));
        }
    }

    private static string TableMessage(string table) =>
        $"\"{table}\" cannot be a ClickHouse table prefix; use letters, digits and underscores, starting with a letter or underscore, e.g. {TablePrefix(table)}";

    private static Diagnostic At(SourceMap map, string path, string message)
    {
        var position = map.ValueAt(path);
        return new Diagnostic { File = WorkspaceLoader.ConfigFileName, Line = position.Line, Column = position.Column, Path = path, Code = "invalid-store", Message = message };
    }

    /// <summary>Whether the address names its table prefix itself (<c>?table=NAME</c>).</summary>
    private static bool HasTable(string address)
    {
        var q = address.IndexOf('?', StringComparison.Ordinal);
        return q >= 0 && address[(q + 1)..].Split('&').Any(pair => pair.Split('=')[0] == "table");
    }
}

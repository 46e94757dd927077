namespace Wayfinder.Evidence.ClickHouse;

using System.Globalization;
using Wayfinder.Core.Workspaces;

/// <summary>
/// Where a workspace's events live in ClickHouse: <c>clickhouse://host:port[,host:port…]/database?cluster=NAME&amp;table=PREFIX</c>.
/// The first host answers queries; with a cluster, tables are created on every host listed (one per shard, as the
/// cluster's <c>remote_servers</c> names them) and a Distributed table on the first spreads rows by customer.
/// The user and password never come from the address: they come from the environment
/// (<see cref="UserVariable"/>, <see cref="PasswordVariable"/>) or a secrets file, and are never logged or written.
/// </summary>
public sealed record ClickHouseSettings
{
    public const string Scheme = "clickhouse://";
    public const string UserVariable = "WAYFINDER_CLICKHOUSE_USER";
    public const string PasswordVariable = "WAYFINDER_CLICKHOUSE_PASSWORD";
    public const string SecretsFileVariable = "WAYFINDER_CLICKHOUSE_SECRETS";

    /// <summary>The HTTP endpoints, first one answering queries (<c>http://host:port/</c>).</summary>
    public required IReadOnlyList<Uri> Hosts { get; init; }

    public required string Database { get; init; }

    /// <summary>The cluster name of <c>remote_servers</c>; null for one server.</summary>
    public string? Cluster { get; init; }

    /// <summary>The prefix of this workspace's tables (letters, digits, underscores).</summary>
    public string Table { get; init; } = "wayfinder";

    public string User { get; init; } = "default";

    public string Password { get; init; } = "";

    /// <summary>How long one query may take before the client gives up.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether <paramref name="text"/> names a ClickHouse store (starts with <c>clickhouse://</c>).</summary>
    public static bool IsAddress(string? text) => text is not null && text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads an address; credentials come from <paramref name="environment"/> (by default the process's) or the secrets
    /// file it names. Throws <see cref="FormatException"/> with a plain message saying what is wrong.
    /// </summary>
    public static ClickHouseSettings Parse(string address, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!IsAddress(address))
        {
            throw new FormatException($"'{address}' is not a ClickHouse address: write clickhouse://host:port/database (optionally ?cluster=NAME).");
        }

        var rest = address[Scheme.Length..];
        var query = "";
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            (rest, query) = (rest[..q], rest[(q + 1)..]);
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hostPart = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 ? rest[(slash + 1)..].TrimEnd('/') : "default";
        if (hostPart.Contains('@', StringComparison.Ordinal))
        {
            throw new FormatException($"the ClickHouse address has a user or password in it; give them in {UserVariable} and {PasswordVariable} (or a secrets file named by {SecretsFileVariable}) instead, so they are never written down with the workspace.");
        }

        var hosts = new List<Uri>();
        foreach (var host in hostPart.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = host.LastIndexOf(':');
            var name = colon > 0 ? host[..colon] : host;
            var port = 8123;
            if (colon > 0 && (!int.TryParse(host[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            {
                throw new FormatException($"'{host}' in the ClickHouse address has no valid port: write host:port with the HTTP port (8123 by default).");
            }

            if (name.Length == 0 || Uri.CheckHostName(name.Trim('[', ']')) == UriHostNameType.Unknown)
            {
                throw new FormatException($"'{host}' in the ClickHouse address is not a host name.");
            }

            hosts.Add(new Uri($"http://{name}:{port.ToString(CultureInfo.InvariantCulture)}/"));
        }

        if (hosts.Count == 0)
        {
            throw new FormatException("the ClickHouse address names no host: write clickhouse://host:port/database.");
        }

        if (!Sql.IsIdentifier(database))
        {
            throw new FormatException($"'{database}' cannot be a ClickHouse database name: use letters, digits and underscores.");
        }

        string? cluster = null;
        var table = "wayfinder";
        var timeout = TimeSpan.FromMinutes(10);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq >= 0 ? pair[..eq] : pair);
            var value = Uri.UnescapeDataString(eq >= 0 ? pair[(eq + 1)..] : "");
            switch (key)
            {
                case "cluster" when Sql.IsIdentifier(value):
                    cluster = value;
                    break;
                case "table" when Sql.IsIdentifier(value):
                    table = value;
                    break;
                case "timeout" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
                case "cluster" or "table" or "timeout":
                    throw new FormatException($"'{value}' is not a valid {key} in the ClickHouse address ({(key == "timeout" ? "a number of seconds" : "letters, digits and underscores")}).");
                case "user" or "password":
                    throw new FormatException($"the ClickHouse address has a {key} in it; give it in {(key == "user" ? UserVariable : PasswordVariable)} or a secrets file named by {SecretsFileVariable} instead.");
                default:
                    throw new FormatException($"'{key}' is not an option of a ClickHouse address; the options are cluster, table and timeout.");
            }
        }

        var (user, password) = Credentials(environment);
        return new ClickHouseSettings { Hosts = hosts, Database = database, Cluster = cluster, Table = table, Timeout = timeout, User = user, Password = password };
    }

    /// <summary>The same settings for another workspace's tables.</summary>
    public ClickHouseSettings ForTable(string table) => this with { Table = Sql.IsIdentifier(table) ? table : throw new ArgumentException($"'{table}' cannot be a ClickHouse table prefix.", nameof(table)) };

    /// <summary>The address without credentials (what messages and logs may show).</summary>
    public override string ToString()
    {
        var hosts = string.Join(",", Hosts.Select(h => h.Authority));
        var options = new List<string>();
        if (Cluster is not null)
        {
            options.Add("cluster=" + Cluster);
        }

        if (Table != "wayfinder")
        {
            options.Add("table=" + Table);
        }

        return $"{Scheme}{hosts}/{Database}{(options.Count > 0 ? "?" + string.Join("&", options) : "")}";
    }

    /// <summary>
    /// The user and password: <see cref="UserVariable"/>/<see cref="PasswordVariable"/>, else the secrets file named by
    /// <see cref="SecretsFileVariable"/> (lines <c>user=…</c> and <c>password=…</c>), else <c>default</c> with no password.
    /// </summary>
    private static (string User, string Password) Credentials(Func<string, string?> environment)
    {
        var user = environment(UserVariable);
        var password = environment(PasswordVariable);
        if (environment(SecretsFileVariable) is { Length: > 0 } file)
        {
            if (!File.Exists(file))
            {
                throw new FormatException($"the secrets file named by {SecretsFileVariable} does not exist: {file}");
            }

            var secrets = SecretsFile.Parse(File.ReadLines(file));
            user ??= secrets.GetValueOrDefault("user");
            password ??= secrets.GetValueOrDefault("password");
        }

        return (string.IsNullOrEmpty(user) ? "default" : user, password ?? "");
    }
}

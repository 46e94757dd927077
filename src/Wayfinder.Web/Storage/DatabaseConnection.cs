namespace Wayfinder.Web.Storage;

using System.Data.Common;
using Npgsql;

/// <summary>Which database engine a connection string is for.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The server's database as configured: <c>--db</c> on the command line, else the <c>WAYFINDER_DB</c> environment variable,
/// else <c>ConnectionStrings:Wayfinder</c>, else <c>wayfinder.db</c> beside the server. A <c>postgres://user:pass@host:port/db</c>
/// URL or a key/value string with <c>Host=</c> selects PostgreSQL; anything else is a SQLite connection string.
/// </summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The connection string's name in configuration (<c>ConnectionStrings:Wayfinder</c>).</summary>
    public const string ConnectionStringName = "Wayfinder";

    /// <summary>The configuration key of <c>--db</c>.</summary>
    public const string CommandLineKey = "db";

    /// <summary>The environment variable that overrides the configured connection string.</summary>
    public const string EnvironmentVariable = "WAYFINDER_DB";

    public const string Default = "Data Source=wayfinder.db";

    /// <summary>The configured database, the first of <c>--db</c>, <c>WAYFINDER_DB</c>, the connection string and the default.</summary>
    public static DatabaseConnection From(IConfiguration configuration)
    {
        string?[] candidates = [configuration[CommandLineKey], configuration[EnvironmentVariable], configuration.GetConnectionString(ConnectionStringName)];
        return Parse(candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c)) ?? Default);
    }

    /// <summary>A URL or a connection string, with the engine it names.</summary>
    public static DatabaseConnection Parse(string value)
    {
        var text = value.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.Postgres, FromUrl(text));
        }

        return new(NamesAHost(text) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, text);
    }

    /// <summary>A <c>postgres://user:pass@host:port/db</c> URL as an Npgsql connection string (user and password URL-decoded).</summary>
    public static string FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"Not a PostgreSQL URL (postgres://user:password@host:port/database): {Redacted(url)}");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        return builder.ConnectionString;
    }

    private static bool NamesAHost(string connectionString)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = connectionString }.ContainsKey("Host");
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Redacted(string url) => url.Contains('@', StringComparison.Ordinal) ? "…@" + url[(url.LastIndexOf('@') + 1)..] : url;
}

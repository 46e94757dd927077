namespace Wayfinder.Web.Tests;

using Npgsql;

/// <summary>
/// A database of its own, with a random name, on the test PostgreSQL server that <c>scripts/test.sh</c> starts
/// (<c>scripts/postgres.sh</c>) and names in <see cref="Variable"/>; dropped on dispose. Without that variable a
/// PostgreSQL test fails, saying so: it never passes without having run.
/// </summary>
public sealed class PostgresTestDatabase : IDisposable
{
    public const string Variable = "WAYFINDER_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name = "wayfinder_test_" + Guid.NewGuid().ToString("N");

    public PostgresTestDatabase()
    {
        _server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{Variable} is not set, so this PostgreSQL test cannot run. Run the tests with ./scripts/test.sh (it starts a throwaway " +
                $"PostgreSQL 15 with scripts/postgres.sh), or set {Variable} to the connection string of a server whose user may create databases.");
        Execute($"CREATE DATABASE \"{_name}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
    }

    /// <summary>The connection string of this test's own database.</summary>
    public string ConnectionString { get; }

    public void Dispose()
    {
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        Execute($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

namespace Wayfinder.Web.Tests.Storage;

using Microsoft.Extensions.Configuration;
using Wayfinder.Web.Storage;

public sealed class DatabaseConnectionTests
{
    [Theory]
    [InlineData("postgres://wayfinder:secret@db.example:5433/maps", "Host=db.example;Port=5433;Database=maps;Username=wayfinder;Password=secret")]
    [InlineData("postgresql://wayfinder:secret@db.example/maps", "Host=db.example;Database=maps;Username=wayfinder;Password=secret")]
    [InlineData("postgres://wayfinder@127.0.0.1:5432/maps", "Host=127.0.0.1;Port=5432;Database=maps;Username=wayfinder")]
    [InlineData("postgres://ana%40team:p%3Bss%3Dword@db/maps%20v2", "Host=db;Database=\"maps v2\";Username=ana@team;Password=\"p;ss=word\"")]
    public void APostgresUrlBecomesAnNpgsqlConnectionString(string url, string expected)
    {
        var connection = DatabaseConnection.Parse(url);

        Assert.Equal((DatabaseProvider.Postgres, expected), (connection.Provider, connection.ConnectionString));
    }

    [Theory]
    [InlineData("Host=localhost;Database=maps;Username=wayfinder", DatabaseProvider.Postgres)]
    [InlineData("host=10.0.0.5;port=6000", DatabaseProvider.Postgres)]
    [InlineData("Data Source=wayfinder.db", DatabaseProvider.Sqlite)]
    [InlineData("Data Source=memdb;Mode=Memory;Cache=Shared", DatabaseProvider.Sqlite)]
    [InlineData("Data Source=/var/lib/wayfinder/host.db", DatabaseProvider.Sqlite)]
    public void AKeyValueStringWithAHostIsPostgresAndAnythingElseSqlite(string connectionString, DatabaseProvider expected)
    {
        var connection = DatabaseConnection.Parse(connectionString);

        Assert.Equal((expected, connectionString), (connection.Provider, connection.ConnectionString));
    }

    [Fact]
    public void ANonsenseUrlIsRefusedWithoutShowingItsPassword()
    {
        var error = Assert.Throws<FormatException>(() => DatabaseConnection.Parse("postgres://ana:hunter2@/maps"));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://a@cli/x", "postgres://a@env/x", "Data Source=config.db", "Host=cli;Database=x;Username=a")]
    [InlineData(null, "postgres://a@env/x", "Data Source=config.db", "Host=env;Database=x;Username=a")]
    [InlineData("", "", "Data Source=config.db", "Data Source=config.db")]
    [InlineData(null, null, null, "Data Source=wayfinder.db")]
    public void DbOnTheCommandLineWinsOverTheEnvironmentVariableWhichWinsOverTheConnectionString(string? db, string? environment, string? connectionString, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["db"] = db,
            ["WAYFINDER_DB"] = environment,
            ["ConnectionStrings:Wayfinder"] = connectionString,
        }).Build();

        Assert.Equal(expected, DatabaseConnection.From(configuration).ConnectionString);
    }

    [Fact]
    public void DbOnTheCommandLineIsReadAsTheDbKey()
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(["--db", "postgres://a@cli/x"]).Build();

        Assert.Equal(DatabaseProvider.Postgres, DatabaseConnection.From(configuration).Provider);
    }
}

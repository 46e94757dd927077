namespace Wayfinder.Evidence.ClickHouse.Tests;

[Collection(ClickHouseCollection.Name)]
public sealed class ClientTests(ClickHouseServers servers)
{
    [Theory]
    [InlineData("plain")]
    [InlineData("it's")]
    [InlineData(@"back\slash")]
    [InlineData("'); DROP TABLE x; --")]
    [InlineData("nul\0inside")]
    [InlineData("tab\tnew\nline\rret")]
    [InlineData("\u0001\u001f\u007f")]
    [InlineData("émoji 😀 and 中文")]
    [InlineData(@"\'")]
    [InlineData("''")]
    [InlineData("\\")]
    public async Task EveryStringComesBackAsItWasSentThroughTheLiteral(string value)
    {
        using var client = new ClickHouseClient(servers.Single.Hosts[0], servers.Single);

        var rows = await client.QueryAsync($"SELECT {Sql.String(value)} AS s, length(s) AS bytes", useDatabase: false);

        Assert.Equal(value, rows[0].GetProperty("s").GetString());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(value), rows[0].GetProperty("bytes").GetInt32());
    }

    [Fact]
    public async Task ConnectLearnsTheVersionAndFunctions()
    {
        using var client = new ClickHouseClient(servers.Single.Hosts[0], servers.Single);

        var info = await client.ConnectAsync();

        Assert.Matches(@"^\d+\.\d+", info.Version);
        Assert.True(info.Has("groupArray"));
    }

    [Fact]
    public async Task AnUnreachableServerIsNamedInAPlainError()
    {
        var settings = ClickHouseSettings.Parse("clickhouse://127.0.0.1:1/db", _ => null);
        using var client = new ClickHouseClient(settings.Hosts[0], settings);

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => client.ExecuteAsync("SELECT 1"));

        Assert.True(error.Unreachable);
        Assert.StartsWith("could not reach ClickHouse at 127.0.0.1:1 (connection refused or host unreachable)", error.Message, StringComparison.Ordinal);
    }
}

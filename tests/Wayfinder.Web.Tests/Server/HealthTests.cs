namespace Wayfinder.Web.Tests.Server;

using System.Net;

public sealed class HealthTests : IDisposable
{
    private readonly WayfinderServerFactory _server = new();
    private readonly HttpClient _client;

    public HealthTests() => _client = _server.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task TheServerIsLiveAndReadyWhenItsDatabaseAnswers(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

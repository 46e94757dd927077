namespace Wayfinder.Web.Tests.Server;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wayfinder.Web.Server;

/// <summary>With no configuration at all (as under <c>wayfinder serve</c>), requests and SQL stay quiet and the server's own lines do not.</summary>
public sealed class LoggingDefaultsTests : IDisposable
{
    // A content root with no appsettings.json, so only the defaults in code and the arguments decide.
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("wayfinder-logging-").FullName;

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    [Theory]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics", false)]
    [InlineData("Microsoft.EntityFrameworkCore.Database.Command", false)]
    [InlineData("Microsoft.Hosting.Lifetime", true)]
    [InlineData("Wayfinder.Web.Access.FirstAdminSetup", true)]
    public async Task WithoutConfigurationOnlyTheServersOwnLinesLogAtInformation(string category, bool enabled)
    {
        await using var app = WayfinderServer.BuildApp([$"--contentRoot={_contentRoot}"], new ServerOptions { ConnectionString = "Data Source=:memory:" });

        Assert.Equal(Path.TrimEndingDirectorySeparator(_contentRoot), Path.TrimEndingDirectorySeparator(app.Environment.ContentRootPath));
        Assert.Equal(enabled, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category).IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task ConfigurationStillDecidesWhereItSetsALevel()
    {
        await using var app = WayfinderServer.BuildApp(
            [$"--contentRoot={_contentRoot}", "--Logging:LogLevel:Microsoft.AspNetCore=Information"], new ServerOptions { ConnectionString = "Data Source=:memory:" });

        Assert.True(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }
}

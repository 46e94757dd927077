namespace Wayfinder.Web.Server;

using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wayfinder.App;
using Wayfinder.Drafting;
using Wayfinder.Web.Access;
using Wayfinder.Web.Comments;
using Wayfinder.Web.Components;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Drafting;
using Wayfinder.Web.Evidence;
using Wayfinder.Web.Live;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>How a host (the server's own Program.cs, or <c>wayfinder serve</c>) wants the server started; unset means configuration decides.</summary>
public sealed record ServerOptions
{
    /// <summary>The address to listen on, e.g. <c>http://127.0.0.1:5000</c>; null: configured, else 127.0.0.1:5000.</summary>
    public string? Url { get; init; }

    /// <summary>The database's connection string; null: <c>ConnectionStrings:Wayfinder</c>, else <c>wayfinder.db</c> in the current folder.</summary>
    public string? ConnectionString { get; init; }
}

/// <summary>The server, built the same way for every host.</summary>
public static class WayfinderServer
{
    /// <summary>Liveness: the process answers.</summary>
    public const string LivePath = "/healthz";

    /// <summary>Readiness: the database answers.</summary>
    public const string ReadyPath = "/readyz";

    private const string ReadyTag = "ready";

    /// <summary>The whole server, ready to run: its services, its middleware and every endpoint.</summary>
    public static WebApplication BuildApp(string[] args, ServerOptions? options = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(WayfinderServer).Assembly.GetName().Name,
        });
        var settings = new Dictionary<string, string?>();
        if (options?.Url is { } url)
        {
            settings[WebHostDefaults.ServerUrlsKey] = url;
        }

        if (options?.ConnectionString is { } connectionString)
        {
            // The command line's setting, so the database this start chose wins over WAYFINDER_DB and the configuration.
            settings[DatabaseConnection.CommandLineKey] = connectionString;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddWayfinderServer();
        builder.Services.AddWayfinder();
        builder.Services.AddWayfinderDrafting();
        builder.AddWayfinderWebApp();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);

        var app = builder.Build();
        app.UseWayfinderServer();
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnybody();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnybody();
        app.MapDocuments();
        app.MapAccess();
        app.MapRevisions();
        app.MapComments();
        app.MapWorkspaceZip();
        app.MapWorkspaceSettings();
        app.MapEvidenceEndpoints();
        app.MapDrafting();
        app.MapPush();
        app.MapLive();
        app.MapApiReference();
        app.MapWayfinderWebApp();
        return app;
    }

    /// <summary>Ready when the database answers a query on the workspaces.</summary>
    internal sealed class DatabaseHealthCheck(WayfinderDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var workspaces = await db.Workspaces.CountAsync(cancellationToken).ConfigureAwait(false);
                return HealthCheckResult.Healthy($"{workspaces} workspace(s)");
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or DbUpdateException)
            {
                return HealthCheckResult.Unhealthy("the database does not answer", e);
            }
        }
    }
}

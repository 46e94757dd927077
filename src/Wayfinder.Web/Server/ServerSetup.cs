namespace Wayfinder.Web.Server;

using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wayfinder.Web.Access;
using Wayfinder.Web.Evidence;
using Wayfinder.Web.Live;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>What the server is made of, for <c>Program.cs</c> to read like a table of contents.</summary>
public static class ServerSetup
{
    /// <summary>The connection string's name in configuration (<c>ConnectionStrings:Wayfinder</c>).</summary>
    public const string ConnectionStringName = DatabaseConnection.ConnectionStringName;

    /// <summary>The database, the workspaces' repositories, problem details, JSON in the files' snake_case shape, OpenAPI.</summary>
    public static WebApplicationBuilder AddWayfinderServer(this WebApplicationBuilder builder)
    {
        // The loopback address only, unless an address is configured (ASPNETCORE_URLS, --urls): "localhost" would also take ::1.
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5000");
        }

        QuietFrameworkLogs(builder);
        var database = DatabaseConnection.From(builder.Configuration);
        if (database.Provider == DatabaseProvider.Sqlite && IsInMemory(database.ConnectionString))
        {
            // An in-memory SQLite database lives as long as one connection to it is open: the server holds one.
            builder.Services.AddSingleton(_ => new KeptOpenDatabase(database.ConnectionString));
        }

        builder.Services.AddDbContextPool<WayfinderDbContext>(o => _ = database.Provider == DatabaseProvider.Postgres
            ? o.UseNpgsql(database.ConnectionString)
            : o.UseSqlite(database.ConnectionString));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<WorkspaceRepositories>();
        builder.Services.AddScoped<WorkspaceZip>();
        builder.Services.AddScoped<WorkspaceSettings>();
        builder.Services.AddScoped<WorkspaceRemoval>();
        builder.Services.AddScoped<Documents.PageDocuments>();
        builder.Services.AddScoped<Documents.DeletedDocuments>();
        builder.Services.AddScoped<Components.Editing.CircuitConnection>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<Components.Editing.CircuitConnection>());
        builder.Services.AddScoped<Comments.CommentService>();
        builder.Services.AddSingleton<Components.Sharing.ShareActions>();
        builder.AddLive();
        builder.Services.AddHostedService<DatabaseSetup>();
        builder.Services.AddWayfinderEvidence();

        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        });
        builder.Services.AddOpenApi(o => o.DescribeWayfinderApi());
        builder.AddWayfinderAccess();
        return builder;
    }

    /// <summary>Errors as problem details, and the OpenAPI document at <c>/openapi/v1.json</c>.</summary>
    public static WebApplication UseWayfinderServer(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWayfinderAccess();
        app.MapOpenApi().AllowAnybody();
        return app;
    }

    /// <summary>
    /// Every request and every SQL command at Information would drown the server's own lines (the setup link among them), so
    /// ASP.NET Core and EF Core log from Warning up unless configuration says otherwise. appsettings.json says the same for
    /// the server's own start; this holds wherever there is none (<c>wayfinder serve</c>, a start from another folder).
    /// </summary>
    private static void QuietFrameworkLogs(WebApplicationBuilder builder)
    {
        foreach (var category in (ReadOnlySpan<string>)["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore"])
        {
            if (string.IsNullOrEmpty(builder.Configuration[$"Logging:LogLevel:{category}"]))
            {
                builder.Logging.AddFilter(category, LogLevel.Warning);
            }
        }
    }

    private static bool IsInMemory(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) is var b && (b.Mode == SqliteOpenMode.Memory || b.DataSource == ":memory:");

    /// <summary>Keeps an in-memory database alive for the server's lifetime.</summary>
    internal sealed class KeptOpenDatabase : IDisposable
    {
        private readonly SqliteConnection _connection;

        public KeptOpenDatabase(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
        }

        public void Dispose() => _connection.Dispose();
    }
}

namespace Wayfinder.Web.Live;

using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Wayfinder.Web.Access;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>Live events: the hub at <c>/api/v1/live</c> and <c>GET /api/v1/workspaces/{workspace}/presence</c>.</summary>
public static class LiveApi
{
    /// <summary>The hub's path.</summary>
    public const string HubPath = "/api/v1/live";

    /// <summary>
    /// The hub, the events' delivery and presence; with PostgreSQL, the relay between the processes on the database. Replaces
    /// any <see cref="IWorkspaceEvents"/> registered before.
    /// </summary>
    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSignalR().AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddSingleton<LiveOrigin>();
        services.AddSingleton<WorkspacePresence>();
        services.AddSingleton<LiveDelivery>();
        services.AddSingleton<WorkspaceEventBus>();
        services.AddScoped<LiveAccess>();
        services.AddSingleton<DocumentJsonCache>();

        var database = DatabaseConnection.From(builder.Configuration);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PostgresLiveRelay>(sp, database.ConnectionString));
            services.AddSingleton<ILiveRelay>(sp => sp.GetRequiredService<PostgresLiveRelay>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresLiveRelay>());
        }
        else
        {
            services.AddSingleton<ILiveRelay, InProcessOnly>();
        }

        services.AddSingleton(sp => new LiveWorkspaceEvents(
            sp.GetRequiredService<LiveDelivery>(), sp.GetRequiredService<ILiveRelay>(), sp.GetRequiredService<LiveOrigin>(),
            sp.GetRequiredService<WorkspacePresence>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IWorkspaceEvents>(sp => sp.GetRequiredService<LiveWorkspaceEvents>());
        return builder;
    }

    /// <summary>
    /// The hub, open to any signed-in person or token (its <c>JoinWorkspace</c> then checks the workspace with
    /// <see cref="LiveAccess.CanReadAsync"/>), and the presence list, for a workspace's viewers.
    /// </summary>
    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveHub>(HubPath).RequireSignedIn();
        app.MapGet("/api/v1/workspaces/{workspace}/presence", Presence).WithTags("Live").RequireWorkspaceRole(WorkspaceRole.Viewer);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<Viewer>>, ProblemHttpResult>> Presence(string workspace, WorkspaceRepositories workspaces, WorkspacePresence presence, CancellationToken cancellationToken) =>
        await workspaces.OpenAsync(workspace, cancellationToken) is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such workspace", detail: $"there is no workspace \"{workspace}\"")
            : TypedResults.Ok(presence.In(workspace));
}

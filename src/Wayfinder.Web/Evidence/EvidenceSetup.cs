namespace Wayfinder.Web.Evidence;

/// <summary>Evidence on the server: the data folder's stores, uploads, analyses with their cache, renders and charts.</summary>
public static class EvidenceSetup
{
    /// <summary>The evidence services: <see cref="EvidenceOptions"/> (<c>Wayfinder:DataFolder</c>, <c>Wayfinder:Events</c>), the workspaces' stores, the analysis cache.</summary>
    public static IServiceCollection AddWayfinderEvidence(this IServiceCollection services)
    {
        services.AddOptions<EvidenceOptions>().BindConfiguration(EvidenceOptions.Section);
        services.AddSingleton<EvidenceWorkspaces>();
        services.AddExceptionHandler<EvidenceStoreErrors>();
        services.AddSingleton<AnalysisCache>();
        services.AddSingleton<RenderCache>();
        services.AddSingleton<BackgroundCompaction>();
        services.AddHostedService(provider => provider.GetRequiredService<BackgroundCompaction>());
        return services;
    }

    /// <summary>Every evidence endpoint: uploads and summary, analyses, charts and knowledge gaps, renders.</summary>
    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapEvidence();
        app.MapAnalysis();
        app.MapRenders();
        return app;
    }
}

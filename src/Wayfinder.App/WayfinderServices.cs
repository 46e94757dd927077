namespace Wayfinder.App;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wayfinder.App.Analysis;
using Wayfinder.App.Data;
using Wayfinder.App.Decisions;
using Wayfinder.App.Rendering;
using Wayfinder.App.Templates;
using Wayfinder.App.Validation;
using Wayfinder.App.Workspaces;

/// <summary>Registers Wayfinder's use cases: one call for the CLI, the server and the tests.</summary>
public static class WayfinderServices
{
    /// <summary>The services, the workspace opener and <see cref="WayfinderOptions"/> (a <see cref="TimeProvider"/> too, unless one is registered).</summary>
    public static IServiceCollection AddWayfinder(this IServiceCollection services, Action<WayfinderOptions>? configure = null)
    {
        var options = services.AddOptions<WayfinderOptions>().Validate(o => o.MaxDegreeOfParallelism >= 1, "MaxDegreeOfParallelism must be 1 or more");
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WorkspaceOpener>();
        services.TryAddSingleton<ValidationService>();
        services.TryAddSingleton<SaveCheckService>();
        services.TryAddSingleton<RenderService>();
        services.TryAddSingleton<DecisionService>();
        services.TryAddSingleton<DocumentCreationService>();
        services.TryAddSingleton<AnalysisService>();
        services.TryAddSingleton<PersonaDiscoveryService>();
        services.TryAddSingleton<ImportService>();
        services.TryAddSingleton<SampleDataService>();
        return services;
    }
}

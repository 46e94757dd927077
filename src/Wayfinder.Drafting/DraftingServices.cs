namespace Wayfinder.Drafting;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Wayfinder.Drafting.Discovery;
using Wayfinder.Drafting.Enrich;
using Wayfinder.Drafting.Model;
using Wayfinder.Drafting.Offline;

/// <summary>Registers drafting's use cases beside <c>AddWayfinder()</c>.</summary>
public static class DraftingServices
{
    /// <summary>Discovery, the drafters, drafting and proposals; the model settings from the environment unless <paramref name="settings"/> is given.</summary>
    public static IServiceCollection AddWayfinderDrafting(this IServiceCollection services, ModelSettings? settings = null)
    {
        services.TryAddSingleton(_ => settings ?? ModelSettings.FromEnvironment());
        services.TryAddSingleton<JourneyDiscovery>();
        services.TryAddSingleton<OfflineDrafter>();
        services.TryAddSingleton<ModelDrafter>();
        services.TryAddSingleton<DraftingService>();
        services.TryAddSingleton<SuggestionService>();
        return services;
    }
}

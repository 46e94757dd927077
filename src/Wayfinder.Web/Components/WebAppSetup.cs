namespace Wayfinder.Web.Components;

using Wayfinder.Web.Access;

/// <summary>
/// The web app: Blazor pages with server interactivity (no WebAssembly), served by the same process as the API. Every
/// page endpoint is open to anybody at the HTTP level; each page checks the visitor's role itself
/// (<see cref="Shared.WorkspacePage"/>), since a page's later actions run over its circuit, not over HTTP requests.
/// </summary>
public static class WebAppSetup
{
    public static WebApplicationBuilder AddWayfinderWebApp(this WebApplicationBuilder builder)
    {
        // The pages' files (wwwroot, the framework's blazor.web.js) as the build left them, in every environment and from
        // every host (wayfinder serve copies this project's manifest beside itself), not only in Development.
        builder.WebHost.UseStaticWebAssets();
        // No catch-all route for files missing from the build's manifest (Development adds one): it would state no access rule.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["DisableStaticAssetNotFoundRuntimeFallback"] = "true" });
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    public static WebApplication MapWayfinderWebApp(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnybody();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AllowAnybody();
        return app;
    }
}

namespace Wayfinder.Web.Server;

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Wayfinder.Web.Access;

/// <summary>
/// The interactive API reference (Scalar) at <c>/api/reference</c>, over <c>/openapi/v1.json</c>: served whole by the
/// server (its script bundle too, no CDN, no proxy, no telemetry), its one inline script allowed by a nonce made per request.
/// </summary>
public static class ApiReference
{
    /// <summary>Where the reference page is.</summary>
    public const string Path = "/api/reference";

    /// <summary>The title of the reference and of the OpenAPI document.</summary>
    public const string Title = "Wayfinder API";

    /// <summary>The page and the assets it loads, open to anybody, as the OpenAPI document is.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapScalarApiReference(Path, o => o
                .WithTitle(Title)
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddPreferredSecuritySchemes([AccessSchemes.Bearer])
                .WithNonce()
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools())
            .AllowAnybody()
            .AllowScriptNonce(ScalarOptions.NonceHttpContextItemKey);
        return app;
    }

    /// <summary>The OpenAPI document's title and description, the bearer scheme, and which operations need it.</summary>
    public static OpenApiOptions DescribeWayfinderApi(this OpenApiOptions options)
    {
        options.AddDocumentTransformer<DocumentDescription>();
        options.AddOperationTransformer<OperationSecurity>();
        return options;
    }

    /// <summary>Title, description and the bearer security scheme (<c>Authorization: Bearer wf_…</c>).</summary>
    internal sealed class DocumentDescription : IOpenApiDocumentTransformer
    {
        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            document.Info.Title = Title;
            document.Info.Description =
                "The Wayfinder team server: workspaces, documents and their revisions, comments, evidence and live events.\n\n" +
                $"Authenticate with a personal access token (create one in the app, or `POST /api/v1/account/tokens` when signed in) sent as `Authorization: Bearer {Secrets.TokenPrefix}…`. " +
                "A browser signed in with its cookie needs no token; a share link reads one document with `?share=wfs_…`.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[AccessSchemes.Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = $"{Secrets.TokenPrefix}…",
                Description = $"A personal access token: `Authorization: Bearer {Secrets.TokenPrefix}…`.",
            };
            return Task.CompletedTask;
        }
    }

    /// <summary>Every operation that is not open to anybody needs the bearer token (or the browser's cookie).</summary>
    internal sealed class OperationSecurity : IOpenApiOperationTransformer
    {
        public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
        {
            var rule = context.Description.ActionDescriptor.EndpointMetadata.OfType<AccessRule>().FirstOrDefault();
            if (rule is not null and not AccessRule.Anybody)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AccessSchemes.Bearer, context.Document)] = [] });
            }

            return Task.CompletedTask;
        }
    }
}

namespace Wayfinder.Cli.Infrastructure;

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Wayfinder.Core.Metrics;

/// <summary>How every <c>--json</c> result is written: snake_case fields and enum values, indented, nulls kept so fields are always there.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            // Messages keep their quotes and apostrophes readable ('2026-02-30', not \u00272026-02-30\u0027); this is not HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        // The analysis report's metadata comes generated with the build: made by reflection, it cost a short process
        // (`wayfinder analyze --json`) some 30 ms of its start. Names, enums and escaping still follow these options.
        options.TypeInfoResolverChain.Add(CliJsonContext.Default);
        options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>Serialization metadata generated at build time for the largest <c>--json</c> results.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(JourneyReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

namespace Wayfinder.Core.Workspaces;

/// <summary>The glyph names a channel may ask for in <c>wayfinder.yaml</c>; renderings hold one drawing per name.</summary>
public static class ChannelGlyphs
{
    public static IReadOnlyList<string> Names { get; } = ["web", "app", "email", "phone", "chat", "store", "social", "ad", "mail", "person", "kiosk", "video", "search", "message", "event", "plane"];

    /// <summary>True for a glyph name in <see cref="Names"/>, in any case ("Web" is drawn as web).</summary>
    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);
}

/// <summary>The file formats a data source may name; Evidence reads each one.</summary>
public static class DataFormats
{
    public const string Csv = "csv";
    public const string Ndjson = "ndjson";
    public const string Parquet = "parquet";

    public static IReadOnlyList<string> Names { get; } = [Csv, Ndjson, Parquet];
}

/// <summary>The column-mapping presets a data source may name, for the usual exports; Evidence holds each one's columns.</summary>
public static class DataSourcePresets
{
    public const string Plain = "plain";
    public const string Ga4 = "ga4";
    public const string Segment = "segment";
    public const string Mixpanel = "mixpanel";

    public static IReadOnlyList<string> Names { get; } = [Plain, Ga4, Segment, Mixpanel];
}

namespace Wayfinder.Core.Workspaces;

using Wayfinder.Core.Documents;

/// <summary>The contents of <c>wayfinder.yaml</c> at a workspace's root.</summary>
public sealed record WorkspaceConfig
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public List<Channel> Channels { get; init; } = [];
    public List<Competitor> Competitors { get; init; } = [];
    public List<DataSource> DataSources { get; init; } = [];
    public WorkspaceDefaults Defaults { get; init; } = new();

    /// <summary>Where the workspace's events are kept: the embedded store (the default) or a ClickHouse server or cluster.</summary>
    public WorkspaceStore? Store { get; init; }

    /// <summary>Evidence every document in the workspace may cite.</summary>
    public List<EvidenceLink> Evidence { get; init; } = [];

    /// <summary>The team's look for every rendering: a logo, colours and a font; null draws Wayfinder's own.</summary>
    public Brand? Brand { get; init; }
}

/// <summary>
/// The <c>brand:</c> section: how renderings (maps, persona cards, charts, reports, slides) look for this team. Paths are
/// relative to the workspace's root.
/// </summary>
public sealed record Brand
{
    /// <summary>A PNG, JPEG or SVG file drawn in the corner of every rendering.</summary>
    public string? Logo { get; init; }

    /// <summary>The main colour (hex, e.g. <c>#1F4E79</c>): the stage header band, titles and slide bars.</summary>
    public string? Primary { get; init; }

    /// <summary>The second colour (hex): alternate bands, highlights and rules.</summary>
    public string? Accent { get; init; }

    /// <summary>A TrueType or OpenType font file all text is set in (measured and embedded from that file); null is DejaVu Sans.</summary>
    public string? Font { get; init; }
}

/// <summary>Where a touchpoint happens.</summary>
public enum ChannelKind
{
    Digital,
    Physical,
    Human,
    Media,
}

public sealed record Channel
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public ChannelKind Kind { get; init; } = ChannelKind.Digital;

    /// <summary>A glyph name for renderings, one of <see cref="ChannelGlyphs.Names"/>.</summary>
    public string? Glyph { get; init; }
}

public sealed record Competitor
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Color { get; init; }
}

public enum DataSourceKind
{
    Events,
    Surveys,
    Insights,
}

/// <summary>A data file (or folder) and how its columns map to Wayfinder's fields.</summary>
public sealed record DataSource
{
    public required string Id { get; init; }
    public DataSourceKind Kind { get; init; } = DataSourceKind.Events;
    public required string Path { get; init; }

    /// <summary>One of <see cref="DataFormats.Names"/>; null infers it from the extension.</summary>
    public string? Format { get; init; }

    /// <summary>One of <see cref="DataSourcePresets.Names"/>, or null for plain.</summary>
    public string? Preset { get; init; }

    /// <summary>
    /// Wayfinder field → column name in the file; also <c>timestamp_unit</c> and <c>timestamp_format</c>
    /// (<see cref="TimestampFormats"/>) say how the file writes its times.
    /// </summary>
    public Dictionary<string, string> Mapping { get; init; } = [];

    /// <summary>
    /// How many bad rows an import of this source accepts and still stores the good rows; null or 0 (the default): any bad
    /// row and nothing of the file is stored.
    /// </summary>
    public int? MaxBadRows { get; init; }
}

public sealed record WorkspaceDefaults
{
    public int FunnelWindowDays { get; init; } = 30;
    public int InactivityDays { get; init; } = 14;
    public int ReviewCadenceDays { get; init; } = 90;

    /// <summary>A rate or mean out of fewer customers or answers than this is marked as a small sample on maps and in reports.</summary>
    public int SmallSampleSize { get; init; } = DefaultSmallSampleSize;

    public const int DefaultSmallSampleSize = 30;
}

/// <summary>
/// The <c>store:</c> section: where events live. <see cref="Events"/> is <c>embedded</c> (files under <c>.wayfinder/</c>,
/// the default) or a ClickHouse address <c>clickhouse://host:port[,host:port…]/database?cluster=NAME</c>; the address is
/// checked by the application layer, which owns the ClickHouse parser. Credentials are never written here.
/// </summary>
public sealed record WorkspaceStore
{
    /// <summary>The value of <see cref="Events"/> that keeps events in the workspace's own files.</summary>
    public const string Embedded = "embedded";

    public string Events { get; init; } = Embedded;

    /// <summary>The prefix of the workspace's ClickHouse tables; null: the workspace's name made a ClickHouse name.</summary>
    public string? Table { get; init; }
}

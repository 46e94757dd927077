namespace Wayfinder.Core.Documents;

/// <summary>For one persona: its needs with importance, and how we and each competitor perform on each.</summary>
public sealed record ValueGapMap : IDocument
{
    public DocumentKind Kind { get; init; } = DocumentKind.ValueGap;
    public required string Id { get; init; }
    public required string Title { get; init; }
    public List<string> Tags { get; init; } = [];
    public string? Owner { get; init; }
    public int Revision { get; init; }

    public required string Persona { get; init; }

    /// <summary>Competitor ids from <c>wayfinder.yaml</c> rated on this map.</summary>
    public List<string> Competitors { get; init; } = [];

    /// <summary>Ratings run from 1 to <see cref="ScaleMax"/> (default 5).</summary>
    public double ScaleMax { get; init; } = 5;

    /// <summary>Differences within this band count as parity (default 0.5).</summary>
    public double ParityBand { get; init; } = 0.5;
    public List<ValueNeed> Needs { get; init; } = [];
    public List<EvidenceLink> Evidence { get; init; } = [];
    public Review? Review { get; init; }
    public List<Comment> Comments { get; init; } = [];
}

/// <summary>A need on a value gap map with our rating and each competitor's.</summary>
public sealed record ValueNeed
{
    public required string Id { get; init; }
    public required string Text { get; init; }
    public int Importance { get; init; } = 3;
    public double Ours { get; init; }

    /// <summary>Rating per competitor id.</summary>
    public Dictionary<string, double> Ratings { get; init; } = [];
    public List<string> Evidence { get; init; } = [];
}

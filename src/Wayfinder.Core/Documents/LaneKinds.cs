namespace Wayfinder.Core.Documents;

/// <summary>
/// What a lane type is, said once: its id in YAML, its display name, its place on the map, its colours
/// (Okabe–Ito accent and a light card tint), and which of <see cref="LaneItem"/>'s fields its items carry.
/// </summary>
public sealed record LaneKind
{
    public required LaneType Type { get; init; }

    /// <summary>The type as written in YAML (<c>type: pain_points</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The name shown for a lane of this type that has no name of its own.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Where a lane of this type goes by default, from the customer's side (0) down to the backstage.</summary>
    public required int Order { get; init; }

    /// <summary>The lane's stripe and swatch colour.</summary>
    public required string Accent { get; init; }

    /// <summary>The background of its cards: a light tint of the accent (ink on it passes WCAG AA).</summary>
    public required string CardFill { get; init; }

    /// <summary>The word an item's generated id starts with ("pain" in <c>pain-book-hidden-fees</c>).</summary>
    public required string ItemWord { get; init; }

    /// <summary>Items carry a channel (and an owner; touchpoints also their events).</summary>
    public bool HasChannel { get; init; }

    /// <summary>Items carry a score from -2 to +2, drawn as a curve.</summary>
    public bool HasScore { get; init; }

    /// <summary>Items carry a KPI: metric, target, actual and status.</summary>
    public bool HasKpi { get; init; }

    /// <summary>Items carry an opportunity's fields: status, customer value, business value, effort, addresses.</summary>
    public bool HasOpportunity { get; init; }

    /// <summary>Items name a persona (a B2B role).</summary>
    public bool HasPersona { get; init; }

    /// <summary>Items carry an image: src and alt.</summary>
    public bool HasImage { get; init; }

    /// <summary>The id a lane of this type gets by default: the YAML id as a slug (<c>pain-points</c>).</summary>
    public string DefaultLaneId => Id.Replace('_', '-');
}

/// <summary>The table of lane kinds: the one place a lane type's names, order, colours and item fields are written.</summary>
public static class LaneKinds
{
    private static readonly LaneKind[] s_kinds =
    [
        new() { Type = LaneType.Goals, Id = "goals", DisplayName = "Customer goals", Order = 1, Accent = "#0072B2", CardFill = "#DCEBF6", ItemWord = "goal" },
        new() { Type = LaneType.Actions, Id = "actions", DisplayName = "Actions", Order = 2, Accent = "#56B4E9", CardFill = "#E3F2FB", ItemWord = "action" },
        new() { Type = LaneType.Questions, Id = "questions", DisplayName = "Questions", Order = 3, Accent = "#CC79A7", CardFill = "#F6E5EE", ItemWord = "question" },
        new() { Type = LaneType.Thoughts, Id = "thoughts", DisplayName = "Thoughts", Order = 4, Accent = "#CC79A7", CardFill = "#F6E5EE", ItemWord = "thought" },
        new() { Type = LaneType.Touchpoints, Id = "touchpoints", DisplayName = "Touchpoints", Order = 5, Accent = "#0072B2", CardFill = "#FFFFFF", ItemWord = "touchpoint", HasChannel = true },
        new() { Type = LaneType.Channels, Id = "channels", DisplayName = "Channels", Order = 6, Accent = "#56B4E9", CardFill = "#E3F2FB", ItemWord = "channel", HasChannel = true },
        new() { Type = LaneType.Emotion, Id = "emotion", DisplayName = "Emotion", Order = 7, Accent = "#E69F00", CardFill = "#F1F3F5", ItemWord = "emotion", HasScore = true },
        new() { Type = LaneType.PainPoints, Id = "pain_points", DisplayName = "Pain points", Order = 8, Accent = "#D55E00", CardFill = "#FBE3D3", ItemWord = "pain" },
        new() { Type = LaneType.Opportunities, Id = "opportunities", DisplayName = "Opportunities", Order = 9, Accent = "#009E73", CardFill = "#D4F0E6", ItemWord = "opportunity", HasOpportunity = true },
        new() { Type = LaneType.Ideas, Id = "ideas", DisplayName = "Ideas", Order = 10, Accent = "#F0E442", CardFill = "#FBF7CF", ItemWord = "idea" },
        new() { Type = LaneType.Kpis, Id = "kpis", DisplayName = "KPIs", Order = 11, Accent = "#000000", CardFill = "#FFFFFF", ItemWord = "kpi", HasKpi = true },
        new() { Type = LaneType.Metrics, Id = "metrics", DisplayName = "Metrics", Order = 12, Accent = "#6B7280", CardFill = "#FFFFFF", ItemWord = "metric", HasKpi = true },
        new() { Type = LaneType.Backstage, Id = "backstage", DisplayName = "Backstage", Order = 13, Accent = "#6B7280", CardFill = "#F1F3F5", ItemWord = "backstage" },
        new() { Type = LaneType.Roles, Id = "roles", DisplayName = "Roles", Order = 0, Accent = "#E69F00", CardFill = "#FBEFD3", ItemWord = "role", HasPersona = true },
        new() { Type = LaneType.Images, Id = "images", DisplayName = "Images", Order = 14, Accent = "#6B7280", CardFill = "#F1F3F5", ItemWord = "image", HasImage = true },
    ];

    /// <summary>Every kind, in the order of <see cref="LaneType"/>.</summary>
    public static IReadOnlyList<LaneKind> All => s_kinds;

    /// <summary>Every kind in its default order on the map.</summary>
    public static IReadOnlyList<LaneKind> InMapOrder { get; } = [.. s_kinds.OrderBy(k => k.Order)];

    /// <summary>The kind of a lane type.</summary>
    public static LaneKind Of(LaneType type) => s_kinds[(int)type];

    /// <summary>The kind of a lane.</summary>
    public static LaneKind KindOf(this Lane lane) => Of(lane.Type);

    /// <summary>The lane's display name: its own, else its kind's.</summary>
    public static string DisplayName(this Lane lane) => string.IsNullOrWhiteSpace(lane.Name) ? Of(lane.Type).DisplayName : lane.Name!;

    /// <summary>
    /// The kinds whose items use a field of <see cref="LaneItem"/> (snake_case, as in YAML); empty for fields every
    /// kind may use (text, owner, evidence…).
    /// </summary>
    public static IReadOnlyList<LaneKind> UsingField(string field)
    {
        Func<LaneKind, bool>? uses = field switch
        {
            "channel" => k => k.HasChannel,
            "score" => k => k.HasScore,
            "metric" or "target" or "actual" or "status" => k => k.HasKpi,
            "opportunity_status" or "customer_value" or "business_value" or "effort" or "addresses" => k => k.HasOpportunity,
            "persona" => k => k.HasPersona,
            "src" or "alt" => k => k.HasImage,
            _ => null,
        };
        return uses is null ? [] : [.. s_kinds.Where(uses)];
    }
}

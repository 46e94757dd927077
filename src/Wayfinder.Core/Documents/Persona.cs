namespace Wayfinder.Core.Documents;

/// <summary>How a persona was made: from assumptions, from interviews, or derived from data.</summary>
public enum PersonaType
{
    Proto,
    Qualitative,
    Statistical,
}

/// <summary>An archetype of a customer, or of a buying role in B2B.</summary>
public sealed record Persona : IDocument
{
    public DocumentKind Kind { get; init; } = DocumentKind.Persona;
    public required string Id { get; init; }
    public required string Title { get; init; }
    public List<string> Tags { get; init; } = [];
    public string? Owner { get; init; }
    public int Revision { get; init; }

    public PersonaType Type { get; init; } = PersonaType.Proto;

    /// <summary>The persona's given name ("Maya"); <see cref="Title"/> is the display title ("Maya, the first-time flyer").</summary>
    public string? Name { get; init; }

    /// <summary>Role or archetype, e.g. "Economic buyer" or "Budget traveller".</summary>
    public string? Role { get; init; }
    public string? Photo { get; init; }
    public string? Initials { get; init; }
    public string? Quote { get; init; }
    public string? Story { get; init; }
    public Demographics? Demographics { get; init; }

    public List<Trait> Goals { get; init; } = [];
    public List<Need> Needs { get; init; } = [];
    public List<JobToBeDone> Jobs { get; init; } = [];
    public List<Trait> Motivations { get; init; } = [];
    public List<Trait> Pains { get; init; } = [];
    public List<Trait> Gains { get; init; } = [];
    public List<Trait> Behaviours { get; init; } = [];

    /// <summary>Preferred channels, by channel id from <c>wayfinder.yaml</c>.</summary>
    public List<string> Channels { get; init; } = [];
    public List<CompetitorAttitude> CompetitorAttitudes { get; init; } = [];
    public EmpathyMap? EmpathyMap { get; init; }

    /// <summary>A filter over customer attributes that ties the persona to the data.</summary>
    public string? Segment { get; init; }
    public List<EvidenceLink> Evidence { get; init; } = [];
    public Review? Review { get; init; }
    public List<Comment> Comments { get; init; } = [];

    /// <summary>The initials shown when there is no photo: given, else from the name or title.</summary>
    public string DisplayInitials()
    {
        if (!string.IsNullOrWhiteSpace(Initials))
        {
            return Initials!;
        }

        var words = (Name ?? Title).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var letters = words.Where(w => char.IsLetter(w[0])).Take(2).Select(w => char.ToUpperInvariant(w[0]));
        return string.Concat(letters);
    }
}

public sealed record Demographics
{
    public string? AgeRange { get; init; }
    public string? Gender { get; init; }
    public string? Location { get; init; }
    public string? Occupation { get; init; }
    public string? Income { get; init; }
    public Dictionary<string, string> Other { get; init; } = [];
}

/// <summary>A need with its importance from 1 (nice to have) to 5 (critical).</summary>
public sealed record Need
{
    public required string Id { get; init; }
    public required string Text { get; init; }
    public int Importance { get; init; } = 3;
    public List<string> Evidence { get; init; } = [];
}

/// <summary>A job to be done: "When …, I want to …, so I can …".</summary>
public sealed record JobToBeDone
{
    public string? Id { get; init; }
    public required string When { get; init; }
    public required string Want { get; init; }
    public required string SoThat { get; init; }
    public List<string> Evidence { get; init; } = [];
}

public sealed record CompetitorAttitude
{
    public string? Id { get; init; }
    public required string Competitor { get; init; }
    public required string Attitude { get; init; }
    public List<string> Evidence { get; init; } = [];
}

public sealed record EmpathyMap
{
    public List<Trait> Says { get; init; } = [];
    public List<Trait> Thinks { get; init; } = [];
    public List<Trait> Does { get; init; } = [];
    public List<Trait> Feels { get; init; } = [];
}

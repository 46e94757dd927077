namespace Wayfinder.Drafting.Answers;

using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>
/// The small shape a drafter answers in: a journey's stages with their items, and nothing a drafter could get wrong
/// in ways the journey schema would have to forbid (ids, lane types, revisions). A language model is held to it by
/// strict structured output (every property required, no others), and the offline drafter writes it too, so one
/// mapping (<see cref="DraftMapping"/>) makes every draft a <see cref="Core.Documents.Journey"/>.
/// </summary>
public sealed record DraftAnswer
{
    /// <summary>The map's title, e.g. "Maya's first international flight".</summary>
    public required string Title { get; init; }

    /// <summary>One or two sentences on what the draft assumes, for the draft note.</summary>
    public required string Summary { get; init; }

    public required List<DraftStage> Stages { get; init; }
}

/// <summary>A stage named for the customer's goal.</summary>
public sealed record DraftStage
{
    /// <summary>A short name, e.g. "Book".</summary>
    public required string Name { get; init; }

    /// <summary>The customer's goal in their words, e.g. "I want a seat I can afford".</summary>
    public required string Goal { get; init; }

    /// <summary>The name of an earlier stage customers go back to from here, or null.</summary>
    public required string? LoopsTo { get; init; }

    /// <summary>Step names within the stage, in order (may be empty).</summary>
    public required List<string> Steps { get; init; }

    public required List<DraftTouchpoint> Touchpoints { get; init; }

    public required List<DraftText> Actions { get; init; }

    public required List<DraftText> Questions { get; init; }

    public required List<DraftText> Thoughts { get; init; }

    public required DraftEmotion Emotion { get; init; }

    public required List<DraftPain> PainPoints { get; init; }

    public required List<DraftOpportunity> Opportunities { get; init; }

    public required List<DraftKpi> Kpis { get; init; }
}

/// <summary>Where the customer meets us: what, on which channel id of the workspace, and the event names that count as it.</summary>
public sealed record DraftTouchpoint
{
    public required string Name { get; init; }

    public required string Channel { get; init; }

    public required List<string> Events { get; init; }
}

/// <summary>A piece of text and the ids of the research insights it is taken from (empty: an assumption).</summary>
public sealed record DraftText
{
    public required string Text { get; init; }

    public required List<string> Insights { get; init; }
}

/// <summary>How the customer feels in the stage, −2 (very negative) to +2 (very positive), and why.</summary>
public sealed record DraftEmotion
{
    public required double Score { get; init; }

    public required string Text { get; init; }
}

/// <summary>A pain point with a short id (a slug) opportunities refer to.</summary>
public sealed record DraftPain
{
    public required string Id { get; init; }

    public required string Text { get; init; }

    public required List<string> Insights { get; init; }
}

/// <summary>An opportunity and the ids of the pain points (of any stage) it addresses.</summary>
public sealed record DraftOpportunity
{
    public required string Id { get; init; }

    public required string Text { get; init; }

    public required List<string> Addresses { get; init; }
}

/// <summary>A KPI: a metric in Wayfinder's KPI grammar (e.g. <c>conversion(book)</c>) and a target (e.g. <c>40%</c>); never an actual.</summary>
public sealed record DraftKpi
{
    public required string Metric { get; init; }

    public required string Target { get; init; }
}

/// <summary>The JSON form of <see cref="DraftAnswer"/>: snake_case, as the model is asked to write it.</summary>
public static class DraftAnswerJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    public static string Write(DraftAnswer answer) => JsonSerializer.Serialize(answer, Options);

    /// <summary>The answer, or null with the reason it cannot be read (not JSON, a missing or unknown property, a wrong type).</summary>
    public static (DraftAnswer? Answer, string? Problem) Read(string json)
    {
        try
        {
            var answer = JsonSerializer.Deserialize<DraftAnswer>(json, Options);
            return answer is null ? (null, "the answer is JSON null, not a draft") : (answer, null);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 0 } path ? $" at {path}" : "";
            return (null, $"the answer is not a readable draft{where}: {e.Message.Split(" Path:")[0]}");
        }
    }
}

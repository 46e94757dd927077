namespace Wayfinder.Web.Drafting;

using System.Text.Json;
using System.Text.Json.Nodes;
using Wayfinder.App.Documents;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Drafting;
using Wayfinder.Drafting.Enrich;

/// <summary>
/// The body of <c>POST /journeys/drafts</c>, as <c>wayfinder draft</c> takes it. Every field is read as text, so a missing
/// or wrong one is a problem that says which, never a binding error.
/// </summary>
/// <param name="Drafter"><c>auto</c> (the default), <c>offline</c> or <c>model</c>.</param>
public sealed record DraftJourneyBody(
    string? Id,
    string? Title,
    string? Persona,
    string? Scenario,
    string? Goal,
    string? Template,
    bool? FromData,
    string? StartEvent,
    string? GoalEvent,
    string? Drafter,
    string? Model)
{
    /// <summary>What is missing or wrong, one line each; empty when the body can be drafted from.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Blank(Id) is null)
        {
            problems.Add("id: give the new journey's id, e.g. \"first-flight-draft\"");
        }

        if (Blank(Scenario) is null)
        {
            problems.Add("scenario: say the situation, e.g. \"first international flight\"");
        }

        if (Blank(Goal) is null)
        {
            problems.Add("goal: say the business goal, e.g. \"more first-time flyers book again\"");
        }

        if (DrafterOf(Drafter) is null)
        {
            problems.Add($"drafter: \"{Drafter}\" is not a drafter; use auto, offline or model");
        }

        return problems;
    }

    /// <summary>The request for <see cref="DraftingService"/> (read <see cref="Problems"/> first).</summary>
    public DraftRequest ToRequest() => new()
    {
        Id = Blank(Id) ?? "",
        Title = Blank(Title),
        Persona = Blank(Persona),
        Scenario = Blank(Scenario) ?? "",
        Goal = Blank(Goal) ?? "",
        Template = Blank(Template),
        FromData = FromData == true,
        StartEvent = FromData == true ? Blank(StartEvent) : null,
        GoalEvent = FromData == true ? Blank(GoalEvent) : null,
        Drafter = DrafterOf(Drafter) ?? DrafterChoice.Auto,
        Model = Blank(Model),
    };

    /// <summary>The drafter a text names (<c>auto</c>, <c>offline</c>, <c>model</c>; blank is auto); null for any other.</summary>
    public static DrafterChoice? DrafterOf(string? text) => Blank(text)?.ToLowerInvariant() switch
    {
        null or "auto" => DrafterChoice.Auto,
        "offline" => DrafterChoice.Offline,
        "model" => DrafterChoice.Model,
        _ => null,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The body of <c>POST /journeys/{id}/proposals/apply</c>: <c>{"numbers": [1, 3]}</c> or <c>{"numbers": "all"}</c>.</summary>
public sealed record ApplyProposalsBody(JsonElement? Numbers)
{
    /// <summary>The numbers to apply (null: all), or why the body names none.</summary>
    public (IReadOnlyCollection<int>? Numbers, string? Problem) Read()
    {
        if (Numbers is not { } numbers || numbers.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return (null, "numbers: say which proposals to apply, a list such as [1, 3] or \"all\"");
        }

        if (numbers.ValueKind == JsonValueKind.String && numbers.GetString() == "all")
        {
            return (null, null);
        }

        if (numbers.ValueKind != JsonValueKind.Array)
        {
            return (null, "numbers: a list of proposal numbers such as [1, 3], or \"all\"");
        }

        var read = new SortedSet<int>();
        foreach (var number in numbers.EnumerateArray())
        {
            if (number.ValueKind != JsonValueKind.Number || !number.TryGetInt32(out var n))
            {
                return (null, $"numbers: {number.GetRawText()} is not a proposal number; the proposals are numbered 1, 2, 3…");
            }

            read.Add(n);
        }

        return read.Count == 0 ? (null, "numbers: the list is empty; name at least one proposal, or send \"all\"") : (read, null);
    }
}

/// <summary>One proposal as the API lists it.</summary>
/// <param name="Kind"><c>touchpoint</c>, <c>pain_point</c>, <c>stuck_stage</c> or <c>kpi</c>.</param>
/// <param name="Lane">The lane type the item goes in, as in the files (<c>touchpoints</c>, <c>pain_points</c>, <c>kpis</c>).</param>
/// <param name="Item">The item as it would be written in the file.</param>
/// <param name="Text">What is added where, in one line.</param>
public sealed record ProposalInfo(int Number, string Kind, string Stage, string Lane, JsonNode? Item, string Text, string Reason, string Source)
{
    public static ProposalInfo From(Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return new(proposal.Number, JsonNamingPolicy.SnakeCaseLower.ConvertName(proposal.Kind.ToString()), proposal.StageId,
            JsonNamingPolicy.SnakeCaseLower.ConvertName(proposal.Lane.ToString()), JsonSerializer.SerializeToNode(proposal.Item, DocumentJson.Options),
            proposal.Summary, proposal.Reason, proposal.Source);
    }
}

/// <summary>A journey's proposals and the revision they were made for (send it as <c>If-Match</c> when applying).</summary>
public sealed record ProposalList(int Revision, IReadOnlyList<ProposalInfo> Proposals);

/// <summary>A drafted journey: the document in the files' shape and who wrote it.</summary>
/// <param name="Attempts">How many answers the drafter asked for (2 when the model's first answer was sent back with its problems).</param>
/// <param name="Warnings">The saved draft's validation warnings, one line each (path: message).</param>
public sealed record DraftCreated(JsonNode? Document, string Drafter, string? Model, int Attempts, IReadOnlyList<string> Warnings)
{
    public static DraftCreated From(StoredDocument saved, DraftResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(DocumentNode(saved), result.Drafter ?? "offline", result.Model, result.Attempts, [.. result.Warnings.Select(w => $"{w.Path}: {w.Message}")]);
    }

    /// <summary>A stored journey as JSON in the files' shape, as <c>GET /documents/journey/{id}</c> gives it.</summary>
    public static JsonNode? DocumentNode(StoredDocument saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return JsonSerializer.SerializeToNode(DocumentYaml.Read(saved.Text, typeof(Journey)), typeof(Journey), DocumentJson.Options);
    }
}

/// <summary>Proposals applied: the journey as saved and the numbers applied.</summary>
public sealed record ProposalsApplied(JsonNode? Document, IReadOnlyList<int> Applied);

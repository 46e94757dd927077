namespace Wayfinder.Web.Drafting;

using Wayfinder.Drafting;
using Wayfinder.Drafting.Enrich;

/// <summary>
/// Why a draft or an apply wrote nothing, in plain words, for the API's problem details and the pages' messages alike:
/// the status, a title, a detail saying what to do, the known ids when a name was wrong, and the validation problems
/// (path: message) when an answer did not validate. Never a stack trace, never a key.
/// </summary>
public sealed record DraftProblem(int Status, string Title, string Detail)
{
    public IReadOnlyList<string> Known { get; init; } = [];

    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The problem of a draft that was not created; null when it was.</summary>
    public static DraftProblem? Of(DraftResult result, string workspace, DraftRequest request)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(request);
        return result.Outcome switch
        {
            DraftOutcome.Created => null,
            DraftOutcome.InvalidId => new(StatusCodes.Status400BadRequest, "The id is not valid",
                $"the id \"{request.Id}\" may have only lowercase letters, digits and single dashes; try \"{result.Suggestion}\""),
            DraftOutcome.Exists => new(StatusCodes.Status409Conflict, "The journey exists already",
                $"workspace \"{workspace}\" has a journey \"{request.Id}\" ({result.File}); choose another id, or enrich that map with its proposals"),
            DraftOutcome.UnknownTemplate => new(StatusCodes.Status422UnprocessableEntity, "No such template",
                $"there is no journey template \"{request.Template}\"; use one of: {string.Join(", ", result.Known)}") { Known = result.Known },
            DraftOutcome.UnknownPersona => new(StatusCodes.Status422UnprocessableEntity, "No such persona",
                result.Known.Count == 0
                    ? $"workspace \"{workspace}\" has no persona \"{request.Persona}\" (it has no personas yet); leave the persona out, or create one first"
                    : $"workspace \"{workspace}\" has no persona \"{request.Persona}\"; use one of: {string.Join(", ", result.Known)}") { Known = result.Known },
            DraftOutcome.NoEvents => new(StatusCodes.Status422UnprocessableEntity, "No events to draft from",
                request.Persona is null
                    ? $"workspace \"{workspace}\" has no imported events; import events first, or draft without from_data"
                    : $"workspace \"{workspace}\" has no imported events of the persona \"{request.Persona}\"'s segment; import events, or draft without from_data"),
            DraftOutcome.UnknownEvent => new(StatusCodes.Status422UnprocessableEntity, "No such event in the data",
                $"the start or goal event is not among the imported events; use one of: {string.Join(", ", result.Known.Take(30))}{(result.Known.Count > 30 ? ", …" : "")}") { Known = result.Known },
            _ => Failed(result),
        };
    }

    /// <summary>The problem of proposals that were not applied; null when they were.</summary>
    public static DraftProblem? Of(ApplyResult result, string workspace, string journeyId)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            ApplyOutcome.Applied => null,
            ApplyOutcome.NotFound => NoJourney(workspace, journeyId),
            ApplyOutcome.Changed => new(StatusCodes.Status409Conflict, "The journey changed since the proposals were listed",
                $"journey \"{journeyId}\" was saved since; list the proposals again and choose from the new list. Nothing was written"),
            ApplyOutcome.UnknownNumber => new(StatusCodes.Status422UnprocessableEntity, "No such proposal",
                $"there is no proposal {string.Join(", ", result.Unknown)} for journey \"{journeyId}\"; list the proposals to see their numbers. Nothing was written"),
            _ => new(StatusCodes.Status422UnprocessableEntity, "The proposals would make the map invalid",
                $"journey \"{journeyId}\" with these proposals does not validate ({result.Diagnostics.Count} problem(s)); nothing was written")
            {
                Problems = [.. result.Diagnostics.Select(d => $"{d.Path}: {d.Message}")],
            },
        };
    }

    /// <summary>No journey of that id.</summary>
    public static DraftProblem NoJourney(string workspace, string journeyId) =>
        new(StatusCodes.Status404NotFound, "No such journey", $"there is no journey \"{journeyId}\" in workspace \"{workspace}\"");

    private static DraftProblem Failed(DraftResult result)
    {
        var failure = result.Failure ?? new DraftFailure(DraftFailureKind.Unusable, "the drafter gave no answer");
        var who = result.Drafter == "model" ? $"the language model{(result.Model is { } m ? $" ({m})" : "")}" : $"the {result.Drafter ?? "offline"} drafter";
        var problems = failure.Diagnostics.Select(d => $"{d.Path}: {d.Message}").ToList();

        // Most drafter messages say already that nothing was written: the tail then only adds what to do.
        const string NothingWritten = "; nothing was written";
        string Said(string tail) => failure.Message.TrimEnd('.')
            + (failure.Message.Contains(NothingWritten, StringComparison.Ordinal) && tail.StartsWith(NothingWritten, StringComparison.Ordinal) ? tail[NothingWritten.Length..] : tail);
        return failure.Kind switch
        {
            DraftFailureKind.NotConfigured => new(StatusCodes.Status422UnprocessableEntity, "No language model is configured",
                Said("; draft with the offline drafter, or configure the server's model endpoint")),
            DraftFailureKind.TimedOut => new(StatusCodes.Status504GatewayTimeout, "The language model did not answer in time",
                Said("; nothing was written. Try again, or draft with the offline drafter")),
            DraftFailureKind.Unreachable => new(StatusCodes.Status502BadGateway, "The language model cannot be reached",
                Said("; nothing was written. Check the server's model endpoint, or draft with the offline drafter")),
            DraftFailureKind.Refused => new(StatusCodes.Status502BadGateway, "The language model refused", Said("; nothing was written")),
            DraftFailureKind.Invalid when result.Drafter != "model" => new(StatusCodes.Status500InternalServerError, "The draft is not a valid journey",
                Said($"; this is a fault in {who}: please report it")) { Problems = problems },
            DraftFailureKind.Invalid => new(StatusCodes.Status502BadGateway, "The language model's draft is not a valid journey",
                Said("; try again, or draft with the offline drafter")) { Problems = problems },
            _ => new(StatusCodes.Status502BadGateway, "The language model's answer is not usable",
                Said("; nothing was written. Try again, or draft with the offline drafter")) { Problems = problems },
        };
    }
}

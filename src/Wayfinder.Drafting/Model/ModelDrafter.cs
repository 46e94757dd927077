namespace Wayfinder.Drafting.Model;

/// <summary>Drafts with a language model over an OpenAI-compatible endpoint (Microsoft.Extensions.AI), one retry with the validation problems.</summary>
public sealed class ModelDrafter(ModelSettings settings) : IJourneyDrafter
{
    public string Name => "model";

    public ModelSettings Settings => settings;

    public Task<DrafterOutput> DraftAsync(DraftContext context, DraftCheck check, IProgress<DraftProgress>? progress, CancellationToken cancellationToken) =>
        Task.FromResult(new DrafterOutput(Name, context?.Request.Model ?? settings.Model, null, new DraftFailure(DraftFailureKind.NotConfigured, "the model drafter is not built yet")));
}

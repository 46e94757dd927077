namespace Wayfinder.Drafting.Offline;

using System.Globalization;
using Wayfinder.Core.Documents;
using Wayfinder.Drafting.Answers;

/// <summary>
/// The deterministic drafter: the template's stage set (or the discovered stages named after it), the persona's pains,
/// needs, goals, motivations, jobs and channels placed by shared words, and the research insights tagged to a stage as
/// cited pain points. No model, no demo values: no KPI actuals, statuses, targets, owners or sample texts of the template.
/// The same context always gives the same answer. The rules are in docs/drafting.md, "Composed offline".
/// </summary>
public sealed class OfflineDrafter : IJourneyDrafter
{
    public string Name => "offline";

    public Task<DrafterOutput> DraftAsync(DraftContext context, DraftCheck check, IProgress<DraftProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new DrafterOutput(Name, null, Compose(context), null));
    }

    /// <summary>The offline draft answer for <paramref name="context"/>.</summary>
    public static DraftAnswer Compose(DraftContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var slots = OfflineStages.Of(context);
        var cited = OfflinePlacement.AddInsights(context, slots);
        if (context.Persona is { } persona && slots.Count > 0)
        {
            OfflinePlacement.AddPersona(persona, slots);
        }

        var stages = new List<DraftStage>();
        for (var i = 0; i < slots.Count; i++)
        {
            stages.Add(slots[i].ToStage(Emotion(slots[i]), Kpis(slots, i)));
        }

        return new DraftAnswer { Title = Title(context), Summary = Summary(context, cited), Stages = stages };
    }

    /// <summary>Measured when the discovered stage has survey answers; else neutral, to be measured.</summary>
    private static DraftEmotion Emotion(DraftSlot slot)
    {
        if (slot.Discovered?.Satisfaction is { Emotion: { } measured } satisfaction)
        {
            var score = Math.Round(Math.Clamp(measured, -2, 2), 1, MidpointRounding.AwayFromZero);
            return new DraftEmotion { Score = score, Text = $"Measured from {Count(satisfaction.Responses, "survey answer")}" };
        }

        var text = slot.Pains.Count > 0 ? "Not measured yet, so neutral for now; the pain points here may pull it down" : "Not measured yet, so neutral for now";
        return new DraftEmotion { Score = 0, Text = text };
    }

    /// <summary>The first stage's reach, then each stage's conversion from the one before; no targets (no rule gives one).</summary>
    private static List<DraftKpi> Kpis(List<DraftSlot> slots, int i) =>
        [new DraftKpi { Metric = i == 0 ? $"reach({slots[i].Id})" : $"conversion({slots[i - 1].Id} -> {slots[i].Id})", Target = "" }];

    private static string Title(DraftContext context)
    {
        var scenario = context.Request.Scenario.Trim();
        var title = scenario.Length == 0 ? context.Template.Name : char.ToUpperInvariant(scenario[0]) + scenario[1..];
        return context.Persona is { } persona ? $"{title} for {PersonaName(persona)}" : title;
    }

    private static string Summary(DraftContext context, int cited)
    {
        var parts = new List<string>
        {
            context.Discovered is { Stages.Count: > 0 } discovered
                ? $"the stages customers go through in the events ({Count(discovered.Customers, "customer")}), named after the template's stages where they fit"
                : $"the stage set of the template \"{context.Template.Name}\"",
        };
        if (context.Persona is { } persona)
        {
            parts.Add($"{PersonaName(persona)}'s pains, needs, goals and jobs, each in the stage it shares most words with");
        }

        if (cited > 0)
        {
            parts.Add($"{Count(cited, "research insight")} tagged to these stages, as pain points citing them");
        }

        var from = parts.Count switch
        {
            1 => parts[0],
            2 => $"{parts[0]}, and {parts[1]}",
            _ => string.Join("; ", parts.Take(parts.Count - 1)) + "; and " + parts[^1],
        };
        return $"Composed offline from {from}. Emotions are to be measured and KPIs have no targets yet.";
    }

    internal static string PersonaName(Persona persona) => string.IsNullOrWhiteSpace(persona.Name) ? persona.Title.Trim() : persona.Name.Trim();

    private static string Count(int n, string word) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {word}{(n == 1 ? "" : "s")}";
}
